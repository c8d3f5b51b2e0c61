"""Commute reminders: each learner's local slots, quiet hours and daily goal.

Slots are wall-clock times in the learner's IANA timezone, turned into instants
afresh every day, so they follow DST and timezone changes. A slot is due from its
instant for `WINDOW`; a reminder is claimed once per (learner, local date, slot) by
`deliveries.enqueue`'s dedupe key, so however many schedulers run, one is sent.
A reminder stays quiet once the day's goal is met (minutes as
`mmapp.progress.streaks` counts them), and names what the learner's week plan
(`mmapp.skills.week`) holds for the slot: the reviews due, the nugget planned.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
import uuid
import zoneinfo
from typing import Any

from sqlmodel import Session, col, select

from mmapp.accounts import check_timezone
from mmapp.models import PushMessage, PushSubscription, ReminderPlan, User, utcnow
from mmapp.progress.learner_situation import learner_situation
from mmapp.progress.projections import minutes_on
from mmapp.progress.reviewable import due_reviews
from mmapp.progress.streaks import REVIEW_SECONDS
from mmapp.push import deliveries
from mmapp.schemas import ReminderPlanIn, ReminderPlanOut
from mmapp.skills import Chunk, WeekAsk, WeeklySlot, week_plan

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
    # One timezone per learner: the phone's, as of their last save. Progress days, the
    # week plan and the slots are then read in the same zone on phone and server.
    account = session.get(User, user.id) or user
    account.timezone = user.timezone = data.timezone
    session.add(account)
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


def planned_chunk(
    *, session: Session, user: User, plan: ReminderPlan, slot: DueSlot, done: int, now: dt.datetime
) -> tuple[Chunk, dict[str, str]] | None:
    """What the week plan (`skills.week`) holds for this slot, or None when it holds nothing.

    The plan is made afresh from the learner's situation now, so a reminder names what
    the phone's week view shows for the slot.

    Returns:
        The slot's chunk and the titles of the learner's nuggets by id.
    """
    base = learner_situation(session=session, user=user, now=now).situation
    ask = WeekAsk(
        situation=dataclasses.replace(base, today=slot.day.isoformat()),
        # From this slot on: today's earlier slots had their own reminder (or were quiet),
        # and what they held rolls forward to this one.
        slots=tuple(
            WeeklySlot(s["weekday"], s["time"])
            for s in plan.slots
            if not (s["weekday"] == slot.day.weekday() and s["time"] < slot.time)
        ),
        now_time=slot.time,
        goal_minutes=plan.daily_goal_minutes,
        done_minutes=done,
    )
    day = slot.day.isoformat()
    mine = [c for c in week_plan(ask).chunks if (c.day, c.time) == (day, slot.time)]
    if not mine or mine[0].state != "planned":
        return None
    return mine[0], {n.id: n.title for n in base.nuggets}


def review_text(due: int) -> str:
    """What a reminder says when reviews are due: "3 reviews due — 2 min"."""
    minutes = math.ceil(due * REVIEW_SECONDS / 60)
    return f"{due} {'review' if due == 1 else 'reviews'} due — {minutes} min"


def reminder_payload(
    chunk: Chunk, *, titles: dict[str, str], left: int, goal: int, due: int
) -> dict[str, Any]:
    """What a reminder says: the slot's planned chunk in words, and where it opens.

    Reviews first: "3 reviews due — 2 min", body "Then 'Ask per what?' · 7 min. …",
    opening /review. Otherwise the chunk's first nugget: "7 minutes for Ask per what?",
    body "<its pathway reason> · 8 of your 10 minutes left today.", opening the nugget.

    Args:
        chunk: The slot's chunk (state "planned").
        titles: Nugget titles by id.
        left: Minutes of the daily goal still to do today.
        goal: The daily goal.
        due: Reviews due today.
    """
    first = chunk.picks[0]
    nuggets = [p for p in chunk.picks if p.kind == "nugget"]
    rest = f"{left} of your {goal} minutes left today."
    payload: dict[str, Any] = {"kind": "reminder", "topic": "reminder"}
    if first.kind == "reviews":
        then = f"Then '{titles[nuggets[0].id]}' · {nuggets[0].minutes} min. " if nuggets else ""
        title = review_text(due) if due else first.reason
        return payload | {"title": title, "body": then + rest, "url": "/review"}
    return payload | {
        "title": f"{first.minutes} minutes for {titles[first.id]}?",
        "body": f"{first.reason} · {rest}",
        "url": f"/nugget?id={first.id}",
        "nugget_id": first.id,
    }


def plan_reminders(*, session: Session, now: dt.datetime | None = None) -> list[str]:
    """Enqueue every reminder due now; returns the dedupe keys this call claimed.

    Skipped: learners without a subscription, with the day's goal met, or whose week
    plan holds nothing for the slot. The reminder names the slot's planned chunk
    (`reminder_payload`): reviews due first, then the nugget the pathway planned.
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
            key = f"reminder:{plan.user_id}:{slot.day.isoformat()}:{slot.time}"
            # Claimed by an earlier tick (a slot is due for 20 minutes): nothing to plan.
            if session.exec(select(PushMessage.id).where(PushMessage.dedupe_key == key)).first():
                continue
            tz = zoneinfo.ZoneInfo(plan.timezone)
            done = minutes_on(session=session, user_id=plan.user_id, day=slot.day, tz=tz)
            if done >= plan.daily_goal_minutes:
                continue
            user = session.get(User, plan.user_id)
            if user is None:
                continue
            planned = planned_chunk(
                session=session, user=user, plan=plan, slot=slot, done=done, now=now
            )
            due = due_reviews(session=session, user=user, day=slot.day, now=now)
            left, goal = plan.daily_goal_minutes - done, plan.daily_goal_minutes
            if planned is not None:
                chunk, titles = planned
                payload = reminder_payload(chunk, titles=titles, left=left, goal=goal, due=due)
            elif due:  # too little of the goal left for the plan, but reviews wait
                payload = {"kind": "reminder", "topic": "reminder", "title": review_text(due)}
                payload |= {"body": f"{left} of your {goal} minutes left today.", "url": "/review"}
            else:
                continue
            nugget_id = payload.get("nugget_id")
            message = deliveries.enqueue(
                session=session,
                dedupe_key=key,
                kind="reminder",
                payload=payload,
                user_ids={plan.user_id},
                topic="reminder",
                ttl_seconds=REMINDER_TTL_SECONDS,
                nugget_id=uuid.UUID(nugget_id) if nugget_id else None,
            )
            if message is not None:
                claimed.append(key)
    return claimed
