"""The teach-back page's view model (`mm_teach`), which assets/js/mm-teach.js fills.

Declared apart from the other views (mmapp/schemas/views.py lists it with the rest in
`CLIENT_VIEWS`); the same contract test holds the JS to it.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from mmapp.schemas.base import View
from mmapp.schemas.work_views import DayChip


class ColleagueChip(View):
    """A colleague to choose (id and name only)."""

    id: str
    name: str
    chosen: bool


class RatingChip(View):
    """One of the ratings 1-4."""

    value: int
    label: str
    chosen: bool


class TeachRow(View):
    """One teach-back in a list: the nugget, with whom, when, where it stands."""

    id: str
    title: str
    who: str
    when: str
    status: str
    href: str


class TeachView(View):
    """/teach (`mm_teach`): the lists, the ask form, the guide and confirm form, a status.

    `mode` is "ask" (`?nugget=`: pick a colleague and a moment), "guide" (`?ask=` of
    an ask made of me: the guide and the confirm form, or what I answered), "status"
    (`?ask=` of my own ask: waiting, or confirmed and whether it counted), "missing"
    (not on this phone yet), else "list".
    """

    loaded: bool = False
    mode: Literal["", "list", "ask", "guide", "status", "missing"] = ""
    id: str = ""
    nugget_id: str = ""
    title: str = ""
    skill: str = ""
    can_ask: bool = False
    colleagues: list[ColleagueChip] = Field(default_factory=list)
    chips: list[DayChip] = Field(default_factory=list)
    who: str = ""
    when: str = ""
    way_in: str = ""
    payoff: str = ""
    prompts: list[str] = Field(default_factory=list)
    confirmed: bool = False
    pending: bool = False
    status: str = ""
    counted: str = ""
    answer: str = ""
    explained: bool = False
    usable: bool = False
    ratings: list[RatingChip] = Field(default_factory=list)
    error: str = ""
    asked_of_me: list[TeachRow] = Field(default_factory=list)
    asked_by_me: list[TeachRow] = Field(default_factory=list)


__all__ = ["ColleagueChip", "RatingChip", "TeachRow", "TeachView"]
