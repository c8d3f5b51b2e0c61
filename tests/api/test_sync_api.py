import json
import uuid

import pytest
from sqlmodel import select

from mmapp import content
from mmapp.db import session_scope
from mmapp.models import Device, DeviceSeqGap, LearnerEvent, Nugget
from mmapp.schemas import SkillIn
from tests.api.conftest import DEVICE, make_event, stored_events
from tests.factories import nugget_in

PUSH = "/api/v1/sync/push"


def _push(client, auth, events, device=DEVICE):
    return client.post(PUSH, headers=auth, json={"device_id": device, "events": events})


def test_same_batch_twice_stores_each_event_once(client, auth, nuggets):
    n = nuggets[0]
    batch = [
        make_event(n, 1),
        make_event(n, 2, "step_done", {"step": 0}),
        make_event(
            n,
            3,
            "quiz_answered",
            {"item_id": n["quiz"][0]["id"], "answer": {"choices": [1]}, "correct": True},
        ),
        make_event(n, 4, "nugget_completed"),
    ]
    first = _push(client, auth, batch)
    assert first.status_code == 200
    assert [r["status"] for r in first.json()["results"]] == ["applied"] * 4
    second = _push(client, auth, batch)
    assert [r["status"] for r in second.json()["results"]] == ["duplicate"] * 4
    assert sorted(str(e.event_id) for e in stored_events()) == sorted(e["event_id"] for e in batch)
    progress = client.get("/api/v1/sync/pull", headers=auth).json()
    while progress["has_more"]:
        progress = client.get(
            "/api/v1/sync/pull", headers=auth, params={"cursor": progress["cursor"]}
        ).json()
    assert progress["progress"]["nuggets_done"] == 1
    assert progress["progress"]["scores"][n["id"]]["answered"] == 1


def test_same_id_different_payload_is_rejected_with_reason(client, auth, nuggets):
    event = make_event(nuggets[0], 1, "step_done", {"step": 0})
    assert _push(client, auth, [event]).json()["results"][0]["status"] == "applied"
    changed = {**event, "payload": {"step": 1}}
    result = _push(client, auth, [changed]).json()["results"][0]
    assert result == {
        "event_id": event["event_id"],
        "status": "rejected",
        "reason": "event_id_reused",
    }
    assert [e.payload for e in stored_events()] == [{"step": 0}]


@pytest.mark.parametrize(
    ("body", "status", "error"),
    [
        ('{"device_id": "device-api-test-1", "events": [', 400, "malformed_json"),
        ("[]", 422, "invalid_request"),
        ('{"device_id": "device-api-test-1", "events": "lots"}', 422, "invalid_request"),
        ('{"device_id": "device-api-test-1", "events": [], "extra": 1}', 422, "invalid_request"),
    ],
)
def test_malformed_bodies_change_nothing(client, auth, nuggets, body, status, error):
    r = client.post(PUSH, headers={**auth, "Content-Type": "application/json"}, content=body)
    assert r.status_code == status and r.json()["error"] == error and r.json()["reason"]
    assert stored_events() == []


@pytest.mark.parametrize(
    ("override", "field"),
    [
        ({"device_seq": "one"}, "device_seq"),
        ({"event_id": "not-a-uuid"}, "event_id"),
        ({"type": "hacked"}, "type"),
        ({"client_ts": "yesterday"}, "client_ts"),
        ({"nugget_version": -1}, "nugget_version"),
        ({"surprise": True}, "surprise"),
    ],
)
def test_wrong_field_types_are_422_for_the_whole_batch(client, auth, nuggets, override, field):
    good = make_event(nuggets[0], 1)
    bad = make_event(nuggets[0], 2, **override)
    r = _push(client, auth, [good, bad])
    assert r.status_code == 422 and field in r.json()["reason"]
    assert stored_events() == []


def test_oversized_batches_and_bodies_are_refused(client, auth, nuggets, monkeypatch):
    batch = [make_event(nuggets[0], i + 1) for i in range(201)]
    r = _push(client, auth, batch)
    assert r.status_code == 422 and r.json()["error"] == "too_many_events"
    huge = make_event(nuggets[0], 1, payload={"pad": "x" * 300_000})
    r = client.post(
        PUSH,
        headers={**auth, "Content-Type": "application/json"},
        content=json.dumps({"device_id": DEVICE, "events": [huge]}),
    )
    assert r.status_code == 413 and r.json()["error"] == "body_too_large"
    assert stored_events() == []


def test_events_for_unassigned_nuggets_refuse_the_batch(client, auth, nuggets):
    with session_scope() as s:
        content.upsert_skill(session=s, data=SkillIn(slug="secret", name="Secret"))
        other = content.save_nugget(
            session=s,
            data=nugget_in(slug="not-yours", skill="secret", title="Not yours"),
        )
        content.publish(session=s, nugget=other)
        foreign = {"id": str(other.id), "version": 1}
    ok, bad = make_event(nuggets[0], 1), make_event(foreign, 2)
    r = _push(client, auth, [ok, bad])
    assert r.status_code == 403
    assert r.json()["error"] == "nugget_not_assigned" and r.json()["event_ids"] == [bad["event_id"]]
    assert stored_events() == []


def test_semantic_problems_are_rejected_per_event(client, auth, nuggets):
    n = nuggets[0]
    events = [
        make_event(n, 1, "step_done", {"step": 99}),
        make_event(
            n, 2, "quiz_answered", {"item_id": str(uuid.uuid4()), "answer": {"choices": [0]}}
        ),
        make_event(
            n, 3, "quiz_answered", {"item_id": n["quiz"][0]["id"], "answer": {"choices": [9]}}
        ),
        make_event(n, 4, nugget_version=99),
        make_event(n, 5, payload={"unexpected": 1}),
        make_event(n, 6),
        make_event(n, 6, "nugget_completed"),
    ]
    results = _push(client, auth, events).json()["results"]
    assert [(r["status"], r["reason"]) for r in results] == [
        ("rejected", "unknown_step"),
        ("rejected", "unknown_quiz_item"),
        ("rejected", "choice_out_of_range"),
        ("rejected", "unknown_nugget_version"),
        ("rejected", "unexpected_payload"),
        ("applied", None),
        ("rejected", "device_seq_reused"),
    ]
    assert len(stored_events()) == 1


def test_gaps_in_device_seq_are_recorded(client, auth, nuggets):
    n = nuggets[0]
    out = _push(client, auth, [make_event(n, 1), make_event(n, 4)]).json()
    assert out["device_max_seq"] == 4 and out["missing_seqs"] == [[2, 3]]
    out = _push(client, auth, [make_event(n, 2), make_event(n, 3)]).json()
    assert out["missing_seqs"] == []
    with session_scope() as s:
        assert s.exec(select(DeviceSeqGap)).all() == []
        assert s.get(Device, DEVICE).last_sync_at is not None


def test_someone_elses_device_id_is_refused(client, auth, nuggets):
    r = _push(client, auth, [make_event(nuggets[0], 1)], device="device-not-registered")
    assert r.status_code == 403 and r.json()["error"] == "unknown_device"


def test_answers_keep_the_version_they_were_given_on(client, auth, nuggets):
    n = nuggets[0]
    with session_scope() as s:
        nugget = s.get(Nugget, uuid.UUID(n["id"]))
        content.publish(session=s, nugget=nugget)  # version 2
    r = _push(
        client,
        auth,
        [
            make_event(
                n, 1, "quiz_answered", {"item_id": n["quiz"][0]["id"], "answer": {"choices": [1]}}
            )
        ],
    )
    assert r.json()["results"][0]["status"] == "applied"
    with session_scope() as s:
        assert s.exec(select(LearnerEvent.nugget_version)).all() == [1]
