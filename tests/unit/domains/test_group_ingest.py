"""Batches applied as one group end exactly as if each had its own transaction."""

from __future__ import annotations

import datetime as dt
import uuid

from sqlmodel import SQLModel, select

from mmapp import accounts, content, db
from mmapp.demo.seed import DEMO_LEARNER, seed_demo
from mmapp.errors import ServiceError
from mmapp.models import Assignment, DeviceSeqGap, LearnerEvent, Nugget, User, utcnow
from mmapp.schemas import EventIn, PushOut
from mmapp.sync import ingest
from tests.factories import nugget_in

EVENT_IDS = [uuid.uuid4() for _ in range(12)]
T0 = dt.datetime(2026, 11, 20, 7, 30, tzinfo=dt.UTC)


def _world(engine) -> dict:
    """A fresh demo database, everything released, plus one nugget nobody was given."""
    SQLModel.metadata.drop_all(engine)
    db.create_schema(engine)
    with db.session_scope(engine) as s:
        seed_demo(session=s)
        for a in s.exec(select(Assignment)):
            a.release_at = utcnow() - dt.timedelta(hours=1)
            s.add(a)
        learner = s.exec(select(User).where(User.email == DEMO_LEARNER[0])).one()
        for device_id in ("device-one-1", "device-two-2"):
            accounts.register_device(session=s, user=learner, device_id=device_id)
        stray = content.save_nugget(
            session=s, data=nugget_in(slug="never-given", skill="reading-charts")
        )
        content.publish(session=s, nugget=stray)
        nuggets = {n.slug: n.id for n in s.exec(select(Nugget))}
        return {"user_id": learner.id, "nuggets": nuggets}


def _event(world: dict, n: int, seq: int, slug: str = "never-given", **over) -> EventIn:
    given = sorted(k for k in world["nuggets"] if k != "never-given")[0]
    fields = {
        "event_id": EVENT_IDS[n],
        "device_seq": seq,
        "type": "nugget_started",
        "nugget_id": world["nuggets"][given if slug == "never-given" else slug],
        "nugget_version": 1,
        "payload": {},
        "client_ts": T0 + dt.timedelta(minutes=n),
    }
    return EventIn(**(fields | over))


def _batches(world: dict) -> list[ingest.Batch]:
    user = world["user_id"]
    started = [_event(world, i, i + 1) for i in range(3)]
    return [
        ingest.Batch(user, "device-one-1", started),
        ingest.Batch(user, "device-one-1", started),  # the same batch again
        ingest.Batch(user, "device-unknown", [_event(world, 3, 1)]),
        ingest.Batch(user, "device-one-1", [_event(world, 4, 6)]),  # opens gap 4-5
        ingest.Batch(user, "device-one-1", [_event(world, 5, 4)]),  # fills 4
        ingest.Batch(  # one event for a nugget never given: refused whole
            user,
            "device-two-2",
            [_event(world, 6, 1), _event(world, 7, 2, nugget_id=world["nuggets"]["never-given"])],
        ),
        ingest.Batch(  # an id reused with other content, a device seq reused
            user,
            "device-two-2",
            [
                _event(world, 0, 1, type="nugget_completed"),
                _event(world, 8, 1),
                _event(world, 9, 3),
                _event(world, 10, 1),
            ],
        ),
    ]


def _summary(outcome: PushOut | ServiceError):
    if isinstance(outcome, ServiceError):
        return ("refused", outcome.code)
    return (
        [(r.status, r.reason) for r in outcome.results],
        outcome.device_max_seq,
        outcome.missing_seqs,
    )


def _stored(engine) -> tuple[set, set]:
    with db.session_scope(engine) as s:
        events = {(e.event_id, e.device_id, e.device_seq) for e in s.exec(select(LearnerEvent))}
        gaps = {(g.device_id, g.first_seq, g.last_seq) for g in s.exec(select(DeviceSeqGap))}
    return events, gaps


def test_a_group_matches_one_transaction_per_batch(engine):
    world = _world(engine)
    one_by_one = []
    for batch in _batches(world):
        with db.session_scope(engine) as s:
            (outcome,) = ingest.apply_batches(session=s, batches=[batch])
        one_by_one.append(_summary(outcome))
    alone_rows = _stored(engine)

    world = _world(engine)
    with db.session_scope(engine) as s:
        grouped = [_summary(o) for o in ingest.apply_batches(session=s, batches=_batches(world))]

    assert grouped == one_by_one
    assert _stored(engine) == alone_rows
    # And what they are, so that both being wrong the same way cannot pass:
    assert [g[0] if g[0] == "refused" else [s for s, _ in g[0]] for g in grouped] == [
        ["applied"] * 3,
        ["duplicate"] * 3,
        "refused",
        ["applied"],
        ["applied"],
        "refused",
        ["rejected", "applied", "applied", "rejected"],
    ]
    assert grouped[2] == ("refused", "unknown_device")
    assert grouped[5] == ("refused", "nugget_not_assigned")
    assert grouped[4][1:] == (6, [(5, 5)])
    assert grouped[6][0][0] == ("rejected", "event_id_reused")
    assert grouped[6][0][3] == ("rejected", "device_seq_reused")
    events, gaps = _stored(engine)
    assert len(events) == 7 and gaps == {("device-one-1", 5, 5), ("device-two-2", 2, 2)}
