"""After a mentoring session: reflections, the learner's actions, answers, and history.

The phone makes every id (a queued reflection or answer may be sent twice): an
identical resend is answered as the first was, the same id with other content is
refused (409 `id_reused`).
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Literal

from pydantic import Field, model_validator

from mmapp.schemas.base import Day, IsoTime, Out, Strict

Fit = Literal["good", "deciding", "not"]
Answer = Literal["done", "not_yet", "drop"]
ActionStateName = Literal["open", "done", "dropped"]
# The most actions one reflection plans, and an action's longest text.
MAX_ACTIONS = 3
ACTION_TEXT_MAX = 140
TAKEAWAY_MAX = 280


class ActionIn(Strict):
    """One action the learner plans: what to try, and the day to try it by."""

    id: uuid.UUID
    text: str = Field(min_length=1, max_length=ACTION_TEXT_MAX)
    due_on: Day


class ReflectionIn(Strict):
    """A reflection on a session: both people rate it; only the learner plans actions."""

    id: uuid.UUID
    rating: int = Field(ge=1, le=4)
    fit: Fit
    takeaway: str = Field(default="", max_length=TAKEAWAY_MAX)
    actions: list[ActionIn] = Field(default_factory=list, max_length=MAX_ACTIONS)

    @model_validator(mode="after")
    def _check(self) -> ReflectionIn:
        ids = [a.id for a in self.actions]
        if len(set(ids)) != len(ids) or self.id in ids:
            raise ValueError("each action needs an id of its own")
        return self


class PlannedOut(Out):
    """An action as it was planned (the reflection's answer never changes with it)."""

    id: uuid.UUID
    text: str
    due_on: dt.date


class ReflectionOut(Out):
    """A stored reflection: the same body for the first send and every identical resend."""

    id: uuid.UUID
    session_id: uuid.UUID
    rating: int
    fit: str
    takeaway: str
    actions: list[PlannedOut]
    created_at: IsoTime


class AnswerIn(Strict):
    """An answer to "Did you try it?"."""

    id: uuid.UUID
    answer: Answer


class AnswerOut(Out):
    """A stored answer and what it made of the action (`asked_on`: when a push asks again)."""

    id: uuid.UUID
    action_id: uuid.UUID
    answer: str
    state: ActionStateName
    asked_on: dt.date | None
    answered_at: IsoTime


class ActionOut(Out):
    """One of the learner's actions, with its session's skill and mentor.

    `state` is its latest answer's (open until done or dropped; "not yet" keeps it
    open); `asked_on` the day a push asks about it next (None once closed);
    `answered_at` when it was last answered.
    """

    id: uuid.UUID
    session_id: uuid.UUID
    skill_id: uuid.UUID | None
    skill_name: str
    mentor_name: str
    text: str
    due_on: dt.date
    state: ActionStateName
    asked_on: dt.date | None
    answered_at: IsoTime | None


class HeldSessionOut(Out):
    """A session the learner had with a mentor."""

    session_id: uuid.UUID
    mentor_name: str
    start_at: IsoTime
    minutes: int


class SkillHistoryOut(Out):
    """Who helped the learner with one skill, and when (newest first)."""

    skill_id: uuid.UUID
    skill_name: str
    mentors: list[str]
    sessions: list[HeldSessionOut]


class ExportAnswer(Out):
    """An answer to one of the person's actions (in "Download my data")."""

    id: uuid.UUID
    answer: str
    answered_at: IsoTime


class ExportAction(Out):
    """One of the person's actions and every answer to it."""

    id: uuid.UUID
    session_id: uuid.UUID
    text: str
    due_on: dt.date
    state: str
    answers: list[ExportAnswer]


class ExportReflection(Out):
    """One of the person's reflections on a session."""

    id: uuid.UUID
    session_id: uuid.UUID
    rating: int
    fit: str
    takeaway: str
    created_at: IsoTime


__all__ = [
    "ACTION_TEXT_MAX",
    "MAX_ACTIONS",
    "TAKEAWAY_MAX",
    "ActionIn",
    "ActionOut",
    "ActionStateName",
    "Answer",
    "AnswerIn",
    "AnswerOut",
    "ExportAction",
    "ExportAnswer",
    "ExportReflection",
    "Fit",
    "HeldSessionOut",
    "PlannedOut",
    "ReflectionIn",
    "ReflectionOut",
    "SkillHistoryOut",
]
