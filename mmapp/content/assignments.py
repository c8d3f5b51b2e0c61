"""Which nuggets a learner has been given, as seen from their cohorts."""

from __future__ import annotations

import dataclasses
import datetime as dt
import uuid
from collections.abc import Collection, Iterable, Mapping

from sqlmodel import Session, col, select

from mmapp import access
from mmapp.models import Assignment, CohortMembership, Nugget, NuggetStatus, utcnow


@dataclasses.dataclass(frozen=True)
class Given:
    """A nugget as visible to one learner (the earliest release across cohorts)."""

    nugget: Nugget
    release_at: dt.datetime
    due_at: dt.datetime | None
    position: int


def learner_assignments(*, session: Session, user_id: uuid.UUID) -> list[Assignment]:
    """Every assignment (any release time, removed or not) of the learner's cohorts.

    Cohorts the learner has left count too: answers given before leaving still land.
    """
    cohort_ids = select(CohortMembership.cohort_id).where(CohortMembership.user_id == user_id)
    return list(session.exec(select(Assignment).where(col(Assignment.cohort_id).in_(cohort_ids))))


def given_nuggets(
    *,
    session: Session,
    user_id: uuid.UUID,
    now: dt.datetime | None = None,
    assignments: list[Assignment] | None = None,
) -> dict[uuid.UUID, Given]:
    """Nuggets visible now: released, not removed, published, in a current cohort.

    Pass `assignments` (from `learner_assignments`) when already loaded.
    """
    now = now or utcnow()
    if assignments is None:
        assignments = learner_assignments(session=session, user_id=user_id)
    cohorts = access.member_cohort_ids(session=session, user_id=user_id)
    live = [a for a in assignments if a.cohort_id in cohorts]
    return pick_given(live, _published(session, live, now), now)


def _published(
    session: Session, assignments: Iterable[Assignment], now: dt.datetime
) -> dict[uuid.UUID, Nugget]:
    """The published nuggets of the released, not removed assignments, in one query."""
    ids = {a.nugget_id for a in assignments if a.removed_at is None and a.release_at <= now}
    if not ids:
        return {}
    return {
        n.id: n
        for n in session.exec(
            select(Nugget).where(col(Nugget.id).in_(ids), Nugget.status == NuggetStatus.published)
        )
    }


def pick_given(
    assignments: Iterable[Assignment], nuggets: Mapping[uuid.UUID, Nugget], now: dt.datetime
) -> dict[uuid.UUID, Given]:
    """The rule of `given_nuggets` over loaded rows (no query).

    Args:
        assignments: The assignments of the learner's current cohorts.
        nuggets: Published nuggets by id (others are not given).
        now: The moment releases are compared with.

    """
    live = [a for a in assignments if a.removed_at is None and a.release_at <= now]
    given: dict[uuid.UUID, Given] = {}
    for a in sorted(live, key=lambda a: (a.release_at, a.position)):
        if a.nugget_id in nuggets and a.nugget_id not in given:
            given[a.nugget_id] = Given(nuggets[a.nugget_id], a.release_at, a.due_at, a.position)
    return given


def given_to_members(
    *, session: Session, user_ids: Collection[uuid.UUID], now: dt.datetime
) -> dict[uuid.UUID, dict[uuid.UUID, Given]]:
    """`given_nuggets` of many learners in three queries (memberships, assignments, nuggets).

    Returns:
        Each learner's given nuggets, by learner id (every id in `user_ids`).

    """
    cohorts: dict[uuid.UUID, set[uuid.UUID]] = {u: set() for u in user_ids}
    if user_ids:
        for m in session.exec(
            select(CohortMembership).where(
                col(CohortMembership.user_id).in_(user_ids), col(CohortMembership.left_at).is_(None)
            )
        ):
            cohorts[m.user_id].add(m.cohort_id)
    every = set().union(*cohorts.values())
    rows = (
        list(session.exec(select(Assignment).where(col(Assignment.cohort_id).in_(every))))
        if every
        else []
    )
    nuggets = _published(session, rows, now)
    return {
        u: pick_given([a for a in rows if a.cohort_id in c], nuggets, now)
        for u, c in cohorts.items()
    }
