"""The coordinator's skills view over HTTP: the heat map as JSON and as a CSV file."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from sqlmodel import select

from mmapp import accounts, cohorts
from mmapp.db import session_scope
from mmapp.models import Cohort, Role
from tests.api.conftest import coach_headers, make_event

PUSH = "/api/v1/sync/push"
TODAY = dt.date(2026, 11, 21)  # FIXED_NOW in London


@pytest.fixture
def cohort_id(client) -> str:
    with session_scope(read_only=True) as s:
        return str(s.exec(select(Cohort).where(Cohort.invite_code == "COMMUTE1")).one().id)


def _url(cohort_id: str, tail: str = "skills") -> str:
    return f"/api/v1/coach/cohorts/{cohort_id}/{tail}"


def _rate(client, auth, nuggets, skill: str, level: int) -> None:
    nugget = next(n for n in nuggets if n["skill"]["slug"] == skill)
    event = make_event(nugget, 1, "skill_rated", {"level": level})
    r = client.post(PUSH, headers=auth, json={"device_id": "device-api-test-1", "events": [event]})
    assert r.json()["results"][0]["status"] == "applied", r.text


def test_the_heat_map_follows_an_audit_and_a_new_target(client, cohort_id, auth, nuggets):
    coach = coach_headers(client)
    before = client.get(_url(cohort_id), headers=coach)
    assert before.status_code == 200, before.text
    body = before.json()
    assert [s["slug"] for s in body["skills"]] == ["feedback", "reading-charts", "status-email"]
    (lee,) = body["learners"]
    assert (lee["learner"], lee["audited"]) == ("Lee Learner", False)
    assert [c["text"] for c in lee["cells"]] == ["0 → 3"] * 3
    assert [m["learner"] for m in body["not_audited"]] == ["Lee Learner"]

    _rate(client, auth, nuggets, "feedback", 2)
    targets = {"targets": [{"skill": "feedback", "level": 4, "by": "2026-12-01"}]}
    assert client.put(_url(cohort_id, "targets"), headers=coach, json=targets).status_code == 200
    after = client.get(_url(cohort_id), headers=coach).json()
    feedback = after["learners"][0]["cells"][0]
    assert (feedback["self_rating"], feedback["current"], feedback["target"]) == (2, 2, 4)
    assert (feedback["text"], feedback["gap"], feedback["band"]) == ("2 → 4", 2, "gap2")
    assert feedback["label"] == "Lee Learner: Giving feedback that lands, level 2, target 4, gap 2"
    assert after["not_audited"] == []
    # 10 days left, fewer than 2 weeks for 2 levels: at risk; the other skills lost their target.
    assert [(r["skill"], r["days_left"]) for r in after["at_risk"]] == [("feedback", 10)]
    assert after["at_risk"][0]["text"] == (
        "Lee Learner · Giving feedback that lands 2 → 4 by 1 Dec · 10 days left"
    )
    assert [c["text"] for c in after["learners"][0]["cells"][1:]] == ["0", "0"]
    assert [(g["skill"], g["total_gap"]) for g in after["gaps"]] == [("feedback", 2)]
    assert after["skills"][0]["target"] == 4 and after["skills"][1]["target"] is None


def test_the_csv_has_a_row_per_learner_and_skill(client, cohort_id, auth, nuggets):
    _rate(client, auth, nuggets, "reading-charts", 1)
    r = client.get(_url(cohort_id, "skills.csv"), headers=coach_headers(client))
    assert r.status_code == 200, r.text
    assert r.headers["content-type"].startswith("text/csv")
    assert 'filename="skills.csv"' in r.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert list(rows[0]) == [
        "learner",
        "email",
        "skill",
        "self_rating",
        "shown",
        "current",
        "target",
        "target_by",
        "gap",
        "audited",
        "at_risk",
    ]
    by = (TODAY + dt.timedelta(days=42)).isoformat()
    assert [(r["skill"], r["self_rating"], r["current"], r["gap"], r["audited"]) for r in rows] == [
        ("feedback", "", "0", "3", "False"),
        ("reading-charts", "1", "1", "2", "True"),
        ("status-email", "", "0", "3", "False"),
    ]
    assert {(r["learner"], r["target"], r["target_by"], r["at_risk"]) for r in rows} == {
        ("Lee Learner", "3", by, "False")
    }


def test_learners_get_403_and_other_coordinators_404(client, cohort_id, auth):
    with session_scope() as s:
        other = accounts.create_user(
            session=s,
            email="other@example.org",
            password="commutes-daily",
            display_name="Other",
            role=Role.coordinator,
        )
        theirs = cohorts.create_cohort(session=s, name="Theirs", owner=other, invite_code="THEIRS1")
        theirs_id = str(theirs.id)
    login = {"email": "other@example.org", "password": "commutes-daily", "device_id": "device-oth"}
    token = client.post("/api/v1/auth/token", json=login).json()["token"]
    other_auth = {"Authorization": f"Bearer {token}"}
    coach = coach_headers(client)
    for tail in ("skills", "skills.csv"):
        assert client.get(_url(cohort_id, tail), headers=auth).status_code == 403
        r = client.get(_url(cohort_id, tail), headers=other_auth)
        assert (r.status_code, r.json()["error"]) == (404, "cohort_not_found")
        # ...and the demo coordinator cannot read another coach's cohort either.
        assert client.get(_url(theirs_id, tail), headers=coach).status_code == 404
        assert client.get(_url(theirs_id, tail), headers=other_auth).status_code == 200
        assert client.get(_url(cohort_id, tail)).status_code == 401
    missing = client.get(_url("not-a-uuid"), headers=coach)
    assert missing.status_code == 422, missing.text
