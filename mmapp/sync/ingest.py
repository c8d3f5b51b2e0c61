"""Applying devices' batches of learner events: idempotent, one status per event.

`apply_batches` applies a group of batches (from many devices and learners) with a
few statements for the whole group: the reads of `reads`, one insert, and
the devices' ledgers. The batches take effect one after another, in order, exactly
as if each had its own transaction: a batch sees what earlier ones stored.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import uuid
from typing import Any

from sqlmodel import Session

from mmapp.db import table_of
from mmapp.errors import ForbiddenError, ServiceError
from mmapp.i18n import N_
from mmapp.models import LearnerEvent, User, utcnow
from mmapp.reviews import cards
from mmapp.schemas import EventIn, EventResult, PushOut
from mmapp.sync.checks import TEACH_TYPES, fingerprint, payload_problem
from mmapp.sync.device_ledger import SeqLedger, save_all
from mmapp.sync.reads import GroupReads, StoredEvent, read_group
from mmapp.teachback import ledger as teachbacks

_INSERT = table_of(LearnerEvent).insert()


class NotAssignedError(ForbiddenError):
    """Events name nuggets the learner was never given; the batch is refused whole."""

    def __init__(self, event_ids: list[uuid.UUID]) -> None:
        super().__init__(
            "nugget_not_assigned",
            N_("{n} event(s) are for nuggets not assigned to you; nothing was stored"),
            n=len(event_ids),
        )
        self.event_ids = event_ids


@dataclasses.dataclass(frozen=True)
class Batch:
    """One push: a signed-in learner's device and the events it sends."""

    user_id: uuid.UUID
    device_id: str
    events: list[EventIn]


def apply_batch(
    *,
    session: Session,
    user: User,
    device_id: str,
    events: list[EventIn],
    max_string_chars: int = 2000,
) -> PushOut:
    """Store one batch of events once each, in the caller's transaction.

    Raises:
        ForbiddenError: The device is not this user's, or events name unassigned nuggets.

    """
    (outcome,) = apply_batches(
        session=session,
        batches=[Batch(user.id, device_id, events)],
        max_string_chars=max_string_chars,
    )
    if isinstance(outcome, ServiceError):
        raise outcome
    return outcome


def apply_batches(
    *, session: Session, batches: list[Batch], max_string_chars: int = 2000
) -> list[PushOut | ServiceError]:
    """Store several batches in the caller's transaction, in order.

    Returns:
        For each batch, its `PushOut`, or the error that refused it whole (an
        unknown device, or events for unassigned nuggets); a refused batch stores
        nothing and the others are unaffected.

    """
    if not batches:
        return []
    received_at = utcnow()
    reads = read_group(
        session=session,
        requests=[(b.user_id, b.device_id, b.events) for b in batches],
        now=received_at,
    )
    ledgers = SeqLedger.load_many(
        session=session, max_seqs={d: row.max_seq for d, row in reads.devices.items()}
    )
    touched: dict[str, SeqLedger] = {}
    outcomes: list[PushOut | ServiceError] = []
    rows: list[dict[str, Any]] = []
    for batch in batches:
        device = reads.devices.get(batch.device_id)
        if device is None or device.user_id != batch.user_id:
            outcomes.append(
                ForbiddenError(
                    "unknown_device", N_("this device is not registered to your account")
                )
            )
            continue
        # A colleague confirms a teach-back on a nugget they may not have been given:
        # its ask, checked per event, is what allows it.
        foreign = [
            e.event_id
            for e in batch.events
            if (batch.user_id, e.nugget_id) not in reads.released
            and e.type != "teachback_confirmed"
        ]
        if foreign:
            outcomes.append(NotAssignedError(foreign))
            continue
        ledger = touched.setdefault(batch.device_id, ledgers[batch.device_id])
        results = _apply_one(batch, reads, ledger, rows, received_at, max_string_chars)
        outcomes.append(
            PushOut(results=results, device_max_seq=ledger.max_seq, missing_seqs=ledger.missing())
        )
    if rows:
        # Events are append-only rows: one executemany, no ORM objects to track.
        session.connection().execute(_INSERT, rows)
        # Answers also move their review cards (a projection), in this transaction,
        # and teach-back events their asks.
        cards.note_events(session=session, rows=rows, snapshots=reads.snapshots)
        teachbacks.note_events(session=session, rows=rows)
    save_all(session=session, ledgers=list(touched.values()), synced_at=received_at)
    return outcomes


def _apply_one(
    batch: Batch,
    reads: GroupReads,
    ledger: SeqLedger,
    rows: list[dict[str, Any]],
    received_at: dt.datetime,
    max_string_chars: int,
) -> list[EventResult]:
    """Decide each event of one batch, adding the stored ones to `rows` and `reads`."""
    used_seqs = reads.used_seqs[batch.device_id]
    results: list[EventResult] = []
    for event in batch.events:
        print_ = fingerprint(batch.device_id, event)
        previous = reads.stored.get(event.event_id)
        if previous is not None:
            same = previous.fingerprint == print_ and previous.user_id == batch.user_id
            results.append(
                EventResult(event_id=event.event_id, status="duplicate")
                if same
                else EventResult(
                    event_id=event.event_id, status="rejected", reason="event_id_reused"
                )
            )
            continue
        snapshot = reads.snapshots.get((event.nugget_id, event.nugget_version))
        if event.device_seq in used_seqs:
            reason: str | None = "device_seq_reused"
        elif snapshot is None:
            reason = "unknown_nugget_version"
        else:
            reason = payload_problem(event, snapshot, max_string_chars)
        if reason is None and event.type == "work_reflected":
            named = uuid.UUID(str(event.payload["commitment"]))
            if reads.commitments.get(named) != (batch.user_id, event.nugget_id):
                reason = "unknown_commitment"  # not this learner's commitment on this nugget
        if reason is None and reads.teach is not None and event.type in TEACH_TYPES:
            reason = reads.teach.problem(event, batch.user_id)
        if reason:
            results.append(EventResult(event_id=event.event_id, status="rejected", reason=reason))
            continue
        rows.append(
            {
                "event_id": event.event_id,
                "user_id": batch.user_id,
                "device_id": batch.device_id,
                "device_seq": event.device_seq,
                "type": event.type,
                "nugget_id": event.nugget_id,
                "nugget_version": event.nugget_version,
                "payload": event.payload,
                "fingerprint": print_,
                "client_ts": event.client_ts,
                "received_at": received_at,
            }
        )
        reads.stored[event.event_id] = StoredEvent(batch.user_id, print_)
        if event.type == "work_committed":
            reads.commitments[event.event_id] = (batch.user_id, event.nugget_id)
        if reads.teach is not None:
            reads.teach.note(event, batch.user_id)
        used_seqs.add(event.device_seq)
        ledger.note(event.device_seq)
        results.append(EventResult(event_id=event.event_id, status="applied"))
    return results
