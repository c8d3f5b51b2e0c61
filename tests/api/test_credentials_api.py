"""Achievements, issuing through the pull, revocation and the public `/badges/<id>` URLs.

The demo learner answers every level-1 nugget of one skill right (through the real push),
a coordinator sets a level-1 achievement with no waiting and no recall bar, and the next
pull issues exactly one signed credential, which the public page verifies; a revoked or
tampered one says why.
"""

from __future__ import annotations

import json
import subprocess
import sys
import uuid

from sqlmodel import select

from mmapp import accounts
from mmapp.credentials import unbake
from mmapp.db import session_scope
from mmapp.demo.history import answer_payload
from mmapp.models import (
    AuditEntry,
    IssuedCredential,
    Nugget,
    NuggetRevision,
    NuggetStatus,
    Role,
    Skill,
    User,
)
from tests.api.conftest import DEVICE, coach_headers, make_event

ACH = "/api/v1/coach/skills/{}/achievements"
EASY = {"level": 1, "name": "Charts: first steps", "min_days": 0, "min_recall": 0.0}


def _skill_of(nuggets: list[dict]) -> tuple[str, list[dict]]:
    """A skill and the learner's level-1 nuggets in it (all its published ones)."""
    with session_scope() as s:
        first = s.exec(select(Nugget).where(Nugget.slug == nuggets[0]["slug"])).one()
        level_one = s.exec(
            select(Nugget.slug).where(
                Nugget.skill_id == first.skill_id,
                Nugget.level == 1,
                Nugget.status == NuggetStatus.published,
            )
        ).all()
        skill_id = str(first.skill_id)
    mine = [n for n in nuggets if n["slug"] in set(level_one)]
    assert len(mine) == len(level_one) >= 1
    return skill_id, mine


def _answer_all(client, auth, nuggets: list[dict], right: bool = True, seq: int = 0) -> None:
    events: list[dict] = []
    for n in nuggets:
        with session_scope() as s:
            snap = s.exec(
                select(NuggetRevision.snapshot).where(
                    NuggetRevision.nugget_id == uuid.UUID(n["id"]),
                    NuggetRevision.version == n["version"],
                )
            ).one()
        seq += 1
        events.append(make_event(n, seq))
        for item in snap["quiz"]:
            seq += 1
            events.append(make_event(n, seq, "quiz_answered", answer_payload(item, right)))
        seq += 1
        events.append(make_event(n, seq, "nugget_completed"))
    r = client.post("/api/v1/sync/push", headers=auth, json={"device_id": DEVICE, "events": events})
    assert r.status_code == 200 and all(x["status"] == "applied" for x in r.json()["results"])


def _last_page(client, auth) -> dict:
    page = client.get("/api/v1/sync/pull", headers=auth).json()
    while page["has_more"]:
        page = client.get(
            "/api/v1/sync/pull", headers=auth, params={"cursor": page["cursor"]}
        ).json()
    return page


def test_achievements_crud_and_access(client, auth, nuggets) -> None:
    skill_id, _ = _skill_of(nuggets)
    coach = coach_headers(client)
    assert client.get(ACH.format(skill_id)).status_code == 401
    assert client.get(ACH.format(skill_id), headers=auth).status_code == 403
    assert client.post(ACH.format(skill_id), headers=auth, json=EASY).status_code == 403
    made = client.post(ACH.format(skill_id), headers=coach, json={"level": 3, "name": "Three"})
    assert made.status_code == 201, made.text
    body = made.json()
    assert (body["min_score"], body["min_recall"], body["min_days"]) == (80, 0.8, 30)
    assert body["criteria"].startswith("Complete every level 1\u20133 nugget of ")
    assert body["criteria"].endswith(
        "; first-try score of 80 % or more on each; mean recall of 0.8 or more, "
        "30 days or more after the last one."
    )
    again = client.post(ACH.format(skill_id), headers=coach, json={"level": 2, "name": "Again"})
    assert again.status_code == 409  # the demo seed has level 2
    bad = {"level": 5, "name": "Five"}
    assert client.post(ACH.format(skill_id), headers=coach, json=bad).status_code == 422
    put = client.put(
        f"{ACH.format(skill_id)}/{body['id']}",
        headers=coach,
        json={"level": 3, "name": "Three, renamed", "min_score": 90},
    )
    assert put.status_code == 200 and put.json()["min_score"] == 90
    listed = client.get(ACH.format(skill_id), headers=coach).json()
    assert [a["level"] for a in listed] == [2, 3]  # the demo seed's, then this one
    assert listed[0]["name"].endswith(": working knowledge")
    assert listed[1]["name"] == "Three, renamed"
    assert client.get(ACH.format(uuid.uuid4()), headers=coach).status_code == 404
    with session_scope() as s:
        accounts.create_user(
            session=s,
            email="other@ex.org",
            password="commutes-daily",
            display_name="O",
            role=Role.coordinator,
        )
        assert (
            len(s.exec(select(AuditEntry).where(AuditEntry.action == "achievement_set")).all()) == 2
        )
    other = client.post(
        "/api/v1/auth/token",
        json={
            "email": "other@ex.org",
            "password": "commutes-daily",
            "device_id": "device-other-coach",
        },
    ).json()["token"]
    r = client.get(ACH.format(skill_id), headers={"Authorization": f"Bearer {other}"})
    assert r.status_code == 404  # not their skill: it does not exist for them


def test_the_pull_issues_once_and_the_page_verifies(client, auth, nuggets, tmp_path) -> None:
    skill_id, mine = _skill_of(nuggets)
    coach = coach_headers(client)
    assert client.post(ACH.format(skill_id), headers=coach, json=EASY).status_code == 201
    assert _last_page(client, auth)["progress"]["credentials"] == []  # nothing done yet
    _answer_all(client, auth, mine)
    (cred,) = _last_page(client, auth)["progress"]["credentials"]
    assert _last_page(client, auth)["progress"]["credentials"] == [cred]  # issued once
    with session_scope() as s:
        (row,) = s.exec(select(IssuedCredential)).all()
        learner = s.get(User, row.user_id)
        assert learner is not None and learner.email not in json.dumps(row.document)
    assert cred["name"] == EASY["name"] and not cred["revoked"]
    assert cred["verify_url"].endswith(f"/badges/{cred['id']}")
    doc = row.document
    assert doc["id"] == cred["verify_url"] and doc["proof"]["cryptosuite"] == "eddsa-rdfc-2022"
    assert [e["name"] for e in doc["evidence"]][-1] == "Recall"

    page = client.get(f"/badges/{cred['id']}", headers={"Accept": "text/html"})
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert "Verified: issued by Micromastery" in page.text
    german = client.get(f"/badges/{cred['id']}", headers={"Accept-Language": "de"}).text
    assert '<html lang="de">' in german and "Verified" not in german
    assert "Verifiziert: von Micromastery (did:web:" in german
    assert f" ausgestellt, für {EASY['name']}." in german
    assert 'property="og:title"' in page.text and "<script" not in page.text
    for accept in ("application/ld+json", "application/json"):
        machine = client.get(f"/badges/{cred['id']}", headers={"Accept": accept})
        assert machine.json() == doc
    assert client.get(f"/badges/{cred['id']}.json").json() == doc
    png = client.get(f"/badges/{cred['id']}.png")
    assert png.headers["content-type"] == "image/png" and unbake(png.content) == doc
    assert client.get(cred["image_url"].split(":3000", 1)[-1]).status_code == 200
    for missing in (uuid.uuid4(), "not-a-uuid"):
        assert client.get(f"/badges/{missing}").status_code == 404
        assert client.get(f"/badges/{missing}.png").status_code == 404

    baked = tmp_path / "badge.png"
    baked.write_bytes(png.content)
    out = subprocess.run(
        [sys.executable, "-m", "mmapp.cli", "verify-badge", str(baked)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert out.returncode == 0 and out.stdout.startswith("Verified: issued by"), out


def test_revoke_and_tamper_say_why(client, auth, nuggets) -> None:
    skill_id, mine = _skill_of(nuggets)
    coach = coach_headers(client)
    client.post(ACH.format(skill_id), headers=coach, json=EASY)
    _answer_all(client, auth, mine)
    (cred,) = _last_page(client, auth)["progress"]["credentials"]
    revoke = f"/api/v1/coach/credentials/{cred['id']}/revoke"
    assert client.post(revoke, headers=auth, json={"reason": "x"}).status_code == 403
    assert client.post(revoke, headers=coach, json={"reason": ""}).status_code == 422
    r = client.post(revoke, headers=coach, json={"reason": "issued by mistake"})
    assert r.status_code == 200, r.text
    assert client.post(revoke, headers=coach, json={"reason": "again"}).status_code == 409
    page = client.get(f"/badges/{cred['id']}").text
    assert "Not verified: revoked (issued by mistake)." in page
    german = client.get(f"/badges/{cred['id']}", headers={"Accept-Language": "de"}).text
    assert "Nicht verifiziert: widerrufen (issued by mistake)." in german
    (again,) = _last_page(client, auth)["progress"]["credentials"]  # not issued again
    assert again["revoked"] and again["revoked_reason"] == "issued by mistake"
    with session_scope() as s:
        entry = s.exec(select(AuditEntry).where(AuditEntry.action == "credential_revoked")).one()
        assert entry.subject_id == cred["id"] and "issued by mistake" in entry.detail
        row = s.get(IssuedCredential, uuid.UUID(cred["id"]))
        assert row is not None
        row.revoked_at = None  # un-revoke, then change one character of the document
        document = json.loads(json.dumps(row.document))
        document["name"] = document["name"][:-1] + "X"
        row.document = document
        s.add(row)
    page = client.get(f"/badges/{cred['id']}").text
    assert "Not verified:" in page and "Verified: issued" not in page
    assert "signature" in page.lower() or "tamper" in page.lower()
    german = client.get(f"/badges/{cred['id']}", headers={"Accept-Language": "de-DE"}).text
    assert "Nicht verifiziert: Die Signatur passt nicht: Der Nachweis wurde verändert." in german


def test_no_credential_below_the_score(client, auth, nuggets) -> None:
    skill_id, mine = _skill_of(nuggets)
    client.post(ACH.format(skill_id), headers=coach_headers(client), json=EASY)
    _answer_all(client, auth, mine, right=False)
    assert _last_page(client, auth)["progress"]["credentials"] == []
    with session_scope() as s:
        assert s.exec(select(Skill)).first() is not None
        assert s.exec(select(IssuedCredential)).first() is None
