"""The learner's skills profile: private until they share it by an unlisted link.

One row per learner who ever shared. Only the SHA-256 of the link's token is stored
(like sign-in tokens): a copy of the database cannot open anyone's profile, and the
link is shown once, when it is made (the phone keeps it). Stopping sharing empties
the hash, so the old link answers 404 like any unknown one.
"""

from __future__ import annotations

import datetime as dt
import uuid

from sqlmodel import Field, SQLModel

from mmapp.models.core import _ts, utcnow


class SkillsProfile(SQLModel, table=True):
    """A learner's share state: the current link's token hash, if any."""

    user_id: uuid.UUID = Field(foreign_key="user.id", primary_key=True)
    token_hash: str | None = Field(default=None, max_length=64, unique=True)
    shared_at: dt.datetime | None = _ts(default=None)
    revoked_at: dt.datetime | None = _ts(default=None)
    created_at: dt.datetime = _ts(default_factory=utcnow)


__all__ = ["SkillsProfile"]
