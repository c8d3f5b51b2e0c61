"""Applying a device's batch of learner events: idempotent, one status per event."""

from __future__ import annotations

import hashlib
import json
import uuid
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session

from mmapp.models import Device, LearnerEvent, NuggetRevision, User, utcnow
from mmapp.schemas import EventIn, EventResult, PushOut
from mmapp.services.assignments import released_among
from mmapp.services.errors import ForbiddenError
from mmapp.services.seq_gaps import SeqLedger


class NotAssignedError(ForbiddenError):
    """Events name nuggets the learner was never given; the batch is refused whole."""

    def __init__(self, event_ids: list[uuid.UUID]) -> None:
        super().__init__(
            "nugget_not_assigned",
            f"{len(event_ids)} event(s) are for nuggets not assigned to you; nothing was stored",
        )
        self.event_ids = event_ids


def fingerprint(device_id: str, event: EventIn) -> str:
    """A stable hash of everything an event says, to tell resends from reuse."""
    body = {
        "device_id": device_id,
        "device_seq": event.device_seq,
        "type": event.type,
        "nugget_id": str(event.nugget_id),
        "nugget_version": event.nugget_version,
        "payload": event.payload,
        "client_ts": event.client_ts.isoformat(),
    }
    canonical = json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode()).hexdigest()


def _payload_problem(event: EventIn, snapshot: dict[str, Any], max_chars: int) -> str | None:
    """Return why a payload does not fit its event type and nugget version, or None."""
    payload = event.payload
    if len(json.dumps(payload)) > max_chars + 200:
        return "payload_too_large"
    if event.type in ("nugget_started", "nugget_completed"):
        return None if payload == {} else "unexpected_payload"
    if event.type == "step_done":
        step = payload.get("step")
        ok = isinstance(step, int) and not isinstance(step, bool) and set(payload) == {"step"}
        return None if ok and 0 <= step < len(snapshot["practice_steps"]) else "unknown_step"
    items = {item["id"]: item for item in snapshot["quiz"]}
    item = items.get(str(payload.get("item_id")))
    answer = payload.get("answer")
    if item is None:
        return "unknown_quiz_item"
    if not isinstance(answer, dict) or set(payload) - {"item_id", "answer", "correct"}:
        return "malformed_answer"
    if item["kind"] == "short_answer":
        text = answer.get("text")
        return None if isinstance(text, str) and set(answer) == {"text"} else "malformed_answer"
    choices = answer.get("choices")
    if set(answer) != {"choices"} or not isinstance(choices, list) or not choices:
        return "malformed_answer"
    valid = all(isinstance(c, int) and 0 <= c < len(item["options"]) for c in choices)
    return None if valid else "choice_out_of_range"


# The ingest path's statements, built once: each batch only binds its values.
_EVENTS = LearnerEvent.__table__
_DEVICES = Device.__table__
_REVISIONS = NuggetRevision.__table__
_LOCK_DEVICE = (
    sa.select(_DEVICES.c.user_id, _DEVICES.c.max_seq)
    .where(_DEVICES.c.id == sa.bindparam("device_id"))
    .with_for_update()
)
# Every version of the batch's nuggets whose number the batch names (a superset of
# the pairs it names; the caller keys by pair).
_SNAPSHOTS = sa.select(_REVISIONS.c.nugget_id, _REVISIONS.c.version, _REVISIONS.c.snapshot).where(
    _REVISIONS.c.nugget_id.in_(sa.bindparam("nugget_ids", expanding=True)),
    _REVISIONS.c.version.in_(sa.bindparam("versions", expanding=True)),
)
_EARLIER = sa.select(
    _EVENTS.c.event_id,
    _EVENTS.c.user_id,
    _EVENTS.c.fingerprint,
    _EVENTS.c.device_id,
    _EVENTS.c.device_seq,
).where(
    sa.or_(
        _EVENTS.c.event_id.in_(sa.bindparam("event_ids", expanding=True)),
        sa.and_(
            _EVENTS.c.device_id == sa.bindparam("device_id"),
            _EVENTS.c.device_seq.in_(sa.bindparam("seqs", expanding=True)),
        ),
    )
)
_INSERT = _EVENTS.insert()


def _snapshots(session: Session, events: list[EventIn]) -> dict[tuple, dict]:
    """The frozen snapshots of the (nugget, version) pairs a batch names, in one query."""
    rows = session.connection().execute(
        _SNAPSHOTS,
        {
            "nugget_ids": list({e.nugget_id for e in events}),
            "versions": list({e.nugget_version for e in events}),
        },
    )
    return {(r.nugget_id, r.version): r.snapshot for r in rows}


def _earlier(session: Session, device_id: str, events: list[EventIn]) -> tuple[dict, set[int]]:
    """Events already stored under this batch's ids, and this device's seqs it reuses."""
    seqs = {e.device_seq for e in events}
    rows = session.connection().execute(
        _EARLIER,
        {"event_ids": [e.event_id for e in events], "device_id": device_id, "seqs": list(seqs)},
    )
    stored, used_seqs = {}, set()
    for row in rows:
        stored[row.event_id] = row
        if row.device_id == device_id and row.device_seq in seqs:
            used_seqs.add(row.device_seq)
    return stored, used_seqs


def apply_batch(
    *,
    session: Session,
    user: User,
    device_id: str,
    events: list[EventIn],
    max_string_chars: int = 2000,
) -> PushOut:
    """Store a batch of events once each, in the caller's transaction.

    A handful of statements whatever the batch size: the device row, the nuggets'
    assignments and snapshots, earlier events, one insert, the device's ledger.

    Raises:
        ForbiddenError: The device is not this user's, or events name unassigned nuggets.

    """
    # Lock the device row: one device's batches apply one after another, so a batch
    # sees every event an earlier one stored (Postgres reads committed data per
    # statement) and the high-water mark and gaps are never lost to a race.
    device = session.connection().execute(_LOCK_DEVICE, {"device_id": device_id}).first()
    if device is None or device.user_id != user.id:
        raise ForbiddenError("unknown_device", "this device is not registered to your account")
    allowed = released_among(
        session=session, user_id=user.id, nugget_ids={e.nugget_id for e in events}
    )
    foreign = [e.event_id for e in events if e.nugget_id not in allowed]
    if foreign:
        raise NotAssignedError(foreign)

    snapshots = _snapshots(session, events)
    stored, used_seqs = _earlier(session, device_id, events)
    ledger = SeqLedger.load(session=session, device_id=device_id, max_seq=device.max_seq)
    seen: dict[uuid.UUID, str] = {}
    results: list[EventResult] = []
    rows: list[dict[str, Any]] = []
    received_at = utcnow()
    for event in events:
        print_ = fingerprint(device_id, event)
        previous = stored.get(event.event_id)
        earlier_print = previous.fingerprint if previous else seen.get(event.event_id)
        if earlier_print is not None:
            same = earlier_print == print_ and (previous is None or previous.user_id == user.id)
            results.append(
                EventResult(event_id=event.event_id, status="duplicate")
                if same
                else EventResult(
                    event_id=event.event_id, status="rejected", reason="event_id_reused"
                )
            )
            continue
        snapshot = snapshots.get((event.nugget_id, event.nugget_version))
        if event.device_seq in used_seqs:
            reason: str | None = "device_seq_reused"
        elif snapshot is None:
            reason = "unknown_nugget_version"
        else:
            reason = _payload_problem(event, snapshot, max_string_chars)
        if reason:
            results.append(EventResult(event_id=event.event_id, status="rejected", reason=reason))
            continue
        rows.append(
            {
                "event_id": event.event_id,
                "user_id": user.id,
                "device_id": device_id,
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
        seen[event.event_id] = print_
        used_seqs.add(event.device_seq)
        ledger.note(event.device_seq)
        results.append(EventResult(event_id=event.event_id, status="applied"))

    if rows:
        # Events are append-only rows: one executemany, no ORM objects to track.
        session.connection().execute(_INSERT, rows)
    ledger.save(session=session, synced_at=received_at)
    return PushOut(results=results, device_max_seq=ledger.max_seq, missing_seqs=ledger.missing())
