"""Many learners with reminder plans and phones, inserted in bulk (tests and bench).

Idle learners have plans whose next slot is days away; due learners have a slot two
minutes before `now` (UTC), so a tick at `now` finds it inside its window. Nobody
belongs to a cohort, so a due learner's week plan holds nothing: the tick does a
due learner's whole reading (goal, week plan, reviews) and then skips the slot.
"""

from __future__ import annotations

import datetime as dt
import itertools
import uuid
from collections.abc import Iterable, Iterator
from typing import Any

import sqlalchemy as sa

from mmapp.db import table_of
from mmapp.models import PushSubscription, ReminderPlan, User
from mmapp.push.reminder_times import next_due_at

CHUNK = 5000
_ZONES = ("Europe/London", "America/New_York", "Asia/Kolkata", "Australia/Sydney")


def _chunks(rows: Iterable[dict[str, Any]]) -> Iterator[list[dict[str, Any]]]:
    it = iter(rows)
    while chunk := list(itertools.islice(it, CHUNK)):
        yield chunk


def _idle_plan(n: int, now: dt.datetime) -> dict[str, Any]:
    """Commute slots on the two days after today, in one of a few zones."""
    day = (now + dt.timedelta(days=2 + n % 3)).weekday()
    slots = [{"weekday": day, "time": "08:10"}, {"weekday": day, "time": "17:40"}]
    return {"timezone": _ZONES[n % len(_ZONES)], "slots": slots}


def _due_plan(now: dt.datetime) -> dict[str, Any]:
    at = now - dt.timedelta(minutes=2)
    return {"timezone": "UTC", "slots": [{"weekday": at.weekday(), "time": at.strftime("%H:%M")}]}


def seed_learners(
    conn: sa.Connection, *, idle: int, due: int, now: dt.datetime, first: int = 0
) -> list[uuid.UUID]:
    """Insert `idle + due` learners, each with a plan and a phone; returns the due ones' ids.

    Args:
        conn: A connection in a transaction (the caller commits).
        idle: Learners whose next slot is days after `now`.
        due: Learners with a slot whose window is open at `now`.
        now: The tick's instant.
        first: Number of the first learner (emails stay unique across calls).
    """
    shapes: dict[str, dict[str, Any]] = {}
    people: list[tuple[uuid.UUID, dict[str, Any]]] = []
    for n in range(first, first + idle + due):
        shape = _due_plan(now) if n - first >= idle else _idle_plan(n, now)
        key = repr(shape)
        if key not in shapes:  # one slot computation per distinct plan, not per learner
            probe = ReminderPlan(enabled=True, **shape)
            after = now - dt.timedelta(minutes=20) if n - first >= idle else now
            shapes[key] = shape | {"next_due_at": next_due_at(probe, after=after)}
        people.append((uuid.uuid4(), shapes[key]))
    users = (
        {
            "id": uid,
            "email": f"bulk-{first + i}@example.org",
            "display_name": f"Learner {first + i}",
            "role": "learner",
            "password_hash": "not-a-hash",
            "timezone": shape["timezone"],
            "created_at": now,
            "memberships_seq": 0,
            "reviews_version": 0,
        }
        for i, (uid, shape) in enumerate(people)
    )
    plans = (
        {
            "user_id": uid,
            "enabled": True,
            "quiet_start": None,
            "quiet_end": None,
            "daily_goal_minutes": 10,
            "updated_at": now,
            **shape,
        }
        for uid, shape in people
    )
    phones = (
        {
            "id": uuid.uuid4(),
            "user_id": uid,
            "endpoint": f"https://push.example.org/{uid.hex}",
            "p256dh": "k",
            "auth": "a",
            "user_agent": "",
            "created_at": now,
            "last_success_at": None,
        }
        for uid, _ in people
    )
    for model, rows in ((User, users), (ReminderPlan, plans), (PushSubscription, phones)):
        _insert_many(conn, table_of(model), rows)
    return [uid for uid, _ in people[idle:]]


def _insert_many(conn: sa.Connection, table: sa.Table, rows: Iterable[dict[str, Any]]) -> None:
    """Insert rows through the driver's executemany, each value bound by its column's type.

    The statement is compiled once and each value goes through the same bind processor
    SQLAlchemy would use (UTC timestamps, UUIDs, JSON), without its per-row bookkeeping:
    100,000 learners insert in seconds.
    """
    compiled: Any = None
    for chunk in _chunks(rows):
        if compiled is None:
            keys = list(chunk[0])
            compiled = table.insert().compile(dialect=conn.dialect, column_keys=keys)
            order = list(compiled.positiontup) if compiled.positional else keys
            types = {k: table.c[k].type.dialect_impl(conn.dialect) for k in keys}
            bind = {k: t.bind_processor(conn.dialect) for k, t in types.items()}
        batch = [{k: (bind[k](row[k]) if bind[k] else row[k]) for k in order} for row in chunk]
        params = [tuple(row.values()) for row in batch] if compiled.positional else batch
        conn.exec_driver_sql(str(compiled), params)
