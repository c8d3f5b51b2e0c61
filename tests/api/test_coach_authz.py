"""Authorisation matrix: every coordinator/admin endpoint x five kinds of caller.

anonymous -> 401, learner -> 403, a coordinator of another cohort -> 404 (nothing
about the cohort leaks, not even that it exists), the owning coordinator and an
admin -> allowed. Each endpoint runs on a fresh demo database.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from sqlmodel import select

from mmapp.db import session_scope
from mmapp.models import Cohort, Nugget, Role
from mmapp.services import accounts, cohorts
from mmapp.services.demo import DEMO_COORDINATOR, DEMO_LEARNER
from mmapp.services.nugget_files import to_markdown
from tests.factories import nugget_in

CALLERS = ("anonymous", "learner", "other_coordinator", "owner", "admin")
DENY_OTHER = {"anonymous": 401, "learner": 403, "other_coordinator": 404}


@dataclass
class World:
    client: object
    headers: dict[str, dict[str, str]]
    cohort_id: str
    slug: str
    other_email: str

    def new_member(self) -> str:
        """A fresh learner in the demo cohort; returns their id."""
        with session_scope() as s:
            user = accounts.create_user(
                session=s,
                email=f"m-{uuid.uuid4().hex[:8]}@example.org",
                password="commutes-daily",
                display_name="Member",
            )
            cohort = s.get(Cohort, uuid.UUID(self.cohort_id))
            cohorts.add_member(session=s, cohort=cohort, user=user)
            return str(user.id)


def _login(client, email, password, device) -> dict[str, str]:
    r = client.post(
        "/api/v1/auth/token", json={"email": email, "password": password, "device_id": device}
    )
    assert r.status_code == 200, r.text
    return {"Authorization": f"Bearer {r.json()['token']}"}


@pytest.fixture
def world(client) -> World:
    with session_scope() as s:
        for email, role in (
            ("other@example.org", Role.coordinator),
            ("root@example.org", Role.admin),
        ):
            user = accounts.create_user(
                session=s, email=email, password="commutes-daily", display_name=email, role=role
            )
        other = s.exec(
            select(accounts.User).where(accounts.User.email == "other@example.org")
        ).one()
        cohorts.create_cohort(session=s, name="Other cohort", owner=other, invite_code="OTHER1")
        demo = s.exec(select(Cohort).where(Cohort.invite_code == "COMMUTE1")).one()
        cohort_id = str(demo.id)
        assert user
    headers = {
        "anonymous": {},
        "learner": _login(client, *DEMO_LEARNER, "device-authz-learner"),
        "other_coordinator": _login(
            client, "other@example.org", "commutes-daily", "device-authz-other"
        ),
        "owner": _login(client, *DEMO_COORDINATOR, "device-authz-owner"),
        "admin": _login(client, "root@example.org", "commutes-daily", "device-authz-admin"),
    }
    return World(client, headers, cohort_id, "per-what", "other@example.org")


def _edited(world: World, caller: str) -> dict:
    return nugget_in(
        slug=world.slug, skill="reading-charts", title=f"Edited by {caller}"
    ).model_dump(mode="json")


def _nugget_id(slug: str) -> str:
    with session_scope() as s:
        return str(s.exec(select(Nugget).where(Nugget.slug == slug)).one().id)


# Each case: (name, call(world, headers, caller) -> response, allowed status).
CASES: list[tuple[str, Callable, int]] = [
    ("list cohorts", lambda w, h, c: w.client.get("/api/v1/coach/cohorts", headers=h), 200),
    (
        "create cohort",
        lambda w, h, c: w.client.post(
            "/api/v1/coach/cohorts", headers=h, json={"name": f"New {c}"}
        ),
        201,
    ),
    (
        "rename cohort",
        lambda w, h, c: w.client.patch(
            f"/api/v1/coach/cohorts/{w.cohort_id}", headers=h, json={"name": f"Renamed by {c}"}
        ),
        200,
    ),
    (
        "list members",
        lambda w, h, c: w.client.get(f"/api/v1/coach/cohorts/{w.cohort_id}/members", headers=h),
        200,
    ),
    (
        "add member",
        lambda w, h, c: w.client.post(
            f"/api/v1/coach/cohorts/{w.cohort_id}/members", headers=h, json={"email": w.other_email}
        ),
        201,
    ),
    (
        "remove member",
        lambda w, h, c: w.client.delete(
            f"/api/v1/coach/cohorts/{w.cohort_id}/members/{w.new_member()}", headers=h
        ),
        204,
    ),
    (
        "analytics",
        lambda w, h, c: w.client.get(f"/api/v1/coach/cohorts/{w.cohort_id}/analytics", headers=h),
        200,
    ),
    (
        "analytics csv",
        lambda w, h, c: w.client.get(
            f"/api/v1/coach/cohorts/{w.cohort_id}/analytics/learners.csv", headers=h
        ),
        200,
    ),
    ("list nuggets", lambda w, h, c: w.client.get("/api/v1/coach/nuggets", headers=h), 200),
    (
        "read nugget",
        lambda w, h, c: w.client.get(f"/api/v1/coach/nuggets/{w.slug}", headers=h),
        200,
    ),
    (
        "edit nugget",
        lambda w, h, c: w.client.put(
            f"/api/v1/coach/nuggets/{w.slug}", headers=h, json=_edited(w, c)
        ),
        200,
    ),
    (
        "publish nugget",
        lambda w, h, c: w.client.post(f"/api/v1/coach/nuggets/{w.slug}/publish", headers=h),
        200,
    ),
    (
        "retract nugget",
        lambda w, h, c: w.client.post(f"/api/v1/coach/nuggets/{w.slug}/retract", headers=h),
        200,
    ),
    (
        "export nugget",
        lambda w, h, c: w.client.get(f"/api/v1/coach/nuggets/{w.slug}/export.md", headers=h),
        200,
    ),
    (
        "import over a nugget",
        lambda w, h, c: w.client.post(
            "/api/v1/coach/nuggets/import.md",
            headers={**h, "Content-Type": "text/markdown"},
            content=to_markdown(nugget_in(slug=w.slug, skill="reading-charts")),
        ),
        201,
    ),
    (
        "release to cohort",
        lambda w, h, c: w.client.post(
            f"/api/v1/cohorts/{w.cohort_id}/assignments",
            headers=h,
            json={"nugget_id": _nugget_id("small-samples"), "notify": False},
        ),
        201,
    ),
    (
        "notify cohort",
        lambda w, h, c: w.client.post(
            f"/api/v1/cohorts/{w.cohort_id}/notify?again=true",
            headers=h,
            json={"nugget_id": _nugget_id("small-samples")},
        ),
        202,
    ),
]


@pytest.mark.parametrize(("name", "call", "allowed"), CASES, ids=[c[0] for c in CASES])
def test_authorisation_matrix(world, name, call, allowed):
    got = {caller: call(world, world.headers[caller], caller) for caller in CALLERS}
    statuses = {caller: r.status_code for caller, r in got.items()}
    expected = {**DENY_OTHER, "owner": allowed, "admin": allowed}
    if name in ("list cohorts", "list nuggets"):
        expected["other_coordinator"] = 200  # their own (empty of ours) list
    if name == "create cohort":
        expected["other_coordinator"] = 201
    assert statuses == expected, {c: r.text[:200] for c, r in got.items()}
    for caller in ("anonymous", "learner", "other_coordinator"):
        body = got[caller].text
        assert "Commuters" not in body and "learner@demo" not in body and "per-what" not in body


def test_other_coordinators_see_only_their_own(world):
    other = world.headers["other_coordinator"]
    assert [c["name"] for c in world.client.get("/api/v1/coach/cohorts", headers=other).json()] == [
        "Other cohort"
    ]
    assert world.client.get("/api/v1/coach/nuggets", headers=other).json() == []
    devices = world.client.get("/api/v1/admin/devices", headers=other).json()
    assert devices == []
    owner = world.headers["owner"]
    names = [c["name"] for c in world.client.get("/api/v1/coach/cohorts", headers=owner).json()]
    assert names == ["Commuters, autumn cohort"]
    admin = [
        c["name"]
        for c in world.client.get("/api/v1/coach/cohorts", headers=world.headers["admin"]).json()
    ]
    assert sorted(admin) == ["Commuters, autumn cohort", "Other cohort"]
