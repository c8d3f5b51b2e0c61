"""Per-device sequence tracking: the high-water mark and runs of missing numbers."""

from __future__ import annotations

from sqlmodel import Session, select

from mmapp.models import Device, DeviceSeqGap


def record_seq(*, session: Session, device: Device, seq: int) -> None:
    """Note that `seq` arrived from `device`, opening or closing gaps as needed.

    A number above the high-water mark + 1 opens a gap for the numbers skipped; a
    number below it fills (splits or shrinks) the gap that holds it.
    """
    if seq > device.max_seq:
        if seq > device.max_seq + 1:
            session.add(
                DeviceSeqGap(device_id=device.id, first_seq=device.max_seq + 1, last_seq=seq - 1)
            )
        device.max_seq = seq
        session.add(device)
        return
    gap = session.exec(
        select(DeviceSeqGap).where(
            DeviceSeqGap.device_id == device.id,
            DeviceSeqGap.first_seq <= seq,
            DeviceSeqGap.last_seq >= seq,
        )
    ).first()
    if gap is None:
        return
    if gap.first_seq == gap.last_seq:
        session.delete(gap)
        session.flush()
        return
    if seq == gap.first_seq:
        gap.first_seq += 1
    elif seq == gap.last_seq:
        gap.last_seq -= 1
    else:
        session.add(
            DeviceSeqGap(
                device_id=device.id,
                first_seq=seq + 1,
                last_seq=gap.last_seq,
                detected_at=gap.detected_at,
            )
        )
        gap.last_seq = seq - 1
    session.add(gap)
    session.flush()
