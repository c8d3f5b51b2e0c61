"""One reminder tick for 100,000 learners, next to the old full scan of every plan.

Seeds learners with commute plans and a phone each, inserted in bulk
(`tests/support/reminder_world.py`); 1% of them have a slot whose window is open at
the tick. It times `push.reminders.plan_reminders` (a range of the `next_due_at`
index) beside the strategy it replaced: select every enabled plan with a phone and
run `due_slots` on each. Both read the due learners the same way afterwards (goal,
week plan, reviews), and each run is rolled back so every run sees the same world.
Figures: best of `RUNS` in ms, SQL statements, plans loaded, and the ratios; then
the same tick with nobody due. SQLite by default; BENCH_DATABASE_URL=postgresql+psycopg://...
runs it on Postgres (its tables are dropped). BENCH_REMINDER_LEARNERS changes the count.
"""

from __future__ import annotations

import datetime as dt
import os
import pathlib
import tempfile
import time
from collections.abc import Callable
from typing import Any

LEARNERS = int(os.environ.get("BENCH_REMINDER_LEARNERS", "100000"))
DUE_SHARE = 0.01
RUNS = 2  # a due learner's reading is ~40 ms: 1,000 of them take a while
NOW = dt.datetime(2026, 11, 23, 8, 10, tzinfo=dt.UTC)  # a Monday, 08:10 UTC


def old_full_scan(*, session: Any, now: dt.datetime) -> list[str]:
    """The tick before `next_due_at`: every enabled plan with a phone, `due_slots` on each."""
    from sqlmodel import col, select

    from mmapp.models import PushSubscription, ReminderPlan
    from mmapp.push.reminder_times import due_slots
    from mmapp.push.reminders import remind_slot

    with_devices = select(PushSubscription.user_id)
    plans = session.exec(
        select(ReminderPlan).where(
            ReminderPlan.enabled, col(ReminderPlan.user_id).in_(with_devices)
        )
    )
    claimed = []
    for plan in plans:
        for slot in due_slots(plan, now):
            key = remind_slot(session=session, plan=plan, slot=slot, now=now)
            if key is not None:
                claimed.append(key)
    return claimed


def _measure(
    engine: Any, tick: Callable[..., list[str]], now: dt.datetime
) -> tuple[float, int, int]:
    """Best time in ms of `RUNS` ticks, each rolled back; statements and plans loaded."""
    import sqlalchemy as sa
    from sqlmodel import Session

    from mmapp.models import ReminderPlan

    counts = {"statements": 0, "plans": 0}

    def statement(*_args: object) -> None:
        counts["statements"] += 1

    def loaded(*_args: object) -> None:
        counts["plans"] += 1

    best = float("inf")
    for run in range(RUNS):
        if run == 0:
            sa.event.listen(engine, "before_cursor_execute", statement)
            sa.event.listen(ReminderPlan, "load", loaded)
        with Session(engine) as s:
            start = time.perf_counter()
            tick(session=s, now=now)
            s.flush()
            best = min(best, time.perf_counter() - start)
            s.rollback()
        if run == 0:
            sa.event.remove(engine, "before_cursor_execute", statement)
            sa.event.remove(ReminderPlan, "load", loaded)
    return best * 1000, counts["statements"], counts["plans"]


def _seed(engine: Any, *, idle: int, due: int) -> float:
    """Bulk-insert the learners; returns the seconds it took."""
    import sqlalchemy as sa

    from tests.support.reminder_world import seed_learners

    start = time.perf_counter()
    with engine.begin() as conn:
        seed_learners(conn, idle=idle, due=due, now=NOW)
    with engine.begin() as conn:
        conn.execute(sa.text("ANALYZE"))
    return time.perf_counter() - start


def _compare(engine: Any, label: str, now: dt.datetime) -> None:
    from mmapp.push.reminders import plan_reminders

    new_ms, new_q, new_plans = _measure(engine, plan_reminders, now)
    old_ms, old_q, old_plans = _measure(engine, old_full_scan, now)
    print(f"  {label}:")
    print(f"    next_due_at tick: {new_ms:8.0f} ms, {new_q:5} statements, {new_plans:6} plans read")
    print(f"    old full scan:    {old_ms:8.0f} ms, {old_q:5} statements, {old_plans:6} plans read")
    print(f"    ratio tick/old: time {new_ms / old_ms:.3f}, plans read {new_plans / old_plans:.3f}")


def main() -> None:
    """Seed, then print one tick's time and statements beside the old full scan's."""
    from sqlmodel import SQLModel

    from mmapp import db
    from mmapp.clock import FixedClock, use_clock
    from mmapp.db import table_of
    from mmapp.models import ReminderPlan

    folder = pathlib.Path(tempfile.mkdtemp(prefix="mm-bench-reminders-"))
    url = os.environ.get("BENCH_DATABASE_URL") or f"sqlite:///{folder / 'bench.db'}"
    engine = db.make_engine(url)
    if not url.startswith("sqlite"):
        SQLModel.metadata.drop_all(engine)
    db.create_schema(engine)
    use_clock(FixedClock(NOW))
    due = round(LEARNERS * DUE_SHARE)
    try:
        seconds = _seed(engine, idle=LEARNERS - due, due=due)
        name = engine.dialect.name
        print(f"reminder planning, {LEARNERS:,} learners with plans and phones ({name}):")
        print(f"  seeded in {seconds:.1f} s (users, plans, subscriptions; bulk insert)")
        _compare(engine, f"one tick with {due:,} due ({DUE_SHARE:.0%})", NOW)
        # An hour later nobody is due: what the idle learners alone cost each tick. The
        # due learners' plans moved on to next week, as the tick at NOW left them.
        with engine.begin() as conn:
            plans = table_of(ReminderPlan)
            next_week = NOW + dt.timedelta(days=7) - dt.timedelta(minutes=2)
            conn.execute(
                plans.update().where(plans.c.next_due_at <= NOW).values(next_due_at=next_week)
            )
        _compare(engine, "one tick an hour later, nobody due", NOW + dt.timedelta(hours=1))
    finally:
        use_clock(None)
        engine.dispose()
        for p in folder.iterdir():
            os.remove(p)
        folder.rmdir()


if __name__ == "__main__":
    main()
