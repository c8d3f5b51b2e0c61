"""When a reminder slot rings: local slots to UTC instants, quiet hours, the next one due.

Slots are wall-clock times in the learner's IANA timezone, turned into instants
afresh every day, so they follow DST and timezone changes. A slot is due from its
instant for `WINDOW`. `next_due_at` is the instant the scheduler stores per plan
(`ReminderPlan.next_due_at`, indexed) so a tick reads only the plans due, not every
learner; `due_slots` then says which slots of such a plan ring now. Both read slot
instants from `slot_instant`, so they agree on DST days.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import zoneinfo
from collections.abc import Iterator

from mmapp.models import ReminderPlan

WINDOW = dt.timedelta(minutes=20)
# A plan rings on at least one weekday, so its next slot is under 8 local days away
# (a day more for a DST shift or a zone far from UTC).
_HORIZON_DAYS = 9


@dataclasses.dataclass(frozen=True)
class DueSlot:
    """A slot whose moment has come: local date and time, and the UTC instant."""

    day: dt.date
    time: str
    at: dt.datetime


def _minutes(hhmm: str) -> int:
    hours, minutes = hhmm.split(":")
    return int(hours) * 60 + int(minutes)


def in_quiet_hours(hhmm: str, start: str | None, end: str | None) -> bool:
    """Whether a local time falls in quiet hours (which may wrap past midnight)."""
    if start is None or end is None or start == end:
        return False
    t, a, b = _minutes(hhmm), _minutes(start), _minutes(end)
    return a <= t < b if a < b else t >= a or t < b


def slot_instant(day: dt.date, hhmm: str, tz: dt.tzinfo) -> dt.datetime:
    """The UTC instant of local `hhmm` on `day` in `tz`.

    A wall-clock time skipped by a DST jump rings at the same clock reading on the
    old offset (02:30 on a spring-forward night rings at 03:30); one that happens
    twice rings at its first occurrence (zoneinfo's `fold=0`).
    """
    hours, minutes = map(int, hhmm.split(":"))
    return dt.datetime.combine(day, dt.time(hours, minutes), tzinfo=tz).astimezone(dt.UTC)


def _slots_on(plan: ReminderPlan, days: Iterator[dt.date]) -> Iterator[DueSlot]:
    """Every slot of `plan` outside quiet hours on these local days, with its instant."""
    tz = zoneinfo.ZoneInfo(plan.timezone)
    for day in days:
        for slot in plan.slots:
            if slot["weekday"] != day.weekday():
                continue
            if in_quiet_hours(slot["time"], plan.quiet_start, plan.quiet_end):
                continue
            yield DueSlot(day, slot["time"], slot_instant(day, slot["time"], tz))


def _days_from(first: dt.date, count: int) -> Iterator[dt.date]:
    return (first + dt.timedelta(days=n) for n in range(count))


def due_slots(plan: ReminderPlan, now: dt.datetime) -> list[DueSlot]:
    """Slots of `plan` whose instant is in `(now - WINDOW, now]`, quiet hours skipped."""
    today = now.astimezone(zoneinfo.ZoneInfo(plan.timezone)).date()
    days = _days_from(today - dt.timedelta(days=1), 2)
    return [s for s in _slots_on(plan, days) if s.at <= now < s.at + WINDOW]


def next_due_at(plan: ReminderPlan, *, after: dt.datetime) -> dt.datetime | None:
    """The first instant strictly after `after` at which a slot of `plan` rings.

    None for a disabled plan or one with no slot outside quiet hours: the scheduler
    never reads it. Pass `after=now - WINDOW` to keep a slot whose window is still
    open (a plan saved at 08:15 still rings its 08:10 slot), `after=now` once the
    slots due at `now` have been handled.
    """
    if not plan.enabled or not plan.slots:
        return None
    start = after.astimezone(zoneinfo.ZoneInfo(plan.timezone)).date() - dt.timedelta(days=1)
    instants = [s.at for s in _slots_on(plan, _days_from(start, _HORIZON_DAYS)) if s.at > after]
    return min(instants, default=None)


def reschedule(plan: ReminderPlan, *, now: dt.datetime) -> None:
    """Set `plan.next_due_at` afresh after a change (slots, zone, quiet hours, a phone).

    A slot whose window is open at `now` stays due; the dedupe key keeps it from
    ringing twice if it already did.
    """
    plan.next_due_at = next_due_at(plan, after=now - WINDOW)


__all__ = [
    "WINDOW",
    "DueSlot",
    "due_slots",
    "in_quiet_hours",
    "next_due_at",
    "reschedule",
    "slot_instant",
]
