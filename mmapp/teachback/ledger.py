"""The teach-back rows: kept current at ingest, and what replaying the log gives.

`note_events` runs in ingest's transaction with the events it stores (already checked:
`mmapp.sync.teach_reads`): an ask makes its row, a confirmation fills the row's
`confirm_*` columns, only while they are empty (the ask's row is locked by then, so
this never races). `fold` derives the same rows from the log alone, which the tests
hold equal. `forget_person` is account deletion's part.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable, Sequence
from typing import Any, Protocol

import sqlalchemy as sa
from sqlmodel import Session, col

from mmapp.db import table_of
from mmapp.models import TeachBack
from mmapp.schemas import MOMENT

_TABLE = table_of(TeachBack)
_INSERT = _TABLE.insert()
_CONFIRM = (
    _TABLE.update()
    .where(_TABLE.c.ask_id == sa.bindparam("ask"), _TABLE.c.confirm_id.is_(None))
    .values(
        confirm_id=sa.bindparam("confirm"),
        explained=sa.bindparam("explained_"),
        usable=sa.bindparam("usable_"),
        rating=sa.bindparam("rating_"),
        comment=sa.bindparam("comment_"),
        confirmed_at=sa.bindparam("at_"),
    )
)
# The columns a row holds, in `fold`'s dictionaries too.
COLUMNS = tuple(c.name for c in _TABLE.columns)


class LogRow(Protocol):
    """The columns of a stored `LearnerEvent` the fold reads."""

    event_id: uuid.UUID
    user_id: uuid.UUID
    type: str
    nugget_id: uuid.UUID
    nugget_version: int
    payload: dict[str, Any]
    received_at: dt.datetime


def _asked(row: dict[str, Any]) -> dict[str, Any]:
    at = MOMENT.validate_python(row["payload"]["at"])  # checked before it was stored
    return {
        "ask_id": row["event_id"],
        "teacher_id": row["user_id"],
        "peer_id": uuid.UUID(row["payload"]["peer"]),
        "nugget_id": row["nugget_id"],
        "nugget_version": row["nugget_version"],
        "at": at,
        "asked_at": row["received_at"],
        "confirm_id": None,
        "explained": None,
        "usable": None,
        "rating": None,
        "comment": None,
        "confirmed_at": None,
    }


def _confirmed(row: dict[str, Any]) -> dict[str, Any]:
    p = row["payload"]
    return {
        "confirm_id": row["event_id"],
        "explained": p["explained"],
        "usable": p["usable"],
        "rating": p["rating"],
        "comment": p["comment"],
        "confirmed_at": row["received_at"],
    }


def note_events(*, session: Session, rows: Sequence[dict[str, Any]]) -> None:
    """Apply the teach-back events among `rows` (ingest's stored events, in order)."""
    asks = [_asked(r) for r in rows if r["type"] == "teachback_asked"]
    connection = session.connection()
    if asks:
        connection.execute(_INSERT, asks)
    for r in rows:
        if r["type"] == "teachback_confirmed":
            p = r["payload"]
            params = {
                "ask": uuid.UUID(p["ask"]),
                "confirm": r["event_id"],
                "explained_": p["explained"],
                "usable_": p["usable"],
                "rating_": p["rating"],
                "comment_": p["comment"],
                "at_": r["received_at"],
            }
            connection.execute(_CONFIRM, params)


def fold(events: Iterable[LogRow]) -> dict[uuid.UUID, dict[str, Any]]:
    """Every ask's row from stored events in log order (the first confirmation wins).

    A confirmation counts only from the peer the ask names, on its nugget and version
    (ingest refuses any other; this holds the fold to the same rule).
    """
    out: dict[uuid.UUID, dict[str, Any]] = {}
    for e in events:
        row = {
            "event_id": e.event_id,
            "user_id": e.user_id,
            "type": e.type,
            "nugget_id": e.nugget_id,
            "nugget_version": e.nugget_version,
            "payload": e.payload,
            "received_at": e.received_at,
        }
        if e.type == "teachback_asked":
            out[e.event_id] = _asked(row)
        elif e.type == "teachback_confirmed":
            ask = out.get(uuid.UUID(e.payload["ask"]))
            if (
                ask is not None
                and ask["peer_id"] == e.user_id
                and ask["confirm_id"] is None
                and (ask["nugget_id"], ask["nugget_version"]) == (e.nugget_id, e.nugget_version)
            ):
                ask.update(_confirmed(row))
    return out


def forget_person(*, session: Session, user_id: uuid.UUID) -> None:
    """Account deletion: the person's asks go, and their confirmations of others' asks.

    Their events are deleted with the account, so this keeps the rows equal to `fold`:
    an ask they made is gone; an ask made of them stays (the asker's event) but is
    no longer confirmed.
    """
    session.execute(sa.delete(TeachBack).where(col(TeachBack.teacher_id) == user_id))
    session.execute(
        sa.update(TeachBack)
        .where(col(TeachBack.peer_id) == user_id)
        .values(
            confirm_id=None,
            explained=None,
            usable=None,
            rating=None,
            comment=None,
            confirmed_at=None,
        )
    )


__all__ = ["COLUMNS", "LogRow", "fold", "forget_person", "note_events"]
