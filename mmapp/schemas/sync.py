"""The sync API's shapes: sign-in, events up, per-event results."""

from __future__ import annotations

import uuid
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    Field,
    StringConstraints,
)

from mmapp.schemas.base import Moment, Strict

# `review_answered` is an answer in a review session (same payload as `quiz_answered`);
# `review_too_easy` is the learner's "Too easy" on a review they got right.
# `skill_rated` ({"level": 0-4}) and `goal_set` ({"level": 1-4, "by": date | null}) are
# the learner's self-rating and own target for the nugget's skill (issue 13).
# `work_committed` ({"on": date, "plan": str}) is "Try it at work" on the nugget's
# practice; `work_reflected` ({"commitment": event id, "tried": bool, "went": "well" |
# "mixed" | "badly" | null, "note": str}) is how it went (mmapp/progress/work.py).
# `teachback_asked` ({"peer": user id, "at": moment with offset}) is "Teach it back" to a
# cohort colleague; `teachback_confirmed` ({"ask": event id, "explained": bool, "usable":
# bool, "rating": 1-4, "comment": str}) is that colleague's answer, on the same nugget and
# version (mmapp/teachback: the rules, and the one confirmation per ask).
EventType = Literal[
    "nugget_started",
    "step_done",
    "quiz_answered",
    "nugget_completed",
    "review_answered",
    "review_too_easy",
    "skill_rated",
    "goal_set",
    "work_committed",
    "work_reflected",
    "teachback_asked",
    "teachback_confirmed",
]


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


class LimitsOut(BaseModel):
    """The sizes a push may have: the device splits its outbox into batches that fit."""

    max_batch_events: int = Field(description="Most events in one push batch.")
    max_body_bytes: int = Field(description="Largest request body, in bytes (UTF-8 JSON).")
    max_string_chars: int = Field(description="Longest free-text string inside an event.")


class TokenIn(Strict):
    """Sign-in request."""

    email: Annotated[str, StringConstraints(max_length=254)]
    password: Annotated[str, StringConstraints(max_length=1024)]
    device_id: Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9_-]{8,64}$")]
    device_label: Annotated[str, StringConstraints(max_length=120)] = ""


class LocaleIn(Strict):
    """Choose the account's language: "en", "de", or null to follow the device."""

    locale: Annotated[str, StringConstraints(max_length=35)] | None


class JoinIn(Strict):
    """Join-a-cohort request."""

    invite_code: Annotated[str, StringConstraints(min_length=1, max_length=64)]
