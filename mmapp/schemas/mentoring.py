"""Mentoring: a mentor's profile, a learner's request, ranked mentors, slots, sessions."""

from __future__ import annotations

import uuid
from typing import Any, Literal

from pydantic import Field, model_validator

from mmapp.schemas.base import HHMM, IsoTime, Moment, Out, Strict
from mmapp.schemas.reflections import (
    ActionOut,
    ExportAction,
    ExportReflection,
    SkillHistoryOut,
)

# The session lengths a mentor may offer and a learner may ask for, in minutes.
Length = Literal[15, 20, 30]


def _on_grid(hhmm: str) -> bool:
    return int(hhmm[3:]) % 5 == 0


class MentorSkill(Strict):
    """A skill a mentor helps with, at level 3 ("on my own") or 4 ("I can teach it")."""

    skill_id: uuid.UUID
    level: int = Field(ge=3, le=4)


class Window(Strict):
    """A weekly window: a weekday (Monday 0) and local wall-clock start and end."""

    weekday: int = Field(ge=0, le=6)
    start: HHMM
    end: HHMM

    @model_validator(mode="after")
    def _check(self) -> Window:
        if not (_on_grid(self.start) and _on_grid(self.end)):
            raise ValueError("start and end must be on 5-minute marks, like 12:05")
        if self.start >= self.end:
            raise ValueError("a window must end after it starts (on the same day)")
        return self


class MentorProfileIn(Strict):
    """What a mentor offers."""

    bio: str = Field(default="", max_length=400)
    skills: list[MentorSkill] = Field(min_length=1, max_length=20)
    lengths: list[Length] = Field(min_length=1, max_length=3)
    monthly_capacity: int = Field(default=4, ge=1, le=60)
    timezone: str = Field(min_length=1, max_length=64)
    weekly: list[Window] = Field(default_factory=list, max_length=35)
    active: bool = True

    @model_validator(mode="after")
    def _check(self) -> MentorProfileIn:
        if len({s.skill_id for s in self.skills}) != len(self.skills):
            raise ValueError("a skill is listed twice")
        if len(set(self.lengths)) != len(self.lengths):
            raise ValueError("a length is listed twice")
        days: dict[int, list[Window]] = {}
        for w in sorted(self.weekly, key=lambda w: (w.weekday, w.start)):
            before = days.setdefault(w.weekday, [])
            if before and before[-1].end > w.start:
                raise ValueError("two windows on the same day overlap")
            before.append(w)
        return self


class MentorProfileOut(MentorProfileIn):
    """A mentor's profile as stored, with this month's booked sessions."""

    user_id: uuid.UUID
    sessions_this_month: int


class MatchOut(Out):
    """A mentor who can take the need: score and the reasons for it."""

    mentor_id: uuid.UUID
    name: str
    score: float
    reasons: list[str]


class HelpRequestIn(Strict):
    """A learner's need on a skill; `mentor_id` to ask one mentor of the ranking.

    `id`, made by the phone, makes a resend safe: the same id with the same need
    answers the request it made (200), never a second one.
    """

    id: uuid.UUID | None = None
    skill_id: uuid.UUID
    need: str = Field(min_length=1, max_length=280)
    minutes: Length = 20
    mentor_id: uuid.UUID | None = None


class HelpRequestOut(Out):
    """A request as its learner or its mentor sees it."""

    id: uuid.UUID
    skill_id: uuid.UUID
    skill_name: str
    need: str
    minutes: int
    status: str
    mentee_name: str
    mentor_name: str | None
    offer_expires_at: IsoTime | None
    created_at: IsoTime


class BookIn(Strict):
    """A slot to book (or move a session to): one of the offered starts."""

    start_at: Moment


class SessionOut(Out):
    """A booked (or cancelled) session.

    `ended`: its time is over (a cancelled one never ends). `reflected`: the viewer
    reflected on it; then `rating`, `fit` and `takeaway` are the viewer's own.
    """

    id: uuid.UUID
    request_id: uuid.UUID
    skill_id: uuid.UUID | None = None
    mentor_id: uuid.UUID | None = None
    mentee_id: uuid.UUID | None = None
    mentor_name: str
    mentee_name: str
    skill_name: str
    need: str
    start_at: IsoTime
    minutes: int
    status: str
    sequence: int
    ended: bool = False
    reflected: bool = False
    rating: int | None = None
    fit: str | None = None
    takeaway: str | None = None


class SlotsOut(Out):
    """The mentor's free slots for an accepted request (UTC starts, next 7 days)."""

    minutes: int
    starts: list[IsoTime]


class SkillChoiceOut(Out):
    """A skill a mentor profile may name: its id and name, and whether I may offer it."""

    skill_id: uuid.UUID
    name: str
    may_offer: bool


class FeedOut(Out):
    """A new secret calendar feed URL, shown this once."""

    url: str


class MentoringOut(Out):
    """Everything mentoring for one person.

    Their requests, offers to them, sessions; their actions as a learner (open ones
    first); and, per skill, the mentors who helped them and when (`history`).
    """

    asked: list[HelpRequestOut]
    offered: list[HelpRequestOut]
    sessions: list[SessionOut]
    actions: list[ActionOut] = Field(default_factory=list)
    history: list[SkillHistoryOut] = Field(default_factory=list)


class ExportMentorProfile(Out):
    """A mentor profile as stored (in "Download my data")."""

    user_id: uuid.UUID
    bio: str
    skills: list[dict[str, Any]]
    lengths: list[int]
    monthly_capacity: int
    timezone: str
    weekly: list[dict[str, Any]]
    active: bool
    updated_at: IsoTime


class ExportHold(Out):
    """A 5-minute cell of the person's time a booked session holds."""

    cell_at: IsoTime
    session_id: uuid.UUID


class ExportFeed(Out):
    """That a secret calendar feed exists (never its token)."""

    created_at: IsoTime


class ExportMentoring(Out):
    """Everything mentoring stores about a person."""

    profile: ExportMentorProfile | None = None
    asked: list[HelpRequestOut] = Field(default_factory=list)
    offered_to_you: list[HelpRequestOut] = Field(default_factory=list)
    sessions_as_mentor: list[SessionOut] = Field(default_factory=list)
    sessions_as_learner: list[SessionOut] = Field(default_factory=list)
    holds: list[ExportHold] = Field(default_factory=list)
    calendar_feed: ExportFeed | None = None
    reflections: list[ExportReflection] = Field(default_factory=list)
    actions: list[ExportAction] = Field(default_factory=list)


__all__ = [
    "BookIn",
    "ExportFeed",
    "ExportHold",
    "ExportMentorProfile",
    "ExportMentoring",
    "FeedOut",
    "HelpRequestIn",
    "HelpRequestOut",
    "Length",
    "MatchOut",
    "MentorProfileIn",
    "MentorProfileOut",
    "MentorSkill",
    "MentoringOut",
    "SessionOut",
    "SkillChoiceOut",
    "SlotsOut",
    "Window",
]
