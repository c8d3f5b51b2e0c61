"""A nugget's quiz items across edits: an edited item keeps its id.

Every learner's review card is keyed by the quiz item's id, so an item that a coach
only reworded (a typo, a clearer option) must keep its id, or every learner's
schedule for it would start again from nothing. Saving matches the new items to the
old ones: first an item with the same kind and the same question; then, among the
rest, the item of the same kind at the same place. What matches nothing is new (a
new id); old items nothing matched are deleted.
"""

from __future__ import annotations

import uuid

from sqlmodel import Session, select

from mmapp.models import QuizItem
from mmapp.schemas import QuizItemIn


def matches(old: list[QuizItem], new: list[QuizItemIn]) -> dict[int, QuizItem]:
    """Which old item each new one continues, by the new item's position.

    Args:
        old: The nugget's items before the edit.
        new: The items after it, in order.

    Returns:
        New position -> the old item it keeps the id of (positions without one are new).

    """
    free = list(old)
    kept: dict[int, QuizItem] = {}
    for same_place in (False, True):
        for position, item in enumerate(new):
            if position in kept:
                continue
            found = next(
                (
                    row
                    for row in free
                    if row.kind == item.kind
                    and (row.position == position if same_place else row.prompt == item.prompt)
                ),
                None,
            )
            if found is not None:
                kept[position] = found
                free.remove(found)
    return kept


def save_items(*, session: Session, nugget_id: uuid.UUID, items: list[QuizItemIn]) -> None:
    """Make a nugget's quiz items these, keeping the ids of the ones that continue.

    Args:
        session: The write transaction.
        nugget_id: The nugget.
        items: Its quiz, in order.

    """
    old = list(session.exec(select(QuizItem).where(QuizItem.nugget_id == nugget_id)))
    kept = matches(old, items)
    continuing = {id(row) for row in kept.values()}
    for row in old:
        if id(row) not in continuing:
            session.delete(row)
    for position, item in enumerate(items):
        row = kept.get(position) or QuizItem(
            nugget_id=nugget_id, position=position, **item.model_dump()
        )
        for key, value in item.model_dump().items():
            setattr(row, key, value)
        row.position = position
        session.add(row)
    session.flush()


__all__ = ["matches", "save_items"]
