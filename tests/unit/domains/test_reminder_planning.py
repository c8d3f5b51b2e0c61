"""The reminder tick reads the plans due, not every learner, and moves each plan on safely."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
import sqlalchemy as sa
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
from sqlmodel import Session, select

from mmapp.models import Assignment, PushMessage, PushSubscription, ReminderPlan, User
from mmapp.push import reminders, subscriptions
from mmapp.push.reminder_times import WINDOW
from mmapp.schemas import ReminderPlanIn, SubscriptionIn
from tests.support.push_receiver import b64url
from tests.support.reminder_world import seed_learners

# Monday 23 November 2026 (GMT: London is UTC), a few minutes into the 08:10 slot.
MONDAY_0810 = dt.datetime(2026, 11, 23, 8, 10, tzinfo=dt.UTC)


def phone_keys() -> dict[str, str]:
    """A browser's subscription keys: a real P-256 point and a 16-byte secret."""
    point = ec.generate_private_key(ec.SECP256R1()).public_key()
    raw = point.public_bytes(Encoding.X962, PublicFormat.UncompressedPoint)
    return {"p256dh": b64url(raw), "auth": b64url(bytes(16))}


@contextmanager
def counting(engine: sa.Engine) -> Iterator[dict[str, int]]:
    """Count SQL statements sent, and reminder plans loaded into objects, meanwhile."""
    seen = {"statements": 0, "plans_loaded": 0}

    def statement(*_args: object) -> None:
        seen["statements"] += 1

    def loaded(*_args: object) -> None:
        seen["plans_loaded"] += 1

    sa.event.listen(engine, "before_cursor_execute", statement)
    sa.event.listen(ReminderPlan, "load", loaded)
    try:
        yield seen
    finally:
        sa.event.remove(engine, "before_cursor_execute", statement)
        sa.event.remove(ReminderPlan, "load", loaded)


def one_tick(engine: sa.Engine, now: dt.datetime) -> dict[str, int]:
    """Plan reminders once at `now`, counted, and roll back (the world stays as seeded)."""
    with Session(engine) as s, counting(engine) as seen:
        reminders.plan_reminders(session=s, now=now)
        s.rollback()
    return seen


def test_a_tick_costs_the_same_with_10_or_1000_idle_learners(engine):
    with engine.begin() as conn:
        due = seed_learners(conn, idle=10, due=3, now=MONDAY_0810)
    few = one_tick(engine, MONDAY_0810)
    with engine.begin() as conn:
        seed_learners(conn, idle=990, due=0, now=MONDAY_0810, first=13)
    many = one_tick(engine, MONDAY_0810)
    assert many == few
    # The old full scan loaded every plan with a phone (13, then 1,003) to find these 3.
    assert few["plans_loaded"] == len(due) == 3
    with Session(engine) as s:
        assert s.exec(select(sa.func.count()).select_from(ReminderPlan)).one() == 1003


def test_the_tick_query_is_a_range_of_the_next_due_index(engine):
    if engine.dialect.name != "sqlite":
        pytest.skip("the planner's words are SQLite's")
    query = reminders.due_plans(MONDAY_0810).compile(engine, compile_kwargs={"literal_binds": True})
    with engine.connect() as conn:
        plan = " ".join(row[-1] for row in conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {query}"))
    assert "USING INDEX ix_reminderplan_next_due_at (next_due_at<?)" in plan, plan


def _next_due(engine: sa.Engine, user_id: uuid.UUID) -> dt.datetime | None:
    with Session(engine) as s:
        plan = s.get(ReminderPlan, user_id)
        return plan.next_due_at if plan else None


def test_a_skipped_slot_moves_the_plan_to_its_next_slot(engine):
    with engine.begin() as conn:
        [uid] = seed_learners(conn, idle=0, due=1, now=MONDAY_0810)
    due_at = _next_due(engine, uid)
    assert due_at == MONDAY_0810 - dt.timedelta(minutes=2)
    with Session(engine) as s:  # before the slot: nothing read, nothing moved
        assert reminders.plan_reminders(session=s, now=due_at - dt.timedelta(minutes=1)) == []
        s.commit()
    assert _next_due(engine, uid) == due_at
    with Session(engine) as s:  # nothing planned for this learner: skipped, and handled
        assert reminders.plan_reminders(session=s, now=MONDAY_0810) == []
        s.commit()
    assert _next_due(engine, uid) == due_at + dt.timedelta(days=7)


@pytest.fixture
def learner(session, seeded) -> User:
    """The demo learner, every nugget of their cohort long released (something to plan)."""
    for a in session.exec(select(Assignment)):
        a.release_at = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
        session.add(a)
    user = session.exec(select(User).where(User.email.startswith("learner@"))).one()
    session.commit()
    return user


def save_mondays(session: Session, user: User, *times: str, now: dt.datetime) -> ReminderPlan:
    data = ReminderPlanIn(
        timezone="Europe/London", slots=[{"weekday": 0, "time": t} for t in times]
    )
    plan = reminders.save_plan(session=session, user=user, data=data, now=now)
    session.commit()
    return plan


def subscribe(session: Session, user: User, now: dt.datetime) -> None:
    data = SubscriptionIn(endpoint="https://push.example.org/phone-1", keys=phone_keys())
    subscriptions.subscribe(
        session=session, user=user, data=data, allowed_hosts=("push.example.org",), now=now
    )
    session.commit()


def test_a_plan_saved_mid_window_rings_that_slot_once(session, learner):
    subscribe(session, learner, now=MONDAY_0810)
    saved_at = MONDAY_0810 + dt.timedelta(minutes=5)
    plan = save_mondays(session, learner, "08:10", "17:40", now=saved_at)
    assert plan.next_due_at == MONDAY_0810
    at = MONDAY_0810 + dt.timedelta(minutes=6)
    assert reminders.plan_reminders(session=session, now=at) == [
        f"reminder:{learner.id}:2026-11-23:08:10"
    ]
    assert plan.next_due_at == MONDAY_0810.replace(hour=17, minute=40)
    # Saving again inside the window puts the slot back; its key keeps it from ringing twice.
    save_mondays(session, learner, "08:10", "17:40", now=at + dt.timedelta(minutes=1))
    assert reminders.plan_reminders(session=session, now=at + dt.timedelta(minutes=2)) == []
    assert len(session.exec(select(PushMessage)).all()) == 1


def test_a_plan_without_a_phone_moves_on_and_a_phone_subscribed_in_the_window_rings(
    session, learner
):
    save_mondays(session, learner, "08:10", now=MONDAY_0810 - dt.timedelta(days=2))
    assert reminders.plan_reminders(session=session, now=MONDAY_0810) == []
    plan = session.get(ReminderPlan, learner.id)
    assert plan.next_due_at == MONDAY_0810 + dt.timedelta(days=7)  # not read again each tick
    subscribe(session, learner, now=MONDAY_0810 + dt.timedelta(minutes=4))
    assert plan.next_due_at == MONDAY_0810
    assert reminders.plan_reminders(session=session, now=MONDAY_0810 + dt.timedelta(minutes=5))


def test_a_scheduler_down_for_an_hour_sends_nothing_stale(session, learner):
    subscribe(session, learner, now=MONDAY_0810 - dt.timedelta(days=1))
    save_mondays(session, learner, "08:10", now=MONDAY_0810 - dt.timedelta(days=1))
    late = MONDAY_0810 + dt.timedelta(hours=1)
    assert reminders.plan_reminders(session=session, now=late) == []
    assert session.get(ReminderPlan, learner.id).next_due_at == MONDAY_0810 + dt.timedelta(days=7)
    assert session.exec(select(PushMessage)).all() == []


def test_a_disabled_plan_is_never_read(session, learner):
    data = ReminderPlanIn(
        enabled=False, timezone="Europe/London", slots=[{"weekday": 0, "time": "08:10"}]
    )
    plan = reminders.save_plan(session=session, user=learner, data=data, now=MONDAY_0810)
    assert plan.next_due_at is None
    assert session.exec(reminders.due_plans(MONDAY_0810 + WINDOW)).all() == []


def test_a_tick_never_overwrites_a_next_due_set_while_it_ran(session, learner, monkeypatch):
    """Another tick or a save that lands between this tick's read and its write wins.

    The other writer's value is simulated inside the tick, as Postgres shows a row
    committed meanwhile to an UPDATE's WHERE (read committed).
    """
    subscribe(session, learner, now=MONDAY_0810 - dt.timedelta(days=1))
    save_mondays(session, learner, "08:10", now=MONDAY_0810 - dt.timedelta(days=1))
    # Meanwhile the learner adds an 08:20 slot: the save makes it the next one due.
    other = MONDAY_0810 + dt.timedelta(minutes=10)
    slots = [{"weekday": 0, "time": "08:10"}, {"weekday": 0, "time": "08:20"}]
    table = ReminderPlan.__table__
    real = reminders.next_due_at

    def meanwhile(plan: ReminderPlan, *, after: dt.datetime) -> dt.datetime | None:
        saved = sa.update(table).where(table.c.user_id == plan.user_id)
        session.connection().execute(saved.values(slots=slots, next_due_at=other))
        return real(plan, after=after)  # from the slots this tick read: next Monday

    monkeypatch.setattr(reminders, "next_due_at", meanwhile)
    assert reminders.plan_reminders(session=session, now=MONDAY_0810 + dt.timedelta(minutes=2))
    session.expire_all()
    # The tick would have moved the plan to next Monday had it written blindly.
    assert session.get(ReminderPlan, learner.id).next_due_at == other
    monkeypatch.setattr(reminders, "next_due_at", real)
    assert reminders.plan_reminders(session=session, now=other + dt.timedelta(minutes=1)) == [
        f"reminder:{learner.id}:2026-11-23:08:20"
    ]


def test_subscribing_without_a_plan_leaves_no_plan(session, learner):
    subscribe(session, learner, now=MONDAY_0810)
    assert session.get(ReminderPlan, learner.id) is None
    assert session.exec(select(PushSubscription)).one().user_id == learner.id
