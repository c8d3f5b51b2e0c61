"""One learner's hostile pushes never fail another's, even inside one group commit."""

from __future__ import annotations

import itertools
import json
import uuid
from concurrent.futures import ThreadPoolExecutor

import httpx
from sqlmodel import select

from mmapp import accounts, cohorts
from mmapp.db import session_scope
from mmapp.demo.seed import DEMO_COHORT_CODE, DEMO_LEARNER
from mmapp.models import LearnerEvent, User
from tests.api.conftest import make_event
from tests.support.api_server import running_api

B_PUSHES, B_EVENTS = 24, 5


def _sign_in(http: httpx.Client, email: str, password: str, device: str) -> dict[str, str]:
    body = {"email": email, "password": password, "device_id": device}
    r = http.post("/auth/token", json=body)
    assert r.status_code == 200, r.text
    return {"Authorization": f"Bearer {r.json()['token']}", "Content-Type": "application/json"}


def _hostile_bodies(nugget: dict, device: str, victim_device: str) -> list[str]:
    def body(events, device_id=device) -> str:
        return json.dumps({"device_id": device_id, "events": events})

    seq = itertools.count(1)
    good = lambda **over: make_event(nugget, next(seq), **over)  # noqa: E731
    return [
        body([good()]).replace('"payload": {}', '"payload": {"t": "\\ud800"}'),
        body([good()]).replace('"payload": {}', '"payload": {"x": NaN}'),
        body([good()]).replace('"payload": {}', '"payload": {"t": "a\\u0000"}'),
        body([good(client_ts="9999-12-31T23:59:59-05:00")]),
        body([good(client_ts="2026-11-21T08:10:00")]),
        body([good(nugget_id=str(uuid.uuid4()))]),  # never assigned
        body([good()], device_id=victim_device),  # someone else's device
        body([good() for _ in range(201)]),  # over the batch limit
        body([good(device_seq=2**60)]),
        '{"device_id": "' + device + '", "events": [',
        body([good(type="step_done", payload={"step": "x" * 5000})]),
    ]


def test_hostile_pushes_from_one_learner_never_fail_anothers(db_url, seeded):
    with session_scope() as s:
        mallory = accounts.create_user(
            session=s, email="mallory@example.org", password="sneaky-sneaky", display_name="M"
        )
        cohorts.join_by_code(session=s, user=mallory, code=DEMO_COHORT_CODE)
    with running_api(db_url, workers=1) as base, httpx.Client(base_url=base + "/api/v1") as http:
        victim = _sign_in(http, *DEMO_LEARNER, device="victim-phone")
        hostile = _sign_in(http, "mallory@example.org", "sneaky-sneaky", device="mallory-phone")
        nugget = http.get("/sync/pull", headers=victim).json()["nuggets"][0]
        seqs = itertools.count(1)
        victim_bodies = [
            json.dumps(
                {
                    "device_id": "victim-phone",
                    "events": [make_event(nugget, next(seqs)) for _ in range(B_EVENTS)],
                }
            )
            for _ in range(B_PUSHES)
        ]
        attacks = _hostile_bodies(nugget, "mallory-phone", "victim-phone") * 3
        sends = [("victim", b) for b in victim_bodies] + [("mallory", b) for b in attacks]
        sends.sort(key=lambda s: hash(s[1]))  # interleaved

        def send(who_body: tuple[str, str]) -> tuple[str, httpx.Response]:
            who, body = who_body
            headers = victim if who == "victim" else hostile
            with httpx.Client(base_url=base + "/api/v1", timeout=60) as own:
                return who, own.post("/sync/push", headers=headers, content=body)

        with ThreadPoolExecutor(16) as pool:
            replies = list(pool.map(send, sends))

    victim_replies = [r for who, r in replies if who == "victim"]
    assert [r.status_code for r in victim_replies] == [200] * B_PUSHES
    statuses = [x["status"] for r in victim_replies for x in r.json()["results"]]
    assert statuses == ["applied"] * (B_PUSHES * B_EVENTS)
    assert all(r.status_code < 500 for _, r in replies)
    with session_scope(read_only=True) as s:
        victim_id = s.exec(select(User.id).where(User.email == DEMO_LEARNER[0])).one()
        stored = s.exec(select(LearnerEvent).where(LearnerEvent.user_id == victim_id)).all()
        sent = {e["event_id"] for b in victim_bodies for e in json.loads(b)["events"]}
        assert sorted(str(e.event_id) for e in stored) == sorted(sent)  # each exactly once
        mallory_rows = s.exec(
            select(LearnerEvent).where(LearnerEvent.device_id == "mallory-phone")
        ).all()
        # Only the one well-formed event of the oversized-string batch is refused per
        # event, and the seq-2**60 batch is stored (a legal if odd seq): nothing else.
        assert all(e.device_id == "mallory-phone" for e in mallory_rows)
        assert all(r.user_id != victim_id for r in mallory_rows)
