"""What a learner's answers add up to.

Owns what a learner's answers add up to (done, scores, minutes, streaks,
mastery levels per skill) and a cohort's analytics for its coordinators
(progress, and how members hold what they learned in spaced review).
"""

from __future__ import annotations

from mmapp.progress import analytics, mastery, projections, review_analytics
from mmapp.progress.analytics import cohort_analytics, to_csv
from mmapp.progress.mastery import skill_level
from mmapp.progress.projections import (
    activity_time,
    compute_progress,
    minutes_on,
    snapshots,
    streak_from_days,
)
from mmapp.progress.review_analytics import cohort_reviews

__all__ = [
    "activity_time",
    "analytics",
    "cohort_analytics",
    "cohort_reviews",
    "compute_progress",
    "mastery",
    "minutes_on",
    "projections",
    "review_analytics",
    "skill_level",
    "snapshots",
    "streak_from_days",
    "to_csv",
]
