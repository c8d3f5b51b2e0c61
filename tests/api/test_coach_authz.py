"""Authorisation matrix: every coordinator/admin endpoint x seven kinds of caller.

anonymous -> 401; learner and mentor -> 403; a coordinator of another cohort -> 404
(nothing about the cohort leaks, not even that it exists); the co-coordinator (the
demo cohort and the nugget `small-samples` were shared with them, `per-what` was
not) -> allowed on the cohort, 404 on nuggets not shared, 403 on re-sharing; the
owning coordinator and an admin -> allowed. Each endpoint runs on a fresh demo
database, and every refused call is checked to have changed nothing stored.
"""

from __future__ import annotations

import io
import uuid
import zipfile
from collections.abc import Callable
from dataclasses import dataclass

import pytest
import yaml
from sqlmodel import select

from mmapp import accounts, cohorts
from mmapp.cohorts import sharing
from mmapp.content.files import to_markdown
from mmapp.db import session_scope
from mmapp.demo.seed import DEMO_COORDINATOR, DEMO_LEARNER
from mmapp.models import (
    Assignment,
    Cohort,
    CohortMembership,
    Nugget,
    PushMessage,
    Role,
    Skill,
    SkillTarget,
    StaffGrant,
    User,
)
from mmapp.push import announcements
from tests.factories import nugget_in

CALLERS = (
    "anonymous",
    "learner",
    "mentor",
    "other_coordinator",
    "co_coordinator",
    "owner",
    "admin",
)
LEAKS = ("Commuters", "learner@demo", "per-what")


@dataclass
class World:
    client: object
    headers: dict[str, dict[str, str]]
    cohort_id: str
    slug: str
    other_email: str
    co_id: str
    message_id: str
    spare_members: dict[str, str]


def _login(client, email, password, device) -> dict[str, str]:
    r = client.post(
        "/api/v1/auth/token", json={"email": email, "password": password, "device_id": device}
    )
    assert r.status_code == 200, r.text
    return {"Authorization": f"Bearer {r.json()['token']}"}


def _account(s, email: str, role: Role = Role.learner) -> User:
    return accounts.create_user(
        session=s, email=email, password="commutes-daily", display_name=email, role=role
    )


@pytest.fixture
def world(client) -> World:
    with session_scope() as s:
        other = _account(s, "other@example.org", Role.coordinator)
        co = _account(s, "co@example.org", Role.coordinator)
        _account(s, "root@example.org", Role.admin)
        _account(s, "mentor@example.org", Role.mentor)
        cohorts.create_cohort(session=s, name="Other cohort", owner=other, invite_code="OTHER1")
        demo = s.exec(select(Cohort).where(Cohort.invite_code == "COMMUTE1")).one()
        coach = s.exec(select(User).where(User.email == DEMO_COORDINATOR[0])).one()
        shared = s.exec(select(Nugget).where(Nugget.slug == "small-samples")).one()
        sharing.share(session=s, by=coach, email=co.email, cohort_id=demo.id)
        sharing.share(session=s, by=coach, email=co.email, nugget_id=shared.id)
        message = announcements.announce(
            session=s, cohort=demo, nugget=shared, created_by=coach.id, again=True
        )
        spare = {}
        for caller in CALLERS:  # one learner each may try to remove (they never sign in)
            member = User(
                email=f"m-{caller.replace('_', '-')}@example.org",
                display_name="Member",
                password_hash="-",
            )
            s.add(member)
            s.flush()
            cohorts.add_member(session=s, cohort=demo, user=member)
            spare[caller] = str(member.id)
        ids = (str(demo.id), str(co.id), str(message.id))
    headers = {
        "anonymous": {},
        "learner": _login(client, *DEMO_LEARNER, "device-authz-learner"),
        "mentor": _login(client, "mentor@example.org", "commutes-daily", "device-authz-mentor"),
        "other_coordinator": _login(
            client, "other@example.org", "commutes-daily", "device-authz-other"
        ),
        "co_coordinator": _login(client, "co@example.org", "commutes-daily", "device-authz-co"),
        "owner": _login(client, *DEMO_COORDINATOR, "device-authz-owner"),
        "admin": _login(client, "root@example.org", "commutes-daily", "device-authz-admin"),
    }
    return World(client, headers, ids[0], "per-what", "other@example.org", *ids[1:], spare)


def _stored() -> dict:
    """Everything a refused call must leave as it was."""
    with session_scope(read_only=True) as s:
        return {
            "cohorts": sorted((c.name, c.archived) for c in s.exec(select(Cohort))),
            "members": sorted(
                (str(m.cohort_id), str(m.user_id), m.left_at is None)
                for m in s.exec(select(CohortMembership))
            ),
            "nuggets": sorted(
                (n.slug, n.title, n.status.value, n.version) for n in s.exec(select(Nugget))
            ),
            "skills": sorted((k.slug, k.name, k.description) for k in s.exec(select(Skill))),
            "assignments": sorted(
                (str(a.nugget_id), str(a.release_at), a.removed_at is None)
                for a in s.exec(select(Assignment))
            ),
            "messages": len(list(s.exec(select(PushMessage)))),
            "targets": sorted(
                (str(t.cohort_id), str(t.skill_id), t.level, t.by)
                for t in s.exec(select(SkillTarget))
            ),
            "grants": sorted(
                (str(g.user_id), str(g.cohort_id), str(g.nugget_id))
                for g in s.exec(select(StaffGrant))
            ),
        }


def _edited(world: World, caller: str) -> dict:
    return nugget_in(
        slug=world.slug, skill="reading-charts", title=f"Edited by {caller}"
    ).model_dump(mode="json")


def _nugget_id(slug: str) -> str:
    with session_scope() as s:
        return str(s.exec(select(Nugget).where(Nugget.slug == slug)).one().id)


def _archive(caller: str) -> bytes:
    """The demo skill exactly as stored, and one new nugget of the caller's."""
    with session_scope(read_only=True) as s:
        skill = s.exec(select(Skill).where(Skill.slug == "reading-charts")).one()
        meta = {"slug": skill.slug, "name": skill.name, "description": skill.description}
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("skill.yaml", yaml.safe_dump(meta))
        nugget = nugget_in(slug=f"import-{caller.replace('_', '-')}", skill="reading-charts")
        archive.writestr("nuggets/01.md", to_markdown(nugget))
    return buffer.getvalue()


def _regrant_co(w: World) -> str:
    with session_scope() as s:
        coach = s.exec(select(User).where(User.email == DEMO_COORDINATOR[0])).one()
        sharing.share(session=s, by=coach, email="co@example.org", cohort_id=uuid.UUID(w.cohort_id))
    return w.co_id


def _expect(allowed: int, *, co: int | None = None, other: int = 404, **over) -> dict:
    """Statuses by caller: `co` defaults to `allowed` (a cohort shared with them)."""
    return {
        "anonymous": 401,
        "learner": 403,
        "mentor": 403,
        "other_coordinator": other,
        "co_coordinator": allowed if co is None else co,
        "owner": allowed,
        "admin": allowed,
        **over,
    }


COHORT = "/api/v1/coach/cohorts/{w.cohort_id}"
NUGGET = "/api/v1/coach/nuggets/{w.slug}"

# Each case: (name, call(world, headers, caller) -> response, expected statuses).
CASES: list[tuple[str, Callable, dict[str, int]]] = [
    (
        "list cohorts",
        lambda w, h, c: w.client.get("/api/v1/coach/cohorts", headers=h),
        _expect(200, other=200),
    ),
    (
        "create cohort",
        lambda w, h, c: w.client.post(
            "/api/v1/coach/cohorts", headers=h, json={"name": f"New {c}"}
        ),
        _expect(201, other=201),
    ),
    (
        "rename cohort",
        lambda w, h, c: w.client.patch(
            COHORT.format(w=w), headers=h, json={"name": f"Renamed by {c}"}
        ),
        _expect(200),
    ),
    (
        "list members",
        lambda w, h, c: w.client.get(COHORT.format(w=w) + "/members", headers=h),
        _expect(200),
    ),
    (
        "add member",
        lambda w, h, c: w.client.post(
            COHORT.format(w=w) + "/members", headers=h, json={"email": w.other_email}
        ),
        _expect(201),
    ),
    (
        "remove member",
        lambda w, h, c: w.client.delete(
            COHORT.format(w=w) + f"/members/{w.spare_members[c]}", headers=h
        ),
        _expect(204),
    ),
    (
        "drip schedule",
        lambda w, h, c: w.client.post(
            COHORT.format(w=w) + "/drip",
            headers=h,
            json={"slugs": ["small-samples"], "start_date": "2031-03-03", "notify": False},
        ),
        _expect(201),
    ),
    (
        "analytics",
        lambda w, h, c: w.client.get(COHORT.format(w=w) + "/analytics", headers=h),
        _expect(200),
    ),
    (
        "analytics csv",
        lambda w, h, c: w.client.get(COHORT.format(w=w) + "/analytics/devices.csv", headers=h),
        _expect(200),
    ),
    (
        "review analytics",
        lambda w, h, c: w.client.get(COHORT.format(w=w) + "/reviews", headers=h),
        _expect(200),
    ),
    (
        "review analytics csv",
        lambda w, h, c: w.client.get(COHORT.format(w=w) + "/reviews/overdue.csv", headers=h),
        _expect(200),
    ),
    (
        "mentoring outcomes",
        lambda w, h, c: w.client.get(COHORT.format(w=w) + "/mentoring", headers=h),
        _expect(200),
    ),
    (
        "mentoring outcomes csv",
        lambda w, h, c: w.client.get(COHORT.format(w=w) + "/mentoring/mentoring.csv", headers=h),
        _expect(200),
    ),
    (
        "list targets",
        lambda w, h, c: w.client.get(COHORT.format(w=w) + "/targets", headers=h),
        _expect(200),
    ),
    (
        "set targets",
        lambda w, h, c: w.client.put(
            COHORT.format(w=w) + "/targets",
            headers=h,
            json={"targets": [{"skill": "feedback", "level": 4, "by": "2027-02-01"}]},
        ),
        _expect(200),
    ),
    (
        "list shares",
        lambda w, h, c: w.client.get(COHORT.format(w=w) + "/shares", headers=h),
        _expect(200),
    ),
    (
        "share cohort",
        lambda w, h, c: w.client.post(
            COHORT.format(w=w) + "/shares", headers=h, json={"email": w.other_email}
        ),
        _expect(201, co=403),
    ),
    (
        "unshare cohort",
        lambda w, h, c: w.client.delete(
            COHORT.format(w=w) + f"/shares/{_regrant_co(w)}", headers=h
        ),
        _expect(204, co=403),
    ),
    (
        "list nuggets",
        lambda w, h, c: w.client.get("/api/v1/coach/nuggets", headers=h),
        _expect(200, other=200),
    ),
    (
        "read nugget",
        lambda w, h, c: w.client.get(NUGGET.format(w=w), headers=h),
        _expect(200, co=404),
    ),
    (
        "edit nugget",
        lambda w, h, c: w.client.put(NUGGET.format(w=w), headers=h, json=_edited(w, c)),
        _expect(200, co=404),
    ),
    (
        "publish nugget",
        lambda w, h, c: w.client.post(NUGGET.format(w=w) + "/publish", headers=h),
        _expect(200, co=404),
    ),
    (
        "retract nugget",
        lambda w, h, c: w.client.post(NUGGET.format(w=w) + "/retract", headers=h),
        _expect(200, co=404),
    ),
    (
        "export nugget",
        lambda w, h, c: w.client.get(NUGGET.format(w=w) + "/export.md", headers=h),
        _expect(200, co=404),
    ),
    (
        "share nugget",
        lambda w, h, c: w.client.post(
            NUGGET.format(w=w) + "/shares", headers=h, json={"email": w.other_email}
        ),
        _expect(201, co=404),
    ),
    (
        "import over a nugget",
        lambda w, h, c: w.client.post(
            "/api/v1/coach/nuggets/import.md",
            headers={**h, "Content-Type": "text/markdown"},
            content=to_markdown(nugget_in(slug=w.slug, skill="reading-charts")),
        ),
        _expect(201, co=404),
    ),
    (
        "export skill",
        lambda w, h, c: w.client.get("/api/v1/coach/skills/reading-charts/export.zip", headers=h),
        _expect(200, other=200),
    ),
    (
        "import skill archive",
        lambda w, h, c: w.client.post(
            "/api/v1/coach/import.zip",
            headers={**h, "Content-Type": "application/zip"},
            content=_archive(c),
        ),
        _expect(201, other=201),
    ),
    (
        "release to cohort",
        lambda w, h, c: w.client.post(
            f"/api/v1/cohorts/{w.cohort_id}/assignments",
            headers=h,
            json={"nugget_id": _nugget_id("small-samples"), "notify": False},
        ),
        _expect(201),
    ),
    (
        "notify cohort",
        lambda w, h, c: w.client.post(
            f"/api/v1/cohorts/{w.cohort_id}/notify?again=true",
            headers=h,
            json={"nugget_id": _nugget_id("small-samples")},
        ),
        _expect(202),
    ),
    (
        "delivery report",
        lambda w, h, c: w.client.get(f"/api/v1/push/messages/{w.message_id}", headers=h),
        _expect(200, learner=404, mentor=404),  # "no such announcement" for everyone else
    ),
    (
        "devices",
        lambda w, h, c: w.client.get("/api/v1/admin/devices", headers=h),
        _expect(200, other=200),
    ),
]


@pytest.mark.parametrize(("name", "call", "expected"), CASES, ids=[c[0] for c in CASES])
def test_authorisation_matrix(world, name, call, expected):
    refused = [c for c in CALLERS if expected[c] >= 400]
    before = _stored()
    got = {caller: call(world, world.headers[caller], caller) for caller in refused}
    assert _stored() == before, f"a refused {name} changed stored data"
    for caller in CALLERS:
        if caller not in refused:
            got[caller] = call(world, world.headers[caller], caller)
    statuses = {caller: got[caller].status_code for caller in CALLERS}
    assert statuses == expected, {c: r.text[:200] for c, r in got.items()}
    for caller in refused:
        assert set(got[caller].json()) == {"error", "reason"}
        assert not [word for word in LEAKS if word in got[caller].text]


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


def test_a_co_coordinator_follows_their_announcement_and_sees_the_cohorts_devices(world):
    co, client = world.headers["co_coordinator"], world.client
    cohorts_seen = client.get("/api/v1/coach/cohorts", headers=co).json()
    assert [c["name"] for c in cohorts_seen] == ["Commuters, autumn cohort"]
    assert [n["slug"] for n in client.get("/api/v1/coach/nuggets", headers=co).json()] == [
        "small-samples"
    ]
    sent = client.post(
        f"/api/v1/cohorts/{world.cohort_id}/notify?again=true",
        headers=co,
        json={"nugget_id": _nugget_id("small-samples")},
    )
    assert sent.status_code == 202, sent.text
    report_url = f"/api/v1/push/messages/{sent.json()['message_id']}"
    report = client.get(report_url, headers=co)
    assert report.status_code == 200, report.text
    assert report.json()["message_id"] == sent.json()["message_id"]
    assert client.get(report_url, headers=world.headers["owner"]).status_code == 200
    assert client.get(report_url, headers=world.headers["other_coordinator"]).status_code == 404
    with session_scope(read_only=True) as s:
        stored = s.get(PushMessage, uuid.UUID(sent.json()["message_id"]))
        assert str(stored.cohort_id) == world.cohort_id and str(stored.created_by) == world.co_id

    # The devices of the shared cohort's learners, in the admin list and in analytics.
    devices = client.get("/api/v1/admin/devices", headers=co).json()
    assert ("device-authz-learner", DEMO_LEARNER[0]) in {
        (d["device_id"], d["learner"]["email"]) for d in devices
    }
    assert {d["learner"]["email"] for d in devices} <= {
        DEMO_LEARNER[0],
        *(f"m-{c.replace('_', '-')}@example.org" for c in CALLERS),
    }
    table = client.get(f"/api/v1/coach/cohorts/{world.cohort_id}/analytics", headers=co).json()
    assert "device-authz-learner" in {d["device"] for d in table["devices"]}

    # Taking the share back closes all of it again.
    owner_shares = f"/api/v1/coach/cohorts/{world.cohort_id}/shares/{world.co_id}"
    assert client.delete(owner_shares, headers=world.headers["owner"]).status_code == 204
    assert client.get(report_url, headers=co).status_code == 404
    assert client.get("/api/v1/admin/devices", headers=co).json() == []
