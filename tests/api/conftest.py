from __future__ import annotations

import datetime as dt
import uuid

import pytest
from fastapi.testclient import TestClient
from sqlmodel import select

from mmapp import accounts, settings
from mmapp.api import create_api
from mmapp.db import session_scope
from mmapp.demo.seed import DEMO_COORDINATOR, DEMO_LEARNER
from mmapp.models import Assignment, LearnerEvent, Role
from tests.support.push_receiver import running_receiver

DEVICE = "device-api-test-1"


@pytest.fixture
def client(seeded) -> TestClient:
    with session_scope() as s:  # releases in the past, so every demo nugget is live
        for a in s.exec(select(Assignment)):
            a.release_at = a.release_at - dt.timedelta(minutes=5)
            s.add(a)
    return TestClient(create_api())


@pytest.fixture
def receiver(db_url, tmp_path, monkeypatch):
    """A loopback Web Push receiver the app may send to (allowlisted, its CA trusted)."""
    with running_receiver(tmp_path) as r:
        monkeypatch.setenv("MM_PUSH_ALLOWED_HOSTS", f"127.0.0.1:{r.port}")
        monkeypatch.setenv("MM_PUSH_CA_BUNDLE", r.ca_file)
        settings.get_settings.cache_clear()
        yield r
        assert r.errors == []  # every message that arrived passed the protocol checks


def coach_headers(client, device_id: str = "device-coach-ws") -> dict[str, str]:
    """Sign the demo coordinator in; the bearer header for their requests."""
    body = {"email": DEMO_COORDINATOR[0], "password": DEMO_COORDINATOR[1], "device_id": device_id}
    r = client.post("/api/v1/auth/token", json=body)
    assert r.status_code == 200, r.text
    return {"Authorization": f"Bearer {r.json()['token']}"}


def other_coordinator_headers(client) -> dict[str, str]:
    """A second coordinator, with no cohort of the demo's: the bearer header for them."""
    with session_scope() as s:
        accounts.create_user(
            session=s,
            email="other@example.org",
            password="commutes-daily",
            display_name="Other coach",
            role=Role.coordinator,
        )
    body = {"email": "other@example.org", "password": "commutes-daily", "device_id": "device-oc"}
    r = client.post("/api/v1/auth/token", json=body)
    assert r.status_code == 200, r.text
    return {"Authorization": f"Bearer {r.json()['token']}"}


@pytest.fixture
def token(client) -> str:
    r = client.post(
        "/api/v1/auth/token",
        json={"email": DEMO_LEARNER[0], "password": DEMO_LEARNER[1], "device_id": DEVICE},
    )
    assert r.status_code == 200, r.text
    return r.json()["token"]


@pytest.fixture
def auth(token) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


@pytest.fixture
def nuggets(client, auth) -> list[dict]:
    r = client.get("/api/v1/sync/pull", headers=auth)
    assert r.status_code == 200
    pages = [r.json()]
    while pages[-1]["has_more"]:
        pages.append(
            client.get(
                "/api/v1/sync/pull", headers=auth, params={"cursor": pages[-1]["cursor"]}
            ).json()
        )
    return [n for p in pages for n in p["nuggets"]]


def make_event(nugget: dict, seq: int, type_: str = "nugget_started", payload=None, **over):
    return {
        "event_id": str(uuid.uuid4()),
        "device_seq": seq,
        "type": type_,
        "nugget_id": nugget["id"],
        "nugget_version": nugget["version"],
        "payload": payload or {},
        "client_ts": "2026-11-21T08:10:00+00:00",
        **over,
    }


def stored_events() -> list[LearnerEvent]:
    with session_scope() as s:
        return list(s.exec(select(LearnerEvent).order_by(LearnerEvent.seq)))
