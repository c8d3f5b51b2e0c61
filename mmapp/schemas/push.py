"""Web Push subscriptions, reminder plans, announcements and releases."""

from __future__ import annotations

import uuid

from pydantic import (
    ConfigDict,
    Field,
    model_validator,
)

from mmapp.schemas.base import HHMM, IsoTime, Moment, Out, Strict


class SubscriptionKeys(Strict):
    """The browser's `PushSubscription.toJSON().keys`."""

    p256dh: str = Field(max_length=100)
    auth: str = Field(max_length=40)


class SubscriptionIn(Strict):
    """A browser push subscription, as `PushSubscription.toJSON()` gives it."""

    model_config = ConfigDict(extra="ignore")  # browsers may add fields
    endpoint: str = Field(max_length=2048)
    keys: SubscriptionKeys
    expirationTime: int | None = None  # the browser's own field name


class UnsubscribeIn(Strict):
    """Which subscription to forget."""

    endpoint: str = Field(max_length=2048)


class ReminderSlot(Strict):
    """One commute reminder: a weekday (Monday 0) and a local wall-clock time."""

    weekday: int = Field(ge=0, le=6)
    time: HHMM


class ReminderPlanIn(Strict):
    """A learner's reminder settings."""

    enabled: bool = True
    timezone: str = Field(min_length=1, max_length=64)
    slots: list[ReminderSlot] = Field(default_factory=list, max_length=28)
    quiet_start: HHMM | None = None
    quiet_end: HHMM | None = None
    daily_goal_minutes: int = Field(default=10, ge=5, le=120)

    @model_validator(mode="after")
    def _check(self) -> ReminderPlanIn:
        if (self.quiet_start is None) != (self.quiet_end is None):
            raise ValueError("give both quiet_start and quiet_end, or neither")
        keys = [(s.weekday, s.time) for s in self.slots]
        if len(keys) != len(set(keys)):
            raise ValueError("the same weekday and time is listed twice")
        return self


class NotifyIn(Strict):
    """A coordinator's "notify cohort" about one of its nuggets."""

    nugget_id: uuid.UUID


class ReleaseIn(Strict):
    """A coordinator gives a published nugget to a cohort, now or at `release_at`."""

    nugget_id: uuid.UUID
    release_at: Moment | None = None
    due_at: Moment | None = None
    position: int = Field(default=0, ge=0, le=10000)
    notify: bool = True


class ReminderPlanOut(ReminderPlanIn):
    """A learner's reminder settings as stored (a disabled default before any are saved)."""


class VapidKeyOut(Out):
    """The server's VAPID public key (base64url), for `pushManager.subscribe`."""

    public_key: str


class SubscriptionOut(Out):
    """A stored browser subscription."""

    id: uuid.UUID
    endpoint: str


class DeliveryFailure(Out):
    """One phone an announcement could not reach, and why."""

    user_id: uuid.UUID
    http_status: int | None
    reason: str


class DeliveryReport(Out):
    """How far an announcement got: counts by delivery status and each failure."""

    message_id: uuid.UUID
    total: int
    sent: int
    expired: int = Field(description="Expired or removed subscriptions.")
    failed: int
    waiting: int = Field(description="Pending or being sent.")
    failures: list[DeliveryFailure]


class ReleaseOut(Out):
    """A nugget given to a cohort, and the announcement that will tell its members."""

    nugget_id: uuid.UUID
    release_at: IsoTime
    message_id: uuid.UUID | None
