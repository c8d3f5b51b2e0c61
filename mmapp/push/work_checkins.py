"""Work check-ins: the day after a learner tried a nugget at work, ask how it went.

For each open commitment (`mmapp.progress.work.open_commitments`: the latest
`work_committed` per learner and nugget, no `work_reflected` naming it) the check-in
day is the day after its `on`, in the learner's timezone (their reminder plan's, else
their account's). The check-in time is that day's first commute slot outside quiet
hours (enabled plans only); without one it is 09:00, or the end of quiet hours when
09:00 falls inside them. From that instant until the end of the check-in day the
push is enqueued once (dedupe key `work:<commitment event id>`), so however many
schedulers run, or however late one runs that day, one is sent; after that day
Today's check-in card still asks. Only learners with a push subscription are asked,
and not about a nugget no longer given to them.
"""

from __future__ import annotations

import datetime as dt
import uuid
import zoneinfo
from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from sqlmodel import Session, col, select
from sqlmodel.sql.expression import SelectOfScalar

from mmapp.content.assignments import given_nuggets
from mmapp.i18n import N_, effective_locale, translate
from mmapp.models import LearnerEvent, PushMessage, PushSubscription, ReminderPlan, User
from mmapp.progress.work import WORK_TYPES, WorkRow, open_commitments
from mmapp.push import deliveries
from mmapp.push.reminder_times import in_quiet_hours

DEFAULT_TIME = "09:00"
# A check-in is a calm question for the day: a phone offline for the morning still
# gets it, but not the next day (Today's card asks then).
CHECKIN_TTL_SECONDS = 8 * 3600
TITLE = N_("Did you try it? How did it go?")


def checkin_time(plan: ReminderPlan | None, day: dt.date) -> str:
    """The local "HH:MM" of a check-in on `day` (the module docstring has the rule)."""
    quiet = (plan.quiet_start, plan.quiet_end) if plan is not None else (None, None)
    if plan is not None and plan.enabled:
        times: list[str] = sorted(
            str(s["time"])
            for s in plan.slots
            if s["weekday"] == day.weekday() and not in_quiet_hours(s["time"], *quiet)
        )
        if times:
            return times[0]
    if in_quiet_hours(DEFAULT_TIME, *quiet) and quiet[1] is not None:
        return quiet[1]
    return DEFAULT_TIME


def checkin_at(plan: ReminderPlan | None, on: dt.date, tz: dt.tzinfo) -> dt.datetime:
    """The UTC instant of the check-in for a commitment to try it on `on`."""
    day = on + dt.timedelta(days=1)
    hours, minutes = map(int, checkin_time(plan, day).split(":"))
    return dt.datetime.combine(day, dt.time(hours, minutes), tzinfo=tz).astimezone(dt.UTC)


LOOKBACK_DAYS = 17  # 14 days ahead at most (sync.checks), plus the check-in's two days


def learner_zone(plan: ReminderPlan | None, user: User) -> zoneinfo.ZoneInfo:
    """The learner's timezone: their reminder plan's, else their account's (else UTC)."""
    try:
        return zoneinfo.ZoneInfo(plan.timezone if plan is not None else user.timezone)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return zoneinfo.ZoneInfo("UTC")


def message(title: str, nugget_id: uuid.UUID, locale: str | None = None) -> dict[str, Any]:
    """The push payload of one check-in, in the learner's language (None: English)."""
    return {
        "kind": "work_checkin",
        "title": translate(locale, TITLE),
        "body": translate(locale, "'{title}' — 30 seconds to note how it went.", title=title),
        "url": f"/reflect?nugget={nugget_id}",
        "topic": "work",
    }


def recent_work_events(now: dt.datetime) -> SelectOfScalar[LearnerEvent]:
    """Work events of learners with a phone that may still have a check-in due at `now`.

    A commitment's day is at most 14 days after it was made (`sync.checks`), and its
    check-in is over two days after that: older events cannot be due. A range of the
    (type, received_at) index: a tick reads the recent commitments, not every log.
    """
    subscribed = select(PushSubscription.user_id)
    return (
        select(LearnerEvent)
        .where(
            col(LearnerEvent.type).in_(WORK_TYPES),
            col(LearnerEvent.received_at) >= now - dt.timedelta(days=LOOKBACK_DAYS),
            col(LearnerEvent.user_id).in_(subscribed),
        )
        .order_by(col(LearnerEvent.seq))
    )


def plan_checkins(*, session: Session, now: dt.datetime) -> list[str]:
    """Enqueue every check-in due now; returns the dedupe keys this call claimed."""
    rows: Sequence[LearnerEvent] = session.exec(recent_work_events(now)).all()
    by_user: dict[uuid.UUID, list[LearnerEvent]] = defaultdict(list)
    for row in rows:
        by_user[row.user_id].append(row)
    ids = list(by_user)
    users = {u.id: u for u in session.exec(select(User).where(col(User.id).in_(ids)))}
    plans = {
        p.user_id: p
        for p in session.exec(select(ReminderPlan).where(col(ReminderPlan.user_id).in_(ids)))
    }
    due: dict[uuid.UUID, list[tuple[uuid.UUID, WorkRow]]] = defaultdict(list)
    for user_id, events in by_user.items():
        user = users.get(user_id)
        if user is None:
            continue
        plan = plans.get(user_id)
        tz = learner_zone(plan, user)
        for nugget_id, commitment in open_commitments(events).items():
            on = dt.date.fromisoformat(commitment.payload["on"])
            at = checkin_at(plan, on, tz)
            end = dt.datetime.combine(on + dt.timedelta(days=2), dt.time(), tzinfo=tz)
            if at <= now < end.astimezone(dt.UTC):
                due[user_id].append((nugget_id, commitment))
    # A check-in stays due for the rest of its day: the ones sent already are skipped
    # with one query, not re-read and re-claimed on every tick.
    keys = [f"work:{c.event_id}" for pairs in due.values() for _, c in pairs]
    sent = set(
        session.exec(select(PushMessage.dedupe_key).where(col(PushMessage.dedupe_key).in_(keys)))
    )
    claimed = []
    for user_id, pairs in due.items():
        pairs = [(n, c) for n, c in pairs if f"work:{c.event_id}" not in sent]
        if not pairs:
            continue
        given = given_nuggets(session=session, user_id=user_id, now=now)
        user = users[user_id]
        locale = effective_locale(user.locale, user.device_locale)
        for nugget_id, commitment in pairs:
            if nugget_id not in given:
                continue
            key = f"work:{commitment.event_id}"
            message_row = deliveries.enqueue(
                session=session,
                dedupe_key=key,
                kind="work_checkin",
                payload=message(given[nugget_id].nugget.title, nugget_id, locale),
                user_ids={user_id},
                topic="work",
                ttl_seconds=CHECKIN_TTL_SECONDS,
            )
            if message_row is not None:
                claimed.append(key)
    return claimed


__all__ = [
    "CHECKIN_TTL_SECONDS",
    "DEFAULT_TIME",
    "TITLE",
    "checkin_at",
    "checkin_time",
    "learner_zone",
    "message",
    "plan_checkins",
]
