"""After a session, over HTTP: both reflect, the learner plans actions and answers them.

Phones queue these and may send them twice: a replay stores nothing new and answers as
the first time did; the same id with other content is refused. Every status the
contract names is checked, with what the database holds afterwards.
"""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
from sqlmodel import func, select

from mmapp import accounts
from mmapp.db import session_scope
from mmapp.models import (
    ActionAnswer,
    PlannedAction,
    Role,
    SessionReflection,
    User,
)
from mmapp.push import scheduler
from tests.api.test_mentoring_api import URL, _person, _profile, _skill

MONDAY_NOON = dt.datetime(2026, 11, 23, 11, 0, tzinfo=dt.UTC)  # 12:00 Berlin, 11:00 London
OVER = MONDAY_NOON + dt.timedelta(minutes=20)


def _count(model) -> int:
    with session_scope() as s:
        return s.exec(select(func.count()).select_from(model)).one()


def _booked(client, learner: dict[str, str], mentor: dict[str, str]) -> str:
    """A 20-minute session of `learner` with `mentor`, Monday 23 November 12:00 Berlin."""
    skill = _skill()
    assert client.put(f"{URL}/profile", headers=mentor, json=_profile(skill)).status_code == 200
    mentor_id = client.get(f"{URL}/profile", headers=mentor).json()["user_id"]
    body = {"skill_id": skill, "need": "Opening a hard talk", "mentor_id": mentor_id}
    rid = client.post(f"{URL}/requests", headers=learner, json=body).json()["id"]
    assert client.post(f"{URL}/requests/{rid}/accept", headers=mentor).status_code == 200
    start = {"start_at": MONDAY_NOON.isoformat()}
    r = client.post(f"{URL}/requests/{rid}/book", headers=learner, json=start)
    assert r.status_code == 201, r.text
    return r.json()["id"]


def _action(text: str, due: str) -> dict[str, str]:
    return {"id": str(uuid.uuid4()), "text": text, "due_on": due}


@pytest.fixture
def people(client, auth):
    ada = _person(client, "Ada", Role.mentor)
    kim = _person(client, "Kim")
    return auth, ada, kim


def test_both_reflect_once_and_a_replay_stores_nothing_new(client, people, clock) -> None:
    lee, ada, kim = people
    sid = _booked(client, lee, ada)
    reflect = f"{URL}/sessions/{sid}/reflection"
    plan = [_action("  Open with the  facts ", "2026-11-25"), _action("Ask first", "2027-01-22")]
    mine = {"id": str(uuid.uuid4()), "rating": 4, "fit": "good", "takeaway": "Facts first."}
    mine["actions"] = plan

    clock.set(OVER - dt.timedelta(seconds=1))  # the session is not over yet
    r = client.post(reflect, headers=lee, json=mine)
    assert (r.status_code, r.json()["error"]) == (409, "session_not_over")
    clock.set(OVER)
    assert client.post(reflect, headers=kim, json=mine).status_code == 404  # not theirs
    unknown = f"{URL}/sessions/{uuid.uuid4()}/reflection"
    assert client.post(unknown, headers=lee, json=mine).status_code == 404
    # The mentor rates; a takeaway or actions from them are refused with a reason.
    for extra in ({"takeaway": "Good talk"}, {"actions": [_action("Follow up", "2026-11-24")]}):
        body = {"id": str(uuid.uuid4()), "rating": 3, "fit": "good", **extra}
        r = client.post(reflect, headers=ada, json=body)
        assert (r.status_code, r.json()["error"]) == (422, "mentee_only"), r.text
        assert "Only the learner" in r.json()["reason"]
    # Bad input: nothing is stored.
    bad = [
        mine | {"rating": 5},
        mine | {"rating": 0},
        mine | {"fit": "great"},
        mine | {"takeaway": "x" * 281},
        mine | {"actions": [_action("a", "2026-11-24") for _ in range(4)]},
        mine | {"actions": [plan[0], plan[0]]},
        mine | {"actions": [_action("", "2026-11-24")]},
        mine | {"actions": [_action("x" * 141, "2026-11-24")]},
        mine | {"id": "not-a-uuid"},
        mine | {"mood": "fine"},
    ]
    for body in bad:
        r = client.post(reflect, headers=lee, json=body)
        assert r.status_code == 422 and r.json()["reason"], (body, r.text)
    for due in ("2026-11-22", "2027-01-23"):  # the day before the session; 61 days after
        body = mine | {"actions": [_action("Try it", due)]}
        r = client.post(reflect, headers=lee, json=body)
        assert (r.status_code, r.json()["error"]) == (422, "bad_due_on"), r.text
        assert "2026-11-23" in r.json()["reason"] and "2027-01-22" in r.json()["reason"]
    blank = mine | {"actions": [_action("   ", "2026-11-24")]}
    r = client.post(reflect, headers=lee, json=blank)
    assert (r.status_code, r.json()["error"]) == (422, "bad_action")
    assert _count(SessionReflection) == _count(PlannedAction) == 0

    first = client.post(reflect, headers=lee, json=mine)
    assert first.status_code == 201, first.text
    body = first.json()
    assert (body["id"], body["session_id"], body["rating"], body["fit"]) == (
        mine["id"], sid, 4, "good"
    )  # fmt: skip
    assert [(a["text"], a["due_on"]) for a in body["actions"]] == [
        ("Open with the facts", "2026-11-25"),
        ("Ask first", "2027-01-22"),
    ]
    clock.set(OVER + dt.timedelta(hours=3))  # the phone sends it again, later
    again = client.post(reflect, headers=lee, json=mine)
    assert (again.status_code, again.json()) == (200, body)
    assert (_count(SessionReflection), _count(PlannedAction)) == (1, 2)

    other = client.post(reflect, headers=lee, json=mine | {"rating": 2})
    assert (other.status_code, other.json()["error"]) == (409, "id_reused")
    twice = client.post(reflect, headers=lee, json=mine | {"id": str(uuid.uuid4())})
    assert (twice.status_code, twice.json()["error"]) == (409, "already_reflected")
    # The mentor cannot reuse the learner's id for their own reflection either.
    theirs = {"id": mine["id"], "rating": 3, "fit": "deciding"}
    r = client.post(reflect, headers=ada, json=theirs)
    assert (r.status_code, r.json()["error"]) == (409, "id_reused")
    theirs["id"] = str(uuid.uuid4())
    assert client.post(reflect, headers=ada, json=theirs).status_code == 201
    with session_scope() as s:
        stored = s.exec(select(SessionReflection).order_by(SessionReflection.rating)).all()
        assert [(r.rating, r.fit, r.takeaway) for r in stored] == [
            (3, "deciding", ""),
            (4, "good", "Facts first."),
        ]
        actions = s.exec(select(PlannedAction).order_by(PlannedAction.position)).all()
        assert [(a.state, a.asked_on) for a in actions] == [
            ("open", dt.date(2026, 11, 25)),
            ("open", dt.date(2027, 1, 22)),
        ]

    # The overview: each sees their own reflection; the learner their actions and history.
    seen = client.get(URL, headers=lee).json()
    (session,) = seen["sessions"]
    assert (session["ended"], session["reflected"], session["rating"], session["fit"]) == (
        True, True, 4, "good"
    )  # fmt: skip
    assert session["takeaway"] == "Facts first." and session["skill_name"]
    assert [(a["text"], a["state"], a["asked_on"], a["mentor_name"]) for a in seen["actions"]] == [
        ("Open with the facts", "open", "2026-11-25", "Ada"),
        ("Ask first", "open", "2027-01-22", "Ada"),
    ]
    assert seen["actions"][0]["session_id"] == sid and seen["actions"][0]["answered_at"] is None
    (skill,) = seen["history"]
    assert skill["mentors"] == ["Ada"] and skill["skill_id"] == session["skill_id"]
    assert [h["session_id"] for h in skill["sessions"]] == [sid]
    mentor_view = client.get(URL, headers=ada).json()
    assert (mentor_view["sessions"][0]["rating"], mentor_view["sessions"][0]["takeaway"]) == (3, "")
    assert mentor_view["actions"] == [] and mentor_view["history"] == []
    assert client.get(URL, headers=kim).json()["sessions"] == []


def test_a_cancelled_session_is_not_reflected_on(client, people, clock) -> None:
    lee, ada, _ = people
    sid = _booked(client, lee, ada)
    assert client.post(f"{URL}/sessions/{sid}/cancel", headers=ada).status_code == 200
    clock.set(OVER + dt.timedelta(days=1))
    body = {"id": str(uuid.uuid4()), "rating": 2, "fit": "not"}
    r = client.post(f"{URL}/sessions/{sid}/reflection", headers=lee, json=body)
    assert (r.status_code, r.json()["error"]) == (409, "session_cancelled")
    assert _count(SessionReflection) == 0
    (session,) = client.get(URL, headers=lee).json()["sessions"]
    assert (session["ended"], session["reflected"]) == (False, False)


def _reflected(client, people, clock) -> list[str]:
    lee, ada, _ = people
    sid = _booked(client, lee, ada)
    clock.set(OVER)
    plan = [_action("Open with the facts", "2026-11-25"), _action("Ask first", "2026-11-23")]
    body = {"id": str(uuid.uuid4()), "rating": 4, "fit": "good", "actions": plan}
    r = client.post(f"{URL}/sessions/{sid}/reflection", headers=lee, json=body)
    assert r.status_code == 201, r.text
    return [a["id"] for a in plan]


def test_only_the_learner_answers_and_the_latest_answer_is_the_state(client, people, clock) -> None:
    lee, ada, kim = people
    first, second = _reflected(client, people, clock)
    url = f"{URL}/actions/{first}/answer"
    clock.set(dt.datetime(2026, 11, 25, 9, 0, tzinfo=dt.UTC))  # its due day, in London
    not_yet = {"id": str(uuid.uuid4()), "answer": "not_yet"}
    for who in (ada, kim):  # the mentor and a stranger: no such action for them
        r = client.post(url, headers=who, json=not_yet)
        assert (r.status_code, r.json()["error"]) == (404, "action_not_found")
    unknown = f"{URL}/actions/{uuid.uuid4()}/answer"
    assert client.post(unknown, headers=lee, json=not_yet).status_code == 404
    for body in (not_yet | {"answer": "maybe"}, {"answer": "done"}, not_yet | {"x": 1}):
        assert client.post(url, headers=lee, json=body).status_code == 422
    assert _count(ActionAnswer) == 0

    r = client.post(url, headers=lee, json=not_yet)
    assert r.status_code == 201, r.text
    answered = r.json()
    assert (answered["state"], answered["asked_on"], answered["answer"]) == (
        "open", "2026-11-27", "not_yet"
    )  # fmt: skip
    replay = client.post(url, headers=lee, json=not_yet)
    assert (replay.status_code, replay.json()) == (200, answered)
    assert _count(ActionAnswer) == 1
    reused = client.post(url, headers=lee, json=not_yet | {"answer": "done"})
    assert (reused.status_code, reused.json()["error"]) == (409, "id_reused")
    elsewhere = client.post(f"{URL}/actions/{second}/answer", headers=lee, json=not_yet)
    assert (elsewhere.status_code, elsewhere.json()["error"]) == (409, "id_reused")

    # An answer before the due day asks again on the due day, not earlier.
    early = {"id": str(uuid.uuid4()), "answer": "not_yet"}
    clock.set(dt.datetime(2026, 11, 23, 12, 0, tzinfo=dt.UTC))
    r = client.post(f"{URL}/actions/{second}/answer", headers=lee, json=early)
    assert (r.status_code, r.json()["asked_on"]) == (201, "2026-11-25")

    clock.set(dt.datetime(2026, 11, 27, 18, 0, tzinfo=dt.UTC))
    done = {"id": str(uuid.uuid4()), "answer": "done"}
    r = client.post(url, headers=lee, json=done)
    assert (r.status_code, r.json()["state"], r.json()["asked_on"]) == (201, "done", None)
    drop = {"id": str(uuid.uuid4()), "answer": "drop"}
    assert (
        client.post(f"{URL}/actions/{second}/answer", headers=lee, json=drop).json()["state"]
        == "dropped"
    )
    # A late resend of the first answer changes nothing: the latest answer stands.
    assert client.post(url, headers=lee, json=not_yet).status_code == 200
    with session_scope() as s:
        action = s.get(PlannedAction, uuid.UUID(first))
        assert action is not None
        assert (action.state, action.asked_on, str(action.last_answer_id)) == (
            "done", None, done["id"]
        )  # fmt: skip
        answers = s.exec(select(ActionAnswer).order_by(ActionAnswer.seq)).all()
        assert [a.answer for a in answers] == ["not_yet", "not_yet", "done", "drop"]
    seen = {a["id"]: a for a in client.get(URL, headers=lee).json()["actions"]}
    assert (seen[first]["state"], seen[first]["asked_on"]) == ("done", None)
    assert seen[first]["answered_at"] == "2026-11-27T18:00:00+00:00"
    assert seen[second]["state"] == "dropped"


def test_leaving_takes_ones_reflections_and_actions_along(client, people, clock) -> None:
    lee, ada, _ = people
    first, _ = _reflected(client, people, clock)
    sid = client.get(URL, headers=lee).json()["sessions"][0]["id"]
    body = {"id": str(uuid.uuid4()), "rating": 3, "fit": "good"}
    r = client.post(f"{URL}/sessions/{sid}/reflection", headers=ada, json=body)
    assert r.status_code == 201
    answer = {"id": str(uuid.uuid4()), "answer": "done"}
    r = client.post(f"{URL}/actions/{first}/answer", headers=lee, json=answer)
    assert r.status_code == 201
    export = client.get("/api/v1/me/export", headers=lee)
    assert export.status_code == 200
    with session_scope() as s:
        learner = s.exec(select(User).where(User.display_name == "Lee Learner")).one()
        mine = accounts.export_account(session=s, user=learner, now=OVER).mentoring
        assert [r.rating for r in mine.reflections] == [4]
        assert [(a.id, [x.answer for x in a.answers]) for a in mine.actions] == [
            (uuid.UUID(first), ["done"]),
            (mine.actions[1].id, []),
        ]
        accounts.delete_account(session=s, user=learner, now=OVER)
    with session_scope() as s:
        assert s.exec(select(PlannedAction)).all() == []
        assert s.exec(select(ActionAnswer)).all() == []
        (kept,) = s.exec(select(SessionReflection)).all()  # the mentor's own stays
        assert (kept.rating, str(kept.session_id)) == (3, sid)
    (session,) = client.get(URL, headers=ada).json()["sessions"]
    assert (session["mentee_name"], session["reflected"]) == ("Deleted account", True)


def test_the_pushes_reach_each_phone_once_and_decrypt(client, people, clock, receiver) -> None:
    lee, ada, _ = people
    phones = {"lee": receiver.subscribe(), "ada": receiver.subscribe()}
    for who, phone in ((lee, phones["lee"]), (ada, phones["ada"])):
        r = client.post("/api/v1/push/subscriptions", headers=who, json=phone.info)
        assert r.status_code == 201, r.text

    def tick_at(moment: dt.datetime, times: int = 2) -> None:
        clock.set(moment)
        for _ in range(times):  # a second scheduler round finds nothing new to send
            scheduler.tick(now=clock.now)

    def got(name: str) -> list[tuple[str, str]]:
        return [
            (m.payload["title"], m.payload["url"]) for m in receiver.for_subscriber(phones[name])
        ]

    skill = _skill()
    client.put(f"{URL}/profile", headers=ada, json=_profile(skill))
    mentor_id = client.get(f"{URL}/profile", headers=ada).json()["user_id"]
    body = {"skill_id": skill, "need": "Opening a hard talk", "mentor_id": mentor_id}
    rid = client.post(f"{URL}/requests", headers=lee, json=body).json()["id"]
    tick_at(clock.now())
    assert got("ada") == [("New mentoring request", "/mentoring")] and got("lee") == []
    client.post(f"{URL}/requests/{rid}/accept", headers=ada)
    tick_at(clock.now() + dt.timedelta(minutes=1))
    assert got("lee") == [("Your mentor said yes", "/mentoring")]
    start = {"start_at": MONDAY_NOON.isoformat()}
    sid = client.post(f"{URL}/requests/{rid}/book", headers=lee, json=start).json()["id"]
    tick_at(MONDAY_NOON - dt.timedelta(minutes=9))
    tick_at(OVER)
    for name in ("lee", "ada"):
        assert got(name)[-2:] == [
            ("Mentoring starts in 10 minutes", f"/mentoring?session={sid}"),
            ("How did it go?", f"/mentoring?session={sid}"),
        ]
    soon = receiver.for_subscriber(phones["lee"])[-2]
    assert (soon.ttl, soon.urgency, soon.topic) == (600, "high", "ms" + sid.replace("-", "")[:24])
    plan = [_action("Open with the facts", "2026-11-25")]
    reflection = {"id": str(uuid.uuid4()), "rating": 4, "fit": "good", "actions": plan}
    r = client.post(f"{URL}/sessions/{sid}/reflection", headers=lee, json=reflection)
    assert r.status_code == 201, r.text
    tick_at(dt.datetime(2026, 11, 25, 9, 0, tzinfo=dt.UTC))  # 09:00 in London on its day
    assert got("lee")[-1] == (
        "Did you try “Open with the facts”?",
        f"/mentoring?action={plan[0]['id']}",
    )
    assert (len(got("lee")), len(got("ada"))) == (4, 3)
