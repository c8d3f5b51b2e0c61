"""Spaced-review shapes: a learner's cards as their phone receives them in a pull.

A phone needs more than the due date: to schedule reviews offline it folds its own
answers into the server's card exactly as the server would (`mmapp.reviews.days`),
so it gets the card's FSRS state, the first answer of its last day (a later answer
the same day can still come first, or be marked "too easy"), and the state before
that day, to rate the day again.
"""

from __future__ import annotations

import datetime as dt
import uuid

from pydantic import Field

from mmapp.schemas.base import Out


class CardStateOut(Out):
    """A card's FSRS state after a review (dates are the learner's local dates)."""

    stability: float = Field(description="Days until predicted recall falls to 90 %.")
    difficulty: float = Field(description="1 (easy) to 10 (hard).")
    due_on: dt.date
    last_review_on: dt.date
    reps: int = Field(description="Days the item was reviewed (answered) on.")


class ReviewDayOut(Out):
    """The first answer of a card's last reviewed day, and that day's mark."""

    on: dt.date
    at: str = Field(description="The first answer's time (ISO 8601, UTC).")
    event: str = Field(description="The first answer's event id.")
    right: bool
    easy: bool = Field(description='The learner said "Too easy" that day.')


class ReviewCardOut(Out):
    """One quiz item's card, as the server's replay of every answer left it."""

    item_id: uuid.UUID
    nugget_id: uuid.UUID
    state: CardStateOut
    best_interval: int = Field(
        description="Longest gap in days between reviews that ended in a right answer."
    )
    last_day: ReviewDayOut
    prev: CardStateOut | None = Field(description="The state before the last reviewed day.")


__all__ = ["CardStateOut", "ReviewCardOut", "ReviewDayOut"]
