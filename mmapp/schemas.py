"""Input and output shapes shared by services, the API and the CLI (Pydantic)."""

from __future__ import annotations

import datetime as dt
import math
import uuid
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    AwareDatetime,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    TypeAdapter,
    model_validator,
)

from mmapp.models import QuizKind

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=20000)]
Short = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=400)]


# Times a request may carry: with an offset, between these instants. Wider values
# would parse but overflow when moved to UTC or stored (years 1 and 9999 with an
# offset), and no learner event, release or due date is outside them.
EARLIEST = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
LATEST = dt.datetime(2200, 1, 1, tzinfo=dt.UTC)
# How deep JSON inside a request may nest (event payloads are two levels deep).
MAX_DEPTH = 16


def _plausible_moment(moment: dt.datetime) -> dt.datetime:
    if not EARLIEST.year <= moment.year < LATEST.year:
        raise ValueError(f"must be between {EARLIEST.year} and {LATEST.year}")
    utc = moment.astimezone(dt.UTC)
    if not EARLIEST <= utc < LATEST:
        raise ValueError(f"must be between {EARLIEST.year} and {LATEST.year}")
    return utc


def _plausible_date(day: dt.date) -> dt.date:
    if not EARLIEST.year <= day.year < LATEST.year:
        raise ValueError(f"must be between {EARLIEST.year} and {LATEST.year}")
    return day


Moment = Annotated[AwareDatetime, AfterValidator(_plausible_moment)]
Day = Annotated[dt.date, AfterValidator(_plausible_date)]
MOMENT = TypeAdapter(Moment)  # for times read from forms rather than request bodies


def storable(value: Any, where: str = "", depth: int = 0) -> None:
    """Check that JSON-like input can be stored as it is.

    Args:
        value: Parsed JSON (or the Python values a form gives).
        where: The dotted path of `value`, for the error message.
        depth: How deep `value` sits.

    Raises:
        ValueError: A string holds a lone surrogate or NUL (valid JSON, but not
            text every database can store), a number is not finite (NaN and Infinity parse, but
            JSON columns refuse them), or the value nests deeper than `MAX_DEPTH`.

    """
    at = f" (at {where})" if where else ""
    if depth > MAX_DEPTH:
        raise ValueError(f"nests deeper than {MAX_DEPTH} levels{at}")
    if isinstance(value, float) and not math.isfinite(value):
        raise ValueError(f"numbers must be finite, not NaN or Infinity{at}")
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            raise ValueError(f"text holds an unpaired surrogate, not valid Unicode{at}") from None
        if "\x00" in value:  # PostgreSQL text cannot hold it
            raise ValueError(f"text holds a NUL character{at}")
    elif isinstance(value, dict):
        for key, item in value.items():
            storable(key, where, depth + 1)
            storable(item, f"{where}.{key}".lstrip("."), depth + 1)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            storable(item, f"{where}.{index}".lstrip("."), depth + 1)


class Strict(BaseModel):
    """Base for inputs: unknown fields are errors, and every string must be storable."""

    model_config = ConfigDict(extra="forbid")

    @model_validator(mode="before")
    @classmethod
    def _storable(cls, data: Any) -> Any:
        storable(data)
        return data


class ErrorOut(BaseModel):
    """What every 4xx answer carries."""

    error: str
    reason: str


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
    client_ts: Moment


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
    release_at: Moment | None = None
    due_at: Moment | None = None
    position: int = Field(default=0, ge=0, le=10000)
    notify: bool = True


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
    start_date: Day
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
