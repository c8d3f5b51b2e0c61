"""Teach-back shapes: asks as the pull and the API send them, and the colleagues to ask.

`TeachBackOut` rides in `ProgressOut.teachbacks` (both sides' asks, so each phone
knows what it was asked and what was confirmed) and in `GET /api/v1/teachbacks`;
`ColleagueOut` in `ProgressOut.colleagues` and `GET /api/v1/teachbacks/peers`.
"""

from __future__ import annotations

import uuid
from typing import Literal

from pydantic import Field

from mmapp.schemas.base import IsoTime, Out


class TeachGuide(Out):
    """What the colleague reads before and during the teach-back."""

    way_in_html: str = Field(description="The nugget's Way in, as safe HTML.")
    payoff_html: str = Field(description="The nugget's Payoff, as safe HTML.")
    prompts: list[str] = Field(description="Three prompts, in the reader's language.")


class TeachBackOut(Out):
    """One teach-back, seen by its teacher or by the colleague it asks."""

    id: uuid.UUID = Field(description="The `teachback_asked` event's id (a confirmation's `ask`).")
    role: Literal["teacher", "peer"] = Field(description="Whether I teach or I am asked.")
    nugget_id: uuid.UUID
    nugget_version: int = Field(description="A confirmation carries this version.")
    title: str
    skill: str | None = Field(description="The nugget's skill's name.")
    teacher_name: str
    peer_id: uuid.UUID
    peer_name: str
    at: IsoTime = Field(description="The moment agreed.")
    asked_at: IsoTime
    confirmed: bool
    explained: bool | None = None
    usable: bool | None = None
    rating: int | None = Field(default=None, description="1-4, once confirmed.")
    comment: str | None = None
    confirmed_at: IsoTime | None = None
    counts: bool = Field(
        description="Confirmed, explained, usable, rated 3 or more (mmapp.teachback.evidence)."
    )
    guide: TeachGuide | None = Field(default=None, description="For the colleague only.")


class ColleagueOut(Out):
    """Someone I may ask: a member of one of my cohorts (id and name only)."""

    id: uuid.UUID
    name: str


class TeachBacksOut(Out):
    """My teach-backs, newest ask first."""

    asked_by_me: list[TeachBackOut]
    asked_of_me: list[TeachBackOut]


__all__ = ["ColleagueOut", "TeachBackOut", "TeachBacksOut", "TeachGuide"]
