"""The review table: each learner's card per quiz item, a projection kept current.

A `ReviewCard` is never the truth: it folds the learner's answers (events) into one
summary per local day and the FSRS state that replaying those days gives. Ingest
keeps it current as answers arrive; `mmapp.reviews.cards.rebuild` derives the same
rows from the event log alone, and tests hold the two to each other.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from mmapp.models.core import _json


class ReviewCard(SQLModel, table=True):
    """One learner's card for one quiz item.

    `days` holds one summary per local day the item was answered or marked "too
    easy" (see `mmapp.reviews.cards.DayRecord`), in date order; the other columns
    are what replaying them gives, so a pull reads a card without replaying it.
    `prev` is the state before the last day, which a phone needs to re-rate that
    day offline. `timezone` and `schedule` are what the days and state were
    computed with: when either changes, the cards are rebuilt from the log.
    """

    user_id: uuid.UUID = Field(foreign_key="user.id", primary_key=True)
    item_id: uuid.UUID = Field(primary_key=True)
    nugget_id: uuid.UUID = Field(foreign_key="nugget.id", index=True)
    timezone: str = Field(max_length=64)
    schedule: str = Field(max_length=16)
    days: list[dict[str, Any]] = _json()
    reps: int = 0
    stability: float | None = None
    difficulty: float | None = None
    due_on: dt.date | None = None
    last_review_on: dt.date | None = None
    # Longest interval, in days, that ended in a right answer ("Mastered" reads it).
    best_interval: int = 0
    prev: dict[str, Any] | None = Field(default=None, sa_type=sa.JSON)
    # The learner's `User.reviews_version` when this card last changed.
    version: int = 0


__all__ = ["ReviewCard"]
