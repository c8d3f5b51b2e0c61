"""Mentoring, pure parts: weekly windows as slots (DST days too) and the mentor ranking."""

from __future__ import annotations

import datetime as dt
import uuid
import zoneinfo

from mmapp.mentoring.availability import cells, slots, wall_clock
from mmapp.mentoring.matching import Candidate, Need, rank, score

MONDAY, TUESDAY, SUNDAY = 0, 1, 6


def utc(*args: int) -> dt.datetime:
    return dt.datetime(*args, tzinfo=dt.UTC)


def window(weekday: int, start: str, end: str) -> dict[str, object]:
    return {"weekday": weekday, "start": start, "end": end}


def test_a_window_becomes_slots_on_its_grid_in_the_mentors_zone() -> None:
    # Monday 23 Nov 2026, 09:00 UTC; Berlin is UTC+1 in winter.
    now = utc(2026, 11, 23, 9, 0)
    weekly = [window(TUESDAY, "12:00", "13:00")]
    assert slots(weekly, "Europe/Berlin", 20, now=now) == [
        utc(2026, 11, 24, 11, 0),
        utc(2026, 11, 24, 11, 20),
        utc(2026, 11, 24, 11, 40),
    ]
    assert slots(weekly, "Europe/Berlin", 30, now=now) == [
        utc(2026, 11, 24, 11, 0),
        utc(2026, 11, 24, 11, 30),
    ]
    # Seven local days: next Tuesday's window is out of range, a 45-minute window too short.
    assert slots([window(MONDAY, "08:00", "08:15")], "UTC", 30, now=now) == []


def test_slots_too_soon_or_held_are_not_offered() -> None:
    now = utc(2026, 11, 24, 10, 45)  # Tuesday, 11:45 in Berlin
    weekly = [window(TUESDAY, "12:00", "13:00")]
    # 12:00 Berlin is 15 minutes away: under the 30-minute notice.
    assert slots(weekly, "Europe/Berlin", 20, now=now) == [
        utc(2026, 11, 24, 11, 20),
        utc(2026, 11, 24, 11, 40),
    ]
    held = set(cells(utc(2026, 11, 24, 11, 30), 15))  # 11:30-11:45 taken elsewhere
    assert slots(weekly, "Europe/Berlin", 20, now=now, held=held) == []
    assert cells(utc(2026, 11, 24, 11, 30), 15) == [
        utc(2026, 11, 24, 11, 30),
        utc(2026, 11, 24, 11, 35),
        utc(2026, 11, 24, 11, 40),
    ]


def test_dst_days_keep_wall_clock_times_and_skip_times_that_do_not_exist() -> None:
    # London springs forward on Sunday 28 March 2027: 01:00-02:00 never happens.
    assert wall_clock(dt.date(2027, 3, 28), 90, _zone("Europe/London")) is None
    spring = slots(
        [window(SUNDAY, "00:00", "03:00")], "Europe/London", 30, now=utc(2027, 3, 27, 12, 0)
    )
    local = [s.astimezone(_zone("Europe/London")).strftime("%H:%M") for s in spring]
    # 01:00 and 01:30 do not exist; 00:30-01:00 and 02:00+ keep their length.
    assert local == ["00:00", "00:30", "02:00", "02:30"]
    # The week before and after: 12:00 London is 12:00 UTC in winter, 11:00 UTC in summer.
    assert slots([window(MONDAY, "12:00", "12:15")], "Europe/London", 15, now=utc(2027, 3, 27)) == [
        utc(2027, 3, 29, 11, 0)
    ]
    # Falling back on Sunday 25 October 2026, 01:00-02:00 happens twice: a slot starts at
    # its first occurrence only, and 01:30 (which would last 90 minutes) is not offered.
    autumn = slots(
        [window(SUNDAY, "00:30", "02:30")], "Europe/London", 30, now=utc(2026, 10, 24, 12, 0)
    )
    assert autumn == [utc(2026, 10, 24, 23, 30), utc(2026, 10, 25, 0, 0), utc(2026, 10, 25, 2, 0)]


def _zone(name: str) -> zoneinfo.ZoneInfo:
    return zoneinfo.ZoneInfo(name)


MENTEE = uuid.uuid4()
NEED = Need(
    mentee_id=MENTEE, skill_name="Giving feedback", target_level=3, minutes=20, utc_offset_hours=1
)


def mentor(name: str, **over: object) -> Candidate:
    fields: dict[str, object] = {
        "user_id": uuid.uuid5(uuid.NAMESPACE_DNS, name),
        "name": name,
        "level": 4,
        "lengths": (15, 20, 30),
        "monthly_capacity": 4,
        "sessions_this_month": 0,
        "free_slots": 4,
        "utc_offset_hours": 1.0,
    }
    return Candidate(**(fields | over))  # type: ignore[arg-type]


def test_the_ranking_says_why_and_orders_by_fit_time_zone_and_load() -> None:
    best = mentor("Ada")
    far = mentor("Ben", utc_offset_hours=-5.0)  # no time-zone point
    busy = mentor("Cy", sessions_this_month=2)  # -0.5 for load
    few = mentor("Di", free_slots=1)  # 0.5 of the 2 time points
    ranked = rank(NEED, [few, busy, far, best])
    assert [(m.name, m.score) for m in ranked] == [
        ("Ada", 6.0),
        ("Cy", 5.5),
        ("Ben", 5.0),
        ("Di", 4.5),
    ]
    assert ranked[0].reasons == (
        "Giving feedback: can teach it (level 4)",
        "4 free 20-minute slots in the next 7 days",
        "Same time zone",
        "0 of 4 sessions this month",
    )
    assert ranked[2].reasons[2] == "6 hours apart"
    assert score(NEED, mentor("Ed", level=3, free_slots=1)).reasons[:2] == (  # type: ignore[union-attr]
        "Giving feedback: can do it on their own (level 3)",
        "1 free 20-minute slot in the next 7 days",
    )


def test_who_is_never_listed() -> None:
    me = mentor("Me", user_id=MENTEE)
    coordinator = mentor("Coordinator")
    excluded = Need(**{**NEED.__dict__, "exclude": frozenset({coordinator.user_id})})
    cannot = [
        me,  # never oneself
        mentor("Low", level=2),  # below "on my own"
        mentor("None", level=None),  # does not help with the skill
        mentor("Short", lengths=(15,)),  # does not offer 20 minutes
        mentor("Full", sessions_this_month=4),  # at capacity
        mentor("Booked", free_slots=0),  # no time this week
    ]
    assert rank(excluded, [*cannot, coordinator]) == []
    assert [m.name for m in rank(NEED, [*cannot, coordinator])] == ["Coordinator"]
    # A target of 4 needs a mentor at 4.
    high = Need(**{**NEED.__dict__, "target_level": 4})
    assert [m.name for m in rank(high, [mentor("Three", level=3), mentor("Four")])] == ["Four"]
