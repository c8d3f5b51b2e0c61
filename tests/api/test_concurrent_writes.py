"""Sign-ins, joins, pushes and sign-outs at once, on two server processes: never a 5xx."""

from __future__ import annotations

import uuid
from concurrent.futures import ThreadPoolExecutor

import httpx
from sqlmodel import func, select

from mmapp import accounts
from mmapp.db import session_scope
from mmapp.demo.seed import DEMO_COHORT_CODE
from mmapp.models import AuthToken, CohortMembership, Device, LearnerEvent, User
from tests.support.api_server import running_api

LEARNERS, EVENTS = 10, 8
PASSWORD = "commute-and-learn"


def _journey(base: str, email: str) -> list[int]:
    """One learner's first minutes: sign in, join, pull, push, push again, sign out."""
    statuses = []
    device = f"dev-{uuid.uuid4().hex[:12]}"
    with httpx.Client(base_url=base + "/api/v1", timeout=60) as http:
        r = http.post(
            "/auth/token", json={"email": email, "password": PASSWORD, "device_id": device}
        )
        statuses.append(r.status_code)
        auth = {"Authorization": f"Bearer {r.json()['token']}"}
        r = http.post("/cohorts/join", headers=auth, json={"invite_code": DEMO_COHORT_CODE})
        statuses.append(r.status_code)
        r = http.get("/sync/pull", headers=auth)
        statuses.append(r.status_code)
        nugget = r.json()["nuggets"][0]
        events = [
            {
                "event_id": str(uuid.uuid4()),
                "device_seq": seq,
                "type": "nugget_started",
                "nugget_id": nugget["id"],
                "nugget_version": nugget["version"],
                "payload": {},
                "client_ts": "2026-11-21T08:10:00+00:00",
            }
            for seq in range(1, EVENTS + 1)
        ]
        for _ in range(2):  # the second push is a resend: stored once
            r = http.post("/sync/push", headers=auth, json={"device_id": device, "events": events})
            statuses.append(r.status_code)
        r = http.post("/auth/signout", headers=auth)
        statuses.append(r.status_code)
    return statuses


def test_concurrent_sign_ins_joins_and_pushes_never_answer_5xx(db_url, seeded):
    with session_scope() as s:
        emails = [
            accounts.create_user(
                session=s,
                email=f"rush-{i}@example.org",
                password=PASSWORD,
                display_name=f"Rush {i}",
            ).email
            for i in range(LEARNERS)
        ]
    with running_api(db_url, workers=2) as base, ThreadPoolExecutor(LEARNERS) as pool:
        outcomes = list(pool.map(lambda e: _journey(base, e), emails))

    assert [s for journey in outcomes for s in journey] == [200] * (6 * LEARNERS)
    with session_scope(read_only=True) as s:
        users = s.exec(select(User.id).where(User.email.in_(emails))).all()
        assert len(users) == LEARNERS
        count = lambda model, column: s.exec(  # noqa: E731
            select(func.count()).select_from(model).where(column.in_(users))
        ).one()
        assert count(Device, Device.user_id) == LEARNERS
        assert count(CohortMembership, CohortMembership.user_id) == LEARNERS
        assert count(LearnerEvent, LearnerEvent.user_id) == LEARNERS * EVENTS
        tokens = s.exec(select(AuthToken).where(AuthToken.user_id.in_(users))).all()
        assert len(tokens) == LEARNERS and all(t.revoked_at is not None for t in tokens)
