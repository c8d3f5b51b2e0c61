"""A mentor's weekly windows as concrete, bookable slots (DST-safe).

Windows are local wall-clock times in the mentor's timezone ("Tuesdays 12:00-13:00"),
so 12:00 stays 12:00 across a DST change. A slot is a start time on the window's grid
(every `minutes` from the window's start) that ends by the window's end. A wall-clock
time that does not exist on a spring-forward day is not offered; one that happens twice
on a fall-back day is offered once, at its first occurrence. Slots that start within
`MIN_NOTICE` of now, or overlap time already held by a booked session, are left out.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from collections.abc import Collection, Iterator, Mapping, Sequence
from typing import Any, get_args

from mmapp.schemas.mentoring import Length

# Sessions hold their time in cells of this length (see `SessionHold`).
CELL = dt.timedelta(minutes=5)
# A slot must start at least this long after it is offered.
MIN_NOTICE = dt.timedelta(minutes=30)
LENGTHS: tuple[int, ...] = get_args(Length)  # the session lengths offered


def _minutes(hhmm: str) -> int:
    hours, minutes = map(int, hhmm.split(":"))
    return hours * 60 + minutes


def wall_clock(day: dt.date, minute: int, tz: zoneinfo.ZoneInfo) -> dt.datetime | None:
    """The UTC instant of local `day` at `minute` past midnight, or None if it never happens."""
    local = dt.datetime.combine(day, dt.time(minute // 60, minute % 60), tzinfo=tz)
    at = local.astimezone(dt.UTC)
    back = at.astimezone(tz)
    if (back.date(), back.hour * 60 + back.minute) != (day, minute):
        return None  # skipped by a spring-forward jump
    return at


def cells(start: dt.datetime, minutes: int) -> list[dt.datetime]:
    """The cells a session from `start` lasting `minutes` holds (starts on the cell grid)."""
    step = int(CELL.total_seconds() // 60)
    return [start + dt.timedelta(minutes=m) for m in range(0, minutes, step)]


def slots(
    weekly: Sequence[Mapping[str, Any]],
    timezone: str,
    minutes: int,
    *,
    now: dt.datetime,
    days: int = 7,
    held: Collection[dt.datetime] = (),
) -> list[dt.datetime]:
    """Bookable slot starts (UTC, ascending) of `minutes` in the next `days` local days.

    Args:
        weekly: The mentor's windows, `{"weekday", "start", "end"}` in `timezone`.
        timezone: The mentor's IANA timezone.
        minutes: The session length asked for.
        now: The current instant.
        days: How many local days ahead, today included.
        held: Cells already held (by the mentor's or the learner's booked sessions).
    """
    tz = zoneinfo.ZoneInfo(timezone)
    today = now.astimezone(tz).date()
    found: set[dt.datetime] = set()
    for offset in range(days):
        day = today + dt.timedelta(days=offset)
        for window in weekly:
            if window["weekday"] != day.weekday():
                continue
            for start in _starts(day, window, minutes, tz):
                if start < now + MIN_NOTICE:
                    continue
                if any(c in held for c in cells(start, minutes)):
                    continue
                found.add(start)
    return sorted(found)


def _starts(
    day: dt.date, window: Mapping[str, Any], minutes: int, tz: zoneinfo.ZoneInfo
) -> Iterator[dt.datetime]:
    first, last = _minutes(window["start"]), _minutes(window["end"])
    for minute in range(first, last - minutes + 1, minutes):
        start = wall_clock(day, minute, tz)
        end = wall_clock(day, minute + minutes, tz) if minute + minutes < 24 * 60 else None
        if start is None:
            continue
        # A window crossing a DST jump: the slot must really last `minutes`.
        if end is not None and end - start != dt.timedelta(minutes=minutes):
            continue
        yield start


__all__ = ["CELL", "LENGTHS", "MIN_NOTICE", "cells", "slots", "wall_clock"]
