"""Micromentoring: mentor profiles, requests for help, booked sessions and their holds.

A mentor's weekly availability (local wall-clock windows in their timezone) becomes
concrete slots when a learner looks (`mmapp.mentoring.availability`); nothing is stored
per slot until one is booked. A booked session *holds* the 5-minute cells of its time
for both people (`SessionHold`, unique per person and cell), so the database itself
refuses a second booking of the same time, on SQLite and Postgres alike, whatever the
two sessions' lengths.

After a session both people reflect once (`SessionReflection`); the learner's
reflection carries up to three actions (`PlannedAction`), each answered over time
(`ActionAnswer`, append-only: the latest answer is the action's state, kept on the
action row as a projection so the scheduler reads only the actions due).
"""

from __future__ import annotations

import datetime as dt
import enum
import uuid
from typing import Any

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from mmapp.models.core import _json, _ts, utcnow


class MentorProfile(SQLModel, table=True):
    """What a mentor offers: skills (at a level), lengths, capacity and weekly windows.

    `skills` is a list of `{"skill_id": str, "level": 3|4}`; `weekly` a list of
    `{"weekday": 0-6 (Monday 0), "start": "HH:MM", "end": "HH:MM"}` in `timezone`.
    """

    user_id: uuid.UUID = Field(foreign_key="user.id", primary_key=True)
    bio: str = Field(default="", max_length=400)
    skills: list[dict[str, Any]] = _json()
    lengths: list[int] = _json()
    monthly_capacity: int = 4
    timezone: str = Field(default="UTC", max_length=64)
    weekly: list[dict[str, Any]] = _json()
    active: bool = True
    updated_at: dt.datetime = _ts(default_factory=utcnow)


class RequestStatus(enum.StrEnum):
    """Where a request for help stands."""

    open = "open"  # written, not offered to anyone yet (or every offer passed)
    offered = "offered"  # waiting for `offered_to` until `offer_expires_at`
    accepted = "accepted"  # the mentor said yes: the learner picks a slot
    booked = "booked"  # a session is booked
    done = "done"
    cancelled = "cancelled"


class HelpRequest(SQLModel, table=True):
    """A learner's one-line need on one skill, offered to one mentor at a time."""

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    mentee_id: uuid.UUID = Field(foreign_key="user.id", index=True)
    skill_id: uuid.UUID = Field(foreign_key="skill.id", index=True)
    need: str = Field(max_length=280)
    minutes: int
    # The level the learner aims at (their goal or cohort target): mentors below it
    # are not offered the request, also when it passes down.
    target_level: int = 3
    status: RequestStatus = Field(default=RequestStatus.open, index=True)
    offered_to: uuid.UUID | None = Field(default=None, foreign_key="user.id", index=True)
    offer_expires_at: dt.datetime | None = _ts(default=None, index=True)
    # Mentors the request was offered to and who declined or let it expire, in order.
    passed_over: list[str] = _json()
    created_at: dt.datetime = _ts(default_factory=utcnow)


class SessionStatus(enum.StrEnum):
    """Whether a booked session stands."""

    booked = "booked"
    cancelled = "cancelled"


class MentoringSession(SQLModel, table=True):
    """A booked session; `sequence` counts changes (the calendar's SEQUENCE)."""

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    request_id: uuid.UUID = Field(foreign_key="helprequest.id", index=True)
    mentor_id: uuid.UUID = Field(foreign_key="user.id", index=True)
    mentee_id: uuid.UUID = Field(foreign_key="user.id", index=True)
    start_at: dt.datetime = _ts(index=True)
    minutes: int
    status: SessionStatus = Field(default=SessionStatus.booked)
    sequence: int = 0
    created_at: dt.datetime = _ts(default_factory=utcnow)
    updated_at: dt.datetime = _ts(default_factory=utcnow)


class SessionHold(SQLModel, table=True):
    """One 5-minute cell of a person's time taken by a booked session."""

    __table_args__ = (sa.UniqueConstraint("user_id", "cell_at"),)

    id: int | None = Field(default=None, primary_key=True)
    user_id: uuid.UUID = Field(foreign_key="user.id", index=True)
    cell_at: dt.datetime = _ts()
    session_id: uuid.UUID = Field(foreign_key="mentoringsession.id", index=True)


class SessionReflection(SQLModel, table=True):
    """One person's reflection on a session they had: a 1-4 rating and the fit.

    The id is made by the phone (a replay sends it again). The learner's may carry a
    takeaway and actions; the mentor's never does. One per person and session.
    """

    __table_args__ = (sa.UniqueConstraint("session_id", "user_id"),)

    id: uuid.UUID = Field(primary_key=True)
    session_id: uuid.UUID = Field(foreign_key="mentoringsession.id", index=True)
    user_id: uuid.UUID = Field(foreign_key="user.id", index=True)
    rating: int
    fit: str = Field(max_length=10)  # "good" | "deciding" | "not"
    takeaway: str = Field(default="", max_length=280)
    created_at: dt.datetime = _ts(default_factory=utcnow)


class ActionState(enum.StrEnum):
    """Where an action stands: its latest answer (none yet, or "not yet": open)."""

    open = "open"
    done = "done"
    dropped = "dropped"


class PlannedAction(SQLModel, table=True):
    """One of the learner's actions from a reflection, with a day to try it.

    `state`, `asked_on` (the day a push asks about it next), `last_answer_id` and
    `answered_at` follow from its answers (`mmapp.mentoring.reflections`).
    """

    id: uuid.UUID = Field(primary_key=True)
    reflection_id: uuid.UUID = Field(foreign_key="sessionreflection.id", index=True)
    session_id: uuid.UUID = Field(foreign_key="mentoringsession.id", index=True)
    mentee_id: uuid.UUID = Field(foreign_key="user.id", index=True)
    position: int = 0
    text: str = Field(max_length=140)
    due_on: dt.date
    state: str = Field(default=ActionState.open, max_length=10)
    asked_on: dt.date | None = Field(default=None, index=True)
    last_answer_id: uuid.UUID | None = None
    answered_at: dt.datetime | None = _ts(default=None)
    created_at: dt.datetime = _ts(default_factory=utcnow)


class ActionAnswer(SQLModel, table=True):
    """An answer to "Did you try it?": done, not yet, or drop (append-only)."""

    seq: int | None = Field(default=None, primary_key=True)
    id: uuid.UUID = Field(unique=True)
    action_id: uuid.UUID = Field(foreign_key="plannedaction.id", index=True)
    answer: str = Field(max_length=10)  # "done" | "not_yet" | "drop"
    answered_at: dt.datetime = _ts(default_factory=utcnow)


class CalendarFeed(SQLModel, table=True):
    """A person's secret calendar feed of their sessions: only the token's hash is kept."""

    user_id: uuid.UUID = Field(foreign_key="user.id", primary_key=True)
    token_hash: str = Field(max_length=64, unique=True)
    created_at: dt.datetime = _ts(default_factory=utcnow)


__all__ = [
    "ActionAnswer",
    "ActionState",
    "CalendarFeed",
    "HelpRequest",
    "MentorProfile",
    "MentoringSession",
    "PlannedAction",
    "RequestStatus",
    "SessionHold",
    "SessionReflection",
    "SessionStatus",
]
