"""Cohort skill targets over HTTP, and the standing a learner pulls after rating a skill."""

from __future__ import annotations

import pytest
from sqlmodel import select

from mmapp import accounts, cohorts
from mmapp.db import session_scope
from mmapp.models import Cohort, Role, SkillTarget
from tests.api.conftest import coach_headers, make_event

PUSH = "/api/v1/sync/push"


@pytest.fixture
def cohort_id(client) -> str:
    with session_scope(read_only=True) as s:
        return str(s.exec(select(Cohort).where(Cohort.invite_code == "COMMUTE1")).one().id)


def _url(cohort_id: str) -> str:
    return f"/api/v1/coach/cohorts/{cohort_id}/targets"


def _stored() -> list[tuple]:
    with session_scope(read_only=True) as s:
        return sorted((str(t.skill_id), t.level, t.by) for t in s.exec(select(SkillTarget)))


def test_the_owner_reads_and_replaces_the_targets(client, cohort_id):
    coach = coach_headers(client)
    got = client.get(_url(cohort_id), headers=coach)
    assert got.status_code == 200, got.text
    assert [(t["skill"], t["level"]) for t in got.json()["targets"]] == [
        ("feedback", 3),
        ("reading-charts", 3),
        ("status-email", 3),
    ]  # the demo's, by skill name
    body = {
        "targets": [
            {"skill": "feedback", "level": 4, "by": "2027-02-01"},
            {"skill": "reading-charts", "level": 3, "by": got.json()["targets"][1]["by"]},
        ]
    }
    put = client.put(_url(cohort_id), headers=coach, json=body)
    assert put.status_code == 200, put.text
    rows = {t["skill"]: t for t in put.json()["targets"]}
    assert set(rows) == {"feedback", "reading-charts"}  # left out: target removed
    assert (rows["feedback"]["level"], rows["feedback"]["by"]) == (4, "2027-02-01")
    assert rows["feedback"]["skill_name"] == "Giving feedback that lands"
    assert client.get(_url(cohort_id), headers=coach).json() == put.json()
    assert client.put(_url(cohort_id), headers=coach, json={"targets": []}).json()["targets"] == []


@pytest.mark.parametrize(
    ("target", "error"),
    [
        ({"skill": "feedback", "level": 5}, "invalid_request"),
        ({"skill": "feedback", "level": 0}, "invalid_request"),
        ({"skill": "feedback", "level": "3"}, "invalid_request"),
        ({"skill": "feedback", "level": 3, "by": "2027-02-30"}, "invalid_request"),
        ({"skill": "feedback", "level": 3, "by": "2300-01-01"}, "invalid_request"),
        ({"skill": "feedback", "level": 3, "extra": 1}, "invalid_request"),
        ({"skill": "no-such-skill", "level": 3}, "unknown_skill"),
    ],
)
def test_bad_targets_are_422_and_change_nothing(client, cohort_id, target, error):
    before = _stored()
    r = client.put(_url(cohort_id), headers=coach_headers(client), json={"targets": [target]})
    assert r.status_code == 422, r.text
    assert r.json()["error"] == error and r.json()["reason"]
    assert _stored() == before


def test_a_skill_twice_is_422(client, cohort_id):
    twice = [{"skill": "feedback", "level": 3}, {"skill": "feedback", "level": 4}]
    r = client.put(_url(cohort_id), headers=coach_headers(client), json={"targets": twice})
    assert (r.status_code, r.json()["error"]) == (422, "duplicate_skill")


def test_learners_get_403_and_other_coordinators_404(client, cohort_id, auth):
    with session_scope() as s:
        other = accounts.create_user(
            session=s,
            email="other@example.org",
            password="commutes-daily",
            display_name="Other",
            role=Role.coordinator,
        )
        cohorts.create_cohort(session=s, name="Theirs", owner=other, invite_code="THEIRS1")
    login = {"email": "other@example.org", "password": "commutes-daily", "device_id": "device-oth"}
    token = client.post("/api/v1/auth/token", json=login).json()["token"]
    other_auth = {"Authorization": f"Bearer {token}"}
    body = {"targets": [{"skill": "feedback", "level": 1}]}
    before = _stored()
    for headers, status in ((auth, 403), (other_auth, 404)):
        assert client.get(_url(cohort_id), headers=headers).status_code == status
        assert client.put(_url(cohort_id), headers=headers, json=body).status_code == status
    assert _stored() == before


def _pull_standing(client, auth) -> dict[str, dict]:
    page = client.get("/api/v1/sync/pull", headers=auth).json()
    while page["has_more"]:
        page = client.get(
            "/api/v1/sync/pull", headers=auth, params={"cursor": page["cursor"]}
        ).json()
    return {s["slug"]: s for s in page["progress"]["standing"]}


def test_a_rating_and_a_goal_pushed_come_back_in_the_pulled_standing(client, auth, nuggets):
    feedback = next(n for n in nuggets if n["skill"]["slug"] == "feedback")
    events = [
        make_event(feedback, 1, "skill_rated", {"level": 2}),
        make_event(feedback, 2, "goal_set", {"level": 4, "by": "2027-03-01"}),
        make_event(feedback, 3, "skill_rated", {"level": 7}),
        make_event(feedback, 4, "goal_set", {"level": 4, "by": "soon"}),
    ]
    r = client.post(PUSH, headers=auth, json={"device_id": "device-api-test-1", "events": events})
    assert r.status_code == 200, r.text
    assert [(x["status"], x["reason"]) for x in r.json()["results"]] == [
        ("applied", None),
        ("applied", None),
        ("rejected", "level_out_of_range"),
        ("rejected", "invalid_date"),
    ]
    row = _pull_standing(client, auth)["feedback"]
    assert row == {
        "slug": "feedback",
        "name": "Giving feedback that lands",
        "scale": row["scale"],
        "self_rating": 2,
        "rated_on": "2026-11-21",
        "shown": 0,
        "current": 2,
        "target": 4,
        "target_by": "2027-03-01",
        "target_source": "learner",
        "statement": "Giving feedback that lands: level 2 → 4 by 1 Mar; 0 of 4 nuggets",
        # The same line for the phone to word in its own language.
        "statement_words": {
            "msgid": "{name}: level {current} → {target} by {by}; {done} of {total} nuggets",
            "plural": "",
            "n": None,
            "params": {"name": "Giving feedback that lands", "current": 2, "target": 4}
            | {"done": 0, "total": 4},
            "days": {"by": {"date": "2027-03-01", "year": False}},
        },
    }
    assert len(row["scale"]) == 5
