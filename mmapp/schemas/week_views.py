"""The week plan's view model (`mm_week`), which the phone's mm-plan.js `weekView` fills.

Declared apart from the other views (mmapp/schemas/views.py lists it with them in
`CLIENT_VIEWS`); the same contract test holds the JS to it.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from mmapp.schemas.base import View


class WeekChunk(View):
    """One commute slot of the week and what it holds ("08:10 · Ask 'per what?' · 7 min")."""

    time: str
    state: Literal["planned", "free", "clear"]
    title: str
    minutes: str  # "7 min", or "" when free
    reason: str  # the pathway's reason for its first pick, or ""
    href: str  # where a tap goes (the nugget, or /review), or ""


class WeekDay(View):
    """A day's slots under its label ("Today", "Tomorrow", "Friday 4 Dec")."""

    label: str
    chunks: list[WeekChunk]


class WeekView(View):
    """The week page (`mm_week`): the pathway placed into the learner's commute slots."""

    loaded: bool = False
    has_slots: bool = False
    summary: str = ""
    days: list[WeekDay] = Field(default_factory=list)
    later: str = ""


__all__ = ["WeekChunk", "WeekDay", "WeekView"]
