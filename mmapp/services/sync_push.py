"""Applying a device's batch of learner events: idempotent, one status per event."""

from __future__ import annotations

import hashlib
import json
import uuid
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, select

from mmapp.models import Device, DeviceSeqGap, LearnerEvent, NuggetRevision, User, utcnow
from mmapp.schemas import EventIn, EventResult, PushOut
from mmapp.services import seq_gaps
from mmapp.services.assignments import assigned_nugget_ids
from mmapp.services.errors import ForbiddenError


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


def apply_batch(
    *,
    session: Session,
    user: User,
    device_id: str,
    events: list[EventIn],
    max_string_chars: int = 2000,
) -> PushOut:
    """Store a batch of events once each, in the caller's transaction.

    Raises:
        ForbiddenError: The device is not this user's, or events name unassigned nuggets.

    """
    # Lock the device row: one device's batches apply one after another, so a batch
    # sees every event an earlier one stored (Postgres reads committed data per
    # statement) and the high-water mark and gaps are never lost to a race.
    device = session.exec(select(Device).where(Device.id == device_id).with_for_update()).first()
    if device is None or device.user_id != user.id:
        raise ForbiddenError("unknown_device", "this device is not registered to your account")
    allowed = assigned_nugget_ids(session=session, user_id=user.id)
    foreign = [e.event_id for e in events if e.nugget_id not in allowed]
    if foreign:
        raise NotAssignedError(foreign)

    snapshots: dict[tuple[uuid.UUID, int], dict[str, Any] | None] = {}
    seen: dict[uuid.UUID, str] = {}
    results: list[EventResult] = []
    rows: list[dict[str, Any]] = []
    received_at = utcnow()
    ids = [e.event_id for e in events]
    stored = {
        row.event_id: row
        for row in session.exec(select(LearnerEvent).where(LearnerEvent.event_id.in_(ids)))
    }
    used_seqs = set(
        session.exec(
            select(LearnerEvent.device_seq).where(
                LearnerEvent.device_id == device_id,
                LearnerEvent.device_seq.in_([e.device_seq for e in events]),
            )
        )
    )
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
        key = (event.nugget_id, event.nugget_version)
        if key not in snapshots:
            revision = session.exec(
                select(NuggetRevision).where(
                    NuggetRevision.nugget_id == key[0], NuggetRevision.version == key[1]
                )
            ).first()
            snapshots[key] = revision.snapshot if revision else None
        snapshot = snapshots[key]
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
        seq_gaps.record_seq(session=session, device=device, seq=event.device_seq)
        results.append(EventResult(event_id=event.event_id, status="applied"))

    if rows:
        # Events are append-only rows: one executemany, no ORM objects to track.
        session.execute(sa.insert(LearnerEvent), rows)
    device.last_sync_at = received_at
    session.add(device)
    session.flush()
    gaps = session.exec(
        select(DeviceSeqGap)
        .where(DeviceSeqGap.device_id == device_id)
        .order_by(DeviceSeqGap.first_seq)
    )
    return PushOut(
        results=results,
        device_max_seq=device.max_seq,
        missing_seqs=[(g.first_seq, g.last_seq) for g in gaps],
    )
