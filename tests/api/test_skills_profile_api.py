"""The skills profile: private by default, an unlisted link the learner revokes.

The demo learner earns a credential through the real push and pull (as in
test_credentials_api), shares the profile, and the public page `/p/<token>` shows the
display name, skills with levels in words, and the credential with its verify link,
never the email. Replacing or revoking the link, another learner's attempts, and a
deleted account all end in the same 404.
"""

from __future__ import annotations

import hashlib

from sqlmodel import select

from mmapp import accounts
from mmapp.db import session_scope
from mmapp.demo.seed import DEMO_LEARNER
from mmapp.models import SkillsProfile, User
from tests.api.conftest import coach_headers
from tests.api.test_credentials_api import ACH, EASY, _answer_all, _last_page, _skill_of

ME = "/api/v1/me/profile"
SHARE = "/api/v1/me/profile/share"


def _path(url: str) -> str:
    return "/p/" + url.rsplit("/p/", 1)[-1]


def _other(client) -> dict[str, str]:
    with session_scope() as s:
        accounts.create_user(
            session=s, email="bea@ex.org", password="commutes-daily", display_name="Bea"
        )
    body = {"email": "bea@ex.org", "password": "commutes-daily", "device_id": "device-bea"}
    token = client.post("/api/v1/auth/token", json=body).json()["token"]
    return {"Authorization": f"Bearer {token}"}


def test_share_view_replace_revoke_and_nobody_else(client, auth, nuggets) -> None:
    skill_id, mine = _skill_of(nuggets)
    assert (
        client.post(ACH.format(skill_id), headers=coach_headers(client), json=EASY).status_code
        == 201
    )
    _answer_all(client, auth, mine)
    (cred,) = _last_page(client, auth)["progress"]["credentials"]

    assert client.get(ME).status_code == 401
    assert client.post(SHARE).status_code == 401
    mine_view = client.get(ME, headers=auth)
    assert mine_view.status_code == 200
    body = mine_view.json()
    assert body["shared"] is False and body["shared_at"] is None  # private by default
    assert [c["id"] for c in body["profile"]["credentials"]] == [cred["id"]]
    skills = body["profile"]["skills"]
    assert skills and all(0 <= s["level"] <= 4 and s["level_words"] for s in skills)

    made = client.post(SHARE, headers=auth)
    assert made.status_code == 200 and made.headers["cache-control"] == "no-store"
    url = made.json()["url"]
    token = url.rsplit("/", 1)[-1]
    assert len(token) >= 40
    with session_scope() as s:
        (row,) = s.exec(select(SkillsProfile)).all()
        assert row.token_hash == hashlib.sha256(token.encode()).hexdigest()  # not the token
    assert client.get(ME, headers=auth).json()["shared"] is True
    assert token not in client.get(ME, headers=auth).text  # shown once, never again

    page = client.get(_path(url))
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert page.headers["x-robots-tag"].startswith("noindex")
    html = page.text
    assert "<script" not in html and 'name="robots" content="noindex' in html
    assert "@media print" in html
    with session_scope() as s:
        learner = s.exec(select(User).where(User.email == DEMO_LEARNER[0])).one()
        assert learner.display_name in html and DEMO_LEARNER[0] not in html
    assert cred["name"] in html and f'href="{cred["verify_url"]}"' in html
    first = skills[0]
    assert f"level {first['level']} · {first['level_words']}" in html

    # Another learner can neither read nor revoke this one's profile.
    bea = _other(client)
    theirs = client.get(ME, headers=bea).json()
    assert theirs["profile"]["credentials"] == [] and theirs["shared"] is False
    assert client.delete(SHARE, headers=bea).status_code == 200  # revokes only their own
    assert client.get(_path(url)).status_code == 200

    # Replacing the link: the old one stops working.
    newer = client.post(SHARE, headers=auth).json()["url"]
    gone, unknown = client.get(_path(url)), client.get("/p/not-a-real-token")
    assert gone.status_code == unknown.status_code == 404
    assert gone.json() == unknown.json()  # no oracle: revoked and unknown look alike
    assert client.get(_path(newer)).status_code == 200

    assert client.delete(SHARE, headers=auth).json() == {"status": "private"}
    assert client.get(_path(newer)).status_code == 404
    assert client.get(ME, headers=auth).json()["shared"] is False
    assert client.get("/p/" + "x" * 500).status_code == 404


def test_a_revoked_credential_leaves_the_profile(client, auth, nuggets) -> None:
    skill_id, mine = _skill_of(nuggets)
    coach = coach_headers(client)
    assert client.post(ACH.format(skill_id), headers=coach, json=EASY).status_code == 201
    _answer_all(client, auth, mine)
    (cred,) = _last_page(client, auth)["progress"]["credentials"]
    url = client.post(SHARE, headers=auth).json()["url"]
    r = client.post(
        f"/api/v1/coach/credentials/{cred['id']}/revoke",
        headers=coach,
        json={"reason": "Issued by mistake"},
    )
    assert r.status_code == 200, r.text
    assert cred["name"] not in client.get(_path(url)).text


def test_a_deleted_accounts_link_404s_and_the_export_has_the_share_state(client, auth) -> None:
    url = client.post(SHARE, headers=auth).json()["url"]
    assert client.get(_path(url)).status_code == 200
    export = accounts.export_account
    with session_scope(read_only=True) as s:
        learner = s.exec(select(User).where(User.email == DEMO_LEARNER[0])).one()
        doc = export(session=s, user=learner, now=learner.created_at).model_dump(mode="json")
    assert doc["skills_profile"]["shared"] is True
    assert url.rsplit("/", 1)[-1] not in str(doc)  # the state, never the link
    r = client.request(
        "DELETE", "/api/v1/me", headers=auth, json={"password": DEMO_LEARNER[1], "confirm": True}
    )
    assert r.status_code == 200, r.text
    assert client.get(_path(url)).status_code == 404
    with session_scope() as s:
        assert s.exec(select(SkillsProfile)).all() == []
