"""Work check-ins: the day after, at the first commute slot or 09:00, once, in quiet."""

from __future__ import annotations

import datetime as dt
import uuid
import zoneinfo

import pytest
import sqlalchemy as sa
from sqlmodel import select

from mmapp.content.assignments import given_nuggets
from mmapp.models import Assignment, PushDelivery, PushMessage, PushSubscription, ReminderPlan
from mmapp.push.work_checkins import (
    CHECKIN_TTL_SECONDS,
    TITLE,
    checkin_at,
    checkin_time,
    plan_checkins,
    recent_work_events,
)
from tests.conftest import FIXED_NOW
from tests.unit.domains.test_standing import World

DAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
LONDON = zoneinfo.ZoneInfo("Europe/London")


def plan(slots=(), quiet=(None, None), tz="Europe/London", enabled=True) -> ReminderPlan:
    return ReminderPlan(
        user_id=uuid.uuid4(),
        enabled=enabled,
        timezone=tz,
        slots=[{"weekday": DAYS.index(d), "time": t} for d, t in slots],
        quiet_start=quiet[0],
        quiet_end=quiet[1],
    )


def utc(*args) -> dt.datetime:
    return dt.datetime(*args, tzinfo=dt.UTC)


MONDAY = dt.date(2026, 11, 23)


@pytest.mark.parametrize(
    ("p", "time"),
    [
        (None, "09:00"),  # no plan: 09:00
        (plan(), "09:00"),  # a plan without slots
        (plan((("mon", "17:30"), ("mon", "07:45"), ("tue", "06:00"))), "07:45"),  # first that day
        (plan((("tue", "06:00"),)), "09:00"),  # no slot that day
        (plan((("mon", "07:45"),), enabled=False), "09:00"),  # reminders off: no slots
        (plan((("mon", "06:30"), ("mon", "08:00")), quiet=("22:00", "07:00")), "08:00"),
        (plan(quiet=("08:00", "10:30")), "10:30"),  # 09:00 is quiet: when quiet ends
        (plan(quiet=("22:00", "09:30")), "09:30"),  # wrapping past midnight
        (plan(quiet=("21:00", "07:00")), "09:00"),
    ],
)
def test_checkin_time_is_the_first_slot_else_nine_outside_quiet_hours(p, time):
    assert checkin_time(p, MONDAY) == time


def test_the_checkin_is_the_day_after_in_the_learners_timezone():
    sunday = MONDAY - dt.timedelta(days=1)
    assert checkin_at(None, sunday, LONDON) == utc(2026, 11, 23, 9)
    assert checkin_at(None, sunday, zoneinfo.ZoneInfo("Asia/Kolkata")) == utc(2026, 11, 23, 3, 30)
    slots = plan((("mon", "07:45"),), tz="America/New_York")
    assert checkin_at(slots, sunday, zoneinfo.ZoneInfo(slots.timezone)) == utc(2026, 11, 23, 12, 45)
    # Across the spring change (London, 29 March 2026): 09:00 BST is 08:00 UTC.
    assert checkin_at(None, dt.date(2026, 3, 28), LONDON) == utc(2026, 3, 29, 8)


# --- planning from stored events -----------------------------------------------------


@pytest.fixture
def world(session, seeded, clock) -> World:
    w = World(session, clock)
    session.add(
        PushSubscription(user_id=w.user.id, endpoint="https://push.example/x", p256dh="k", auth="a")
    )
    session.flush()
    return w


ON = "2026-11-21"  # FIXED_NOW's day: the check-in is on the 22nd, 09:00 London
DUE = utc(2026, 11, 22, 9)


def commit(world, slug="ask-first", on=ON, at=FIXED_NOW):
    event = world.phone._event(world.nuggets[slug], "work_committed", {"on": on, "plan": ""}, at)
    world.phone.push(at, [event])
    return event


def messages(session) -> list[PushMessage]:
    return list(session.exec(select(PushMessage).where(PushMessage.kind == "work_checkin")))


def test_a_checkin_is_sent_once_from_its_time_on_the_day_after(world, session):
    c = commit(world)
    assert plan_checkins(session=session, now=DUE - dt.timedelta(minutes=1)) == []
    assert plan_checkins(session=session, now=DUE) == [f"work:{c.event_id}"]
    assert plan_checkins(session=session, now=DUE + dt.timedelta(minutes=5)) == []  # once
    (message,) = messages(session)
    title = world.nuggets["ask-first"].title
    assert message.payload == {
        "kind": "work_checkin",
        "title": TITLE,
        "body": f"'{title}' — 30 seconds to note how it went.",
        "url": f"/reflect?nugget={world.nuggets['ask-first'].id}",
        "topic": "work",
    }
    assert (message.topic, message.ttl_seconds) == ("work", CHECKIN_TTL_SECONDS)
    deliveries = session.exec(select(PushDelivery).where(PushDelivery.message_id == message.id))
    assert [d.user_id for d in deliveries] == [world.user.id]


def test_a_late_scheduler_still_asks_that_day_but_not_the_next(world, session):
    commit(world)
    midnight = utc(2026, 11, 23, 0)  # London is on UTC in November
    assert plan_checkins(session=session, now=midnight) == []
    assert len(plan_checkins(session=session, now=midnight - dt.timedelta(minutes=1))) == 1


def test_a_reflected_commitment_is_not_asked_about(world, session):
    c = commit(world)
    payload = {"commitment": str(c.event_id), "tried": False, "went": None, "note": ""}
    later = FIXED_NOW + dt.timedelta(hours=1)
    world.mark("work_reflected", "ask-first", payload, client_ts=later, received_at=later)
    assert plan_checkins(session=session, now=DUE) == []


def test_a_moved_day_asks_about_the_new_one_only(world, session):
    commit(world)
    later = FIXED_NOW + dt.timedelta(hours=1)
    moved = commit(world, on="2026-11-24", at=later)
    assert plan_checkins(session=session, now=DUE) == []
    assert plan_checkins(session=session, now=utc(2026, 11, 25, 9)) == [f"work:{moved.event_id}"]


def test_the_first_commute_slot_and_the_plans_timezone(world, session):
    session.add(
        ReminderPlan(
            user_id=world.user.id,
            timezone="America/New_York",
            slots=[{"weekday": 6, "time": "07:30"}],  # Sunday 22 November
        )
    )
    commit(world)
    slot = utc(2026, 11, 22, 12, 30)  # 07:30 in New York
    assert plan_checkins(session=session, now=slot - dt.timedelta(seconds=1)) == []
    assert len(plan_checkins(session=session, now=slot)) == 1


def test_quiet_hours_move_nine_oclock_to_their_end(world, session):
    session.add(ReminderPlan(user_id=world.user.id, quiet_start="07:00", quiet_end="10:00"))
    commit(world)
    assert plan_checkins(session=session, now=DUE) == []
    assert len(plan_checkins(session=session, now=utc(2026, 11, 22, 10))) == 1


def test_learners_without_a_subscription_are_not_asked(world, session):
    for sub in session.exec(select(PushSubscription)):
        session.delete(sub)
    commit(world)
    assert plan_checkins(session=session, now=DUE) == []


def test_a_nugget_no_longer_given_is_skipped(world, session):
    commit(world)
    nugget_id = world.nuggets["ask-first"].id
    for a in session.exec(select(Assignment).where(Assignment.nugget_id == nugget_id)):
        a.removed_at = FIXED_NOW
        session.add(a)
    session.flush()
    assert nugget_id not in given_nuggets(session=session, user_id=world.user.id, now=DUE)
    assert plan_checkins(session=session, now=DUE) == []


# --- what a tick reads ---------------------------------------------------------------


def test_a_checkin_sent_is_not_claimed_again_on_later_ticks(world, session, engine):
    commit(world)
    assert plan_checkins(session=session, now=DUE)
    statements: list[str] = []

    def note(_conn, _cursor, statement, *_rest) -> None:
        statements.append(statement)

    sa.event.listen(engine, "before_cursor_execute", note)
    try:
        assert plan_checkins(session=session, now=DUE + dt.timedelta(minutes=5)) == []
    finally:
        sa.event.remove(engine, "before_cursor_execute", note)
    # Read and known as sent: no savepoint and refused insert for it on every tick.
    assert not [s for s in statements if s.lstrip().upper().startswith(("INSERT", "SAVEPOINT"))]
    assert len(statements) == 4  # recent work events, their users, plans, keys already sent


def test_the_checkin_query_is_a_range_of_recent_work_events(engine):
    if engine.dialect.name != "sqlite":
        pytest.skip("the planner's words are SQLite's")
    query = recent_work_events(FIXED_NOW).compile(engine, compile_kwargs={"literal_binds": True})
    with engine.connect() as conn:
        plan = " ".join(row[-1] for row in conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {query}"))
    assert "USING INDEX ix_learnerevent_type_received_at (type=? AND received_at>?)" in plan, plan
