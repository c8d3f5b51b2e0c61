"""The audit log (one entry per action, none for a refused one) and admin accounts."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from sqlmodel import select

from mmapp import accounts
from mmapp.accounts import admin
from mmapp.db import session_scope
from mmapp.demo.seed import DEMO_COHORT_CODE, DEMO_COORDINATOR, DEMO_LEARNER
from mmapp.errors import NotFoundError, ValidationError
from mmapp.models import AuditEntry, Cohort, Nugget, PasswordReset, Role, User
from tests.api.conftest import coach_headers

ROOT = ("root@admin.io", "root-admin-pw")
AUDIT = "/api/v1/admin/audit"
ACCOUNTS = "/api/v1/admin/accounts"


def _sign_in(client, email, password, device="device-admin-aud"):
    r = client.post(
        "/api/v1/auth/token", json={"email": email, "password": password, "device_id": device}
    )
    assert r.status_code == 200, r.text
    return {"Authorization": f"Bearer {r.json()['token']}"}


@pytest.fixture
def root(client) -> dict[str, str]:
    with session_scope() as s:
        accounts.create_user(
            session=s, email=ROOT[0], password=ROOT[1], display_name="Root", role=Role.admin
        )
    return _sign_in(client, *ROOT, device="device-root-1")


def _entries() -> list[tuple[str, str, str]]:
    with session_scope(read_only=True) as s:
        rows = s.exec(select(AuditEntry).order_by(AuditEntry.at)).all()
        return [(e.action, e.actor_email, e.subject_type) for e in rows]


def _ids() -> dict[str, str]:
    with session_scope(read_only=True) as s:
        cohort = s.exec(select(Cohort).where(Cohort.invite_code == DEMO_COHORT_CODE)).one()
        nugget = s.exec(select(Nugget).where(Nugget.slug == "per-what")).one()
        learner = s.exec(select(User).where(User.email == DEMO_LEARNER[0])).one()
        return {"cohort": str(cohort.id), "nugget": str(nugget.id), "learner": str(learner.id)}


def test_each_action_leaves_exactly_one_entry_and_refusals_none(client, root):
    coach, ids, coach_email = coach_headers(client), _ids(), DEMO_COORDINATOR[0]
    with session_scope() as s:
        accounts.create_user(
            session=s,
            email="co@coach.io",
            password="co-coach-pw",
            display_name="Co",
            role=Role.coordinator,
        )
    cohort = f"/api/v1/coach/cohorts/{ids['cohort']}"
    # (request, expected status, the action it records: None for a refusal)
    steps = [
        (
            lambda: client.post("/api/v1/coach/cohorts", headers=coach, json={"name": "Nights"}),
            201,
            "cohort_created",
        ),
        (
            lambda: client.patch(cohort, headers=coach, json={"name": "Commuters"}),
            200,
            "cohort_changed",
        ),
        (lambda: client.patch(cohort, headers=coach, json={"timezone": "Mars/Olympus"}), 422, None),
        (
            lambda: client.post(cohort + "/members", headers=coach, json={"email": "no@x.org"}),
            404,
            None,
        ),
        (
            lambda: client.delete(f"{cohort}/members/{ids['learner']}", headers=coach),
            204,
            "member_removed",
        ),
        (
            lambda: client.post(
                cohort + "/members", headers=coach, json={"email": DEMO_LEARNER[0]}
            ),
            201,
            "member_added",
        ),
        (
            lambda: client.post("/api/v1/coach/nuggets/per-what/publish", headers=coach),
            200,
            "nugget_published",
        ),
        (lambda: client.post("/api/v1/coach/nuggets/nope/publish", headers=coach), 404, None),
        (
            lambda: client.post(
                f"/api/v1/cohorts/{ids['cohort']}/assignments",
                headers=coach,
                json={"nugget_id": ids["nugget"], "notify": False},
            ),
            201,
            "nugget_released",
        ),
        (
            lambda: client.post(cohort + "/shares", headers=coach, json={"email": "co@coach.io"}),
            201,
            "cohort_shared",
        ),
        (
            lambda: client.post(
                "/api/v1/coach/nuggets/per-what/shares",
                headers=coach,
                json={"email": "co@coach.io"},
            ),
            201,
            "nugget_shared",
        ),
        (
            lambda: client.put(
                cohort + "/targets",
                headers=coach,
                json={"targets": [{"skill": "reading-charts", "level": 3}]},
            ),
            200,
            "targets_set",
        ),
        (
            lambda: client.put(
                cohort + "/targets",
                headers=coach,
                json={"targets": [{"skill": "no-such-skill", "level": 3}]},
            ),
            422,
            None,
        ),
        (
            lambda: client.post("/api/v1/coach/nuggets/per-what/retract", headers=coach),
            200,
            "nugget_retracted",
        ),
        (
            lambda: client.put(
                f"{ACCOUNTS}/{ids['learner']}/role", headers=root, json={"role": "coordinator"}
            ),
            200,
            "role_changed",
        ),
        (
            lambda: client.put(
                f"{ACCOUNTS}/{ids['learner']}/role", headers=coach, json={"role": "admin"}
            ),
            403,
            None,
        ),
        (
            lambda: client.put(
                f"{ACCOUNTS}/{ids['learner']}/disabled", headers=root, json={"disabled": True}
            ),
            200,
            "account_disabled",
        ),
        (
            lambda: client.put(
                f"{ACCOUNTS}/{ids['learner']}/disabled", headers=root, json={"disabled": False}
            ),
            200,
            "account_enabled",
        ),
        (
            lambda: client.post(f"{ACCOUNTS}/{ids['learner']}/reset-link", headers=root),
            201,
            "reset_link_made",
        ),
    ]
    for n, (call, status, action) in enumerate(steps):
        before = _entries()
        r = call()
        assert r.status_code == status, (n, r.text)
        added = _entries()[len(before) :]
        assert _entries()[: len(before)] == before
        assert [a for a, _, _ in added] == ([action] if action else []), (n, added)
        if action in ("role_changed", "account_disabled", "account_enabled", "reset_link_made"):
            assert added[0][1] == ROOT[0]
        elif action:
            assert added[0][1] == coach_email

    # Admins read it newest first, filter it, and export it; nobody else may.
    log = client.get(AUDIT, headers=root).json()
    assert [e["action"] for e in log][:2] == ["reset_link_made", "account_enabled"]
    assert [
        e["action"]
        for e in client.get(AUDIT, headers=root, params={"action": "member_added"}).json()
    ] == ["member_added"]
    assert client.get(AUDIT, headers=root, params={"action": "nope"}).status_code == 422
    assert client.get(AUDIT, headers=coach).status_code == 403
    assert client.get(AUDIT + ".csv", headers=coach).status_code == 403
    exported = client.get(AUDIT + ".csv", headers=root)
    assert exported.headers["content-type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(exported.text)))
    assert rows[0] == ["at", "actor", "action", "subject_type", "subject_id", "detail"]
    assert len(rows) == len(log) + 1
    assert "token" not in exported.text.lower()


def test_a_cohort_named_like_a_formula_is_exported_as_text(client, root):
    coach = coach_headers(client)
    client.post("/api/v1/coach/cohorts", headers=coach, json={"name": "=HYPERLINK(1)"})
    text = client.get(AUDIT + ".csv", headers=root).text
    assert "'=HYPERLINK(1)" in text


def test_last_admin_stays_and_nobody_disables_themselves(client, root):
    me = client.get("/api/v1/me", headers=root).json()["id"]
    demote = client.put(f"{ACCOUNTS}/{me}/role", headers=root, json={"role": "learner"})
    assert demote.status_code == 409 and demote.json()["error"] == "last_admin"
    self_off = client.put(f"{ACCOUNTS}/{me}/disabled", headers=root, json={"disabled": True})
    assert self_off.status_code == 409 and self_off.json()["error"] == "disable_self"
    bad = client.put(f"{ACCOUNTS}/{me}/role", headers=root, json={"role": "owner"})
    assert bad.status_code == 422
    assert [a for a, _, _ in _entries()] == []
    found = client.get(ACCOUNTS, headers=root, params={"search": "DEMO.micro"}).json()
    assert {a["email"] for a in found} == {DEMO_COORDINATOR[0], DEMO_LEARNER[0]}
    assert client.get(ACCOUNTS, headers=coach_headers(client)).status_code == 403


def test_a_disabled_account_cannot_sign_in_or_sync(client, root, auth):
    learner = _ids()["learner"]
    assert client.get("/api/v1/sync/pull", headers=auth).status_code == 200
    client.put(f"{ACCOUNTS}/{learner}/disabled", headers=root, json={"disabled": True})
    pulled = client.get("/api/v1/sync/pull", headers=auth)
    assert pulled.status_code == 401 and pulled.json()["error"] == "account_disabled"
    assert "disabled" in pulled.json()["reason"]
    signin = client.post(
        "/api/v1/auth/token",
        json={"email": DEMO_LEARNER[0], "password": DEMO_LEARNER[1], "device_id": "device-d-2"},
    )
    assert signin.status_code == 403 and signin.json()["error"] == "account_disabled"
    wrong = client.post(
        "/api/v1/auth/token",
        json={"email": DEMO_LEARNER[0], "password": "not-it-at-all", "device_id": "device-d-2"},
    )
    assert wrong.status_code == 401  # the state is told only to who knows the password
    client.put(f"{ACCOUNTS}/{learner}/disabled", headers=root, json={"disabled": False})
    assert client.get("/api/v1/sync/pull", headers=auth).status_code == 200


def test_a_reset_link_works_once_within_a_day(client, root, clock):
    learner = _ids()["learner"]
    made = client.post(f"{ACCOUNTS}/{learner}/reset-link", headers=root)
    path = made.json()["path"]
    assert path.startswith("/reset?token=")
    token = path.split("=", 1)[1]
    with session_scope(read_only=True) as s:  # only the hash is stored
        assert token not in {e.token_hash for e in s.exec(select(PasswordReset))}
    now = clock.now()
    with session_scope() as s, pytest.raises(ValidationError):
        admin.reset_password(session=s, token=token, password="short", now=now)
    with session_scope() as s:
        admin.reset_password(session=s, token=token, password="a-new-password", now=now)
    _sign_in(client, DEMO_LEARNER[0], "a-new-password", device="device-reset-1")
    with session_scope() as s, pytest.raises(NotFoundError):
        admin.reset_password(session=s, token=token, password="another-one", now=now)
    later = client.post(f"{ACCOUNTS}/{learner}/reset-link", headers=root).json()["path"]
    with session_scope() as s, pytest.raises(NotFoundError):
        admin.reset_password(
            session=s,
            token=later.split("=", 1)[1],
            password="another-one",
            now=now + dt.timedelta(hours=24, seconds=1),
        )
    assert [a for a, _, _ in _entries()].count("password_reset") == 1
