"""What a coordinator sees of a cohort's spaced review: recall, overdue reviews, reviews done.

Projections of the current members' review cards (`ReviewCard`, themselves a
projection of the event log), limited to the nuggets assigned to the cohort:

- predicted recall per skill and per quiz item: the average FSRS retrievability on
  each learner's own local today, over the members with a rated card for the item;
- members with overdue reviews: cards due before their local today, and the oldest
  due date;
- reviews done per day over the last `DAYS` days (the cohort's local today and the
  days before it): card days with an answer from a review session, by the learner's
  local date.

Rows are flat, ready for a chart, a table on screen or a CSV file (`analytics.to_csv`).
"""

from __future__ import annotations

import collections
import datetime as dt
import uuid
from collections.abc import Mapping, Sequence
from typing import Any

from sqlmodel import Session, col, select

from mmapp import access
from mmapp.models import Assignment, Nugget, ReviewCard, Skill, User, utcnow
from mmapp.progress.analytics import current_members
from mmapp.progress.projections import snapshots
from mmapp.progress.reviewable import completed, reviewable
from mmapp.reviews.cards import cards_of_users
from mmapp.reviews.days import records
from mmapp.reviews.recall import card_state, retrievability
from mmapp.reviews.scheduler import local_date
from mmapp.schemas import (
    ItemRecallRow,
    OverdueRow,
    ReviewAnalytics,
    ReviewDayRow,
    SkillRecallRow,
)

TABLES = ("recall_skills", "recall_items", "overdue", "reviews")
DAYS = 28


def cohort_reviews(
    *, session: Session, viewer: User, cohort_id: uuid.UUID, now: dt.datetime | None = None
) -> ReviewAnalytics:
    """Every review table for one of the viewer's cohorts.

    Raises:
        NotFoundError: No such cohort, or not one the viewer manages (`access`).

    """
    cohort = access.managed_cohort(session=session, viewer=viewer, cohort_id=cohort_id)
    now = now or utcnow()
    people = current_members(session, cohort.id)
    nugget_ids = {
        a.nugget_id
        for a in session.exec(select(Assignment).where(Assignment.cohort_id == cohort.id))
        if a.removed_at is None
    }
    nuggets = {n.id: n for n in session.exec(select(Nugget).where(col(Nugget.id).in_(nugget_ids)))}
    cards = [c for c in cards_of_users(session=session, people=people) if c.nugget_id in nuggets]
    today = {uid: local_date(now, u.timezone) for uid, u in people.items()}
    recalls = [
        (c, retrievability(state, today[c.user_id]))
        for c in cards
        if (state := card_state(c)) is not None
    ]
    items = _items(session, nuggets)
    done = completed(session, people)  # overdue counts only what the phone would ask
    return ReviewAnalytics(
        recall_skills=_skills(recalls, nuggets, items),
        recall_items=_item_rows(recalls, items),
        overdue=_overdue([c for c in cards if reviewable(c, done, set(items))], people, today),
        reviews=_per_day(cards, local_date(now, cohort.timezone)),
    )


# Each quiz item of the cohort's nuggets (current versions): skill, nugget title, prompt.
_Items = Mapping[uuid.UUID, tuple[str, str, str]]


def _items(session: Session, nuggets: Mapping[uuid.UUID, Nugget]) -> _Items:
    skills = {
        s.id: s.name
        for s in session.exec(
            select(Skill).where(col(Skill.id).in_({n.skill_id for n in nuggets.values()}))
        )
    }
    snaps = snapshots(session, {(n.id, n.version) for n in nuggets.values()})
    out: dict[uuid.UUID, tuple[str, str, str]] = {}
    for n in nuggets.values():
        snap: Mapping[str, Any] = snaps.get((n.id, n.version)) or {}
        for item in snap.get("quiz", []):
            out[uuid.UUID(item["id"])] = (skills.get(n.skill_id, ""), n.title, item["prompt"])
    return out


def _pct(value: float) -> str:
    return f"{round(100 * value)}%"


def _skills(
    recalls: Sequence[tuple[ReviewCard, float]], nuggets: Mapping[uuid.UUID, Nugget], items: _Items
) -> list[SkillRecallRow]:
    groups: dict[str, list[tuple[ReviewCard, float]]] = collections.defaultdict(list)
    for card, r in recalls:
        if card.item_id in items:
            groups[items[card.item_id][0]].append((card, r))
    rows = [
        SkillRecallRow(
            skill=skill,
            items=len({c.item_id for c, _ in group}),
            learners=len({c.user_id for c, _ in group}),
            recall=round(avg := sum(r for _, r in group) / len(group), 3),
            recall_pct=_pct(avg),
        )
        for skill, group in groups.items()
    ]
    return sorted(rows, key=lambda r: (r.recall, r.skill))


def _item_rows(recalls: Sequence[tuple[ReviewCard, float]], items: _Items) -> list[ItemRecallRow]:
    groups: dict[uuid.UUID, list[float]] = collections.defaultdict(list)
    for card, r in recalls:
        if card.item_id in items:
            groups[card.item_id].append(r)
    rows = []
    for item_id, values in groups.items():
        skill, nugget, prompt = items[item_id]
        avg = sum(values) / len(values)
        rows.append(
            ItemRecallRow(
                skill=skill,
                nugget=nugget,
                prompt=prompt,
                learners=len(values),
                recall=round(avg, 3),
                recall_pct=_pct(avg),
            )
        )
    return sorted(rows, key=lambda r: (r.recall, r.skill, r.nugget, r.prompt))


def _overdue(
    cards: Sequence[ReviewCard],
    people: Mapping[uuid.UUID, User],
    today: Mapping[uuid.UUID, dt.date],
) -> list[OverdueRow]:
    due: dict[uuid.UUID, list[dt.date]] = collections.defaultdict(list)
    for c in cards:
        if c.due_on is not None and c.due_on < today[c.user_id]:
            due[c.user_id].append(c.due_on)
    rows = [
        OverdueRow(
            learner=people[uid].display_name,
            email=people[uid].email,
            overdue=len(days),
            oldest_due=min(days),
        )
        for uid, days in due.items()
    ]
    return sorted(rows, key=lambda r: (r.oldest_due, -r.overdue, r.learner))


def _per_day(cards: Sequence[ReviewCard], today: dt.date) -> list[ReviewDayRow]:
    first = today - dt.timedelta(days=DAYS - 1)
    counts: collections.Counter[dt.date] = collections.Counter()
    for c in cards:
        for day in records(c.days):
            on = dt.date.fromisoformat(day["on"])
            if day["review"] and first <= on <= today:
                counts[on] += 1
    return [
        ReviewDayRow(day=first + dt.timedelta(days=i), reviews=counts[first + dt.timedelta(days=i)])
        for i in range(DAYS)
    ]


__all__ = ["DAYS", "TABLES", "cohort_reviews"]
