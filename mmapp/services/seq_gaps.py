"""Per-device sequence tracking: the high-water mark and runs of missing numbers.

A batch loads the device's gaps once (`SeqLedger.load`), notes each number it stores
in memory (`note`), and writes what changed in a few statements (`save`): ingest
costs no query per event.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

import sqlalchemy as sa
from sqlmodel import Session

from mmapp.models import Device, DeviceSeqGap, utcnow

_GAPS = DeviceSeqGap.__table__
_DEVICES = Device.__table__
_LOAD = (
    sa.select(_GAPS.c.id, _GAPS.c.first_seq, _GAPS.c.last_seq, _GAPS.c.detected_at)
    .where(_GAPS.c.device_id == sa.bindparam("device_id"))
    .order_by(_GAPS.c.first_seq)
)
_UPDATE_MAX_SEQ = _DEVICES.update().where(_DEVICES.c.id == sa.bindparam("device"))
_UPDATE_DEVICE = _UPDATE_MAX_SEQ.values(
    max_seq=sa.bindparam("max_seq"), last_sync_at=sa.bindparam("last_sync_at")
)


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
    def load(cls, *, session: Session, device_id: str, max_seq: int) -> SeqLedger:
        """Read the device's gaps (in the caller's transaction)."""
        rows = session.connection().execute(_LOAD, {"device_id": device_id})
        gaps = [_Gap(r.first_seq, r.last_seq, r.detected_at, r.id) for r in rows]
        loaded = {g.row_id: (g.first, g.last) for g in gaps if g.row_id is not None}
        return cls(device_id=device_id, max_seq=max_seq, gaps=gaps, _loaded=loaded)

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

    def save(self, *, session: Session, synced_at: dt.datetime | None = None) -> None:
        """Write the high-water mark, the sync time and the changed gaps."""
        connection = session.connection()
        values: dict[str, object] = {"max_seq": self.max_seq}
        if synced_at is not None:
            values["last_sync_at"] = synced_at
        update = _UPDATE_DEVICE if synced_at is not None else _UPDATE_MAX_SEQ
        connection.execute(update, {"device": self.device_id, **values})
        kept = {g.row_id for g in self.gaps if g.row_id is not None}
        gone = [row_id for row_id in self._loaded if row_id not in kept]
        if gone:
            connection.execute(_GAPS.delete().where(_GAPS.c.id.in_(gone)))
        for gap in self.gaps:
            if gap.row_id is not None and self._loaded[gap.row_id] != (gap.first, gap.last):
                connection.execute(
                    _GAPS.update().where(_GAPS.c.id == gap.row_id),
                    {"first_seq": gap.first, "last_seq": gap.last},
                )
        new = [g for g in self.gaps if g.row_id is None]
        if new:
            connection.execute(
                _GAPS.insert(),
                [
                    {
                        "device_id": self.device_id,
                        "first_seq": g.first,
                        "last_seq": g.last,
                        "detected_at": g.detected_at,
                    }
                    for g in new
                ],
            )
        # Core statements bypass the ORM: objects the session already holds for this
        # device would otherwise keep showing the old values.
        for obj in list(session.identity_map.values()):
            mine = (isinstance(obj, Device) and obj.id == self.device_id) or (
                isinstance(obj, DeviceSeqGap) and obj.device_id == self.device_id
            )
            if mine:
                session.expire(obj)
