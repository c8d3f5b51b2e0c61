"""The clock seam: the one place the server reads the wall clock.

Services never call `datetime.now()` themselves: they take `now` as a keyword
argument, and the callers at the edge (API routes, workspace pages, the scheduler,
the CLI) ask a `Clock` for it. Tests hand the edge a `FixedClock`, so no test depends
on today's date, and a replay of the same events gives the same projections.
"""

from __future__ import annotations

import datetime as dt
import threading
from typing import Protocol


class Clock(Protocol):
    """Something that tells the current time, timezone-aware in UTC."""

    def now(self) -> dt.datetime:
        """Return the current time (aware, UTC)."""
        ...


class SystemClock:
    """The real wall clock."""

    def now(self) -> dt.datetime:
        """Return the wall-clock time, aware, in UTC."""
        return dt.datetime.now(dt.UTC)


class FixedClock:
    """A clock that stands still until told to move (tests, replays).

    Thread-safe: the ingest writer thread and the test thread may read it together.
    """

    def __init__(self, start: dt.datetime) -> None:
        """Start the clock at `start`.

        Args:
            start: An aware datetime.

        Raises:
            ValueError: `start` is naive.

        """
        self._now = _aware(start)
        self._lock = threading.Lock()

    def now(self) -> dt.datetime:
        """Return the time the clock shows."""
        with self._lock:
            return self._now

    def set(self, moment: dt.datetime) -> None:
        """Move the clock to `moment` (forwards or backwards)."""
        with self._lock:
            self._now = _aware(moment)

    def advance(self, delta: dt.timedelta) -> dt.datetime:
        """Move the clock forwards by `delta` and return the new time."""
        with self._lock:
            self._now += delta
            return self._now


def _aware(moment: dt.datetime) -> dt.datetime:
    if moment.tzinfo is None:
        raise ValueError("a clock needs an aware datetime")
    return moment.astimezone(dt.UTC)


_SYSTEM = SystemClock()


# Device clocks are recorded, not trusted: when something happened is taken from the
# device's time only within this window before the server received it.
CLIENT_CLOCK_WINDOW = dt.timedelta(days=7)


def plausible_time(client_ts: dt.datetime, received_at: dt.datetime) -> dt.datetime:
    """When a learner's action most plausibly happened: the device's time, clamped.

    A phone offline in a tunnel reports its own time; a wrong clock can at worst move
    the action to a week before the server received it, never after that moment.

    Args:
        client_ts: What the device's clock said (aware).
        received_at: When the server stored it (aware).

    Returns:
        `client_ts` within `[received_at - CLIENT_CLOCK_WINDOW, received_at]`.

    """
    return min(max(client_ts, received_at - CLIENT_CLOCK_WINDOW), received_at)


def wall_time() -> float:
    """Seconds since the epoch by the real clock, whatever clock is installed.

    Only for what another machine judges by its own real clock: a VAPID token's
    expiry (checked by the push service) and HTTP dates in `Retry-After`.
    """
    return _SYSTEM.now().timestamp()


_current: Clock = _SYSTEM


def get_clock() -> Clock:
    """Return the process's clock (the wall clock unless a test installed another)."""
    return _current


def use_clock(clock: Clock | None) -> None:
    """Install `clock` for this process (tests); `None` restores the wall clock."""
    global _current  # the one process-wide seam, set only by tests
    _current = clock or _SYSTEM


__all__ = [
    "CLIENT_CLOCK_WINDOW",
    "Clock",
    "FixedClock",
    "SystemClock",
    "get_clock",
    "plausible_time",
    "use_clock",
    "wall_time",
]
