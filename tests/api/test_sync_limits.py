"""The server tells the device its push limits, and those are the limits it enforces."""

import json

from fastapi.testclient import TestClient

from mmapp import settings
from mmapp.api import create_api
from tests.api.conftest import DEVICE, make_event, stored_events

LIMITS = "/api/v1/sync/limits"
PUSH = "/api/v1/sync/push"


def _body(events) -> bytes:
    # As the phone sends it (JSON.stringify: no spaces), so byte counts agree.
    return json.dumps({"device_id": DEVICE, "events": events}, separators=(",", ":")).encode()


def test_limits_are_the_settings(client, auth):
    r = client.get(LIMITS, headers=auth)
    assert r.status_code == 200
    s = settings.get_settings()
    assert r.json() == {
        "max_batch_events": s.max_batch_events,
        "max_body_bytes": s.max_body_bytes,
        "max_string_chars": s.max_string_chars,
    }
    assert r.json()["max_batch_events"] == 200 and r.json()["max_body_bytes"] == 256 * 1024


def test_limits_need_a_sign_in(client):
    r = client.get(LIMITS)
    assert r.status_code == 401 and r.json()["error"] == "missing_token"


def test_configured_limits_reach_the_device_and_hold_exactly(client, auth, nuggets, monkeypatch):
    monkeypatch.setenv("MM_MAX_BATCH_EVENTS", "3")
    monkeypatch.setenv("MM_MAX_BODY_BYTES", "2000")
    settings.get_settings.cache_clear()
    small = TestClient(create_api())
    limits = small.get(LIMITS, headers=auth).json()
    assert (limits["max_batch_events"], limits["max_body_bytes"]) == (3, 2000)
    headers = {**auth, "Content-Type": "application/json"}

    # One event more than advertised: refused whole, nothing stored.
    four = [make_event(nuggets[0], i + 1) for i in range(4)]
    r = small.post(PUSH, headers=headers, content=_body(four))
    assert r.status_code == 422 and r.json()["error"] == "too_many_events"
    assert stored_events() == []

    # A body padded to exactly the advertised size is read; one byte more is 413.
    event = make_event(nuggets[0], 1, payload={"pad": ""})
    event["payload"]["pad"] = "x" * (limits["max_body_bytes"] - len(_body([event])))
    assert len(_body([event])) == limits["max_body_bytes"]
    event["payload"]["pad"] += "x"
    r = small.post(PUSH, headers=headers, content=_body([event]))
    assert r.status_code == 413 and r.json()["error"] == "body_too_large"
    event["payload"]["pad"] = event["payload"]["pad"][:-1]
    r = small.post(PUSH, headers=headers, content=_body([event]))
    # Read and answered per event (a started event carries no payload: refused on that).
    assert r.status_code == 200, r.text
    assert r.json()["results"] == [
        {"event_id": event["event_id"], "status": "rejected", "reason": "unexpected_payload"}
    ]

    # A batch at both limits goes through whole.
    three = [make_event(nuggets[0], i + 2) for i in range(3)]
    assert len(_body(three)) <= limits["max_body_bytes"]
    r = small.post(PUSH, headers=headers, content=_body(three))
    assert [x["status"] for x in r.json()["results"]] == ["applied"] * 3
    assert {str(e.event_id) for e in stored_events()} == {e["event_id"] for e in three}
