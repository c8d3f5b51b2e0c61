"""What ingest reads before it applies a group of batches: a few queries per group.

Every statement is built once; a group only binds its values. The reads return
supersets where that keeps a statement simple, and callers key the rows exactly.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import uuid
from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session

from mmapp.db import table_of
from mmapp.models import Assignment, CohortMembership, Device, LearnerEvent, NuggetRevision
from mmapp.schemas import EventIn
from mmapp.sync.teach_reads import TeachReads, read_teach

_EVENTS = table_of(LearnerEvent)
_DEVICES = table_of(Device)
_REVISIONS = table_of(NuggetRevision)
_ASSIGNMENTS = table_of(Assignment)
_MEMBERSHIPS = table_of(CohortMembership)

# Row locks in id order: two processes locking overlapping devices never deadlock.
_LOCK_DEVICES = (
    sa.select(_DEVICES.c.id, _DEVICES.c.user_id, _DEVICES.c.max_seq)
    .where(_DEVICES.c.id.in_(sa.bindparam("device_ids", expanding=True)))
    .order_by(_DEVICES.c.id)
    .with_for_update()
)
# Nuggets ever released to a cohort the learner is or was in (answers given before
# leaving still land).
_RELEASED = (
    sa.select(_MEMBERSHIPS.c.user_id, _ASSIGNMENTS.c.nugget_id)
    .join(_ASSIGNMENTS, _ASSIGNMENTS.c.cohort_id == _MEMBERSHIPS.c.cohort_id)
    .where(
        _MEMBERSHIPS.c.user_id.in_(sa.bindparam("user_ids", expanding=True)),
        _ASSIGNMENTS.c.nugget_id.in_(sa.bindparam("nugget_ids", expanding=True)),
        _ASSIGNMENTS.c.release_at <= sa.bindparam("now"),
    )
    .distinct()
)
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
            _EVENTS.c.device_id.in_(sa.bindparam("device_ids", expanding=True)),
            _EVENTS.c.device_seq.in_(sa.bindparam("seqs", expanding=True)),
        ),
    )
)


# The commitments the group's reflections name (a reflection must name its own).
_COMMITMENTS = sa.select(_EVENTS.c.event_id, _EVENTS.c.user_id, _EVENTS.c.nugget_id).where(
    _EVENTS.c.event_id.in_(sa.bindparam("event_ids", expanding=True)),
    _EVENTS.c.type == "work_committed",
)


@dataclasses.dataclass(frozen=True)
class StoredEvent:
    """What a later batch needs to know of an event already stored."""

    user_id: uuid.UUID
    fingerprint: str


@dataclasses.dataclass
class GroupReads:
    """Everything a group of batches needs from the database, read up front."""

    devices: dict[str, Any]
    released: set[tuple[uuid.UUID, uuid.UUID]]
    snapshots: dict[tuple[uuid.UUID, int], dict[str, Any]]
    stored: dict[uuid.UUID, StoredEvent]
    used_seqs: dict[str, set[int]]
    # Stored `work_committed` events by id: (learner, nugget). Ingest adds the ones it
    # stores, so a reflection may follow its commitment in the same group.
    commitments: dict[uuid.UUID, tuple[uuid.UUID, uuid.UUID]] = dataclasses.field(
        default_factory=dict
    )
    # Only for a group with teach-back events (`teach_reads`).
    teach: TeachReads | None = None


def read_group(
    *,
    session: Session,
    requests: Sequence[tuple[uuid.UUID, str, list[EventIn]]],
    now: dt.datetime,
) -> GroupReads:
    """Read, in five queries (more with reflections or teach-backs), what `requests` need.

    The device rows are locked until the transaction ends, so one device's batches
    apply one after another (and then the asks confirmations name, `teach_reads`).
    """
    connection = session.connection()
    events = [e for _, _, batch in requests for e in batch]
    device_ids = sorted({device_id for _, device_id, _ in requests})
    nugget_ids = list({e.nugget_id for e in events})
    devices = {r.id: r for r in connection.execute(_LOCK_DEVICES, {"device_ids": device_ids})}
    released = {
        (r.user_id, r.nugget_id)
        for r in connection.execute(
            _RELEASED,
            {"user_ids": list({u for u, _, _ in requests}), "nugget_ids": nugget_ids, "now": now},
        )
    }
    snapshots = {
        (r.nugget_id, r.version): r.snapshot
        for r in connection.execute(
            _SNAPSHOTS,
            {"nugget_ids": nugget_ids, "versions": list({e.nugget_version for e in events})},
        )
    }
    stored: dict[uuid.UUID, StoredEvent] = {}
    used_seqs: dict[str, set[int]] = {device_id: set() for device_id in device_ids}
    params = {
        "event_ids": [e.event_id for e in events],
        "device_ids": device_ids,
        "seqs": list({e.device_seq for e in events}),
    }
    for row in connection.execute(_EARLIER, params):
        stored[row.event_id] = StoredEvent(row.user_id, row.fingerprint)
        if row.device_id in used_seqs:
            used_seqs[row.device_id].add(row.device_seq)
    named = {_commitment_of(e) for e in events if e.type == "work_reflected"} - {None}
    commitments = {
        r.event_id: (r.user_id, r.nugget_id)
        for r in (connection.execute(_COMMITMENTS, {"event_ids": list(named)}) if named else ())
    }
    teach = read_teach(connection, requests)
    return GroupReads(devices, released, snapshots, stored, used_seqs, commitments, teach)


def _commitment_of(event: EventIn) -> uuid.UUID | None:
    """The commitment a `work_reflected` names, if it is a UUID at all."""
    try:
        return uuid.UUID(str(event.payload.get("commitment")))
    except ValueError:
        return None
