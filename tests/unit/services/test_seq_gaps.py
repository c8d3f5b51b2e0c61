from sqlmodel import select

from mmapp.models import DeviceSeqGap, Role
from mmapp.services import accounts, seq_gaps


def _gaps(session, device):
    rows = session.exec(select(DeviceSeqGap).where(DeviceSeqGap.device_id == device.id))
    return sorted((g.first_seq, g.last_seq) for g in rows)


def test_gaps_open_split_and_close(session):
    user = accounts.create_user(
        session=session, email="g@x.io", password="password1", display_name="G", role=Role.learner
    )
    device = accounts.register_device(session=session, user=user, device_id="device-gaps")
    for seq in (1, 2, 7):
        seq_gaps.record_seq(session=session, device=device, seq=seq)
    assert device.max_seq == 7 and _gaps(session, device) == [(3, 6)]
    seq_gaps.record_seq(session=session, device=device, seq=5)
    assert _gaps(session, device) == [(3, 4), (6, 6)]
    seq_gaps.record_seq(session=session, device=device, seq=3)
    seq_gaps.record_seq(session=session, device=device, seq=6)
    assert _gaps(session, device) == [(4, 4)]
    seq_gaps.record_seq(session=session, device=device, seq=4)
    assert _gaps(session, device) == []
    seq_gaps.record_seq(session=session, device=device, seq=2)  # old number: no change
    assert device.max_seq == 7 and _gaps(session, device) == []
