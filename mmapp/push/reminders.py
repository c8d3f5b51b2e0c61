"""Commute reminders: each learner's local slots, quiet hours and daily goal.

When slots ring is `reminder_times`' business: each plan stores its next due
instant, and a tick reads only the plans due (`ReminderPlan.next_due_at <= now`,
indexed), never every learner. A reminder is claimed once per (learner, local date,
slot) by `deliveries.enqueue`'s dedupe key, so however many schedulers run, one is
sent; a plan's next due instant only moves on from the value the tick read.
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

import sqlalchemy as sa
from sqlmodel import Session, col, select

from mmapp.accounts import check_timezone
from mmapp.db import table_of
from mmapp.i18n import DEFAULT_LOCALE, effective_locale, translate, translate_plural
from mmapp.models import PushMessage, PushSubscription, ReminderPlan, User, utcnow
from mmapp.progress.learner_situation import learner_situation
from mmapp.progress.projections import minutes_on
from mmapp.progress.reviewable import due_reviews
from mmapp.progress.streaks import REVIEW_SECONDS
from mmapp.push import deliveries
from mmapp.push.reminder_times import (
    WINDOW,
    DueSlot,
    due_slots,
    next_due_at,
    reschedule,
)
from mmapp.schemas import ReminderPlanIn, ReminderPlanOut
from mmapp.skills import Chunk, WeekAsk, WeeklySlot, week_plan

REMINDER_TTL_SECONDS = int(WINDOW.total_seconds()) + 600  # stale after that


def save_plan(
    *, session: Session, user: User, data: ReminderPlanIn, now: dt.datetime | None = None
) -> ReminderPlan:
    """Create or replace the learner's reminder plan, and when it next rings.

    Saving is the one place a learner's timezone changes, so the next due instant is
    recomputed here for the new slots, zone and quiet hours alike; a slot whose window
    is open at `now` (default: the clock seam's) still rings.

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
    now = now or utcnow()
    plan.daily_goal_minutes, plan.updated_at = data.daily_goal_minutes, now
    reschedule(plan, now=now)
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
    *,
    session: Session,
    user: User,
    plan: ReminderPlan,
    slot: DueSlot,
    done: int,
    now: dt.datetime,
    locale: str = DEFAULT_LOCALE,
) -> tuple[Chunk, dict[str, str]] | None:
    """What the week plan (`skills.week`) holds for this slot, or None when it holds nothing.

    The plan is made afresh from the learner's situation now, so a reminder names what
    the phone's week view shows for the slot; its reasons are worded in `locale`.

    Returns:
        The slot's chunk and the titles of the learner's nuggets by id.
    """
    base = learner_situation(session=session, user=user, now=now, locale=locale).situation
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


def review_text(due: int, locale: str | None = None) -> str:
    """What a reminder says when reviews are due: "3 reviews due — 2 min"."""
    minutes = math.ceil(due * REVIEW_SECONDS / 60)
    return translate_plural(
        locale,
        "{n} review due — {minutes} min",
        "{n} reviews due — {minutes} min",
        due,
        minutes=minutes,
    )


def _left_text(locale: str | None, left: int, goal: int) -> str:
    return translate(locale, "{left} of your {goal} minutes left today.", left=left, goal=goal)


def reminder_payload(
    chunk: Chunk,
    *,
    titles: dict[str, str],
    left: int,
    goal: int,
    due: int,
    locale: str | None = None,
) -> dict[str, Any]:
    """What a reminder says: the slot's planned chunk in words, and where it opens.

    Reviews first: "3 reviews due — 2 min", body "Then 'Ask per what?' · 7 min. …",
    opening /review. Otherwise the chunk's first nugget: "7 minutes for Ask per what?",
    body "<its pathway reason> · 8 of your 10 minutes left today.", opening the nugget.

    Args:
        chunk: The slot's chunk (state "planned"), its reasons worded in `locale`.
        titles: Nugget titles by id.
        left: Minutes of the daily goal still to do today.
        goal: The daily goal.
        due: Reviews due today.
        locale: The learner's language (None: English).
    """
    first = chunk.picks[0]
    nuggets = [p for p in chunk.picks if p.kind == "nugget"]
    rest = _left_text(locale, left, goal)
    reason = first.reason  # worded by the pathway in the learner's language already
    payload: dict[str, Any] = {"kind": "reminder", "topic": "reminder"}
    if first.kind == "reviews":
        body = rest
        if nuggets:
            body = translate(
                locale,
                "Then '{title}' · {minutes} min. {rest}",
                title=titles[nuggets[0].id],
                minutes=nuggets[0].minutes,
                rest=rest,
            )
        title = review_text(due, locale) if due else reason
        return payload | {"title": title, "body": body, "url": "/review"}
    return payload | {
        "title": translate_plural(
            locale,
            "{n} minute for {title}?",
            "{n} minutes for {title}?",
            first.minutes,
            title=titles[first.id],
        ),
        "body": translate(locale, "{reason} · {rest}", reason=reason, rest=rest),
        "url": f"/nugget?id={first.id}",
        "nugget_id": first.id,
    }


def remind_slot(
    *, session: Session, plan: ReminderPlan, slot: DueSlot, now: dt.datetime
) -> str | None:
    """Enqueue the reminder for one due slot; its dedupe key if this call claimed it."""
    key = f"reminder:{plan.user_id}:{slot.day.isoformat()}:{slot.time}"
    # Claimed by an earlier tick (a slot is due for 20 minutes): nothing to plan.
    if session.exec(select(PushMessage.id).where(PushMessage.dedupe_key == key)).first():
        return None
    tz = zoneinfo.ZoneInfo(plan.timezone)
    done = minutes_on(session=session, user_id=plan.user_id, day=slot.day, tz=tz)
    if done >= plan.daily_goal_minutes:
        return None
    user = session.get(User, plan.user_id)
    if user is None:
        return None
    locale = effective_locale(user.locale, user.device_locale)
    planned = planned_chunk(
        session=session, user=user, plan=plan, slot=slot, done=done, now=now, locale=locale
    )
    due = due_reviews(session=session, user=user, day=slot.day, now=now)
    left, goal = plan.daily_goal_minutes - done, plan.daily_goal_minutes
    if planned is not None:
        chunk, titles = planned
        payload = reminder_payload(
            chunk, titles=titles, left=left, goal=goal, due=due, locale=locale
        )
    elif due:  # too little of the goal left for the plan, but reviews wait
        payload = {"kind": "reminder", "topic": "reminder", "title": review_text(due, locale)}
        payload |= {"body": _left_text(locale, left, goal), "url": "/review"}
    else:
        return None
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
    return key if message is not None else None


def due_plans(now: dt.datetime) -> sa.Select[ReminderPlan, bool]:
    """The plans whose next slot has come, each with whether the learner has a phone.

    A range of the `next_due_at` index: the tick reads as many rows as slots are due.
    """
    subscribed = sa.exists().where(col(PushSubscription.user_id) == col(ReminderPlan.user_id))
    return sa.select(ReminderPlan, subscribed.label("subscribed")).where(
        col(ReminderPlan.next_due_at) <= now, col(ReminderPlan.enabled)
    )


def plan_reminders(*, session: Session, now: dt.datetime | None = None) -> list[str]:
    """Enqueue every reminder due now; returns the dedupe keys this call claimed.

    Reads only the plans whose `next_due_at` has come (an index range), so a tick
    costs the reminders due, not the learners. Skipped: learners without a
    subscription, with the day's goal met, or whose week plan holds nothing for the
    slot; a skipped slot is handled as much as a sent one. The reminder names the
    slot's planned chunk (`reminder_payload`): reviews due first, then the nugget the
    pathway planned.

    Every plan read moves on to its first slot after `now`, but only from the value
    this tick read (compare and set): a tick racing another, or a learner saving new
    slots meanwhile, leaves the other's value, which is never later than a slot still
    to ring; a slot read twice is claimed once by its dedupe key.
    """
    now = now or utcnow()
    rows = session.execute(due_plans(now)).all()
    claimed, moves = [], []
    for plan, has_subscription in rows:
        # Without a phone nothing is sent, but the plan still moves on (subscribing
        # reschedules it), so plans without phones never pile up in the index range.
        if has_subscription:
            for slot in due_slots(plan, now):
                key = remind_slot(session=session, plan=plan, slot=slot, now=now)
                if key is not None:
                    claimed.append(key)
        new = next_due_at(plan, after=now)
        moves.append({"uid": plan.user_id, "seen": plan.next_due_at, "new": new})
    if moves:
        table = table_of(ReminderPlan)
        move = (
            sa.update(table)
            .where(table.c.user_id == sa.bindparam("uid"))
            .where(table.c.next_due_at == sa.bindparam("seen"))
            .values(next_due_at=sa.bindparam("new"))
        )
        session.connection().execute(move, moves)
        for plan, _ in rows:  # the objects read show what the database now holds
            session.expire(plan, ["next_due_at"])
    return claimed
