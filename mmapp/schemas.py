"""Input and output shapes shared by services, the API and the CLI (Pydantic)."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from mmapp.models import QuizKind

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=20000)]
Short = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=400)]


class Strict(BaseModel):
    """Base for inputs: unknown fields are errors, not silently dropped."""

    model_config = ConfigDict(extra="forbid")


class QuizItemIn(Strict):
    """A quiz item as authored."""

    kind: QuizKind
    prompt: Short
    options: list[Short] = Field(default_factory=list, max_length=8)
    correct: list[int] = Field(default_factory=list, max_length=8)
    accepted_answers: list[Short] = Field(default_factory=list, max_length=20)
    explanation: Text

    @model_validator(mode="after")
    def _check_kind(self) -> QuizItemIn:
        if self.kind == QuizKind.true_false and not self.options:
            self.options = ["True", "False"]
        if self.kind == QuizKind.short_answer:
            if not self.accepted_answers:
                raise ValueError("a short-answer item needs at least one accepted answer")
            if self.options or self.correct:
                raise ValueError("a short-answer item has no options or correct indexes")
            return self
        if len(self.options) < 2:
            raise ValueError(f"a {self.kind.value} item needs at least two options")
        if any(not 0 <= i < len(self.options) for i in self.correct):
            raise ValueError("a correct index points past the options")
        if len(set(self.correct)) != len(self.correct):
            raise ValueError("correct indexes repeat")
        if self.kind in (QuizKind.single_choice, QuizKind.true_false) and len(self.correct) != 1:
            raise ValueError(f"a {self.kind.value} item has exactly one correct option")
        if self.kind == QuizKind.multiple_choice and not self.correct:
            raise ValueError("a multiple_choice item needs at least one correct option")
        return self


class NuggetIn(Strict):
    """A nugget as authored: the four micromastery parts plus its quiz."""

    slug: Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]{1,78}$")]
    skill: Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]{1,62}$")]
    title: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=140)]
    summary: Short
    minutes: int = Field(ge=5, le=15)
    context: Text
    way_in: Text
    practice_steps: list[Short] = Field(min_length=1, max_length=12)
    payoff: Text
    quiz: list[QuizItemIn] = Field(min_length=1, max_length=10)


class SkillIn(Strict):
    """A micro-skill as authored."""

    slug: Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]{1,62}$")]
    name: Short
    description: str = Field(default="", max_length=1000)


# --- sync API -------------------------------------------------------------------

EventType = Literal["nugget_started", "step_done", "quiz_answered", "nugget_completed"]


class EventIn(Strict):
    """One learner event as the device sends it."""

    event_id: uuid.UUID
    device_seq: int = Field(ge=1, le=2**53)
    type: EventType
    nugget_id: uuid.UUID
    nugget_version: int = Field(ge=1, le=1_000_000)
    payload: dict[str, Any] = Field(default_factory=dict)
    client_ts: dt.datetime


class PushIn(Strict):
    """A batch of events from one device."""

    device_id: Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9_-]{8,64}$")]
    events: list[EventIn] = Field(max_length=10_000)  # the settings limit is checked too


class EventResult(BaseModel):
    """What happened to one pushed event."""

    event_id: uuid.UUID
    status: Literal["applied", "duplicate", "rejected"]
    reason: str | None = None


class PushOut(BaseModel):
    """Per-event outcome of a push, plus the device's sync health."""

    results: list[EventResult]
    device_max_seq: int
    missing_seqs: list[tuple[int, int]]


class TokenIn(Strict):
    """Sign-in request."""

    email: Annotated[str, StringConstraints(max_length=254)]
    password: Annotated[str, StringConstraints(max_length=1024)]
    device_id: Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9_-]{8,64}$")]
    device_label: Annotated[str, StringConstraints(max_length=120)] = ""


class JoinIn(Strict):
    """Join-a-cohort request."""

    invite_code: Annotated[str, StringConstraints(min_length=1, max_length=64)]


# --- Web Push --------------------------------------------------------------------
HHMM = Annotated[str, StringConstraints(pattern=r"^([01]\d|2[0-3]):[0-5]\d$")]


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
    release_at: dt.datetime | None = None
    due_at: dt.datetime | None = None
    position: int = Field(default=0, ge=0, le=10000)
    notify: bool = True

    @model_validator(mode="after")
    def _aware(self) -> ReleaseIn:
        for moment in (self.release_at, self.due_at):
            if moment is not None and moment.tzinfo is None:
                raise ValueError("times need a timezone, e.g. 2026-11-23T07:30:00+00:00")
        return self


# --- coordinator workspace ------------------------------------------------------
class CohortIn(Strict):
    """A new cohort."""

    name: Short
    timezone: str = Field(default="UTC", max_length=64)


class CohortPatch(Strict):
    """Rename, archive or restore a cohort, or move its timezone."""

    name: Short | None = None
    archived: bool | None = None
    timezone: str | None = Field(default=None, max_length=64)


class MemberIn(Strict):
    """Add an existing account to a cohort."""

    email: str = Field(min_length=3, max_length=254)


class DripIn(Strict):
    """Release nuggets to a cohort one per chosen day, in order, at a local time."""

    slugs: list[str] = Field(min_length=1, max_length=60)
    start_date: dt.date
    time: HHMM = "07:30"
    weekdays: list[int] = Field(default_factory=lambda: [0, 1, 2, 3, 4], min_length=1, max_length=7)
    due_after_days: int | None = Field(default=None, ge=1, le=60)
    notify: bool = True

    @model_validator(mode="after")
    def _check(self) -> DripIn:
        if any(not 0 <= d <= 6 for d in self.weekdays):
            raise ValueError("weekdays are 0 (Monday) to 6 (Sunday)")
        if len(set(self.slugs)) != len(self.slugs):
            raise ValueError("a nugget is listed twice")
        return self
