"""Skill targets: the level a cohort should reach in a skill, and by when.

Coordinators set them (`mmapp.progress.standing.set_targets`); a learner's effective
target is the highest of their cohorts' targets and their own latest `goal_set`.
"""

from __future__ import annotations

import datetime as dt
import uuid

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from mmapp.models.core import _ts, utcnow


class SkillTarget(SQLModel, table=True):
    """One cohort's target in one skill: a level of the 0-4 scale (1-4), maybe a date."""

    __table_args__ = (sa.CheckConstraint("level BETWEEN 1 AND 4", name="skilltarget_level"),)

    cohort_id: uuid.UUID = Field(foreign_key="cohort.id", primary_key=True)
    skill_id: uuid.UUID = Field(foreign_key="skill.id", primary_key=True)
    level: int = Field(ge=1, le=4)
    by: dt.date | None = None
    set_by: uuid.UUID = Field(foreign_key="user.id")
    updated_at: dt.datetime = _ts(default_factory=utcnow)


__all__ = ["SkillTarget"]
