"""Commute reminders: each learner's local slots, quiet hours and daily goal.

Slots are wall-clock times in the learner's IANA timezone, turned into instants
afresh every day, so they follow DST and timezone changes. A slot is due from its
instant for `WINDOW`; a reminder is claimed once per (learner, local date, slot) by
`deliveries.enqueue`'s dedupe key, so however many schedulers run, one is sent.
A reminder stays quiet once the day's goal is met (minutes as
`mmapp.progress.streaks` counts them); when reviews are due it says so.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
import zoneinfo
from typing import Any

from sqlmodel import Session, col, select

from mmapp.accounts import check_timezone
from mmapp.content.assignments import given_nuggets
from mmapp.models import (
    LearnerEvent,
    Nugget,
    NuggetStatus,
    PushSubscription,
    ReminderPlan,
    User,
    utcnow,
)
from mmapp.progress.projections import minutes_on
from mmapp.progress.reviewable import due_reviews
from mmapp.progress.streaks import REVIEW_SECONDS
from mmapp.push import deliveries
from mmapp.schemas import ReminderPlanIn, ReminderPlanOut

WINDOW = dt.timedelta(minutes=20)
REMINDER_TTL_SECONDS = int(WINDOW.total_seconds()) + 600  # stale after that


@dataclasses.dataclass(frozen=True)
class DueSlot:
    """A slot whose moment has come: local date and time, and the UTC instant."""

    day: dt.date
    time: str
    at: dt.datetime


def _minutes(hhmm: str) -> int:
    hours, minutes = hhmm.split(":")
    return int(hours) * 60 + int(minutes)


def in_quiet_hours(hhmm: str, start: str | None, end: str | None) -> bool:
    """Whether a local time falls in quiet hours (which may wrap past midnight)."""
    if start is None or end is None or start == end:
        return False
    t, a, b = _minutes(hhmm), _minutes(start), _minutes(end)
    return a <= t < b if a < b else t >= a or t < b


def due_slots(plan: ReminderPlan, now: dt.datetime) -> list[DueSlot]:
    """Slots of `plan` whose instant is in `(now - WINDOW, now]`, quiet hours skipped.

    A wall-clock time skipped by a DST jump fires at the same clock reading on the
    old offset (02:30 on a spring-forward night rings at 03:30); one that happens
    twice fires at its first occurrence.
    """
    tz = zoneinfo.ZoneInfo(plan.timezone)
    today = now.astimezone(tz).date()
    due = []
    for day in (today - dt.timedelta(days=1), today):
        for slot in plan.slots:
            if slot["weekday"] != day.weekday():
                continue
            if in_quiet_hours(slot["time"], plan.quiet_start, plan.quiet_end):
                continue
            hours, minutes = map(int, slot["time"].split(":"))
            local = dt.datetime.combine(day, dt.time(hours, minutes), tzinfo=tz)
            at = local.astimezone(dt.UTC)
            if at <= now < at + WINDOW:
                due.append(DueSlot(day, slot["time"], at))
    return due


def save_plan(*, session: Session, user: User, data: ReminderPlanIn) -> ReminderPlan:
    """Create or replace the learner's reminder plan.

    Raises:
        ValidationError: Unknown timezone.
    """
    check_timezone(data.timezone)
    plan = session.get(ReminderPlan, user.id) or ReminderPlan(user_id=user.id)
    plan.enabled, plan.timezone = data.enabled, data.timezone
    plan.slots = [s.model_dump() for s in sorted(data.slots, key=lambda s: (s.weekday, s.time))]
    plan.quiet_start, plan.quiet_end = data.quiet_start, data.quiet_end
    plan.daily_goal_minutes, plan.updated_at = data.daily_goal_minutes, utcnow()
    session.add(plan)
    session.flush()
    return plan


def plan_out(plan: ReminderPlan | None, *, timezone: str) -> ReminderPlanOut:
    """A stored plan as the learner sees it; no plan yet is a disabled one in `timezone`."""
    if plan is None:
        return ReminderPlanOut(enabled=False, timezone=timezone)
    return ReminderPlanOut.model_validate(
        plan.model_dump(include=set(ReminderPlanOut.model_fields))
    )


def _next_nugget(session: Session, user: User, now: dt.datetime) -> Nugget | None:
    given = given_nuggets(session=session, user_id=user.id, now=now)
    done = set(
        session.exec(
            select(LearnerEvent.nugget_id).where(
                LearnerEvent.user_id == user.id, LearnerEvent.type == "nugget_completed"
            )
        )
    )
    for nugget_id, g in given.items():
        if nugget_id not in done and g.nugget.status == NuggetStatus.published:
            return g.nugget
    return None


def review_text(due: int) -> str:
    """What a reminder says when reviews are due: "3 reviews due — 2 min"."""
    minutes = math.ceil(due * REVIEW_SECONDS / 60)
    return f"{due} {'review' if due == 1 else 'reviews'} due — {minutes} min"


def plan_reminders(*, session: Session, now: dt.datetime | None = None) -> list[str]:
    """Enqueue every reminder due now; returns the dedupe keys this call claimed.

    Skipped: learners without a subscription, with the day's goal met, or with
    nothing to do (no review due and no nugget left). Reviews due take the reminder
    ("3 reviews due — 2 min", opening /review); otherwise it offers the next nugget.
    """
    now = now or utcnow()
    with_devices = select(PushSubscription.user_id)
    plans = session.exec(
        select(ReminderPlan).where(
            ReminderPlan.enabled, col(ReminderPlan.user_id).in_(with_devices)
        )
    )
    claimed = []
    for plan in plans:
        for slot in due_slots(plan, now):
            tz = zoneinfo.ZoneInfo(plan.timezone)
            done = minutes_on(session=session, user_id=plan.user_id, day=slot.day, tz=tz)
            if done >= plan.daily_goal_minutes:
                continue
            user = session.get(User, plan.user_id)
            nugget = _next_nugget(session, user, now) if user else None
            due = due_reviews(session=session, user=user, day=slot.day, now=now) if user else 0
            if nugget is None and not due:
                continue
            key = f"reminder:{plan.user_id}:{slot.day.isoformat()}:{slot.time}"
            left = plan.daily_goal_minutes - done
            # Reviews due come first (short, and they keep what was learned); a
            # learner with every nugget done still gets them.
            payload: dict[str, Any] = {
                "kind": "reminder",
                "body": f"{left} of your {plan.daily_goal_minutes} minutes left today.",
                "topic": "reminder",
            }
            if due:
                payload |= {"title": review_text(due), "url": "/review"}
            else:
                assert nugget is not None
                payload |= {
                    "title": f"{nugget.minutes} minutes for {nugget.title}?",
                    "url": f"/nugget?id={nugget.id}",
                    "nugget_id": str(nugget.id),
                }
            message = deliveries.enqueue(
                session=session,
                dedupe_key=key,
                kind="reminder",
                payload=payload,
                user_ids={plan.user_id},
                topic="reminder",
                ttl_seconds=REMINDER_TTL_SECONDS,
                nugget_id=None if due or nugget is None else nugget.id,
            )
            if message is not None:
                claimed.append(key)
    return claimed
