"""What a learner's answers add up to.

Owns what a learner's answers add up to (done, scores, minutes, the daily goal,
streaks and freezes, mastery levels and standing per skill, work practice), which
cards a review session can ask, the pathway's situation for a learner read from the
store, and a cohort's analytics for its coordinators (progress, how members hold what
they learned in spaced review, and their skills against the targets).
"""

from __future__ import annotations

from mmapp.progress import (
    analytics,
    cohort_skills,
    learner_situation,
    mastery,
    member_standing,
    projections,
    review_analytics,
    reviewable,
    standing,
    statements,
    streaks,
    work,
)
from mmapp.progress.analytics import cohort_analytics, to_csv
from mmapp.progress.cohort_skills import cohort_skills as skills_view
from mmapp.progress.learner_situation import LearnerSituation
from mmapp.progress.mastery import skill_level
from mmapp.progress.member_standing import members_standing
from mmapp.progress.projections import (
    activity_time,
    compute_progress,
    goal_minutes,
    minutes_on,
    reviews_per_day,
    snapshots,
)
from mmapp.progress.review_analytics import cohort_reviews
from mmapp.progress.reviewable import due_reviews
from mmapp.progress.standing import cohort_targets, skill_standing
from mmapp.progress.streaks import day_minutes, streak_state, walk, window
from mmapp.progress.work import open_commitments, tried_at_work

__all__ = [
    "LearnerSituation",
    "activity_time",
    "analytics",
    "cohort_analytics",
    "cohort_reviews",
    "cohort_skills",
    "cohort_targets",
    "compute_progress",
    "day_minutes",
    "due_reviews",
    "goal_minutes",
    "learner_situation",
    "mastery",
    "member_standing",
    "members_standing",
    "minutes_on",
    "open_commitments",
    "projections",
    "review_analytics",
    "reviewable",
    "reviews_per_day",
    "skill_level",
    "skill_standing",
    "skills_view",
    "snapshots",
    "standing",
    "statements",
    "streak_state",
    "streaks",
    "to_csv",
    "tried_at_work",
    "walk",
    "window",
    "work",
]
