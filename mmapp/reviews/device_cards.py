"""Review cards as phones receive them: every card, or those changed since the phone's.

A pull's last page carries the learner's cards (`ReviewCardOut`). A phone that holds
`reviews_version` N gets only the cards changed after N; `User.reviews_version` is
bumped atomically with every change (`cards.note_events`, `cards.rebuild`).
"""

from __future__ import annotations

import dataclasses

import sqlalchemy as sa
from sqlmodel import Session, col, select

from mmapp.db import table_of
from mmapp.models import ReviewCard, User
from mmapp.reviews.cards import replayed
from mmapp.reviews.days import last_rated, records
from mmapp.reviews.scheduler import SCHEDULE_VERSION
from mmapp.schemas.reviews import CardStateOut, ReviewCardOut, ReviewDayOut


@dataclasses.dataclass(frozen=True)
class CardsDown:
    """The cards a phone needs: all of them, or those changed since its version.

    Attributes:
        version: The learner's reviews version these cards bring the phone to.
        full: The phone replaces its cards with `cards` (else it merges them in).
        cards: The cards, ordered by item id (answered items only).

    """

    version: int
    full: bool
    cards: list[ReviewCardOut]


def cards_since(*, session: Session, user: User, after: int | None) -> CardsDown:
    """The cards changed since the version a phone holds (all of them if it holds none).

    The version is read before the cards, so a card changed meanwhile is sent now
    and again next time, never missed. A version the server never gave out (ahead
    of its own) or stored cards that must be rebuilt mean a full set.

    Args:
        session: Any transaction (read-only is fine).
        user: The learner.
        after: The version the phone holds, or None.

    Returns:
        The version, whether the set is full, and the cards.

    """
    users, table = table_of(User), table_of(ReviewCard)
    version = int(
        session.execute(
            sa.select(users.c.reviews_version).where(users.c.id == user.id)
        ).scalar_one()
    )
    stale = session.execute(
        sa.select(table.c.item_id)
        .where(
            table.c.user_id == user.id,
            sa.or_(table.c.timezone != user.timezone, table.c.schedule != SCHEDULE_VERSION),
        )
        .limit(1)
    ).first()
    # Version 0: never computed (answers from before cards existed): replay them.
    replay = stale is not None or version == 0
    full = after is None or after > version or replay
    if replay:
        rows = replayed(session, user)
    else:
        query = select(ReviewCard).where(ReviewCard.user_id == user.id)
        if not full:
            query = query.where(col(ReviewCard.version) > after)
        rows = list(session.exec(query.order_by(col(ReviewCard.item_id))))
    out = (card_out(r) for r in rows)
    return CardsDown(version=version, full=full, cards=[c for c in out if c is not None])


def card_out(card: ReviewCard) -> ReviewCardOut | None:
    """A stored card as a phone receives it; None while no day has an answer."""
    last = last_rated(records(card.days))
    if last is None or card.due_on is None or card.last_review_on is None:
        return None
    return ReviewCardOut(
        item_id=card.item_id,
        nugget_id=card.nugget_id,
        state=CardStateOut(
            stability=card.stability or 0.0,
            difficulty=card.difficulty or 0.0,
            due_on=card.due_on,
            last_review_on=card.last_review_on,
            reps=card.reps,
        ),
        best_interval=card.best_interval,
        last_day=ReviewDayOut.model_validate(last),
        prev=None if card.prev is None else CardStateOut.model_validate(card.prev),
    )


__all__ = ["CardsDown", "card_out", "cards_since"]
