"""Which nuggets a learner has been given, as seen from their cohorts."""

from __future__ import annotations

import dataclasses
import datetime as dt
import uuid

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
    live = [
        a
        for a in assignments
        if a.cohort_id in cohorts and a.removed_at is None and a.release_at <= now
    ]
    if not live:
        return {}
    nuggets = {
        n.id: n
        for n in session.exec(
            select(Nugget).where(
                col(Nugget.id).in_({a.nugget_id for a in live}),
                Nugget.status == NuggetStatus.published,
            )
        )
    }
    given: dict[uuid.UUID, Given] = {}
    for a in sorted(live, key=lambda a: (a.release_at, a.position)):
        if a.nugget_id in nuggets and a.nugget_id not in given:
            given[a.nugget_id] = Given(nuggets[a.nugget_id], a.release_at, a.due_at, a.position)
    return given
