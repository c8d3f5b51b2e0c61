"""What a learner's answers add up to.

Owns what a learner's answers add up to (done, scores, minutes, streaks,
mastery levels per skill) and a cohort's analytics for its coordinators.
"""

from __future__ import annotations

from mmapp.progress import analytics, mastery, projections
from mmapp.progress.analytics import cohort_analytics, to_csv
from mmapp.progress.mastery import skill_level
from mmapp.progress.projections import (
    activity_time,
    compute_progress,
    minutes_on,
    snapshots,
    streak_from_days,
)

__all__ = [
    "activity_time",
    "analytics",
    "cohort_analytics",
    "compute_progress",
    "mastery",
    "minutes_on",
    "projections",
    "skill_level",
    "snapshots",
    "streak_from_days",
    "to_csv",
]
