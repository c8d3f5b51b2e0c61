"""Practice at work's view models (`mm_work`, `mm_reflect`), which mm-work.js fills.

Declared apart from the other views (mmapp/schemas/views.py lists them with the rest
in `CLIENT_VIEWS`); the same contract test holds the JS to them.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from mmapp.schemas.base import View


class DayChip(View):
    """One day to choose: "Today", "Tomorrow", then weekdays by name."""

    on: str
    label: str
    chosen: bool


class WorkView(View):
    """The Practice part's "Try it at work" (`mm_work`)."""

    open: bool = False
    chips: list[DayChip] = Field(default_factory=list)
    # "You'll try it on Thursday" while a commitment is open, else "".
    line: str = ""
    plan: str = ""
    error: str = ""


class ReflectView(View):
    """The reflection page (`mm_reflect`): "Did you try it? How did it go?"."""

    loaded: bool = False
    # "ask" while the nugget has an open commitment; "none" when nothing is to note.
    state: Literal["", "ask", "none"] = ""
    nugget_id: str = ""
    title: str = ""
    planned: str = ""
    plan: str = ""
    answer: Literal["", "yes", "not_yet", "no"] = ""
    went: Literal["", "well", "mixed", "badly"] = ""
    chips: list[DayChip] = Field(default_factory=list)
    error: str = ""


class TriedRow(View):
    """One nugget tried at work on Progress: its title, the day, how it went."""

    title: str
    day: str
    went: str


__all__ = ["DayChip", "ReflectView", "TriedRow", "WorkView"]
