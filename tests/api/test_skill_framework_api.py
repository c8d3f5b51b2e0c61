"""Levels and prerequisites through the coordinator API and on to the phone."""

from __future__ import annotations

from mmapp.content.files import to_markdown
from mmapp.schemas import NuggetIn
from tests.api.conftest import coach_headers

URL = "/api/v1/coach/nuggets"


def test_level_and_prerequisites_are_saved_published_and_pulled(client, auth):
    coach = coach_headers(client)
    current = client.get(f"{URL}/small-samples", headers=coach).json()["nugget"]
    assert (current["level"], current["prerequisites"]) == (2, ["per-what"])
    edited = {**current, "level": 3, "prerequisites": ["per-what", "behaviour-not-person"]}
    assert client.put(f"{URL}/small-samples", headers=coach, json=edited).status_code == 200
    again = client.get(f"{URL}/small-samples", headers=coach).json()["nugget"]
    assert (again["level"], again["prerequisites"]) == (3, ["per-what", "behaviour-not-person"])
    assert client.post(f"{URL}/small-samples/publish", headers=coach).status_code == 200
    pulled = client.get("/api/v1/sync/pull", headers=auth, params={"page_size": 50}).json()
    got = {n["slug"]: n for n in pulled["nuggets"]}
    assert got["small-samples"]["level"] == 3
    assert got["small-samples"]["prerequisites"] == ["per-what", "behaviour-not-person"]


def test_unknown_prerequisites_and_cycles_are_refused_with_reasons(client):
    coach = coach_headers(client)
    current = client.get(f"{URL}/check-the-axis", headers=coach).json()["nugget"]
    lost = client.put(
        f"{URL}/check-the-axis", headers=coach, json={**current, "prerequisites": ["nowhere"]}
    )
    assert lost.status_code == 422 and lost.json()["error"] == "unknown_prerequisite"
    assert "'nowhere'" in lost.json()["reason"]
    ring = client.put(
        f"{URL}/check-the-axis", headers=coach, json={**current, "prerequisites": ["per-what"]}
    )
    assert ring.status_code == 422 and ring.json()["error"] == "prerequisite_cycle"
    assert "check-the-axis → per-what → check-the-axis" in ring.json()["reason"]
    text = to_markdown(NuggetIn.model_validate({**current, "prerequisites": ["small-samples"]}))
    imported = client.post(
        f"{URL}/import.md", headers={**coach, "Content-Type": "text/markdown"}, content=text
    )
    assert imported.status_code == 422 and imported.json()["error"] == "prerequisite_cycle"
    assert "check-the-axis → small-samples → per-what → check-the-axis" in imported.json()["reason"]
    after = client.get(f"{URL}/check-the-axis", headers=coach).json()["nugget"]
    assert after["prerequisites"] == []
