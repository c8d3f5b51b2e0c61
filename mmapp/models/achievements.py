"""Achievements coordinators define per skill and level, and the credentials issued for them.

An `Achievement` holds the numbers of its criteria rule (`mmapp.credentials.criteria`
turns them into words); an `IssuedCredential` is one signed `OpenBadgeCredential`,
stored once and never changed: revoking it only fills the `revoked_*` columns.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from mmapp.models.core import _json, _ts, utcnow

DEFAULT_MIN_SCORE = 80  # first-try score, percent
DEFAULT_MIN_RECALL = 0.8
DEFAULT_MIN_DAYS = 30
MAX_TEACHBACKS = 20


class Achievement(SQLModel, table=True):
    """What a skill level certifies, and the rule a learner's evidence must meet."""

    __table_args__ = (
        sa.UniqueConstraint("skill_id", "level", name="achievement_skill_level"),
        sa.CheckConstraint("level BETWEEN 1 AND 4", name="achievement_level"),
        sa.CheckConstraint("min_score BETWEEN 0 AND 100", name="achievement_min_score"),
        sa.CheckConstraint("min_recall BETWEEN 0 AND 1", name="achievement_min_recall"),
        sa.CheckConstraint("min_days BETWEEN 0 AND 365", name="achievement_min_days"),
        sa.CheckConstraint(
            f"min_teachbacks BETWEEN 0 AND {MAX_TEACHBACKS}", name="achievement_min_teachbacks"
        ),
    )

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    skill_id: uuid.UUID = Field(foreign_key="skill.id", index=True)
    level: int = Field(ge=1, le=4)
    name: str = Field(max_length=120)
    description: str = Field(default="", max_length=1000)
    min_score: int = Field(default=DEFAULT_MIN_SCORE, ge=0, le=100)
    min_recall: float = Field(default=DEFAULT_MIN_RECALL, ge=0, le=1)
    min_days: int = Field(default=DEFAULT_MIN_DAYS, ge=0, le=365)
    # Confirmed teach-backs needed on the skill's nuggets (`mmapp.teachback`); 0: none.
    min_teachbacks: int = Field(
        default=0, ge=0, le=MAX_TEACHBACKS, sa_column_kwargs={"server_default": "0"}
    )
    updated_by: uuid.UUID | None = Field(default=None, foreign_key="user.id")
    updated_at: dt.datetime = _ts(default_factory=utcnow)


class IssuedCredential(SQLModel, table=True):
    """One signed credential; `id` is the unlisted id of its page, `/badges/<id>`.

    One per learner and achievement, ever (the unique constraint makes issuing
    idempotent under races); a revoked credential is not issued again by itself.
    """

    __table_args__ = (
        sa.UniqueConstraint("user_id", "achievement_id", name="issuedcredential_once"),
    )

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    achievement_id: uuid.UUID = Field(foreign_key="achievement.id", index=True)
    user_id: uuid.UUID = Field(foreign_key="user.id", index=True)
    document: dict[str, Any] = _json(default_factory=dict)
    issued_at: dt.datetime = _ts(default_factory=utcnow)
    revoked_at: dt.datetime | None = _ts(default=None)
    revoked_reason: str | None = Field(default=None, max_length=500)
    revoked_by: uuid.UUID | None = Field(default=None, foreign_key="user.id")


__all__ = [
    "DEFAULT_MIN_DAYS",
    "DEFAULT_MIN_RECALL",
    "DEFAULT_MIN_SCORE",
    "MAX_TEACHBACKS",
    "Achievement",
    "IssuedCredential",
]
