"""Daily goal, streak and streak freeze: pure functions over minutes per local day.

The rule (the one place it is written down; the README section "Daily goal,
streak and freeze" points here, and assets/js/mm-views.js `streakWalk` is its twin,
both held to tests/fixtures/streak_cases.json):

- Daily goal: `ReminderPlan.daily_goal_minutes` (10 without a plan), in minutes.
- A day is the learner's local day (`User.timezone`) of `clock.plausible_time`.
  A day's minutes = minutes of the nuggets first completed that day + 30 seconds
  (`REVIEW_SECONDS`) per review that day, rounded down to whole minutes:
  `nugget_minutes + (reviews * 30) // 60`. A review is a `ReviewCard.days` record
  with `review` True: one per item per day, from a review session.
- The goal is met on a day when its minutes reach the goal.
- The streak is the number of consecutive met days ending today. Today counts once
  met; until then the streak still stands from yesterday.
- A freeze is earned each time the streak reaches a multiple of 7 met days; at most
  2 are held. A missed day before today, while the streak is alive (> 0) and a
  freeze is held, spends one: the streak survives and the frozen day adds nothing
  to it. A missed day with no freeze breaks the streak (0). `used` lists the days
  frozen in the current streak (cleared when it breaks).

Devices mirror this offline: the pull sends the state at the start of a 14-day
window (`window`) and the minutes of each day in it; the phone adds its own unsynced
activity to those days and walks the window again with the same rule.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping

REVIEW_SECONDS = 30
DEFAULT_GOAL_MINUTES = 10
FREEZE_EVERY = 7
MAX_FREEZES = 2
WINDOW_DAYS = 14


@dataclasses.dataclass(frozen=True, slots=True)
class StreakState:
    """Where a streak stands at the start of a day.

    Attributes:
        streak: Consecutive met days (frozen days not counted).
        freezes: Freezes held (0 to `MAX_FREEZES`).
        used: Days a freeze was spent in the current streak, oldest first.

    """

    streak: int = 0
    freezes: int = 0
    used: tuple[dt.date, ...] = ()


def day_minutes(nugget_minutes: int, reviews: int) -> int:
    """Minutes a day adds up to: nuggets first completed plus 30 s per review, floored."""
    return nugget_minutes + (reviews * REVIEW_SECONDS) // 60


def _met(state: StreakState) -> StreakState:
    streak = state.streak + 1
    freezes = state.freezes
    if streak % FREEZE_EVERY == 0:
        freezes = min(MAX_FREEZES, freezes + 1)
    return StreakState(streak, freezes, state.used)


def _missed(state: StreakState, day: dt.date) -> StreakState:
    if state.streak == 0:
        return state
    if state.freezes > 0:
        return StreakState(state.streak, state.freezes - 1, (*state.used, day))
    return StreakState()


def walk(
    minutes: Mapping[dt.date, int],
    goal: int,
    *,
    start: StreakState,
    first: dt.date,
    today: dt.date,
    until: dt.date | None = None,
) -> StreakState:
    """The state after walking each day from `first` through `until` (default `today`).

    Args:
        minutes: Minutes per local day (days absent are 0).
        goal: The daily goal in minutes.
        start: The state at the start of `first`.
        first: The first day to walk.
        today: The learner's today: met counts, not met yet is no miss.
        until: The last day to walk (a day before `today` gives the state at the
            start of the day after it).

    Returns:
        The streak, freezes held and days frozen in the current streak.

    """
    state = start
    day = first
    last = today if until is None else min(until, today)
    while day <= last:
        if minutes.get(day, 0) >= goal:
            state = _met(state)
        elif day < today:
            state = _missed(state, day)
        day += dt.timedelta(days=1)
    return state


def streak_state(
    minutes: Mapping[dt.date, int], goal: int, today: dt.date, until: dt.date | None = None
) -> StreakState:
    """The state on `today` (or after `until`), from the learner's first active day."""
    last = today if until is None else until
    active = [d for d, m in minutes.items() if m > 0 and d <= last]
    if not active:
        return StreakState()
    return walk(minutes, goal, start=StreakState(), first=min(active), today=today, until=last)


def window(
    minutes: Mapping[dt.date, int], goal: int, today: dt.date, days: int = WINDOW_DAYS
) -> tuple[dt.date, StreakState]:
    """The first day of the last `days` local days and the state at its start.

    A device walks from there (`walk`, with `first` that day) over the window's
    minutes plus its own, and gets the same answer as `streak_state`.
    """
    first = today - dt.timedelta(days=days - 1)
    return first, streak_state(minutes, goal, today, until=first - dt.timedelta(days=1))


__all__ = [
    "DEFAULT_GOAL_MINUTES",
    "REVIEW_SECONDS",
    "StreakState",
    "day_minutes",
    "streak_state",
    "walk",
    "window",
]
