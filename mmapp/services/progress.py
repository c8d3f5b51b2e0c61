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

from sqlmodel import Session, select

from mmapp.models import LearnerEvent, NuggetRevision, Skill, User, utcnow
from mmapp.services.assignments import given_nuggets
from mmapp.services.grading import grade

# Device clocks are recorded, not trusted: a day is taken from the device's time
# only within this window before the server received the event.
CLIENT_CLOCK_WINDOW = dt.timedelta(days=7)


def activity_time(event: LearnerEvent) -> dt.datetime:
    """When an event most plausibly happened: device time, clamped to a sane window."""
    earliest = event.received_at - CLIENT_CLOCK_WINDOW
    return min(max(event.client_ts, earliest), event.received_at)


def streak_from_days(days: Iterable[dt.date], today: dt.date) -> int:
    """Length of the run of active days ending today (or yesterday, if today is open)."""
    active = set(days)
    day = today if today in active else today - dt.timedelta(days=1)
    count = 0
    while day in active:
        count += 1
        day -= dt.timedelta(days=1)
    return count


def snapshots(session: Session, keys: set[tuple[uuid.UUID, int]]) -> dict:
    """Frozen snapshots of the given (nugget id, version) pairs, in one query."""
    if not keys:
        return {}
    rows = session.exec(
        select(NuggetRevision).where(NuggetRevision.nugget_id.in_({k[0] for k in keys}))
    )
    return {(r.nugget_id, r.version): r.snapshot for r in rows if (r.nugget_id, r.version) in keys}


def _quiz_scores(events: list[LearnerEvent], snaps: dict) -> dict[str, dict[str, int]]:
    """First-try score per nugget, on the latest version the learner answered."""
    latest: dict[uuid.UUID, int] = {}
    for e in events:
        if e.type == "quiz_answered":
            latest[e.nugget_id] = max(latest.get(e.nugget_id, 0), e.nugget_version)
    scores: dict[str, dict[str, int]] = {}
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
        scores[str(nugget_id)] = {
            "answered": len(first),
            "correct": sum(first.values()),
            "total": len(items),
        }
    return scores


def compute_progress(
    *, session: Session, user: User, now: dt.datetime | None = None
) -> dict[str, Any]:
    """Project the learner's events into the progress the app shows.

    Returns:
        A JSON-ready dict: completed nuggets, scores, minutes, streak, skills.

    """
    now = now or utcnow()
    tz = zoneinfo.ZoneInfo(user.timezone)
    events = list(
        session.exec(
            select(LearnerEvent).where(LearnerEvent.user_id == user.id).order_by(LearnerEvent.seq)
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

    given = given_nuggets(session=session, user_id=user.id, now=now)
    skills = {s.id: s for s in session.exec(select(Skill))}
    per_skill: dict[uuid.UUID, dict[str, Any]] = {}
    for nugget_id, g in given.items():
        skill = skills.get(g.nugget.skill_id)
        if skill is None:
            continue
        entry = per_skill.setdefault(
            skill.id, {"slug": skill.slug, "name": skill.name, "done": 0, "total": 0}
        )
        entry["total"] += 1
        entry["done"] += nugget_id in completed
    return {
        "completed": {
            str(n): activity_time(e).astimezone(tz).date().isoformat() for n, e in completed.items()
        },
        "nuggets_done": len(completed),
        "minutes": minutes,
        "streak": streak_from_days(days, today),
        "last_active_day": max(days).isoformat() if days else None,
        "today": today.isoformat(),
        "timezone": user.timezone,
        "scores": _quiz_scores(events, snaps),
        "skills": sorted(per_skill.values(), key=lambda s: s["name"]),
        "events_stored": len(events),
    }


def minutes_on(*, session: Session, user_id: uuid.UUID, day: dt.date, tz: dt.tzinfo) -> int:
    """Minutes of nuggets first completed on `day` (in `tz`), for the daily goal."""
    events = session.exec(
        select(LearnerEvent)
        .where(LearnerEvent.user_id == user_id, LearnerEvent.type == "nugget_completed")
        .order_by(LearnerEvent.seq)
    )
    first: dict[uuid.UUID, LearnerEvent] = {}
    for e in events:
        first.setdefault(e.nugget_id, e)
    today = [e for e in first.values() if activity_time(e).astimezone(tz).date() == day]
    snaps = snapshots(session, {(e.nugget_id, e.nugget_version) for e in today})
    return sum(snaps.get((e.nugget_id, e.nugget_version), {}).get("minutes", 0) for e in today)
