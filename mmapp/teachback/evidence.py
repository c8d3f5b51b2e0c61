"""Teach-backs as evidence: which confirmations count, on which nuggets, for whom.

A confirmed teach-back *counts* when the colleague said both "they explained it" and
"I could use it", and rated it `COUNTING_RATING` (3) or more of 4. What it counts for:
the demonstrated level (`mmapp.progress.standing`: "I can teach it") and achievements'
`min_teachbacks` (`mmapp.credentials.criteria`), on the nugget's skill as it is now.
"""

from __future__ import annotations

import uuid
from collections import Counter, defaultdict
from collections.abc import Collection

from sqlalchemy import ColumnElement
from sqlmodel import Session, col, func, select

from mmapp.models import Nugget, TeachBack

COUNTING_RATING = 3


def counts(explained: bool | None, usable: bool | None, rating: int | None) -> bool:
    """Whether a confirmation counts as evidence (None: not confirmed yet: no)."""
    return bool(explained) and bool(usable) and (rating or 0) >= COUNTING_RATING


def _counting() -> ColumnElement[bool]:
    return (
        col(TeachBack.confirm_id).is_not(None)
        & (col(TeachBack.explained).is_(True))
        & (col(TeachBack.usable).is_(True))
        & (col(TeachBack.rating) >= COUNTING_RATING)
    )


def taught_nuggets(
    *, session: Session, user_ids: Collection[uuid.UUID]
) -> dict[uuid.UUID, set[uuid.UUID]]:
    """The nuggets each of these learners taught back with a confirmation that counts."""
    out: dict[uuid.UUID, set[uuid.UUID]] = defaultdict(set)
    if not user_ids:
        return out
    rows = session.exec(
        select(TeachBack.teacher_id, TeachBack.nugget_id)
        .where(col(TeachBack.teacher_id).in_(list(user_ids)), _counting())
        .distinct()
    )
    for teacher, nugget in rows:
        out[teacher].add(nugget)
    return out


def counted_by_skill(*, session: Session, user_id: uuid.UUID) -> Counter[uuid.UUID]:
    """How many teach-backs that count the learner gave, per skill of their nuggets."""
    rows = session.exec(
        select(Nugget.skill_id, func.count())
        .select_from(TeachBack)
        .join(Nugget, col(Nugget.id) == TeachBack.nugget_id)
        .where(TeachBack.teacher_id == user_id, _counting(), col(Nugget.skill_id).is_not(None))
        .group_by(col(Nugget.skill_id))
    )
    return Counter({skill: int(n) for skill, n in rows if skill is not None})


def confirmations_seen(*, session: Session, user_id: uuid.UUID) -> tuple[int, int]:
    """(asks, confirmations) of the learner as teacher: what a credential check depends on."""
    asks, confirmed = session.exec(
        select(func.count(), func.count(col(TeachBack.confirm_id))).where(
            TeachBack.teacher_id == user_id
        )
    ).one()
    return int(asks), int(confirmed)


__all__ = [
    "COUNTING_RATING",
    "confirmations_seen",
    "counted_by_skill",
    "counts",
    "taught_nuggets",
]
