"""Authorisation matrix for mentoring: every request and session endpoint x six callers.

A request is its learner's and the mentor it is offered to; a session its two people's;
an action its learner's. Anyone else - another learner, another mentor, the learner's
own coordinator, an admin - is told there is no such thing (404): mentoring is between
the two. Each endpoint runs on a fresh database; every refused call is checked to have
changed nothing stored.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from sqlmodel import func, select

from mmapp.db import session_scope
from mmapp.models import (
    ActionAnswer,
    HelpRequest,
    MentoringSession,
    PlannedAction,
    Role,
    SessionReflection,
)
from tests.api.conftest import coach_headers
from tests.api.test_mentoring_api import URL, _person, _profile, _skill

CALLERS = ("mentee", "mentor", "other_learner", "other_mentor", "coordinator", "admin")
MONDAY_NOON = dt.datetime(2026, 11, 23, 11, 0, tzinfo=dt.UTC)  # 12:00 in Berlin
TUESDAY_NOON = MONDAY_NOON + dt.timedelta(days=1)
OVER = MONDAY_NOON + dt.timedelta(minutes=20)


@dataclass
class World:
    client: object
    clock: object
    headers: dict[str, dict[str, str]]
    request_id: str = ""
    session_id: str = ""
    action_id: str = ""


def _admin(client) -> dict[str, str]:
    return _person(client, "Adele", Role.admin)


@pytest.fixture
def world(client, auth, clock) -> World:
    """Lee asked Ada (offered, not yet answered); Kim, Max (a mentor), the coach, an admin."""
    skill = _skill()
    ada = _person(client, "Ada", Role.mentor)
    max_ = _person(client, "Max", Role.mentor)
    for mentor in (ada, max_):
        assert client.put(f"{URL}/profile", headers=mentor, json=_profile(skill)).status_code == 200
    headers = {
        "mentee": auth,
        "mentor": ada,
        "other_learner": _person(client, "Kim"),
        "other_mentor": max_,
        "coordinator": coach_headers(client),
        "admin": _admin(client),
    }
    mentor_id = client.get(f"{URL}/profile", headers=ada).json()["user_id"]
    body = {"skill_id": skill, "need": "Opening a hard talk", "mentor_id": mentor_id}
    r = client.post(f"{URL}/requests", headers=auth, json=body)
    assert r.status_code == 201, r.text
    return World(client, clock, headers, request_id=r.json()["id"])


def _accepted(w: World) -> None:
    r = w.client.post(f"{URL}/requests/{w.request_id}/accept", headers=w.headers["mentor"])
    assert r.status_code == 200, r.text


def _booked(w: World) -> None:
    _accepted(w)
    start = {"start_at": MONDAY_NOON.isoformat()}
    r = w.client.post(
        f"{URL}/requests/{w.request_id}/book", headers=w.headers["mentee"], json=start
    )
    assert r.status_code == 201, r.text
    w.session_id = r.json()["id"]


def _reflected(w: World) -> None:
    _booked(w)
    w.clock.set(OVER)
    plan = [{"id": str(uuid.uuid4()), "text": "Open with the facts", "due_on": "2026-11-25"}]
    body = {"id": str(uuid.uuid4()), "rating": 3, "fit": "good", "actions": plan}
    r = w.client.post(
        f"{URL}/sessions/{w.session_id}/reflection", headers=w.headers["mentee"], json=body
    )
    assert r.status_code == 201, r.text
    w.action_id = r.json()["actions"][0]["id"]


def _reflection() -> dict:
    return {"id": str(uuid.uuid4()), "rating": 4, "fit": "good"}


Call = Callable[[World, dict[str, str]], object]
# (name, prepare the world, the call, the callers it reaches and their status, in order)
ENDPOINTS: list[tuple[str, Callable[[World], None], Call, dict[str, int]]] = [
    (
        "accept",
        lambda w: None,
        lambda w, h: w.client.post(f"{URL}/requests/{w.request_id}/accept", headers=h),
        {"mentor": 200},
    ),
    (
        "decline",
        lambda w: None,
        lambda w, h: w.client.post(f"{URL}/requests/{w.request_id}/decline", headers=h),
        {"mentor": 200},
    ),
    (
        "withdraw",
        lambda w: None,
        lambda w, h: w.client.post(f"{URL}/requests/{w.request_id}/withdraw", headers=h),
        {"mentee": 200},
    ),
    (
        "slots",
        _accepted,
        lambda w, h: w.client.get(f"{URL}/requests/{w.request_id}/slots", headers=h),
        {"mentee": 200},
    ),
    (
        "book",
        _accepted,
        lambda w, h: w.client.post(
            f"{URL}/requests/{w.request_id}/book",
            headers=h,
            json={"start_at": MONDAY_NOON.isoformat()},
        ),
        {"mentee": 201},
    ),
    (
        "session slots",
        _booked,
        lambda w, h: w.client.get(f"{URL}/sessions/{w.session_id}/slots", headers=h),
        {"mentee": 200, "mentor": 200},
    ),
    (
        "reschedule",
        _booked,
        lambda w, h: w.client.post(
            f"{URL}/sessions/{w.session_id}/reschedule",
            headers=h,
            json={"start_at": TUESDAY_NOON.isoformat()},
        ),
        {"mentee": 200, "mentor": 200},
    ),
    (
        "cancel",
        _booked,
        lambda w, h: w.client.post(f"{URL}/sessions/{w.session_id}/cancel", headers=h),
        {"mentor": 200, "mentee": 409},  # the learner reaches it: cancelled already
    ),
    (
        "session .ics",
        _booked,
        lambda w, h: w.client.get(f"{URL}/sessions/{w.session_id}.ics", headers=h),
        {"mentee": 200, "mentor": 200},
    ),
    (
        "reflection",
        lambda w: (_booked(w), w.clock.set(OVER)),
        lambda w, h: w.client.post(
            f"{URL}/sessions/{w.session_id}/reflection", headers=h, json=_reflection()
        ),
        {"mentee": 201, "mentor": 201},
    ),
    (
        "action answer",
        _reflected,
        lambda w, h: w.client.post(
            f"{URL}/actions/{w.action_id}/answer",
            headers=h,
            json={"id": str(uuid.uuid4()), "answer": "done"},
        ),
        {"mentee": 201},
    ),
]


def _stored() -> tuple:
    """What a refused call must not change."""
    with session_scope(read_only=True) as s:
        requests = sorted(
            (str(r.id), r.status, str(r.offered_to)) for r in s.exec(select(HelpRequest))
        )
        sessions = sorted(
            (str(m.id), m.status, m.start_at.isoformat(), m.sequence)
            for m in s.exec(select(MentoringSession))
        )
        counts = tuple(
            s.exec(select(func.count()).select_from(model)).one()
            for model in (SessionReflection, PlannedAction, ActionAnswer)
        )
    return requests, sessions, counts


@pytest.mark.parametrize(
    ("name", "prepare", "call", "allowed"), ENDPOINTS, ids=[e[0] for e in ENDPOINTS]
)
def test_mentoring_is_between_the_two(world, name, prepare, call, allowed) -> None:
    prepare(world)
    before = _stored()
    refused = [c for c in CALLERS if c not in allowed]
    for caller in refused:
        r = call(world, world.headers[caller])
        assert r.status_code == 404, (name, caller, r.status_code, r.text[:200])
        assert set(r.json()) == {"error", "reason"}
        assert "Opening a hard talk" not in r.text
    assert _stored() == before, f"a refused {name} changed stored data"
    for caller, status in allowed.items():
        r = call(world, world.headers[caller])
        assert r.status_code == status, (name, caller, r.text[:200])


def test_the_overview_shows_each_person_only_their_own(world) -> None:
    _reflected(world)
    client = world.client
    seen = {c: client.get(URL, headers=world.headers[c]).json() for c in CALLERS}
    assert [r["id"] for r in seen["mentee"]["asked"]] == [world.request_id]
    assert [s["id"] for s in seen["mentee"]["sessions"]] == [world.session_id]
    assert [a["id"] for a in seen["mentee"]["actions"]] == [world.action_id]
    assert [s["id"] for s in seen["mentor"]["sessions"]] == [world.session_id]
    assert seen["mentor"]["asked"] == []
    assert seen["mentor"]["actions"] == []  # the learner's plan is the learner's
    for caller in ("other_learner", "other_mentor", "coordinator", "admin"):
        body = seen[caller]
        mine = (body["asked"], body["offered"], body["sessions"], body["actions"])
        assert mine == ([], [], [], []), caller
        assert "Opening a hard talk" not in str(body)


def test_the_matrix_admin_is_an_admin(client) -> None:
    # Staff see every account; mentoring is still not theirs to see (above).
    assert client.get("/api/v1/admin/accounts", headers=_admin(client)).status_code == 200
