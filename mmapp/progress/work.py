"""Practice in the flow of work: commitments to try a nugget at work, and how it went.

The rules, each one (the phone's `assets/js/mm-work.js` follows the same):

- A learner's *commitment* on a nugget is their latest `work_committed` on it (by the
  event's plausible time, then event id): a later one replaces the earlier one, so
  "Not yet" simply moves the day.
- A commitment is *open* while no `work_reflected` names it (by event id).
- A nugget counts as *tried at work* when the learner's latest `work_reflected` on it
  says `tried: true` and `went` is not "badly" (`mmapp.progress.standing` counts it
  as evidence).
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable
from typing import Any, Protocol

from mmapp.clock import plausible_time
from mmapp.schemas import WorkEventOut

WORK_TYPES = ("work_committed", "work_reflected")


class WorkRow(Protocol):
    """The columns of a work event read here (an ORM row or a Core row)."""

    event_id: uuid.UUID
    type: str
    nugget_id: uuid.UUID
    payload: dict[str, Any]
    client_ts: dt.datetime
    received_at: dt.datetime


def _order(e: WorkRow) -> tuple[dt.datetime, str]:
    return plausible_time(e.client_ts, e.received_at), str(e.event_id)


def _latest(events: Iterable[WorkRow], kind: str) -> dict[uuid.UUID, WorkRow]:
    latest: dict[uuid.UUID, WorkRow] = {}
    for e in events:
        if e.type != kind:
            continue
        held = latest.get(e.nugget_id)
        if held is None or _order(e) > _order(held):
            latest[e.nugget_id] = e
    return latest


def commitments(events: Iterable[WorkRow]) -> dict[uuid.UUID, WorkRow]:
    """Each nugget's commitment: its latest `work_committed` (any other type is skipped)."""
    return _latest(events, "work_committed")


def open_commitments(events: Iterable[WorkRow]) -> dict[uuid.UUID, WorkRow]:
    """Each nugget's commitment that no `work_reflected` names yet."""
    rows = list(events)
    named = {str(e.payload.get("commitment")) for e in rows if e.type == "work_reflected"}
    return {n: c for n, c in commitments(rows).items() if str(c.event_id) not in named}


def tried_at_work(events: Iterable[WorkRow]) -> set[uuid.UUID]:
    """Nuggets whose latest reflection says tried, and it did not go badly."""
    return {
        n
        for n, e in _latest(events, "work_reflected").items()
        if e.payload.get("tried") is True and e.payload.get("went") != "badly"
    }


def work_log(events: Iterable[WorkRow]) -> list[WorkEventOut]:
    """The learner's work events as the phone merges them with its own (in time order)."""
    rows = sorted((e for e in events if e.type in WORK_TYPES), key=_order)
    return [
        WorkEventOut.model_validate(
            {
                "event_id": e.event_id,
                "type": e.type,
                "nugget_id": e.nugget_id,
                "at": plausible_time(e.client_ts, e.received_at),
                **e.payload,
            }
        )
        for e in rows
    ]


__all__ = [
    "WORK_TYPES",
    "WorkRow",
    "commitments",
    "open_commitments",
    "tried_at_work",
    "work_log",
]
