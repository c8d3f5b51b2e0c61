"""Skill standing shapes: where a learner stands in each skill, and cohort targets.

`SkillStanding` rides in `ProgressOut.standing` (one per skill of the learner's given
nuggets); `TargetsIn`/`TargetsOut` are the coordinator's cohort targets
(`/coach/cohorts/{id}/targets`).
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Annotated, Literal

from pydantic import Field, StringConstraints

from mmapp.schemas.base import Day, IsoTime, Out, Strict
from mmapp.schemas.words import Words

Slug = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=64)]


class SkillStanding(Out):
    """A learner's standing in one skill: self-rating, shown level, target, in words."""

    slug: str
    name: str
    scale: list[str] = Field(description="The skill's five words, level 0 first.")
    self_rating: int | None = Field(description="The latest `skill_rated` level (0-4).")
    rated_on: dt.date | None = Field(description="Its local day.")
    shown: int = Field(description="The level practice shows, 0-4 (mmapp.progress.standing).")
    current: int = Field(description="The level the gap is measured from, 0-4.")
    target: int | None = Field(description="Effective target level (1-4): cohort or own goal.")
    target_by: dt.date | None
    target_source: Literal["cohort", "learner"] | None
    statement: str = Field(
        description="One line in English, e.g. 'Feedback: level 2 → 3 by 15 Jan; ...'."
    )
    statement_words: Words | None = Field(
        default=None, description="The same line for the phone to word in its language."
    )


class WorkEventOut(Out):
    """One of the learner's work-practice events, as the phone merges it with its own.

    `on` and `plan` are set on a `work_committed`; `commitment`, `tried`, `went` and
    `note` on a `work_reflected` (the rules: `mmapp.progress.work`).
    """

    event_id: uuid.UUID
    type: Literal["work_committed", "work_reflected"]
    nugget_id: uuid.UUID
    at: IsoTime = Field(description="When it most plausibly happened.")
    on: dt.date | None = Field(default=None, description="The day they will try it.")
    plan: str | None = None
    commitment: uuid.UUID | None = Field(default=None, description="The commitment answered.")
    tried: bool | None = None
    went: Literal["well", "mixed", "badly"] | None = None
    note: str | None = None


class TargetIn(Strict):
    """A cohort's target in one skill (by the skill's slug)."""

    skill: Slug
    level: int = Field(ge=1, le=4, strict=True, description="A level of the 0-4 scale (1-4).")
    by: Day | None = None


class TargetsIn(Strict):
    """Every target of a cohort: skills left out lose their target."""

    targets: list[TargetIn] = Field(max_length=500)


class TargetOut(Out):
    """A cohort's target in one skill, as stored."""

    skill: str = Field(description="The skill's slug.")
    skill_name: str
    level: int
    by: dt.date | None
    set_by: uuid.UUID
    updated_at: IsoTime


class TargetsOut(Out):
    """A cohort's targets, ordered by skill name."""

    cohort_id: uuid.UUID
    targets: list[TargetOut]


__all__ = [
    "SkillStanding",
    "Slug",
    "TargetIn",
    "TargetOut",
    "TargetsIn",
    "TargetsOut",
    "WorkEventOut",
]
