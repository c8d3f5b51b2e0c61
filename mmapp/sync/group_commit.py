"""Group commit: many requests' writes applied together, on one thread, in one transaction.

When hundreds of devices reconnect at once, a transaction per request spends more
time on thread hops, locks, statements, BEGIN and COMMIT than on the events
themselves. Here requests queue their items; one writer thread per process takes
what has queued (up to `max_group` items) and hands them to `apply_group`, which
does the group's work with a few statements and returns one outcome per item (a
result, or the error that refuses that item alone). One commit, then every request
of the group gets its answer.

If the group's transaction fails for any reason (another process stored the same
event first, a deadlock, a lock timeout, a value the database refuses, a bug that
one item's input sets off), nothing of it is kept and each item runs again in a
transaction of its own: one item can never fail the others. A database race is
tried up to three times (the item then finds the rows the other writer stored) and
then answers `UnavailableError` (clients retry; ingest is idempotent); a value the
database cannot store answers `ValidationError` for that item alone.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import queue
import threading
from collections.abc import Callable
from typing import Any

from sqlalchemy.exc import IntegrityError, OperationalError, StatementError
from sqlmodel import Session

from mmapp.db import session_scope
from mmapp.errors import UnavailableError, ValidationError
from mmapp.i18n import N_

GroupFn = Callable[[Session, list[Any]], list[Any]]
# A queued item, the event loop of the request waiting on it, and its answer to be.
_Entry = tuple[Any, asyncio.AbstractEventLoop, asyncio.Future[Any]]
_log = logging.getLogger(__name__)
_ATTEMPTS = 3
_RACES = (IntegrityError, OperationalError)


class GroupCommitter:
    """Runs queued items through `apply_group` on one thread, a transaction per group."""

    def __init__(self, apply_group: GroupFn, *, max_group: int = 32) -> None:
        """Create an idle committer; its thread starts with the first item.

        Args:
            apply_group: Does a group's work in the session given; returns one outcome
                per item, in order: a result, or an exception for that item alone.
            max_group: Most items committed in one transaction.

        """
        self.apply_group = apply_group
        self.max_group = max_group
        self._queue: queue.SimpleQueue[_Entry] = queue.SimpleQueue()
        self._start_lock = threading.Lock()
        self._thread: threading.Thread | None = None

    async def run(self, item: Any) -> Any:
        """Apply `item` with the next group; return its result or raise its error.

        Raises:
            UnavailableError: The item could not be stored; retry later.

        """
        loop = asyncio.get_running_loop()
        future = loop.create_future()
        self._queue.put((item, loop, future))
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
            outcomes = self.apply([item for item, _, _ in group])
            for (_, loop, future), outcome in zip(group, outcomes, strict=True):
                # RuntimeError: that request's event loop has closed meanwhile.
                with contextlib.suppress(RuntimeError):
                    loop.call_soon_threadsafe(_settle, future, outcome)

    def apply(self, items: list[Any]) -> list[Any]:
        """Apply `items` as one group now, on this thread; return their outcomes."""
        try:
            with session_scope() as session:
                return self._checked(session, items)
        except Exception:  # whatever it was, find the item it belongs to
            return [self._alone(item) for item in items]

    def _alone(self, item: Any) -> Any:
        last: Exception | None = None
        for _ in range(_ATTEMPTS):
            try:
                with session_scope() as session:
                    return self._checked(session, [item])[0]
            except _RACES as exc:
                last = exc
            except StatementError as exc:  # a value the database refuses to store
                _log.warning("group commit: unstorable item: %s", exc)
                return ValidationError(
                    "unstorable_value",
                    N_("A value in this batch cannot be stored; nothing was kept."),
                )
            except Exception as exc:  # a bug set off by this item: it fails alone
                _log.exception("group commit: an item failed")
                return exc
        return UnavailableError(
            "busy", N_("Could not store the batch, please retry ({error})."), error=last
        )

    def _checked(self, session: Session, items: list[Any]) -> list[Any]:
        outcomes = self.apply_group(session, items)
        if len(outcomes) != len(items):
            raise RuntimeError(f"{len(outcomes)} outcomes for {len(items)} items")
        return outcomes


def _settle(future: asyncio.Future[Any], outcome: Any) -> None:
    if future.cancelled():
        return
    if isinstance(outcome, BaseException):
        future.set_exception(outcome)
    else:
        future.set_result(outcome)
