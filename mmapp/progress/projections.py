"""A learner's progress, rebuilt deterministically from their event log.

Completion, first-try quiz scores, minutes, the day streak (in the learner's own
timezone) and per-skill progress are projections of `LearnerEvent` rows: nothing
here is stored, so the same events always give the same answer.
"""

from __future__ import annotations

import datetime as dt
import uuid
import zoneinfo
from collections.abc import Iterable
from typing import Any

from sqlmodel import Session, col, select

from mmapp.clock import plausible_time
from mmapp.content.assignments import given_nuggets
from mmapp.content.grading import grade
from mmapp.models import LearnerEvent, NuggetRevision, Skill, User, utcnow
from mmapp.progress.mastery import skill_level
from mmapp.reviews.cards import cards_of
from mmapp.schemas import ProgressOut, QuizScore, SkillProgress

# Published snapshots (`NuggetRevision.snapshot`) by (nugget id, version).
Snapshots = dict[tuple[uuid.UUID, int], dict[str, Any]]


def activity_time(event: LearnerEvent) -> dt.datetime:
    """When an event most plausibly happened (`clock.plausible_time`)."""
    return plausible_time(event.client_ts, event.received_at)


def streak_from_days(days: Iterable[dt.date], today: dt.date) -> int:
    """Length of the run of active days ending today (or yesterday, if today is open)."""
    active = set(days)
    day = today if today in active else today - dt.timedelta(days=1)
    count = 0
    while day in active:
        count += 1
        day -= dt.timedelta(days=1)
    return count


def snapshots(session: Session, keys: set[tuple[uuid.UUID, int]]) -> Snapshots:
    """Frozen snapshots of the given (nugget id, version) pairs, in one query."""
    if not keys:
        return {}
    rows = session.exec(
        select(NuggetRevision).where(col(NuggetRevision.nugget_id).in_({k[0] for k in keys}))
    )
    return {(r.nugget_id, r.version): r.snapshot for r in rows if (r.nugget_id, r.version) in keys}


def _quiz_scores(events: list[LearnerEvent], snaps: Snapshots) -> dict[uuid.UUID, QuizScore]:
    """First-try score per nugget, on the latest version the learner answered."""
    latest: dict[uuid.UUID, int] = {}
    for e in events:
        if e.type == "quiz_answered":
            latest[e.nugget_id] = max(latest.get(e.nugget_id, 0), e.nugget_version)
    scores: dict[uuid.UUID, QuizScore] = {}
    for nugget_id, version in latest.items():
        snap = snaps.get((nugget_id, version))
        if snap is None:
            continue
        items = {i["id"]: i for i in snap["quiz"]}
        first: dict[str, bool] = {}
        for e in events:
            if (e.type, e.nugget_id, e.nugget_version) != ("quiz_answered", nugget_id, version):
                continue
            item = items.get(e.payload.get("item_id"))
            if item is not None and item["id"] not in first:
                first[item["id"]] = grade(item, e.payload.get("answer", {}))
        scores[nugget_id] = QuizScore(
            answered=len(first), correct=sum(first.values()), total=len(items)
        )
    return scores


def _per_skill(
    session: Session, user: User, completed: set[uuid.UUID], now: dt.datetime, today: dt.date
) -> list[SkillProgress]:
    """Each skill of the given nuggets: done of total, and the level (`mastery`)."""
    given = given_nuggets(session=session, user_id=user.id, now=now)
    skills = {s.id: s for s in session.exec(select(Skill))}
    current = snapshots(session, {(n, g.nugget.version) for n, g in given.items()})
    done_total: dict[uuid.UUID, tuple[int, int]] = {}
    items: dict[uuid.UUID, set[uuid.UUID]] = {}
    for nugget_id, g in given.items():
        skill = skills.get(g.nugget.skill_id)
        if skill is None:
            continue
        done, total = done_total.get(skill.id, (0, 0))
        done_total[skill.id] = (done + (nugget_id in completed), total + 1)
        quiz = current.get((nugget_id, g.nugget.version), {}).get("quiz", [])
        items.setdefault(skill.id, set()).update(uuid.UUID(i["id"]) for i in quiz)
    cards = cards_of(session=session, user=user) if done_total else []
    rows: list[SkillProgress] = []
    for k, (done, total) in done_total.items():
        level = skill_level(done=done, given=total, items=items[k], cards=cards, today=today)
        rows.append(
            SkillProgress(
                slug=skills[k].slug,
                name=skills[k].name,
                done=done,
                total=total,
                level=level.level,
                level_label=level.label,
                next_step=level.next_step,
                recall=round(level.recall, 3),
            )
        )
    return rows


def compute_progress(
    *, session: Session, user: User, now: dt.datetime | None = None
) -> ProgressOut:
    """Project the learner's events into the progress the app shows.

    Returns:
        Completed nuggets, scores, minutes, streak and per-skill counts.

    """
    now = now or utcnow()
    tz = zoneinfo.ZoneInfo(user.timezone)
    events = list(
        session.exec(
            select(LearnerEvent)
            .where(LearnerEvent.user_id == user.id)
            .order_by(col(LearnerEvent.seq))
        )
    )
    snaps = snapshots(session, {(e.nugget_id, e.nugget_version) for e in events})
    completed: dict[uuid.UUID, LearnerEvent] = {}
    for e in events:
        if e.type == "nugget_completed" and e.nugget_id not in completed:
            completed[e.nugget_id] = e
    days = {activity_time(e).astimezone(tz).date() for e in completed.values()}
    today = now.astimezone(tz).date()
    minutes = sum(
        snaps.get((e.nugget_id, e.nugget_version), {}).get("minutes", 0) for e in completed.values()
    )

    per_skill = _per_skill(session, user, set(completed), now, today)
    return ProgressOut(
        completed={n: activity_time(e).astimezone(tz).date() for n, e in completed.items()},
        nuggets_done=len(completed),
        minutes=minutes,
        streak=streak_from_days(days, today),
        last_active_day=max(days) if days else None,
        today=today,
        timezone=user.timezone,
        scores=_quiz_scores(events, snaps),
        skills=sorted(per_skill, key=lambda s: s.name),
        events_stored=len(events),
    )


def minutes_on(*, session: Session, user_id: uuid.UUID, day: dt.date, tz: dt.tzinfo) -> int:
    """Minutes of nuggets first completed on `day` (in `tz`), for the daily goal."""
    events = session.exec(
        select(LearnerEvent)
        .where(LearnerEvent.user_id == user_id, LearnerEvent.type == "nugget_completed")
        .order_by(col(LearnerEvent.seq))
    )
    first: dict[uuid.UUID, LearnerEvent] = {}
    for e in events:
        first.setdefault(e.nugget_id, e)
    today = [e for e in first.values() if activity_time(e).astimezone(tz).date() == day]
    snaps = snapshots(session, {(e.nugget_id, e.nugget_version) for e in today})
    return sum(snaps.get((e.nugget_id, e.nugget_version), {}).get("minutes", 0) for e in today)
