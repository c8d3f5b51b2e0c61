"""The push scheduler: plan due reminders and work check-ins, then send what is due.

Each tick also passes expired mentoring offers to the next mentor (`mentoring.offers`):
a conditional update, so with several schedulers each offer moves once. Then it plans
mentoring's pushes (`mentoring_pushes`), so an offer passed down is announced in the
same tick, and tells colleagues asked to hear a teach-back (`teachback.pushes`, once
per ask by its key).

It runs inside each web server process (a Reflex lifespan task) or as `mmapp
worker`. Any number may run: reminders are claimed by a unique key and deliveries
by a lease in the database, so each reminder is sent by exactly one of them.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
from collections import Counter
from collections.abc import Callable, Collection

from sqlmodel import Session

from mmapp.db import session_scope
from mmapp.mentoring import offers
from mmapp.models import utcnow
from mmapp.push import deliveries, mentoring_pushes, reminders, work_checkins
from mmapp.push.vapid import load_vapid
from mmapp.settings import Settings, get_settings
from mmapp.teachback import pushes as teachback_pushes

log = logging.getLogger(__name__)


def tick(
    *, settings: Settings | None = None, now: Callable[[], dt.datetime] = utcnow
) -> Counter[str]:
    """One round: plan reminders, check-ins and expired offers; send what is due.

    Returns:
        Outcome counts of this round's deliveries (plus `reminders`, `checkins` and
        `teachbacks` enqueued, mentoring `offers` passed down, and `mentoring` pushes
        enqueued).
    """
    settings = settings or get_settings()
    planned: Counter[str] = Counter()
    planners: dict[str, Callable[..., Collection[object]]] = {
        "reminders": reminders.plan_reminders,
        "checkins": work_checkins.plan_checkins,
        "offers": offers.expire_offers,  # mentoring offers past their time pass down
        "mentoring": mentoring_pushes.plan_mentoring,
        "teachbacks": plan_teachbacks,  # "Ada would like to teach you a nugget"
    }
    for name, plan in planners.items():
        # One planner failing must not stop the other, nor the sending of what is due.
        try:
            with session_scope() as session:
                planned[name] += len(plan(session=session, now=now()))
        except Exception:
            log.exception("push scheduler: planning %s failed", name)
    totals = deliveries.run_due(scope=lambda: session_scope(), settings=settings, now=now)
    totals.update(planned)
    return totals


def plan_teachbacks(*, session: Session, now: dt.datetime) -> list[str]:
    """Enqueue each teach-back push due (`teachback.pushes`); the keys this call claimed."""
    claimed = []
    for due in teachback_pushes.due_pushes(session=session, now=now):
        row = deliveries.enqueue(
            session=session,
            dedupe_key=due.key,
            kind="teachback",
            payload=due.payload,
            user_ids={due.user_id},
            topic=teachback_pushes.TOPIC,
            ttl_seconds=teachback_pushes.TEACH_TTL_SECONDS,
            nugget_id=due.nugget_id,
        )
        if row is not None:
            claimed.append(due.key)
    return claimed


def ensure_vapid_key(settings: Settings) -> None:
    """Create and store the VAPID key pair if this database has none yet."""
    with session_scope() as session:
        load_vapid(session=session, override_pem=settings.vapid_private_key)


async def run_forever(settings: Settings | None = None, rounds: int | None = None) -> None:
    """Tick every `scheduler_interval_seconds` (in a thread: sending is blocking work).

    Args:
        settings: Settings in force.
        rounds: Stop after this many rounds (None: until cancelled).
    """
    settings = settings or get_settings()
    # The VAPID key exists from the first start, before any browser asks for it.
    await asyncio.to_thread(ensure_vapid_key, settings)
    done = 0
    while rounds is None or done < rounds:
        try:
            totals = await asyncio.to_thread(tick, settings=settings)
            if totals.total() > 0:
                log.info("push scheduler: %s", dict(totals))
        except Exception:  # a bad round must not stop reminders for good
            log.exception("push scheduler round failed")
        done += 1
        if rounds is None or done < rounds:
            await asyncio.sleep(settings.scheduler_interval_seconds)
