"""Many learners' skill standing at once, by the rules of their own (`standing`).

`compute_progress` builds one learner's standing from what it loaded for them; a
coordinator's view of a cohort needs it for every member. This loads the same inputs
for all of them in a fixed number of queries (given nuggets, the log's completions,
answers, ratings and goals, the versions they name, review cards, cohort targets,
teach-backs that count)
and calls `standing.skill_standing` once per learner, so a member's cell on the
coordinator's heat map says what their own Progress page says.
"""

from __future__ import annotations

import collections
import dataclasses
import datetime as dt
import uuid
import zoneinfo
from collections.abc import Mapping
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, col, select

from mmapp.content.assignments import Given, given_to_members
from mmapp.db import table_of
from mmapp.models import CohortMembership, LearnerEvent, ReviewCard, Skill, SkillTarget, User
from mmapp.progress.projections import (
    PROGRESS_TYPES,
    Snapshots,
    first_completions,
    quiz_scores,
    skill_items,
    snapshots,
)
from mmapp.progress.standing import STANDING_TYPES, latest_marks, skill_standing
from mmapp.progress.work import WORK_TYPES, tried_at_work
from mmapp.reviews.cards import cards_of_users
from mmapp.schemas import SkillStanding
from mmapp.teachback.evidence import taught_nuggets

_EVENTS = table_of(LearnerEvent)
# Many learners' events of some types, in log order, as plain rows (`cards.LEARNER_LOG`).
_MEMBERS_LOG = (
    sa.select(
        _EVENTS.c.user_id,
        _EVENTS.c.event_id,
        _EVENTS.c.type,
        _EVENTS.c.nugget_id,
        _EVENTS.c.nugget_version,
        _EVENTS.c.payload,
        _EVENTS.c.client_ts,
        _EVENTS.c.received_at,
    )
    .where(
        _EVENTS.c.user_id.in_(sa.bindparam("user_ids", expanding=True)),
        _EVENTS.c.type.in_(sa.bindparam("types", expanding=True)),
    )
    .order_by(_EVENTS.c.seq)
)


@dataclasses.dataclass(frozen=True)
class MemberStanding:
    """One learner's standing in the asked skills, and which of them they rated."""

    today: dt.date
    standing: dict[uuid.UUID, SkillStanding]
    rated: frozenset[uuid.UUID]


def _targets(session: Session, user_ids: list[uuid.UUID]) -> dict[uuid.UUID, list[SkillTarget]]:
    """`standing.cohort_targets` of each learner, in one query."""
    out: dict[uuid.UUID, list[SkillTarget]] = collections.defaultdict(list)
    if not user_ids:
        return out
    rows = session.exec(
        select(CohortMembership.user_id, SkillTarget)
        .join(SkillTarget, col(SkillTarget.cohort_id) == CohortMembership.cohort_id)
        .where(col(CohortMembership.user_id).in_(user_ids), col(CohortMembership.left_at).is_(None))
    )
    for user_id, target in rows:
        out[user_id].append(target)
    return out


def members_standing(
    *,
    session: Session,
    people: Mapping[uuid.UUID, User],
    skills: Mapping[uuid.UUID, Skill],
    now: dt.datetime,
) -> dict[uuid.UUID, MemberStanding]:
    """Each learner's standing in `skills` (only those they have a nugget of), at `now`.

    Args:
        session: A transaction (read-only is enough).
        people: The learners, by id.
        skills: The skills to report, by id (others are left out).
        now: The moment (each learner's local today is taken from it).

    Returns:
        One `MemberStanding` per learner of `people`.

    """
    ids = list(people)
    given = given_to_members(session=session, user_ids=ids, now=now)
    types = [*PROGRESS_TYPES, *STANDING_TYPES, *WORK_TYPES]
    events: dict[uuid.UUID, list[Any]] = collections.defaultdict(list)
    if ids:
        for row in session.execute(_MEMBERS_LOG, {"user_ids": ids, "types": types}):
            events[row.user_id].append(row)
    wanted = {(e.nugget_id, e.nugget_version) for rows in events.values() for e in rows}
    wanted |= {(n, g.nugget.version) for mine in given.values() for n, g in mine.items()}
    snaps = snapshots(session, wanted)
    cards: dict[uuid.UUID, list[ReviewCard]] = collections.defaultdict(list)
    for card in cards_of_users(session=session, people=people):
        cards[card.user_id].append(card)
    targets = _targets(session, ids)
    taught = taught_nuggets(session=session, user_ids=ids)
    out: dict[uuid.UUID, MemberStanding] = {}
    for uid, user in people.items():
        mine = (given[uid], events[uid], cards[uid], targets[uid], taught[uid])
        out[uid] = _one(user, *mine, snaps, skills, now)
    return out


def _one(
    user: User,
    given: dict[uuid.UUID, Given],
    events: list[Any],
    cards: list[ReviewCard],
    targets: list[SkillTarget],
    taught: set[uuid.UUID],
    snaps: Snapshots,
    skills: Mapping[uuid.UUID, Skill],
    now: dt.datetime,
) -> MemberStanding:
    """One learner's standing, exactly as `compute_progress` feeds `skill_standing`."""
    tz = zoneinfo.ZoneInfo(user.timezone)
    today = now.astimezone(tz).date()
    marks = latest_marks(events, snaps)
    rows = skill_standing(
        skills=skills,
        levels={n: (g.nugget.skill_id, g.nugget.level) for n, g in given.items()},
        items=skill_items(snaps, given, set(skills)),
        cards=cards,
        completed=set(first_completions(events)),
        scores=quiz_scores(events, snaps),
        marks=marks,
        targets=targets if given else [],
        tz=tz,
        today=today,
        tried=tried_at_work(events),
        taught=taught,
    )
    by_slug = {s.slug: s for s in skills.values()}
    return MemberStanding(
        today=today,
        standing={by_slug[r.slug].id: r for r in rows},
        rated=frozenset(s for t, s in marks if t == "skill_rated" and s in skills),
    )


__all__ = ["MemberStanding", "members_standing"]
