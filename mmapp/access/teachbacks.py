"""Teach-backs: whom a learner may ask to hear them teach, and who may confirm an ask.

- A learner may ask a *colleague*: someone else who is a current member of a cohort
  they are a current member of (any role; deleted accounts are in no cohort). Nobody
  asks themselves.
- Only the colleague an ask names may confirm it, and only once; they may confirm
  even when the nugget was never given to them (the ask brings its guide).
- Colleagues are listed by id and display name only, and only from the asker's own
  cohorts: other cohorts' people do not exist for them.
"""

from __future__ import annotations

import uuid
from collections.abc import Collection

from sqlalchemy.orm import aliased
from sqlmodel import Session, col, select

from mmapp.models import CohortMembership, User

# Most colleagues a phone is told about (by name): a cohort larger than this lists
# the first ones by name; the API's `peers` pages are the same.
MAX_COLLEAGUES = 500


def ask_problem(
    *,
    teacher_id: uuid.UUID,
    peer_id: uuid.UUID,
    teacher_cohorts: Collection[uuid.UUID],
    peer_cohorts: Collection[uuid.UUID],
) -> str | None:
    """Why the teacher may not ask this peer (a rejection reason), or None.

    Args:
        teacher_id: Who asks.
        peer_id: Whom the ask names.
        teacher_cohorts: The cohorts the teacher is a current member of.
        peer_cohorts: The cohorts the peer is a current member of.
    """
    if peer_id == teacher_id:
        return "peer_is_you"
    if not set(teacher_cohorts) & set(peer_cohorts):
        return "peer_not_in_cohort"
    return None


def confirm_problem(*, user_id: uuid.UUID, peer_id: uuid.UUID, confirmed: bool) -> str | None:
    """Why this user may not confirm an ask naming `peer_id` (a rejection reason), or None."""
    if peer_id != user_id:
        return "not_asked_of_you"
    if confirmed:
        return "already_confirmed"
    return None


def colleagues(*, session: Session, user_id: uuid.UUID) -> list[tuple[uuid.UUID, str]]:
    """The people this user may ask (id, display name), by name: at most `MAX_COLLEAGUES`."""
    mine = aliased(CohortMembership)
    theirs = aliased(CohortMembership)
    rows = session.exec(
        select(User.id, User.display_name)
        .join(theirs, col(theirs.user_id) == User.id)
        .join(mine, col(mine.cohort_id) == theirs.cohort_id)
        .where(
            mine.user_id == user_id,
            col(mine.left_at).is_(None),
            col(theirs.left_at).is_(None),
            User.id != user_id,
            col(User.deleted_at).is_(None),
        )
        .distinct()
        .order_by(col(User.display_name), col(User.id))
        .limit(MAX_COLLEAGUES)
    )
    return [(uid, name) for uid, name in rows]


__all__ = ["MAX_COLLEAGUES", "ask_problem", "colleagues", "confirm_problem"]
