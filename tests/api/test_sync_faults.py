"""Faults the sync API must survive without losing or doubling an answer."""

import threading
import uuid

from fastapi.testclient import TestClient

from mmapp import content
from mmapp.api import create_api
from mmapp.db import session_scope
from mmapp.models import Nugget
from tests.api.conftest import DEVICE, make_event, stored_events

PUSH = "/api/v1/sync/push"


def _push(client, auth, events):
    return client.post(PUSH, headers=auth, json={"device_id": DEVICE, "events": events})


def test_same_batch_twice_at_the_same_moment(client, auth, nuggets):
    batch = [make_event(nuggets[0], i + 1, "step_done", {"step": i % 3}) for i in range(20)]
    results: list = []
    barrier = threading.Barrier(2)

    def send():
        own = TestClient(create_api())
        barrier.wait()
        results.append(_push(own, auth, batch))

    threads = [threading.Thread(target=send) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert [r.status_code for r in results] == [200, 200]
    statuses = [[x["status"] for x in r.json()["results"]] for r in results]
    for per_event in zip(*statuses, strict=True):
        assert sorted(per_event) == ["applied", "duplicate"]
    assert len(stored_events()) == 20


def test_batches_out_of_order_fill_the_gaps(client, auth, nuggets):
    events = [make_event(nuggets[0], i + 1) for i in range(6)]
    late = _push(client, auth, events[3:]).json()
    assert late["missing_seqs"] == [[1, 3]]
    early = _push(client, auth, events[:3]).json()
    assert early["missing_seqs"] == [] and early["device_max_seq"] == 6
    assert sorted(e.device_seq for e in stored_events()) == [1, 2, 3, 4, 5, 6]


def test_response_lost_after_commit_then_resent(client, auth, nuggets):
    batch = [make_event(nuggets[1], 1), make_event(nuggets[1], 2, "nugget_completed")]
    _push(client, auth, batch)  # the server committed; pretend the reply never arrived
    again = _push(client, auth, batch).json()["results"]
    assert [r["status"] for r in again] == ["duplicate", "duplicate"]
    assert len(stored_events()) == 2


def test_retracted_while_answering_offline(client, auth, nuggets):
    target = nuggets[2]
    with session_scope() as s:
        content.retract(session=s, nugget=s.get(Nugget, uuid.UUID(target["id"])))
    r = _push(client, auth, [make_event(target, 1), make_event(target, 2, "nugget_completed")])
    assert [x["status"] for x in r.json()["results"]] == ["applied", "applied"]
    page = client.get("/api/v1/sync/pull", headers=auth).json()  # full resync
    assert target["id"] not in {n["id"] for n in page["nuggets"]}


def test_edited_while_answering_offline_keeps_the_old_version(client, auth, nuggets):
    target = nuggets[3]
    first = client.get("/api/v1/sync/pull", headers=auth).json()
    cursor = first["cursor"]
    while first["has_more"]:
        first = client.get("/api/v1/sync/pull", headers=auth, params={"cursor": cursor}).json()
        cursor = first["cursor"]
    with session_scope() as s:
        content.publish(session=s, nugget=s.get(Nugget, uuid.UUID(target["id"])))
    old_answer = make_event(
        target,
        1,
        "quiz_answered",
        {"item_id": target["quiz"][0]["id"], "answer": {"choices": target["quiz"][0]["correct"]}},
    )
    assert _push(client, auth, [old_answer]).json()["results"][0]["status"] == "applied"
    changed = client.get("/api/v1/sync/pull", headers=auth, params={"cursor": cursor}).json()
    assert [(n["id"], n["version"]) for n in changed["nuggets"]] == [(target["id"], 2)]
    score = changed["progress"]["scores"][target["id"]]
    assert score["correct"] == 1  # graded on version 1, the version it was given on
