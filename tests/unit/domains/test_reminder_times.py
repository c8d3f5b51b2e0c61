"""A plan's next due instant: the slot `due_slots` will ring next, in every zone and on DST days."""

import datetime as dt
import random

import pytest

from mmapp.models import ReminderPlan
from mmapp.push.reminder_times import WINDOW, due_slots, next_due_at, reschedule

DAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]


def plan(tz="Europe/London", slots=(("mon", "08:10"),), quiet=(None, None), enabled=True):
    return ReminderPlan(
        enabled=enabled,
        timezone=tz,
        slots=[{"weekday": DAYS.index(d), "time": t} for d, t in slots],
        quiet_start=quiet[0],
        quiet_end=quiet[1],
    )


def utc(*args) -> dt.datetime:
    return dt.datetime(*args, tzinfo=dt.UTC)


def chain(p: ReminderPlan, start: dt.datetime, count: int) -> list[dt.datetime]:
    """The instants a scheduler would store one after another, handling each when due."""
    out, after = [], start
    for _ in range(count):
        at = next_due_at(p, after=after)
        assert at is not None
        out.append(at)
        after = at
    return out


def rings(p: ReminderPlan, start: dt.datetime, hours: int) -> list[dt.datetime]:
    """Every distinct instant `due_slots` rings, minute by minute (the old full scan)."""
    seen = {}
    for minute in range(hours * 60):
        for slot in due_slots(p, start + dt.timedelta(minutes=minute)):
            seen.setdefault((slot.day, slot.time), slot.at)
    return sorted(seen.values())


def test_slots_follow_each_other_across_the_week_and_wrap_to_the_next():
    # Saturday 21 November 2026, GMT: Monday's two slots, Wednesday's, then Monday again.
    p = plan(slots=(("wed", "07:45"), ("mon", "17:40"), ("mon", "08:10")))
    assert chain(p, utc(2026, 11, 21, 9), 4) == [
        utc(2026, 11, 23, 8, 10),
        utc(2026, 11, 23, 17, 40),
        utc(2026, 11, 25, 7, 45),
        utc(2026, 11, 30, 8, 10),
    ]


def test_the_next_slot_is_strictly_after_the_instant_handled():
    p = plan(slots=(("mon", "08:10"),))
    monday = utc(2026, 11, 23, 8, 10)
    assert next_due_at(p, after=monday - dt.timedelta(seconds=1)) == monday
    assert next_due_at(p, after=monday) == monday + dt.timedelta(days=7)


@pytest.mark.parametrize(
    ("tz", "expected"),
    [
        ("America/New_York", utc(2026, 11, 23, 13, 10)),
        ("Asia/Kolkata", utc(2026, 11, 23, 2, 40)),
        ("Pacific/Auckland", utc(2026, 11, 22, 19, 10)),  # Monday there is Sunday in UTC
        ("Pacific/Kiritimati", utc(2026, 11, 22, 18, 10)),  # UTC+14
        ("Pacific/Pago_Pago", utc(2026, 11, 23, 19, 10)),  # UTC-11
    ],
)
def test_the_next_slot_is_local_to_the_learners_timezone(tz, expected):
    assert next_due_at(plan(tz=tz), after=utc(2026, 11, 21, 9)) == expected


def test_spring_forward_day_follows_due_slots():
    # 08:10 every day: GMT on Saturday 28 March 2026, BST from Sunday.
    p = plan(slots=(("sat", "08:10"), ("sun", "08:10"), ("mon", "08:10")))
    expected = [utc(2026, 3, 28, 8, 10), utc(2026, 3, 29, 7, 10), utc(2026, 3, 30, 7, 10)]
    assert chain(p, utc(2026, 3, 28, 0), 3) == expected == rings(p, utc(2026, 3, 28, 0), 72)


def test_fall_back_day_follows_due_slots():
    # BST until 02:00 on Sunday 25 October 2026, GMT after.
    p = plan(slots=(("sat", "08:10"), ("sun", "08:10"), ("sun", "01:30")))
    expected = [utc(2026, 10, 24, 7, 10), utc(2026, 10, 25, 0, 30), utc(2026, 10, 25, 8, 10)]
    assert chain(p, utc(2026, 10, 24, 0), 3) == expected == rings(p, utc(2026, 10, 24, 0), 48)


def test_a_slot_in_the_skipped_hour_rings_after_the_jump_as_due_slots_does():
    p = plan(slots=(("sun", "01:30"),))  # 01:00-02:00 does not exist in London that night
    assert next_due_at(p, after=utc(2026, 3, 28, 12)) == utc(2026, 3, 29, 1, 30)
    assert rings(p, utc(2026, 3, 28, 12), 24) == [utc(2026, 3, 29, 1, 30)]


def test_quiet_hours_are_skipped_and_may_wrap_past_midnight():
    p = plan(slots=(("mon", "06:30"), ("mon", "08:10"), ("tue", "23:00")), quiet=("22:00", "07:00"))
    assert chain(p, utc(2026, 11, 21, 9), 2) == [
        utc(2026, 11, 23, 8, 10),
        utc(2026, 11, 30, 8, 10),
    ]


def test_a_plan_that_never_rings_has_no_next_instant():
    after = utc(2026, 11, 21, 9)
    assert next_due_at(plan(enabled=False), after=after) is None
    assert next_due_at(plan(slots=()), after=after) is None
    assert next_due_at(plan(quiet=("08:00", "09:00")), after=after) is None


def test_a_plan_saved_mid_window_still_rings_that_slot():
    p = plan()
    reschedule(p, now=utc(2026, 11, 23, 8, 15))  # the 08:10 slot is 5 minutes into its window
    assert p.next_due_at == utc(2026, 11, 23, 8, 10)
    assert [s.at for s in due_slots(p, utc(2026, 11, 23, 8, 16))] == [p.next_due_at]
    reschedule(p, now=utc(2026, 11, 23, 8, 10) + WINDOW)  # window over: next week's
    assert p.next_due_at == utc(2026, 11, 30, 8, 10)


@pytest.mark.parametrize("seed", range(12))
def test_the_chain_of_next_instants_is_what_the_old_minute_scan_rang(seed):
    rng = random.Random(seed)
    zones = ["Europe/London", "America/New_York", "Australia/Lord_Howe", "Asia/Kathmandu"]
    slots = {(rng.choice(DAYS), f"{rng.randrange(24):02d}:{rng.choice((0, 10, 30, 45)):02d}")}
    slots |= {(rng.choice(DAYS), f"{rng.randrange(24):02d}:{rng.randrange(60):02d}")}
    quiet = rng.choice([(None, None), ("22:00", "07:00"), ("12:00", "13:00")])
    p = plan(tz=rng.choice(zones), slots=tuple(slots), quiet=quiet)
    # Around a DST change in the zones that have one, over nine days; a scan started
    # at `start` also rings the slots whose window is open then.
    start = rng.choice([utc(2026, 3, 24), utc(2026, 4, 1), utc(2026, 10, 1), utc(2026, 10, 21)])
    old = rings(p, start, 9 * 24)
    last_minute = start + dt.timedelta(hours=9 * 24, minutes=-1)
    if not old:
        assert next_due_at(p, after=start - WINDOW) is None
        return
    new = [at for at in chain(p, start - WINDOW, len(old) + 1) if at <= last_minute]
    assert new == old
