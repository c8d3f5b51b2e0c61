"""What the phone's mentoring screens need of the API beyond the core journey.

A request sent from the phone's outbox carries an id the phone made, so a resend
(the answer was lost in a tunnel) makes it once; and the "Offer to mentor" form
lists the skills by name, saying which the person may offer.
"""

from __future__ import annotations

import uuid

from sqlmodel import select

from mmapp.db import session_scope
from mmapp.models import HelpRequest, Role, Skill
from tests.api.test_mentoring_api import URL, _person, _profile, _skill


def _stored(need: str) -> list[HelpRequest]:
    with session_scope() as s:
        return list(s.exec(select(HelpRequest).where(HelpRequest.need == need)))


def test_a_resent_request_is_made_once(client, auth) -> None:
    skill = _skill()
    ada = _person(client, "Ada", Role.mentor)
    assert client.put(f"{URL}/profile", headers=ada, json=_profile(skill)).status_code == 200
    rid = str(uuid.uuid4())
    body = {"id": rid, "skill_id": skill, "need": "Opening a hard talk", "minutes": 20}
    first = client.post(f"{URL}/requests", headers=auth, json=body)
    assert first.status_code == 201, first.text
    assert first.json()["id"] == rid and first.json()["status"] == "offered"
    again = client.post(
        f"{URL}/requests", headers=auth, json={**body, "need": " Opening a hard talk"}
    )
    assert again.status_code == 200, again.text
    assert again.json() == first.json()
    assert [r.id for r in _stored("Opening a hard talk")] == [uuid.UUID(rid)]

    # The same id with another need, or from someone else: refused, nothing stored.
    other = client.post(f"{URL}/requests", headers=auth, json={**body, "need": "Something else"})
    assert other.status_code == 409 and other.json()["error"] == "id_reused"
    kim = _person(client, "Kim")
    theirs = client.post(f"{URL}/requests", headers=kim, json=body)
    assert theirs.status_code == 409 and theirs.json()["error"] == "id_reused"
    assert _stored("Something else") == [] and len(_stored("Opening a hard talk")) == 1
    # Without an id every send is a new request, as before.
    plain = {"skill_id": skill, "need": "No id", "minutes": 20}
    for _ in range(2):
        assert client.post(f"{URL}/requests", headers=auth, json=plain).status_code == 201
    assert len(_stored("No id")) == 2


def test_mentors_for_each_length_asked_in_the_query(client, auth) -> None:
    skill = _skill()
    ada = _person(client, "Ada", Role.mentor)
    assert client.put(f"{URL}/profile", headers=ada, json=_profile(skill)).status_code == 200
    found = {}
    for minutes in (15, 20, 30):
        r = client.get(
            f"{URL}/mentors", headers=auth, params={"skill_id": skill, "minutes": minutes}
        )
        assert r.status_code == 200, r.text
        found[minutes] = [m["name"] for m in r.json()]
    assert found == {15: [], 20: ["Ada"], 30: ["Ada"]}  # Ada offers 20 and 30
    odd = client.get(f"{URL}/mentors", headers=auth, params={"skill_id": skill, "minutes": 25})
    assert odd.status_code == 422 and odd.json()["error"] == "bad_length"


def test_the_skills_a_person_may_offer(client, auth) -> None:
    with session_scope() as s:
        names = sorted(s.exec(select(Skill.name)).all())
    ada = _person(client, "Ada", Role.mentor)
    theirs = client.get(f"{URL}/skills", headers=ada)
    assert theirs.status_code == 200, theirs.text
    assert [c["name"] for c in theirs.json()] == names
    assert all(c["may_offer"] for c in theirs.json())
    # The demo learner can teach none of them yet: listed, none to offer.
    mine = client.get(f"{URL}/skills", headers=auth).json()
    assert [c["name"] for c in mine] == names and not any(c["may_offer"] for c in mine)
    assert client.get(f"{URL}/skills").status_code == 401
