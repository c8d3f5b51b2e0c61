"""The week plan: the pathway placed into the learner's own commute slots, chunk by chunk.

The rules (the one place they are written down; assets/js/mm-week.js is the phone's
twin, held to this by tests/fixtures/week_golden.json from scripts/make_week_golden.py):

1. Slots. The learner's weekly slots (weekday, "HH:MM", from the Reminders page) are
   walked over seven local days from `situation.today`, in time order within a day
   (a time listed twice counts once). Today's slots count while they are not over: a
   slot lasts `SLOT_MINUTES` (the reminder's window), so at 08:15 the 08:10 slot is
   still planned and the 07:30 one is not. Past slots are never shown: whatever was
   not done is simply planned again from now (missed chunks roll forward, unnamed).
2. Budget. Each day has the daily goal to place (`goal_minutes`; today less what was
   already done, `done_minutes`). A slot gets what is left of its day's budget; once
   the day's budget is placed, its later slots are `free`.
3. A chunk is the pathway (`pathway.rank`) for the slot: `today` = the slot's day,
   `minutes` = what is left of the budget, nuggets placed in earlier chunks counted as
   done (so a prerequisite planned Monday unlocks its follow-up on Tuesday), and the
   reviews still pending: today's `reviews_due` plus, from each later day on, the
   reviews that fall due that day (`reviews_ahead`), less those placed in earlier
   chunks. The chunk takes the picks that fit. While the day's budget is whole
   (nothing done or planned yet that day), when no nugget fits but one is open, the
   chunk also takes the first nugget the pathway ranks with no limit (a nugget longer
   than the goal is still planned, not dropped; a day never runs over twice).
4. A slot with nothing to plan (no review pending, no open nugget) is `clear`; one
   where something is open but nothing fits what is left of the day is `free`.
5. The chunk's minutes are the sum of its picks' minutes; they come off the day's
   budget (a chunk can take the budget below zero, which frees the day's later slots).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Mapping
from typing import Any, Literal

from mmapp.skills.pathway import rank, review_count
from mmapp.skills.situation import Pick, Situation, check, parse_date, situation_from

SLOT_MINUTES = 20
_HHMM = re.compile(r"([01]\d|2[0-3]):[0-5]\d")
DAYS = 7


@dataclasses.dataclass(frozen=True, slots=True)
class WeeklySlot:
    """A commute slot: a weekday (Monday 0) and a local wall-clock time "HH:MM"."""

    weekday: int
    time: str


@dataclasses.dataclass(frozen=True, slots=True)
class Chunk:
    """What one slot holds.

    Attributes:
        day: The slot's local date (ISO).
        time: Its local time "HH:MM".
        state: "planned" (it has picks), "free" (the day's goal is already placed) or
            "clear" (nothing is left to do).
        picks: The pathway's picks for the slot, in order.
        minutes: Their total minutes.

    """

    day: str
    time: str
    state: Literal["planned", "free", "clear"]
    picks: tuple[Pick, ...] = ()
    minutes: int = 0


@dataclasses.dataclass(frozen=True, slots=True)
class WeekPlan:
    """The week's chunks in time order, and the open nuggets no chunk holds."""

    chunks: tuple[Chunk, ...] = ()
    later: tuple[str, ...] = ()


@dataclasses.dataclass(frozen=True, slots=True)
class WeekAsk:
    """Everything the week plan needs.

    Attributes:
        situation: The learner's situation today (its `minutes` is ignored).
        slots: Their weekly commute slots.
        now_time: The local time now, "HH:MM".
        goal_minutes: The daily goal (> 0).
        done_minutes: Minutes already done today.
        reviews_ahead: Reviews falling due on each later local day (ISO date: count).

    """

    situation: Situation
    slots: tuple[WeeklySlot, ...] = ()
    now_time: str = "00:00"
    goal_minutes: int = 10
    done_minutes: int = 0
    reviews_ahead: Mapping[str, int] = dataclasses.field(default_factory=dict)


def _clock(hhmm: str) -> int:
    """Minutes since midnight of a strict "HH:MM" time."""
    if not isinstance(hhmm, str) or not _HHMM.fullmatch(hhmm):
        raise ValueError(f"not a time: {hhmm!r}")
    return int(hhmm[:2]) * 60 + int(hhmm[3:])


def check_ask(ask: WeekAsk) -> None:
    """Refuse an ask the plan cannot answer sensibly.

    Raises:
        ValueError: With the reason.

    """
    check(ask.situation)
    _clock(ask.now_time)
    for slot in ask.slots:
        if not 0 <= slot.weekday <= 6:
            raise ValueError(f"weekday out of range: {slot.weekday}")
        _clock(slot.time)
    if ask.goal_minutes <= 0 or ask.done_minutes < 0:
        raise ValueError("goal_minutes must be > 0 and done_minutes >= 0")
    for day, count in ask.reviews_ahead.items():
        parse_date(day)
        if count < 0:
            raise ValueError(f"reviews_ahead[{day}] must be >= 0")


def _times(ask: WeekAsk, day: dt.date, first: bool) -> list[str]:
    times = sorted({s.time for s in ask.slots if s.weekday == day.weekday()})
    if first:
        now = _clock(ask.now_time)
        times = [t for t in times if _clock(t) + SLOT_MINUTES > now]
    return times


def week_plan(ask: WeekAsk) -> WeekPlan:
    """The week plan for an ask, by the rules above.

    Args:
        ask: The situation, slots, time now, goal and reviews ahead (checked here).

    Returns:
        The chunks in time order and the open nuggets left for later.

    Raises:
        ValueError: The ask is malformed (see `check_ask`).

    """
    check_ask(ask)
    base = ask.situation
    start = parse_date(base.today)
    planned: set[str] = set()
    pending = base.reviews_due
    chunks: list[Chunk] = []
    for offset in range(DAYS):
        day = start + dt.timedelta(days=offset)
        if offset:
            pending += ask.reviews_ahead.get(day.isoformat(), 0)
        left = ask.goal_minutes - (ask.done_minutes if offset == 0 else 0)
        for time in _times(ask, day, offset == 0):
            if left <= 0:
                chunks.append(Chunk(day.isoformat(), time, "free"))
                continue
            nuggets = tuple(
                dataclasses.replace(n, done=True) if n.id in planned else n for n in base.nuggets
            )
            here = dataclasses.replace(
                base, today=day.isoformat(), minutes=left, nuggets=nuggets, reviews_due=pending
            )
            picks = rank(here).picks
            anything = rank(dataclasses.replace(here, minutes=0, reviews_due=0)).picks
            if left == ask.goal_minutes and not any(p.kind == "nugget" for p in picks):
                picks = picks + anything[:1]
            if not picks:
                state: Literal["free", "clear"] = "free" if anything or pending else "clear"
                chunks.append(Chunk(day.isoformat(), time, state))
                continue
            if picks[0].kind == "reviews":
                pending -= review_count(here)
            planned.update(p.id for p in picks if p.kind == "nugget")
            minutes = sum(p.minutes for p in picks)
            left -= minutes
            chunks.append(Chunk(day.isoformat(), time, "planned", picks, minutes))
    later = tuple(
        n.id
        for n in sorted(base.nuggets, key=lambda n: (n.position, n.id))
        if not n.done and n.id not in planned
    )
    return WeekPlan(tuple(chunks), later)


def ask_from(data: Mapping[str, Any]) -> WeekAsk:
    """A week ask from its JSON-shaped dict, checked.

    Args:
        data: {situation, slots: [{weekday, time}], now_time, goal_minutes,
            done_minutes, reviews_ahead}.

    Raises:
        ValueError: A field is missing, unknown or out of range.

    """
    try:
        slots = tuple(WeeklySlot(**s) for s in data.get("slots", ()))
        fields = {k: v for k, v in data.items() if k not in ("situation", "slots")}
        ask = WeekAsk(situation=situation_from(data["situation"]), slots=slots, **fields)
    except (TypeError, KeyError) as error:
        raise ValueError(str(error)) from error
    check_ask(ask)
    return ask


def week_dict(plan: WeekPlan) -> dict[str, Any]:
    """A week plan as the JSON-shaped dict the phone's twin returns."""
    return {
        "chunks": [
            {**dataclasses.asdict(c), "picks": [dataclasses.asdict(p) for p in c.picks]}
            for c in plan.chunks
        ],
        "later": list(plan.later),
    }
