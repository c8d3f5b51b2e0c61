"""Core tables: accounts, cohorts, content, assignments, the event log, devices.

Plain SQLModel (no reflex import); timestamps stored as UTC, read back timezone-aware.
"""

from __future__ import annotations

import datetime as dt
import enum
import uuid
from typing import Any

import sqlalchemy as sa
from sqlmodel import JSON, Column, Field, SQLModel

from mmapp.clock import get_clock


def utcnow() -> dt.datetime:
    """Now, from the clock seam (a `FixedClock` controls every default timestamp), in UTC."""
    return get_clock().now()


class UTCDateTime(sa.types.TypeDecorator[dt.datetime]):
    """A DateTime that stores UTC and returns aware datetimes (SQLite drops tzinfo)."""

    impl = sa.DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Any) -> Any:
        """Normalise to UTC before storing; naive values are rejected."""
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        return value.astimezone(dt.UTC)

    def process_result_value(self, value: dt.datetime | None, dialect: Any) -> Any:
        """Attach UTC to values the driver returns naive."""
        if value is None:
            return None
        return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value


def _ts(**kwargs: Any) -> Any:
    return Field(sa_type=UTCDateTime, **kwargs)


def _json(default_factory: Any = list, server_default: str | None = None) -> Any:
    column = Column(JSON, nullable=False, server_default=server_default)
    return Field(default_factory=default_factory, sa_column=column)


class Role(enum.StrEnum):
    """What an account may do."""

    learner = "learner"
    coordinator = "coordinator"
    mentor = "mentor"
    admin = "admin"


class NuggetStatus(enum.StrEnum):
    """Lifecycle of a nugget."""

    draft = "draft"
    published = "published"
    retracted = "retracted"


class QuizKind(enum.StrEnum):
    """Quiz item types."""

    single_choice = "single_choice"
    multiple_choice = "multiple_choice"
    true_false = "true_false"
    short_answer = "short_answer"


class User(SQLModel, table=True):
    """An account: learner, coordinator, mentor or admin."""

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    email: str = Field(max_length=254, unique=True, index=True)
    display_name: str = Field(max_length=120)
    role: Role = Field(default=Role.learner)
    password_hash: str
    timezone: str = Field(default="UTC", max_length=64)
    locale: str | None = Field(default=None, max_length=16)  # chosen; None: the device's
    device_locale: str | None = Field(default=None, max_length=16)
    created_at: dt.datetime = _ts(default_factory=utcnow)
    # Content sequence number of the last join or leave: devices resync past it.
    memberships_seq: int = Field(default=0)
    # Bumped atomically on each change to this learner's review cards (pulls send deltas).
    reviews_version: int = Field(default=0)
    # Set when the account was deleted: the row stays as a tombstone (mmapp.accounts.deletion).
    deleted_at: dt.datetime | None = _ts(default=None)
    disabled_at: dt.datetime | None = _ts(default=None)  # by an admin: no sign-in, no sync


class AuthToken(SQLModel, table=True):
    """A device's bearer token; only its SHA-256 is stored."""

    token_hash: str = Field(primary_key=True, max_length=64)
    user_id: uuid.UUID = Field(foreign_key="user.id", index=True)
    device_id: str | None = Field(default=None, max_length=64)
    created_at: dt.datetime = _ts(default_factory=utcnow)
    expires_at: dt.datetime = _ts()
    revoked_at: dt.datetime | None = _ts(default=None)


class Cohort(SQLModel, table=True):
    """A group of learners that receives the same nuggets."""

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    name: str = Field(max_length=120)
    invite_code: str = Field(max_length=32, unique=True, index=True)
    timezone: str = Field(default="UTC", max_length=64)
    owner_id: uuid.UUID | None = Field(default=None, foreign_key="user.id")
    archived: bool = False
    created_at: dt.datetime = _ts(default_factory=utcnow)


class CohortMembership(SQLModel, table=True):
    """A learner's place in a cohort."""

    __table_args__ = (sa.UniqueConstraint("cohort_id", "user_id"),)

    id: int | None = Field(default=None, primary_key=True)
    cohort_id: uuid.UUID = Field(foreign_key="cohort.id", index=True)
    user_id: uuid.UUID = Field(foreign_key="user.id", index=True)
    joined_at: dt.datetime = _ts(default_factory=utcnow)
    # Leaving keeps the row: answers given offline before leaving are still accepted.
    left_at: dt.datetime | None = _ts(default=None)


class Skill(SQLModel, table=True):
    """A micro-skill that nuggets build towards."""

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    slug: str = Field(max_length=64, unique=True, index=True)
    name: str = Field(max_length=120)
    description: str = Field(default="", max_length=1000)
    # Who may change the name and description (None: admins only); see mmapp.access.
    owner_id: uuid.UUID | None = Field(default=None, foreign_key="user.id")
    # Words of the 0-4 scale ([]: defaults); see mmapp.content.scale.scale_words.
    scale: list[str] = _json(server_default="[]")


class ContentSeq(SQLModel, table=True):
    """The one-row counter behind content cursors (taken under a row lock)."""

    id: int = Field(default=1, primary_key=True)
    value: int = 0


class Nugget(SQLModel, table=True):
    """A 5-15 minute lesson in four parts; `version` grows on every published edit."""

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    slug: str = Field(max_length=80, unique=True, index=True)
    skill_id: uuid.UUID = Field(foreign_key="skill.id", index=True)
    title: str = Field(max_length=140)
    summary: str = Field(default="", max_length=400)
    minutes: int = Field(ge=5, le=15)
    context_md: str
    way_in_md: str
    practice_steps: list[str] = _json()
    payoff_md: str
    status: NuggetStatus = Field(default=NuggetStatus.draft)
    version: int = 0
    change_seq: int = Field(default=0, index=True)
    created_by: uuid.UUID | None = Field(default=None, foreign_key="user.id")
    updated_at: dt.datetime = _ts(default_factory=utcnow)
    # Which step of its skill's 0-4 scale the nugget builds toward (1-4).
    level: int = Field(default=1, ge=1, le=4, sa_column_kwargs={"server_default": "1"})
    # Slugs of nuggets to take first, any skill; acyclic (mmapp.content.prerequisites).
    prerequisites: list[str] = _json(server_default="[]")


class QuizItem(SQLModel, table=True):
    """A quiz question of a nugget (current draft/published content)."""

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    nugget_id: uuid.UUID = Field(foreign_key="nugget.id", index=True)
    position: int
    kind: QuizKind
    prompt: str = Field(max_length=1000)
    options: list[str] = _json()
    correct: list[int] = _json()
    accepted_answers: list[str] = _json()
    explanation: str = Field(max_length=2000)


class NuggetRevision(SQLModel, table=True):
    """Frozen snapshot of a published version: answers are graded against it."""

    __table_args__ = (sa.UniqueConstraint("nugget_id", "version"),)

    id: int | None = Field(default=None, primary_key=True)
    nugget_id: uuid.UUID = Field(foreign_key="nugget.id", index=True)
    version: int
    snapshot: dict[str, Any] = _json(dict)
    published_at: dt.datetime = _ts(default_factory=utcnow)


class Assignment(SQLModel, table=True):
    """A nugget given to a cohort from `release_at`; removal is a soft delete."""

    __table_args__ = (sa.UniqueConstraint("cohort_id", "nugget_id"),)

    id: int | None = Field(default=None, primary_key=True)
    cohort_id: uuid.UUID = Field(foreign_key="cohort.id", index=True)
    nugget_id: uuid.UUID = Field(foreign_key="nugget.id", index=True)
    position: int = 0
    release_at: dt.datetime = _ts(default_factory=utcnow)
    due_at: dt.datetime | None = _ts(default=None)
    removed_at: dt.datetime | None = _ts(default=None)
    # Set when a released assignment is moved back into the future: devices that
    # hold the nugget get a tombstone until the new release time.
    recalled_at: dt.datetime | None = _ts(default=None)
    change_seq: int = Field(default=0, index=True)


class Device(SQLModel, table=True):
    """A learner's device, known by its client-made id; tracks sync health."""

    id: str = Field(primary_key=True, max_length=64)
    user_id: uuid.UUID = Field(foreign_key="user.id", index=True)
    label: str = Field(default="", max_length=120)
    max_seq: int = 0
    created_at: dt.datetime = _ts(default_factory=utcnow)
    last_sync_at: dt.datetime | None = _ts(default=None)


class DeviceSeqGap(SQLModel, table=True):
    """A run of `device_seq` numbers not (yet) received from a device."""

    id: int | None = Field(default=None, primary_key=True)
    device_id: str = Field(foreign_key="device.id", index=True, max_length=64)
    first_seq: int
    last_seq: int
    detected_at: dt.datetime = _ts(default_factory=utcnow)


class LearnerEvent(SQLModel, table=True):
    """Append-only learner activity; `seq` is the server's order of arrival."""

    __table_args__ = (sa.UniqueConstraint("device_id", "device_seq"),)

    seq: int | None = Field(default=None, primary_key=True)
    event_id: uuid.UUID = Field(unique=True, index=True)
    user_id: uuid.UUID = Field(foreign_key="user.id", index=True)
    device_id: str = Field(foreign_key="device.id", max_length=64)
    device_seq: int
    type: str = Field(max_length=32)
    nugget_id: uuid.UUID = Field(foreign_key="nugget.id", index=True)
    nugget_version: int
    payload: dict[str, Any] = _json(dict)
    fingerprint: str = Field(max_length=64)
    client_ts: dt.datetime = _ts()
    received_at: dt.datetime = _ts(default_factory=utcnow)


class StaffGrant(SQLModel, table=True):
    """A coordinator allowed to manage a cohort, or edit a nugget, they do not own."""

    __table_args__ = (
        sa.UniqueConstraint("user_id", "cohort_id"),
        sa.UniqueConstraint("user_id", "nugget_id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    user_id: uuid.UUID = Field(foreign_key="user.id", index=True)
    cohort_id: uuid.UUID | None = Field(default=None, foreign_key="cohort.id", index=True)
    nugget_id: uuid.UUID | None = Field(default=None, foreign_key="nugget.id", index=True)
    granted_by: uuid.UUID | None = Field(default=None, foreign_key="user.id")
    created_at: dt.datetime = _ts(default_factory=utcnow)


__all__ = [
    "Assignment",
    "AuthToken",
    "Cohort",
    "CohortMembership",
    "ContentSeq",
    "Device",
    "DeviceSeqGap",
    "LearnerEvent",
    "Nugget",
    "NuggetRevision",
    "NuggetStatus",
    "QuizItem",
    "QuizKind",
    "Role",
    "Skill",
    "StaffGrant",
    "User",
    "utcnow",
]
