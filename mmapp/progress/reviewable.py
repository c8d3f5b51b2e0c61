"""Which cards a review session can ask: one definition for the phone, reminders and coaches.

A card is reviewable when its item is in the current published version of a nugget
the learner is given and has completed. The phone's review session asks exactly
those (`dueItems` in assets/js/mm-reviews.js); a reminder's "3 reviews due" and a
coordinator's overdue table count exactly those, so neither promises a review the
phone cannot show (an item removed in an edit, a nugget left half done).
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable

from sqlmodel import Session, col, select

from mmapp.content.assignments import given_nuggets
from mmapp.models import LearnerEvent, ReviewCard, User
from mmapp.progress.projections import snapshots
from mmapp.reviews.cards import cards_of

# (learner id, nugget id) pairs.
Pairs = set[tuple[uuid.UUID, uuid.UUID]]


def completed(session: Session, user_ids: Iterable[uuid.UUID]) -> Pairs:
    """Which nuggets each of these learners has completed, in one query."""
    rows = session.exec(
        select(LearnerEvent.user_id, LearnerEvent.nugget_id)
        .where(
            col(LearnerEvent.user_id).in_(list(user_ids)),
            LearnerEvent.type == "nugget_completed",
        )
        .distinct()
    )
    return {(u, n) for u, n in rows}


def reviewable(card: ReviewCard, done: Pairs, current_items: set[uuid.UUID]) -> bool:
    """Whether a review session can ask this card's item now.

    Args:
        card: The card.
        done: (learner, nugget) pairs completed (`completed`).
        current_items: Item ids of the current published versions of the learner's
            given nuggets.

    Returns:
        True when the item is current and its nugget is done.

    """
    return card.item_id in current_items and (card.user_id, card.nugget_id) in done


def due_reviews(*, session: Session, user: User, day: dt.date, now: dt.datetime) -> int:
    """How many reviews the learner's phone will offer on their local `day`.

    Args:
        session: Any transaction.
        user: The learner.
        day: Their local date.
        now: The server's time (which nuggets are given).

    Returns:
        The number of reviewable cards due on or before `day`.

    """
    given = given_nuggets(session=session, user_id=user.id, now=now)
    snaps = snapshots(session, {(n, g.nugget.version) for n, g in given.items()})
    items = {uuid.UUID(i["id"]) for snap in snaps.values() for i in snap.get("quiz", [])}
    done = completed(session, [user.id])
    return sum(
        1
        for c in cards_of(session=session, user=user)
        if c.due_on is not None and c.due_on <= day and reviewable(c, done, items)
    )


__all__ = ["completed", "due_reviews", "reviewable"]
