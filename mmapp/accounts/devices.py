"""Sync health of learner devices, for coordinators and admins."""

from __future__ import annotations

from sqlmodel import Session, col, select

from mmapp import access
from mmapp.models import Device, DeviceSeqGap, User
from mmapp.schemas import DeviceHealth, LearnerRef


def device_health(*, session: Session, viewer: User) -> list[DeviceHealth]:
    """Each visible device: its learner, last sync time, high-water mark and gaps.

    Coordinators see the devices of the learners in the cohorts they manage, owned
    or shared with them (`mmapp.access.visible_learner_ids`); admins every device.

    Raises:
        ForbiddenError: The viewer is neither a coordinator nor an admin.
    """
    allowed = access.visible_learner_ids(session=session, viewer=viewer)
    query = select(Device, User).join(User, col(User.id) == Device.user_id)
    if allowed is not None:
        query = query.where(col(Device.user_id).in_(allowed))
    rows = list(session.exec(query.order_by(User.email, Device.id)))
    gaps: dict[str, list[tuple[int, int]]] = {}
    for gap in session.exec(
        select(DeviceSeqGap).where(col(DeviceSeqGap.device_id).in_([d.id for d, _ in rows]))
    ):
        gaps.setdefault(gap.device_id, []).append((gap.first_seq, gap.last_seq))
    return [
        DeviceHealth(
            device_id=device.id,
            label=device.label,
            learner=LearnerRef(id=user.id, email=user.email, name=user.display_name),
            last_sync_at=device.last_sync_at,
            max_seq=device.max_seq,
            missing_seqs=sorted(gaps.get(device.id, [])),
            missing_count=sum(b - a + 1 for a, b in gaps.get(device.id, [])),
        )
        for device, user in rows
    ]
