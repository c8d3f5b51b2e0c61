"""The skills audit's view model (`mm_audit`), which the phone's mm-audit.js fills.

Declared apart from the other views (mmapp/schemas/views.py lists it with them in
`CLIENT_VIEWS`); the same contract test holds the JS to it.
"""

from __future__ import annotations

from pydantic import Field

from mmapp.schemas.base import View


class AuditLevel(View):
    """One word of a skill's 0-4 scale, as a radio in the audit."""

    slug: str
    level: int
    word: str
    chosen: bool


class AuditSkill(View):
    """One audit question: where the learner is today in one skill, and their goal."""

    slug: str
    name: str
    level: int  # the rating shown, -1 when not rated yet
    levels: list[AuditLevel]
    said: str
    goal: str  # "Your goal: 3 · I can do it on my own by 15 Jan", or ""
    can_set_goal: bool
    goal_open: bool
    goal_choices: list[AuditLevel]  # only levels above the current target
    goal_error: str


class AuditView(View):
    """The skills audit (`mm_audit`): one question per skill the learner has nuggets in."""

    loaded: bool = False
    empty: bool = False
    skills: list[AuditSkill] = Field(default_factory=list)
    answered: int = 0
    total: int = 0
    label: str = ""


__all__ = ["AuditLevel", "AuditSkill", "AuditView"]
