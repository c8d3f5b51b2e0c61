"""The pull runs the issuing check only on its last page, and only when something moved.

Counted by wrapping `issuing.due_achievements`: a repeated "nothing new" pull does not
check; a pushed event, a changed achievement, or the next local day each check again;
and a met achievement is issued on the first pull after the push that meets it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from sqlmodel import select

from mmapp.api import sync_routes
from mmapp.credentials import issuing
from mmapp.db import session_scope
from mmapp.models import Nugget
from mmapp.settings import get_settings
from tests.api.conftest import coach_headers
from tests.api.test_credentials_api import ACH, EASY, _answer_all, _last_page, _skill_of
from tests.factories import nugget_fields


def test_pull_checks_only_when_something_moved(client, auth, nuggets, clock, monkeypatch) -> None:
    calls: list[int] = []
    real = issuing.due_achievements

    def counted(**kwargs):  # type: ignore[no-untyped-def]
        calls.append(1)
        return real(**kwargs)

    monkeypatch.setattr(issuing, "due_achievements", counted)
    skill_id, mine = _skill_of(nuggets)
    coach = coach_headers(client)
    made = client.post(ACH.format(skill_id), headers=coach, json={**EASY, "min_score": 100})
    assert made.status_code == 201, made.text

    assert _last_page(client, auth)["progress"]["credentials"] == []
    assert len(calls) == 1
    _last_page(client, auth)
    _last_page(client, auth)
    assert len(calls) == 1, "nothing moved: no check"

    # A page that is not the last one never checks, even with something moved.
    small = dataclasses.replace(get_settings(), pull_page_size=1)
    monkeypatch.setattr(sync_routes, "get_settings", lambda: small)
    clock.set(clock.now() + dt.timedelta(days=1))
    first = client.get("/api/v1/sync/pull", headers=auth).json()
    assert first["has_more"] and first.get("progress") is None
    assert len(calls) == 1
    monkeypatch.setattr(sync_routes, "get_settings", get_settings)

    _answer_all(client, auth, mine, right=False)  # completed, but under 100 %
    assert _last_page(client, auth)["progress"]["credentials"] == []
    assert len(calls) == 2, "a pushed event checks again"
    _last_page(client, auth)
    assert len(calls) == 2

    clock.set(clock.now() + dt.timedelta(days=1))
    _last_page(client, auth)
    assert len(calls) == 3, "a new local day checks again"

    put = client.put(
        f"{ACH.format(skill_id)}/{made.json()['id']}", headers=coach, json={**EASY, "min_score": 0}
    )
    assert put.status_code == 200
    page = _last_page(client, auth)
    assert len(calls) == 5, "a changed achievement checks again (and issue_due re-reads)"
    assert [c["name"] for c in page["progress"]["credentials"]] == [EASY["name"]]


def _publish_chart(client, coach, slug: str, skill: str) -> str:
    """Publish a level-1 nugget in `skill`; its id."""
    fields = nugget_fields(slug=slug, skill=skill, title=slug, level=1)
    url = f"/api/v1/coach/nuggets/{slug}"
    assert client.put(url, headers=coach, json=fields).status_code == 200
    assert client.post(f"{url}/publish", headers=coach).status_code == 200
    with session_scope() as s:
        return str(s.exec(select(Nugget.id).where(Nugget.slug == slug)).one())


def test_only_the_learners_own_nuggets_count(client, auth, nuggets, clock) -> None:
    """Another cohort's nugget, or one released next week, does not hold a credential back;
    one released to the learner's cohort today does, until they complete it."""
    skill_id, mine = _skill_of(nuggets)
    coach = coach_headers(client)
    assert client.post(ACH.format(skill_id), headers=coach, json=EASY).status_code == 201
    skill = client.get(f"/api/v1/coach/nuggets/{mine[0]['slug']}", headers=coach).json()
    skill_slug = skill["nugget"]["skill"]
    ours = client.get("/api/v1/coach/cohorts", headers=coach).json()[0]["id"]
    other = client.post(
        "/api/v1/coach/cohorts", headers=coach, json={"name": "Elsewhere", "timezone": "UTC"}
    ).json()["id"]
    releases = {
        "chart-elsewhere": (other, None),
        "chart-next-week": (ours, (clock.now() + dt.timedelta(days=7)).isoformat()),
        "chart-today": (ours, None),
    }
    for slug, (cohort, when) in releases.items():
        nugget_id = _publish_chart(client, coach, slug, skill_slug)
        body = {"nugget_id": nugget_id, "release_at": when, "notify": False}
        r = client.post(f"/api/v1/cohorts/{cohort}/assignments", headers=coach, json=body)
        assert r.status_code == 201, r.text

    _answer_all(client, auth, mine)
    page = _last_page(client, auth)
    assert page["progress"]["credentials"] == []  # "chart-today" is given and not done
    pulled = {n["slug"]: n for n in page["nuggets"]} | {n["slug"]: n for n in nuggets}
    assert "chart-elsewhere" not in pulled and "chart-next-week" not in pulled
    _answer_all(client, auth, [pulled["chart-today"]], seq=1000)
    (cred,) = _last_page(client, auth)["progress"]["credentials"]
    assert cred["name"] == EASY["name"]
