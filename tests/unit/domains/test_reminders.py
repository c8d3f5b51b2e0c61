"""Reminder slots in learners' own timezones, across DST, with quiet hours."""

import datetime as dt

import pytest

from mmapp.models import ReminderPlan
from mmapp.push.reminder_times import WINDOW, due_slots, in_quiet_hours


def plan(tz="Europe/London", slots=(("mon", "08:10"),), quiet=(None, None)) -> ReminderPlan:
    days = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
    return ReminderPlan(
        timezone=tz,
        slots=[{"weekday": days.index(d), "time": t} for d, t in slots],
        quiet_start=quiet[0],
        quiet_end=quiet[1],
    )


def utc(*args) -> dt.datetime:
    return dt.datetime(*args, tzinfo=dt.UTC)


def fires(p: ReminderPlan, start: dt.datetime, hours: int = 48) -> list[dt.datetime]:
    """Every distinct instant a slot becomes due, scanning minute by minute."""
    seen = {}
    for minute in range(hours * 60):
        for slot in due_slots(p, start + dt.timedelta(minutes=minute)):
            seen.setdefault((slot.day, slot.time), slot.at)
    return sorted(seen.values())


def test_a_slot_follows_london_across_the_spring_dst_change():
    # 08:10 every day: GMT (UTC+0) on Saturday 28 March 2026, BST (UTC+1) from Sunday.
    p = plan(slots=(("sat", "08:10"), ("sun", "08:10"), ("mon", "08:10")))
    assert fires(p, utc(2026, 3, 28, 0), hours=72) == [
        utc(2026, 3, 28, 8, 10),
        utc(2026, 3, 29, 7, 10),
        utc(2026, 3, 30, 7, 10),
    ]


def test_a_slot_in_the_skipped_hour_rings_once_after_the_jump():
    p = plan(slots=(("sun", "01:30"),))  # 01:00-02:00 does not exist in London that night
    assert fires(p, utc(2026, 3, 28, 12), hours=24) == [utc(2026, 3, 29, 1, 30)]


def test_a_slot_in_the_repeated_hour_rings_once():
    p = plan(slots=(("sun", "01:30"),))  # 01:00-02:00 happens twice on 25 October
    assert fires(p, utc(2026, 10, 24, 12), hours=24) == [utc(2026, 10, 25, 0, 30)]


@pytest.mark.parametrize(
    ("tz", "expected"),
    [
        ("America/New_York", utc(2026, 11, 23, 13, 10)),
        ("Asia/Kolkata", utc(2026, 11, 23, 2, 40)),
        ("Pacific/Auckland", utc(2026, 11, 22, 19, 10)),
    ],
)
def test_slots_are_local_to_the_learners_timezone(tz, expected):
    assert fires(plan(tz=tz), utc(2026, 11, 22, 0), hours=48) == [expected]


def test_moving_timezone_moves_the_instant_not_the_wall_clock():
    london, new_york = plan(), plan(tz="America/New_York")
    monday = utc(2026, 11, 23, 8, 10)
    assert due_slots(london, monday) and not due_slots(new_york, monday)


def test_a_slot_is_due_only_within_its_window():
    p = plan()
    at = utc(2026, 11, 23, 8, 10)
    assert due_slots(p, at - dt.timedelta(seconds=1)) == []
    assert due_slots(p, at)[0].at == at
    assert due_slots(p, at + WINDOW - dt.timedelta(seconds=1))
    assert due_slots(p, at + WINDOW) == []


def test_quiet_hours_skip_slots_and_may_wrap_past_midnight():
    assert in_quiet_hours("23:30", "22:00", "07:00") and in_quiet_hours("06:59", "22:00", "07:00")
    assert not in_quiet_hours("07:00", "22:00", "07:00")
    assert in_quiet_hours("13:00", "12:00", "14:00") and not in_quiet_hours(
        "14:00", "12:00", "14:00"
    )
    assert not in_quiet_hours("13:00", None, None)
    p = plan(slots=(("mon", "06:30"), ("mon", "08:10")), quiet=("22:00", "07:00"))
    assert fires(p, utc(2026, 11, 23, 0), hours=24) == [utc(2026, 11, 23, 8, 10)]
