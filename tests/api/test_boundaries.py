"""Values a schema could let through but the store cannot hold: every one is a 4xx.

Each case checks the answer *and* that nothing was stored.
"""

from __future__ import annotations

import json
import uuid

import pytest
from sqlmodel import func, select

from mmapp.db import session_scope
from mmapp.models import Assignment, Cohort, LearnerEvent, User
from tests.api.conftest import DEVICE, coach_headers, make_event, stored_events

PUSH = "/api/v1/sync/push"


def _count(model) -> int:
    with session_scope(read_only=True) as s:
        return s.exec(select(func.count()).select_from(model)).one()


@pytest.mark.parametrize(
    "stamp",
    [
        "2026-11-21T08:10:00",  # no offset
        "2026-11-21",  # a date, not a time
        "0001-01-01T00:00:00+05:00",  # before year 1 in UTC
        "9999-12-31T23:59:59-05:00",  # past year 9999 in UTC
        "1969-12-31T23:59:59Z",
        "2200-01-01T00:00:00Z",
    ],
)
def test_event_times_outside_the_calendar_are_refused_whole(client, auth, nuggets, stamp):
    events = [make_event(nuggets[0], 1), make_event(nuggets[0], 2, client_ts=stamp)]
    r = client.post(PUSH, headers=auth, json={"device_id": DEVICE, "events": events})
    assert r.status_code == 422, r.text
    assert "client_ts" in r.json()["reason"]
    assert stored_events() == []


@pytest.mark.parametrize(
    ("payload", "where"),
    [
        ('{"text": "\\ud800"}', "text"),  # a lone surrogate: valid JSON, not storable text
        ('{"\\udfff": 1}', ""),
        ('{"text": "a\\u0000b"}', "text"),
        ('{"x": NaN}', "x"),
        ('{"x": Infinity}', "x"),
        ('{"x": -1e400}', "x"),
        ('{"x": ' + "[" * 40 + "]" * 40 + "}", "x"),  # nested past any real payload
    ],
)
def test_unstorable_payloads_are_4xx_and_store_nothing(client, auth, nuggets, payload, where):
    event = json.dumps(make_event(nuggets[0], 1)).replace('"payload": {}', f'"payload": {payload}')
    body = f'{{"device_id": "{DEVICE}", "events": [{event}]}}'
    r = client.post(PUSH, headers={**auth, "Content-Type": "application/json"}, content=body)
    assert r.status_code in (400, 422), r.text
    reason = r.json()["reason"]
    assert reason and (where in reason if r.status_code == 422 else "JSON" in reason)
    assert stored_events() == []


@pytest.mark.parametrize(
    ("path", "body"),
    [
        ("/api/v1/coach/cohorts", '{"name": "Night \\ud800 shift"}'),
        ("/api/v1/coach/cohorts", '{"name": "Night \\u0000 shift"}'),
        ("/api/v1/cohorts/join", '{"invite_code": "\\udc00"}'),
        (
            "/api/v1/auth/token",
            '{"email": "a@b.io", "password": "\\ud800", "device_id": "dev-12345"}',
        ),
    ],
)
def test_unstorable_text_anywhere_is_422(client, auth, path, body):
    cohorts, users = _count(Cohort), _count(User)
    headers = {**coach_headers(client), "Content-Type": "application/json"}
    r = client.post(path, headers=headers, content=body)
    assert r.status_code == 422, r.text
    assert "surrogate" in r.json()["reason"] or "NUL" in r.json()["reason"]
    assert (_count(Cohort), _count(User)) == (cohorts, users)


@pytest.mark.parametrize("body", ["[" * 50_000, '{"a":' * 30_000])
def test_json_too_deep_to_parse_is_a_4xx(client, body):
    r = client.post(
        "/api/v1/auth/token", headers={"Content-Type": "application/json"}, content=body
    )
    assert r.status_code in (400, 422), r.text
    assert r.json()["reason"]


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("release_at", "2026-12-01T07:30:00"),
        ("release_at", "9999-12-31T23:00:00-05:00"),
        ("release_at", "0001-01-01T00:00:00+01:00"),
        ("due_at", "9999-12-31T23:59:59+00:00"),
        ("due_at", "2026-12-01"),
    ],
)
def test_release_times_outside_the_calendar_are_422(client, nuggets, field, value):
    coach = coach_headers(client)
    cohort_id = client.get("/api/v1/coach/cohorts", headers=coach).json()[0]["id"]
    before = _count(Assignment)
    r = client.post(
        f"/api/v1/cohorts/{cohort_id}/assignments",
        headers=coach,
        json={"nugget_id": nuggets[0]["id"], field: value},
    )
    assert r.status_code == 422 and field in r.json()["reason"], r.text
    assert _count(Assignment) == before


@pytest.mark.parametrize("start", ["9999-12-31", "0001-01-01", "2200-01-01", "10000-01-01"])
def test_drip_dates_whose_days_would_overflow_are_422(client, start):
    coach = coach_headers(client)
    cohort = client.post(
        "/api/v1/coach/cohorts",
        headers=coach,
        json={"name": "Far future", "timezone": "Etc/GMT-14"},
    ).json()
    plan = {"slugs": ["check-the-axis", "per-what"], "start_date": start, "time": "23:59"}
    r = client.post(f"/api/v1/coach/cohorts/{cohort['id']}/drip", headers=coach, json=plan)
    assert r.status_code == 422 and "start_date" in r.json()["reason"], r.text
    with session_scope(read_only=True) as s:
        cohort_id = uuid.UUID(cohort["id"])
        assert s.exec(select(Assignment).where(Assignment.cohort_id == cohort_id)).all() == []


@pytest.mark.parametrize(
    "cursor",
    [
        "c2.99999999999999999999999999.0",
        "c2.0.99999999999999999999999999",
        "c2.0.32503680000001",
        "c2.-1.0",
        "c2.1_0.0",
        "c2.\uff11.0",  # a full-width digit: int() would take it
        "c2.1.2.99999999999999999999.4.00000000-0000-0000-0000-000000000000",
        "c2.1.2.3.-4.00000000-0000-0000-0000-000000000000",
        "c2.1.2.3.4.not-a-uuid",
    ],
)
def test_absurd_cursors_mean_a_full_resync(client, auth, nuggets, cursor):
    r = client.get("/api/v1/sync/pull", headers=auth, params={"cursor": cursor})
    assert r.status_code == 200, r.text
    assert r.json()["reset"] is True
    assert [n["id"] for n in r.json()["nuggets"]] == [n["id"] for n in nuggets][
        : len(r.json()["nuggets"])
    ]


@pytest.mark.parametrize(
    ("authorization", "body"),
    [
        (None, "[]"),
        (None, '{"device_id": "x", "events": "lots"}'),
        (None, "not json at all"),
        ("Bearer not-a-token", "[]"),
        ("Bearer not-a-token", "{"),
        ("Basic dXNlcjpwYXNz", "[]"),
    ],
)
def test_push_authenticates_before_it_reads_the_body(client, nuggets, authorization, body):
    headers = {"Content-Type": "application/json"}
    if authorization:
        headers["Authorization"] = authorization
    r = client.post(PUSH, headers=headers, content=body)
    assert r.status_code == 401, r.text
    assert r.json()["error"] in ("missing_token", "invalid_token")
    assert _count(LearnerEvent) == 0
