"""One module per route; learner pages are local-first (client state only)."""

from mmapp.pages import (
    audit,
    coach_accounts,
    coach_badges,
    coach_cohort,
    coach_editor,
    coach_home,
    nugget,
    progress,
    reflect,
    reminders,
    reset,
    review,
    signin,
    teach,
    today,
    week,
)

__all__ = [
    "audit",
    "coach_accounts",
    "coach_badges",
    "coach_cohort",
    "coach_editor",
    "coach_home",
    "nugget",
    "progress",
    "reflect",
    "reminders",
    "reset",
    "review",
    "signin",
    "teach",
    "today",
    "week",
]
