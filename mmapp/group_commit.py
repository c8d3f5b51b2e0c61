"""Group commit: many requests' writes applied on one thread, in shared transactions.

When hundreds of devices reconnect at once, a transaction per request spends more
time on thread hops, locks, BEGIN and COMMIT than on the events themselves. Here
requests queue their work; one writer thread per process takes what has queued
(up to `max_group` units), runs each unit in its own SAVEPOINT inside one
transaction, commits once, and then answers every request of the group.

A unit that fails rolls back only its savepoint: the others still commit. A unit
that loses a race on a unique key (another process stored the same event first) is
run again, and then finds the stored rows. If the commit itself fails, every unit
of the group gets an `UnavailableError`; clients retry and ingest is idempotent.
"""

from __future__ import annotations

import asyncio
import contextlib
import queue
import threading
from collections.abc import Callable
from typing import Any

from sqlalchemy.exc import IntegrityError, OperationalError
from sqlmodel import Session

from mmapp.db import session_scope
from mmapp.services.errors import UnavailableError

Unit = Callable[[Session], Any]
_ATTEMPTS = 3


class GroupCommitter:
    """Runs write units on one thread, committing all queued units together."""

    def __init__(self, *, max_group: int = 32) -> None:
        """Create an idle committer; its thread starts with the first unit.

        Args:
            max_group: Most units committed in one transaction.

        """
        self.max_group = max_group
        self._queue: queue.SimpleQueue = queue.SimpleQueue()
        self._start_lock = threading.Lock()
        self._thread: threading.Thread | None = None

    async def run(self, unit: Unit) -> Any:
        """Run `unit(session)` in the next group and return its result (or raise).

        Raises:
            UnavailableError: The group's transaction could not commit.

        """
        loop = asyncio.get_running_loop()
        future = loop.create_future()
        self._queue.put((unit, loop, future))
        self._ensure_thread()
        return await future

    def _ensure_thread(self) -> None:
        with self._start_lock:
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._work, name="group-commit", daemon=True)
                self._thread.start()

    def _work(self) -> None:
        while True:
            group = [self._queue.get()]
            while len(group) < self.max_group:
                try:
                    group.append(self._queue.get_nowait())
                except queue.Empty:
                    break
            outcomes = self._apply([unit for unit, _, _ in group])
            for (_, loop, future), outcome in zip(group, outcomes, strict=True):
                # RuntimeError: that request's event loop has closed meanwhile.
                with contextlib.suppress(RuntimeError):
                    loop.call_soon_threadsafe(_settle, future, outcome)

    def _apply(self, units: list[Unit]) -> list[tuple[Any, BaseException | None]]:
        outcomes: list[tuple[Any, BaseException | None]] = []
        try:
            with session_scope(write=True) as session:
                outcomes = [_run_in_savepoint(session, unit) for unit in units]
        except Exception as exc:  # the commit failed: nothing of the group is stored
            busy = UnavailableError("busy", f"Could not store the batch, please retry ({exc}).")
            return [(None, busy)] * len(units)
        return outcomes


def _run_in_savepoint(session: Session, unit: Unit) -> tuple[Any, BaseException | None]:
    last: Exception | None = None
    for _ in range(_ATTEMPTS):
        try:
            with session.begin_nested():
                return unit(session), None
        except (IntegrityError, OperationalError) as exc:
            last = exc
        except Exception as exc:
            return None, exc
    return None, UnavailableError("busy", f"Could not store the batch, please retry ({last}).")


def _settle(future: asyncio.Future, outcome: tuple[Any, BaseException | None]) -> None:
    if future.cancelled():
        return
    value, error = outcome
    if error is not None:
        future.set_exception(error)
    else:
        future.set_result(value)
