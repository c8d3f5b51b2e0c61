from sqlmodel import select

from mmapp import accounts
from mmapp.models import DeviceSeqGap, Role, utcnow
from mmapp.sync.device_ledger import SeqLedger, save_all


def _gaps(session, device):
    rows = session.exec(select(DeviceSeqGap).where(DeviceSeqGap.device_id == device.id))
    return sorted((g.first_seq, g.last_seq) for g in rows)


def _batch(session, device, *seqs):
    """Note `seqs` as one batch would, save, and return the ledger's own view."""
    ledger = SeqLedger.load_many(session=session, max_seqs={device.id: device.max_seq})[device.id]
    for seq in seqs:
        ledger.note(seq)
    save_all(session=session, ledgers=[ledger], synced_at=utcnow())
    session.refresh(device)
    return ledger.missing()


def _device(session):
    user = accounts.create_user(
        session=session, email="g@x.io", password="password1", display_name="G", role=Role.learner
    )
    return accounts.register_device(session=session, user=user, device_id="device-gaps")


def test_gaps_open_split_and_close_across_batches(session):
    device = _device(session)
    assert _batch(session, device, 1, 2, 7) == [(3, 6)]
    assert device.max_seq == 7 and _gaps(session, device) == [(3, 6)]
    assert _batch(session, device, 5) == [(3, 4), (6, 6)]
    assert _gaps(session, device) == [(3, 4), (6, 6)]
    _batch(session, device, 3, 6)
    assert _gaps(session, device) == [(4, 4)]
    assert _batch(session, device, 4) == []
    assert _gaps(session, device) == []
    _batch(session, device, 2)  # old number: no change
    assert device.max_seq == 7 and _gaps(session, device) == []


def test_one_batch_opens_and_fills_its_own_gaps(session):
    device = _device(session)
    assert _batch(session, device, 3, 10, 5, 4, 12) == [(1, 2), (6, 9), (11, 11)]
    assert device.max_seq == 12
    assert _gaps(session, device) == [(1, 2), (6, 9), (11, 11)]


def test_a_split_gap_keeps_its_detection_time(session):
    device = _device(session)
    _batch(session, device, 10)
    (first,) = session.exec(select(DeviceSeqGap)).all()
    detected = first.detected_at
    _batch(session, device, 4)
    rows = session.exec(select(DeviceSeqGap).order_by(DeviceSeqGap.first_seq)).all()
    assert [(g.first_seq, g.last_seq) for g in rows] == [(1, 3), (5, 9)]
    assert {g.detected_at for g in rows} == {detected}
