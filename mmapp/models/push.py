"""Push tables: the VAPID key, subscriptions, reminder plans, messages, deliveries.

A message is claimed once by its `dedupe_key` (one reminder per slot per day, one
"new nugget" per release), and each (message, subscription) pair is one delivery
row, so a crash and restart resumes a fan-out without notifying anyone twice.
"""

from __future__ import annotations

import datetime as dt
import enum
import uuid
from typing import Any

import sqlalchemy as sa
from sqlmodel import Field, SQLModel, col

from mmapp.models.core import LearnerEvent, _json, _ts, utcnow


class VapidKey(SQLModel, table=True):
    """The server's VAPID key pair, generated once on first start (row id 1)."""

    id: int = Field(default=1, primary_key=True)
    private_pem: str
    public_key: str = Field(max_length=100)  # base64url, uncompressed P-256 point
    created_at: dt.datetime = _ts(default_factory=utcnow)


class PushSubscription(SQLModel, table=True):
    """One browser's push endpoint and keys, for one user."""

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    user_id: uuid.UUID = Field(foreign_key="user.id", index=True)
    endpoint: str = Field(max_length=2048, unique=True)
    p256dh: str = Field(max_length=100)
    auth: str = Field(max_length=40)
    user_agent: str = Field(default="", max_length=200)
    created_at: dt.datetime = _ts(default_factory=utcnow)
    last_success_at: dt.datetime | None = _ts(default=None)


class ReminderPlan(SQLModel, table=True):
    """A learner's commute reminders: local wall-clock slots in their own timezone.

    `slots` is a list of `{"weekday": 0-6 (Monday 0), "time": "HH:MM"}`; quiet hours
    run from `quiet_start` to `quiet_end` local time and may wrap past midnight.
    `next_due_at` is the next instant a slot rings (None: never), kept by
    `mmapp.push.reminder_times` so the scheduler reads only the plans due.
    """

    user_id: uuid.UUID = Field(foreign_key="user.id", primary_key=True)
    enabled: bool = True
    timezone: str = Field(default="UTC", max_length=64)
    slots: list[dict[str, Any]] = _json()
    quiet_start: str | None = Field(default=None, max_length=5)
    quiet_end: str | None = Field(default=None, max_length=5)
    daily_goal_minutes: int = 10
    updated_at: dt.datetime = _ts(default_factory=utcnow)
    next_due_at: dt.datetime | None = _ts(default=None, index=True)


class PushMessage(SQLModel, table=True):
    """Something to tell a set of users, once (`dedupe_key` is the claim)."""

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    dedupe_key: str = Field(max_length=200, unique=True)
    kind: str = Field(max_length=20)  # "reminder" | "new_nugget"
    topic: str = Field(max_length=32)
    urgency: str = Field(default="normal", max_length=10)
    ttl_seconds: int = 3600
    payload: dict[str, Any] = _json(dict)  # English, and any language without its own
    # The payload in other languages, by locale: a delivery's `locale` picks its own.
    localized: dict[str, dict[str, Any]] = _json(dict, server_default="{}")
    cohort_id: uuid.UUID | None = Field(default=None, foreign_key="cohort.id", index=True)
    nugget_id: uuid.UUID | None = Field(default=None, foreign_key="nugget.id")
    created_by: uuid.UUID | None = Field(default=None, foreign_key="user.id")
    created_at: dt.datetime = _ts(default_factory=utcnow)


class DeliveryStatus(enum.StrEnum):
    """Where one (message, subscription) delivery stands."""

    pending = "pending"
    sending = "sending"
    sent = "sent"
    expired = "expired"  # 404/410: the subscription is gone and was deleted
    failed = "failed"  # not retried (400/403/413, or retries used up)


class PushDelivery(SQLModel, table=True):
    """One message to one subscription; the row makes each send happen once."""

    __table_args__ = (sa.UniqueConstraint("message_id", "subscription_id"),)

    id: int | None = Field(default=None, primary_key=True)
    message_id: uuid.UUID = Field(foreign_key="pushmessage.id", index=True)
    # Kept (not a foreign key) when an expired subscription is deleted, for the report.
    subscription_id: uuid.UUID = Field(index=True)
    user_id: uuid.UUID = Field(foreign_key="user.id", index=True)
    # The recipient's language when it was queued: which of the message's payloads it gets.
    locale: str = Field(default="en", max_length=16, sa_column_kwargs={"server_default": "en"})
    status: DeliveryStatus = Field(default=DeliveryStatus.pending, index=True)
    attempts: int = 0
    next_attempt_at: dt.datetime = _ts(default_factory=utcnow, index=True)
    lease_until: dt.datetime | None = _ts(default=None)
    http_status: int | None = None
    reason: str = Field(default="", max_length=300)
    updated_at: dt.datetime = _ts(default_factory=utcnow)


# The push scheduler's way into the event log: work check-ins (`mmapp.push.work_checkins`)
# read the work events of the last days by it, not every learner's log. An index on
# `learnerevent`, declared here beside the scheduler's other tables.
WORK_EVENTS_INDEX = sa.Index(
    "ix_learnerevent_type_received_at", col(LearnerEvent.type), col(LearnerEvent.received_at)
)
