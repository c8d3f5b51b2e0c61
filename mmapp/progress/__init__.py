"""What a learner's answers add up to.

Owns what a learner's answers add up to (done, scores, minutes, the daily goal,
streaks and freezes) and a cohort's analytics for its coordinators.
"""

from __future__ import annotations

from mmapp.progress import analytics, projections, streaks
from mmapp.progress.analytics import cohort_analytics, to_csv
from mmapp.progress.projections import (
    activity_time,
    compute_progress,
    goal_minutes,
    minutes_on,
    reviews_per_day,
    snapshots,
)
from mmapp.progress.streaks import day_minutes, streak_state, walk, window

__all__ = [
    "activity_time",
    "analytics",
    "cohort_analytics",
    "compute_progress",
    "day_minutes",
    "goal_minutes",
    "minutes_on",
    "projections",
    "reviews_per_day",
    "snapshots",
    "streak_state",
    "streaks",
    "to_csv",
    "walk",
    "window",
]
