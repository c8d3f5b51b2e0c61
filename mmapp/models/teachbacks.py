"""Peer teach-backs: a learner's ask to a colleague, and the colleague's confirmation.

A projection of two learner events, kept current at ingest in the same transaction
(`mmapp.teachback.ledger`): a `teachback_asked` makes the row (its id is that event's
id), a `teachback_confirmed` fills the `confirm_*` columns once. The events stay the
truth; the row makes "asked of me" an indexed read, and the one-confirmation rule a
row lock rather than a scan of the log.
"""

from __future__ import annotations

import datetime as dt
import uuid

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from mmapp.models.core import _ts

COMMENT_CHARS = 280


class TeachBack(SQLModel, table=True):
    """One ask: who teaches whom which nugget when; and, once confirmed, how it went."""

    __table_args__ = (
        sa.CheckConstraint("rating IS NULL OR rating BETWEEN 1 AND 4", name="teachback_rating"),
    )

    ask_id: uuid.UUID = Field(primary_key=True)  # the `teachback_asked` event's id
    teacher_id: uuid.UUID = Field(foreign_key="user.id", index=True)
    peer_id: uuid.UUID = Field(foreign_key="user.id", index=True)
    nugget_id: uuid.UUID = Field(foreign_key="nugget.id", index=True)
    nugget_version: int
    at: dt.datetime = _ts()  # the moment agreed, in UTC
    asked_at: dt.datetime = _ts(index=True)  # when the server stored the ask
    confirm_id: uuid.UUID | None = Field(default=None, unique=True)
    explained: bool | None = None
    usable: bool | None = None
    rating: int | None = None
    comment: str | None = Field(default=None, max_length=COMMENT_CHARS)
    confirmed_at: dt.datetime | None = _ts(default=None)  # when the server stored it


__all__ = ["COMMENT_CHARS", "TeachBack"]
