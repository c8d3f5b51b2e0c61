"""Predicted recall: how likely a learner is to remember an item on a given day.

Mastery levels read this (an item counts as held while its recall stays high). It
uses the same local-day quantisation as the schedule, so "today" means the learner's
local date and recall is exactly 1.0 on the day of a review.
"""

from __future__ import annotations

import datetime as dt

from mmapp.models import ReviewCard
from mmapp.reviews.scheduler import SCHEDULER, CardState, State, card_id, review_datetime


def card_state(card: ReviewCard) -> CardState | None:
    """A stored card's FSRS state, as its replay gives it; None if no day was rated."""
    if card.due_on is None or card.last_review_on is None or card.stability is None:
        return None
    return CardState(
        card_id=card_id(card.user_id, card.item_id),
        state=State.Review,
        stability=card.stability,
        difficulty=card.difficulty or 0.0,
        due=review_datetime(card.due_on),
        last_review=review_datetime(card.last_review_on),
        reps=card.reps,
    )


def retrievability(card: CardState | None, on: dt.date) -> float:
    """The predicted probability of recalling a card's item on a local date.

    FSRS's forgetting curve over whole days since the last review: 1.0 on the day
    of the review, 0.9 after `stability` days, falling further after that.

    Args:
        card: The card (None if never reviewed).
        on: The learner's local date (`scheduler.local_date(now, timezone)`).

    Returns:
        A probability in [0, 1]; 0.0 for an item never reviewed.

    """
    if card is None:
        return 0.0
    # Passing the moment keeps py-fsrs from reading the wall clock.
    return float(SCHEDULER.get_card_retrievability(card.to_card(), review_datetime(on)))


__all__ = ["card_state", "retrievability"]
