"""Per-device sequence tracking: the high-water mark and runs of missing numbers.

Ingest loads the gaps of a group's devices in one query (`SeqLedger.load_many`),
notes each number it stores in memory (`note`), and writes what changed in a few
statements (`save_all`): no query per event, nor per batch.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

import sqlalchemy as sa
from sqlmodel import Session

from mmapp.db import table_of
from mmapp.models import Device, DeviceSeqGap, utcnow

_GAPS = table_of(DeviceSeqGap)
_DEVICES = table_of(Device)
_LOAD = (
    sa.select(
        _GAPS.c.id, _GAPS.c.device_id, _GAPS.c.first_seq, _GAPS.c.last_seq, _GAPS.c.detected_at
    )
    .where(_GAPS.c.device_id.in_(sa.bindparam("device_ids", expanding=True)))
    .order_by(_GAPS.c.first_seq)
)
_UPDATE_DEVICE = (
    _DEVICES.update()
    .where(_DEVICES.c.id == sa.bindparam("device"))
    .values(max_seq=sa.bindparam("max_seq"), last_sync_at=sa.bindparam("synced_at"))
)
_UPDATE_GAP = (
    _GAPS.update()
    .where(_GAPS.c.id == sa.bindparam("gap"))
    .values(first_seq=sa.bindparam("first_seq"), last_seq=sa.bindparam("last_seq"))
)
_DELETE_GAPS = _GAPS.delete().where(_GAPS.c.id.in_(sa.bindparam("gaps", expanding=True)))


@dataclasses.dataclass
class _Gap:
    first: int
    last: int
    detected_at: dt.datetime
    row_id: int | None = None


@dataclasses.dataclass
class SeqLedger:
    """A device's high-water mark and gaps, as one batch changes them."""

    device_id: str
    max_seq: int
    gaps: list[_Gap]
    _loaded: dict[int, tuple[int, int]]

    @classmethod
    def load_many(cls, *, session: Session, max_seqs: dict[str, int]) -> dict[str, SeqLedger]:
        """Read the gaps of several devices, given their high-water marks, in one query."""
        ledgers = {d: cls(device_id=d, max_seq=m, gaps=[], _loaded={}) for d, m in max_seqs.items()}
        rows = session.connection().execute(_LOAD, {"device_ids": list(max_seqs)})
        for r in rows:
            ledger = ledgers[r.device_id]
            ledger.gaps.append(_Gap(r.first_seq, r.last_seq, r.detected_at, r.id))
            ledger._loaded[r.id] = (r.first_seq, r.last_seq)
        return ledgers

    def note(self, seq: int) -> None:
        """Note that `seq` arrived, opening or closing gaps as needed.

        A number above the high-water mark + 1 opens a gap for the numbers skipped; a
        number below it fills (splits or shrinks) the gap that holds it.
        """
        if seq > self.max_seq:
            if seq > self.max_seq + 1:
                self.gaps.append(_Gap(self.max_seq + 1, seq - 1, utcnow()))
            self.max_seq = seq
            return
        index = next((i for i, g in enumerate(self.gaps) if g.first <= seq <= g.last), None)
        if index is None:
            return
        gap = self.gaps[index]
        if gap.first == gap.last:
            del self.gaps[index]
        elif seq == gap.first:
            gap.first += 1
        elif seq == gap.last:
            gap.last -= 1
        else:
            self.gaps.insert(index + 1, _Gap(seq + 1, gap.last, gap.detected_at))
            gap.last = seq - 1

    def missing(self) -> list[tuple[int, int]]:
        """The runs of numbers not received, lowest first."""
        return sorted((g.first, g.last) for g in self.gaps)


def save_all(*, session: Session, ledgers: list[SeqLedger], synced_at: dt.datetime) -> None:
    """Write the ledgers' high-water marks, sync time and changed gaps, set by set.

    Each ledger is saved once (its new gaps are inserted without ids to remember).
    """
    if not ledgers:
        return
    connection = session.connection()
    connection.execute(
        _UPDATE_DEVICE,
        [{"device": x.device_id, "max_seq": x.max_seq, "synced_at": synced_at} for x in ledgers],
    )
    kept = {g.row_id for x in ledgers for g in x.gaps}
    gone = [row_id for x in ledgers for row_id in x._loaded if row_id not in kept]
    if gone:
        connection.execute(_DELETE_GAPS, {"gaps": gone})
    changed = [
        {"gap": g.row_id, "first_seq": g.first, "last_seq": g.last}
        for x in ledgers
        for g in x.gaps
        if g.row_id is not None and x._loaded[g.row_id] != (g.first, g.last)
    ]
    if changed:
        connection.execute(_UPDATE_GAP, changed)
    new = [
        {
            "device_id": x.device_id,
            "first_seq": g.first,
            "last_seq": g.last,
            "detected_at": g.detected_at,
        }
        for x in ledgers
        for g in x.gaps
        if g.row_id is None
    ]
    if new:
        connection.execute(_GAPS.insert(), new)
    # Core statements bypass the ORM: objects the session already holds for these
    # devices would otherwise keep showing the old values.
    device_ids = {x.device_id for x in ledgers}
    for obj in list(session.identity_map.values()):
        mine = (isinstance(obj, Device) and obj.id in device_ids) or (
            isinstance(obj, DeviceSeqGap) and obj.device_id in device_ids
        )
        if mine:
            session.expire(obj)
