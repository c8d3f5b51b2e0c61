"""The coordinator workspace through the API: cohorts, versions, files and analytics."""

from __future__ import annotations

import datetime as dt

from mmapp.content.files import to_markdown
from mmapp.demo.seed import DEMO_COORDINATOR
from tests.api.conftest import coach_headers, make_event
from tests.factories import nugget_in


def test_cohort_lifecycle(client):
    coach = coach_headers(client)
    r = client.post(
        "/api/v1/coach/cohorts",
        headers=coach,
        json={"name": "Night shift", "timezone": "Europe/Berlin"},
    )
    assert r.status_code == 201
    cohort_id, code = r.json()["id"], r.json()["invite_code"]
    base = f"/api/v1/coach/cohorts/{cohort_id}"
    assert (
        client.patch(base, headers=coach, json={"name": "Night owls"}).json()["name"]
        == "Night owls"
    )
    bad = client.patch(base, headers=coach, json={"timezone": "Mars/Olympus"})
    assert bad.status_code == 422 and bad.json()["error"] == "invalid_timezone"
    added = client.post(
        base + "/members", headers=coach, json={"email": "learner@demo.micromastery.app"}
    )
    assert added.status_code == 201
    unknown = client.post(base + "/members", headers=coach, json={"email": "nobody@example.org"})
    assert unknown.status_code == 404 and "invite code" in unknown.json()["reason"]
    assert [m["name"] for m in client.get(base + "/members", headers=coach).json()] == [
        "Lee Learner"
    ]
    member_id = added.json()["id"]
    assert client.delete(f"{base}/members/{member_id}", headers=coach).status_code == 204
    assert client.delete(f"{base}/members/{member_id}", headers=coach).status_code == 404
    assert client.patch(base, headers=coach, json={"archived": True}).json()["archived"] is True
    joined = client.post(
        "/api/v1/cohorts/join", headers=coach, json={"invite_code": code}
    )  # archived: the code no longer works
    assert joined.status_code == 404


def test_edit_publish_history_and_files(client, auth):
    coach = coach_headers(client)
    url = "/api/v1/coach/nuggets/per-what"
    current = client.get(url, headers=coach).json()
    assert current["status"] == "published" and [v["version"] for v in current["versions"]] == [1]
    edited = {**current["nugget"], "title": "Ask 'per what?' first"}
    assert client.put(url, headers=coach, json=edited).status_code == 200
    assert client.post(url + "/publish", headers=coach).json()["version"] == 2
    history = client.get(url, headers=coach).json()["versions"]
    assert [(v["version"], v["title"]) for v in history] == [
        (2, "Ask 'per what?' first"),
        (1, 'Ask "per what?"'),
    ]
    # The learner's device gets the new version on its next pull.
    pulled = client.get("/api/v1/sync/pull", headers=auth).json()["nuggets"]
    assert {n["slug"]: n["version"] for n in pulled}["per-what"] == 2

    text = client.get(url + "/export.md", headers=coach).text
    back = client.post(
        "/api/v1/coach/nuggets/import.md",
        headers={**coach, "Content-Type": "text/markdown"},
        content=text.replace("slug: per-what", "slug: per-what-copy"),
    )
    assert back.status_code == 201 and back.json() == {"slug": "per-what-copy", "status": "draft"}
    copy = client.get("/api/v1/coach/nuggets/per-what-copy", headers=coach).json()["nugget"]
    assert {**copy, "slug": "per-what"} == edited
    broken = to_markdown(nugget_in(skill="reading-charts")).replace("minutes: 5", "minutes: 50")
    r = client.post(
        "/api/v1/coach/nuggets/import.md",
        headers={**coach, "Content-Type": "text/markdown"},
        content=broken,
    )
    assert r.status_code == 422 and r.json()["reason"].startswith("line 5: minutes")
    assert client.put(url, headers=coach, json={**edited, "slug": "other"}).status_code == 422


def test_analytics_show_completion_hard_items_hours_and_devices(client, auth, nuggets):
    coach = coach_headers(client)
    nugget = next(n for n in nuggets if n["slug"] == "check-the-axis")
    item = nugget["quiz"][0]
    ts = dt.datetime(2026, 11, 20, 7, 40, tzinfo=dt.UTC)  # 07:40 in London
    events = [
        make_event(nugget, 1, "nugget_started", client_ts=ts.isoformat()),
        make_event(
            nugget,
            2,
            "quiz_answered",
            {"item_id": item["id"], "answer": {"choices": [0]}},
            client_ts=ts.isoformat(),
        ),
        make_event(
            nugget,
            3,
            "quiz_answered",
            {"item_id": item["id"], "answer": {"choices": [1]}},
            client_ts=ts.isoformat(),
        ),
        make_event(nugget, 4, "nugget_completed", client_ts=ts.isoformat()),
    ]
    r = client.post(
        "/api/v1/sync/push", headers=auth, json={"device_id": "device-api-test-1", "events": events}
    )
    assert [x["status"] for x in r.json()["results"]] == ["applied"] * 4
    cohort_id = client.get("/api/v1/coach/cohorts", headers=coach).json()[0]["id"]
    data = client.get(f"/api/v1/coach/cohorts/{cohort_id}/analytics", headers=coach).json()
    [learner] = data["learners"]
    assert (learner["learner"], learner["done"], learner["released"]) == ("Lee Learner", 1, 12)
    assert learner["behind"] is True  # 11 released nuggets not done
    assert data["completion"] == [{"day": "2026-11-20", "completed": 1, "cumulative": 1}]
    [hard] = data["items"]
    assert hard["prompt"] == item["prompt"] and hard["share_correct"] == 0.0
    assert hard["most_chosen_wrong"] == item["options"][0]  # graded on the first try
    assert {h["hour"]: h["minutes"] for h in data["hours"]}[7] == nugget["minutes"]
    assert [d["max_seq"] for d in data["devices"]] == [4]
    csv_text = client.get(
        f"/api/v1/coach/cohorts/{cohort_id}/analytics/items.csv", headers=coach
    ).text
    assert (
        csv_text.splitlines()[0]
        == "nugget,prompt,answered,correct,share_correct,right_first_time,most_chosen_wrong"
    )
    assert (
        client.get(
            f"/api/v1/coach/cohorts/{cohort_id}/analytics/secrets.csv", headers=coach
        ).status_code
        == 404
    )


def test_a_drip_releases_one_nugget_per_weekday_at_local_time_across_dst(client, auth):
    coach = coach_headers(client)
    cohort = client.post(
        "/api/v1/coach/cohorts", headers=coach, json={"name": "Drip", "timezone": "Europe/London"}
    ).json()
    plan = {
        "slugs": ["check-the-axis", "per-what", "small-samples"],
        "start_date": "2026-03-27",  # a Friday; the clocks go forward on Sunday the 29th
        "time": "07:30",
        "due_after_days": 2,
        "notify": False,
    }
    r = client.post(f"/api/v1/coach/cohorts/{cohort['id']}/drip", headers=coach, json=plan)
    assert r.status_code == 201, r.text
    assert [(x["slug"], x["release_at"]) for x in r.json()] == [
        ("check-the-axis", "2026-03-27T07:30:00+00:00"),
        ("per-what", "2026-03-30T07:30:00+01:00"),
        ("small-samples", "2026-03-31T07:30:00+01:00"),
    ]
    assert r.json()[0]["due_at"] == "2026-03-29T07:30:00+01:00"  # same local time
    twice = {**plan, "slugs": ["per-what", "per-what"]}
    bad = client.post(f"/api/v1/coach/cohorts/{cohort['id']}/drip", headers=coach, json=twice)
    assert bad.status_code == 422 and "listed twice" in bad.text
    unknown = {**plan, "slugs": ["no-such-nugget"]}
    assert (
        client.post(
            f"/api/v1/coach/cohorts/{cohort['id']}/drip", headers=coach, json=unknown
        ).status_code
        == 404
    )
    # Learners may not schedule.
    assert (
        client.post(
            f"/api/v1/coach/cohorts/{cohort['id']}/drip", headers=auth, json=plan
        ).status_code
        == 403
    )


def test_skill_archive_export_and_import_through_the_api(client):
    import io
    import zipfile

    coach = coach_headers(client)
    r = client.get("/api/v1/coach/skills/reading-charts/export.zip", headers=coach)
    assert r.status_code == 200 and r.headers["content-type"] == "application/zip"
    names = zipfile.ZipFile(io.BytesIO(r.content)).namelist()
    assert names[0] == "skill.yaml" and len([n for n in names if n.endswith(".md")]) == 4
    back = client.post(
        "/api/v1/coach/import.zip",
        headers={**coach, "Content-Type": "application/zip"},
        content=r.content,
    )
    assert back.status_code == 201 and len(back.json()["imported"]) == 4
    # Another coordinator cannot overwrite these nuggets by importing them.
    from mmapp import accounts
    from mmapp.db import session_scope
    from mmapp.models import Role

    with session_scope() as s:
        accounts.create_user(
            session=s, email="rival@example.org", password="commutes-daily",
            display_name="Rival", role=Role.coordinator,
        )  # fmt: skip
    login = client.post(
        "/api/v1/auth/token",
        json={
            "email": "rival@example.org",
            "password": "commutes-daily",
            "device_id": "device-rival",
        },
    )
    rival = {"Authorization": f"Bearer {login.json()['token']}"}
    refused = client.post(
        "/api/v1/coach/import.zip",
        headers={**rival, "Content-Type": "application/zip"},
        content=r.content,
    )
    assert refused.status_code == 422 and "someone else's nugget" in refused.json()["reason"]
    empty = client.get("/api/v1/coach/skills/reading-charts/export.zip", headers=rival)
    assert [
        n for n in zipfile.ZipFile(io.BytesIO(empty.content)).namelist() if n.endswith(".md")
    ] == []


def test_sharing_a_cohort_and_a_nugget_with_another_coordinator(client):
    from mmapp import accounts
    from mmapp.db import session_scope
    from mmapp.models import Role

    with session_scope() as s:
        for email, role in (
            ("cody@example.org", Role.coordinator),
            ("lena@example.org", Role.learner),
        ):
            accounts.create_user(
                session=s, email=email, password="commutes-daily", display_name=email, role=role
            )
    login = client.post(
        "/api/v1/auth/token",
        json={
            "email": "cody@example.org",
            "password": "commutes-daily",
            "device_id": "device-cody",
        },
    )
    cody = {"Authorization": f"Bearer {login.json()['token']}"}
    coach = coach_headers(client)
    cohort_id = client.get("/api/v1/coach/cohorts", headers=coach).json()[0]["id"]
    members = f"/api/v1/coach/cohorts/{cohort_id}/members"
    assert client.get(members, headers=cody).status_code == 404
    shares = f"/api/v1/coach/cohorts/{cohort_id}/shares"
    learner = client.post(shares, headers=coach, json={"email": "lena@example.org"})
    assert learner.status_code == 422 and learner.json()["error"] == "not_a_coordinator"
    shared = client.post(shares, headers=coach, json={"email": "cody@example.org"})
    assert shared.status_code == 201
    assert client.get(members, headers=cody).status_code == 200
    assert [s["email"] for s in client.get(shares, headers=cody).json()] == ["cody@example.org"]
    # A co-coordinator manages, but cannot re-share or unshare.
    assert client.post(shares, headers=cody, json={"email": "cody@example.org"}).status_code == 403
    cody_id = shared.json()["id"]
    assert client.delete(f"{shares}/{cody_id}", headers=cody).status_code == 403
    assert client.delete(f"{shares}/{cody_id}", headers=coach).status_code == 204
    assert client.get(members, headers=cody).status_code == 404

    nugget = "/api/v1/coach/nuggets/per-what"
    assert client.get(nugget, headers=cody).status_code == 404
    share = client.post(nugget + "/shares", headers=coach, json={"email": "cody@example.org"})
    assert share.status_code == 201
    assert client.get(nugget, headers=cody).status_code == 200
    assert "per-what" in [
        n["slug"] for n in client.get("/api/v1/coach/nuggets", headers=cody).json()
    ]


def _skill_zip(
    name: str, description: str, slug: str = "reading-charts", nugget: str = ""
) -> bytes:
    import io
    import zipfile

    import yaml

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        meta = {"slug": slug, "name": name, "description": description}
        archive.writestr("skill.yaml", yaml.safe_dump(meta))
        if nugget:
            archive.writestr("nuggets/01.md", to_markdown(nugget_in(slug=nugget, skill=slug)))
    return buffer.getvalue()


def test_only_a_skills_owner_or_an_admin_changes_its_name_by_importing(client):
    from sqlmodel import select

    from mmapp import accounts
    from mmapp.db import session_scope
    from mmapp.models import Nugget, Role, Skill, User

    with session_scope() as s:
        for email, role in (("rival@example.org", Role.coordinator), ("root@x.org", Role.admin)):
            accounts.create_user(
                session=s, email=email, password="commutes-daily", display_name=email, role=role
            )
        coach_id = s.exec(select(User.id).where(User.email == DEMO_COORDINATOR[0])).one()

    def login(email: str) -> dict[str, str]:
        r = client.post(
            "/api/v1/auth/token",
            json={
                "email": email,
                "password": "commutes-daily",
                "device_id": "device-" + email.split("@")[0],
            },
        )
        return {"Authorization": f"Bearer {r.json()['token']}", "Content-Type": "application/zip"}

    def stored(slug: str = "reading-charts") -> tuple | None:
        with session_scope(read_only=True) as s:
            k = s.exec(select(Skill).where(Skill.slug == slug)).first()
            return (k.name, k.description, k.owner_id) if k else None

    def nugget_exists(slug: str) -> bool:
        with session_scope(read_only=True) as s:
            return s.exec(select(Nugget).where(Nugget.slug == slug)).first() is not None

    rival, coach, admin = login("rival@example.org"), coach_headers(client), login("root@x.org")
    coach["Content-Type"] = "application/zip"
    original = stored()
    assert original[2] == coach_id  # the demo skills belong to the demo coordinator

    # Someone else's skill: renaming it is refused, and nothing of the archive lands.
    refused = client.post(
        "/api/v1/coach/import.zip",
        headers=rival,
        content=_skill_zip("Hijacked", "Mine now", nugget="rival-first"),
    )
    assert refused.status_code == 422 and refused.json()["error"] == "invalid_archive"
    assert "Nothing was imported" in refused.json()["reason"]
    assert "skill.yaml line 2: skill 'reading-charts' is someone else's" in refused.json()["reason"]
    assert stored() == original and not nugget_exists("rival-first")

    # The same skill as stored (an exported archive): their nugget goes in, the skill stays.
    kept = client.post(
        "/api/v1/coach/import.zip",
        headers=rival,
        content=_skill_zip(original[0], original[1], nugget="rival-first"),
    )
    assert kept.status_code == 201 and kept.json()["imported"] == ["rival-first"]
    assert stored() == original and nugget_exists("rival-first")

    # A new skill is the importer's to rename; the owner and admins rename theirs.
    new = client.post(
        "/api/v1/coach/import.zip",
        headers=rival,
        content=_skill_zip("Rival skill", "", slug="rival-skill", nugget="rival-second"),
    )
    assert new.status_code == 201
    rival_id = stored("rival-skill")[2]
    again = _skill_zip("Rival skill, renamed", "d", slug="rival-skill", nugget="rival-second")
    assert client.post("/api/v1/coach/import.zip", headers=rival, content=again).status_code == 201
    assert stored("rival-skill") == ("Rival skill, renamed", "d", rival_id)
    same = _skill_zip("Rival skill, renamed", "d", slug="rival-skill", nugget="coach-second")
    assert client.post("/api/v1/coach/import.zip", headers=coach, content=same).status_code == 201
    assert (
        client.post(
            "/api/v1/coach/import.zip",
            headers=coach,
            content=_skill_zip("Coach's rename", "x", slug="rival-skill", nugget="coach-third"),
        ).status_code
        == 422
    )
    assert stored("rival-skill") == ("Rival skill, renamed", "d", rival_id)
    assert not nugget_exists("coach-third")
    renamed = _skill_zip("Charts, read well", "by the owner", nugget="per-what-2")
    assert (
        client.post("/api/v1/coach/import.zip", headers=coach, content=renamed).status_code == 201
    )
    assert stored() == ("Charts, read well", "by the owner", coach_id)
    by_admin = _skill_zip("Charts (admin)", "", nugget="admin-nugget")
    assert (
        client.post("/api/v1/coach/import.zip", headers=admin, content=by_admin).status_code == 201
    )
    assert stored() == ("Charts (admin)", "", coach_id)  # an admin's rename keeps the owner

    # A skill with no owner (from before owners existed, several authors): admins only.
    with session_scope() as s:
        skill = s.exec(select(Skill).where(Skill.slug == "reading-charts")).one()
        skill.owner_id = None
        s.add(skill)
    orphan = _skill_zip("Orphan rename", "", nugget="orphan-nugget")
    assert client.post("/api/v1/coach/import.zip", headers=coach, content=orphan).status_code == 422
    assert stored() == ("Charts (admin)", "", None) and not nugget_exists("orphan-nugget")
    assert client.post("/api/v1/coach/import.zip", headers=admin, content=orphan).status_code == 201
    assert stored() == ("Orphan rename", "", None)
