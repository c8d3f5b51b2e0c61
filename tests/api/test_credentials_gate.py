"""The pull runs the issuing check only on its last page, and only when something moved.

Counted by wrapping `issuing.due_achievements`: a repeated "nothing new" pull does not
check; a pushed event, a changed achievement, or the next local day each check again;
and a met achievement is issued on the first pull after the push that meets it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from mmapp.api import sync_routes
from mmapp.credentials import issuing
from mmapp.settings import get_settings
from tests.api.conftest import coach_headers
from tests.api.test_credentials_api import ACH, EASY, _answer_all, _last_page, _skill_of


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
