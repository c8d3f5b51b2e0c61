"""Mentoring over HTTP: offer to mentor, ask, accept, book, lose a race, move, cancel.

And who sees what: a request is its learner's and its mentor's, a session its two
people's; for anyone else it does not exist (404).
"""

from __future__ import annotations

import datetime as dt

from icalendar import Calendar
from sqlmodel import select

from mmapp import accounts
from mmapp.db import session_scope
from mmapp.models import MentoringSession, Role, SessionHold, Skill

URL = "/api/v1/mentoring"
PASSWORD = "commutes-daily"
NOON = [{"weekday": d, "start": "12:00", "end": "13:00"} for d in range(5)]


def _person(client, name: str, role: Role = Role.learner) -> dict[str, str]:
    email = f"{name.lower()}@ex.org"
    with session_scope() as s:
        accounts.create_user(
            session=s,
            email=email,
            password=PASSWORD,
            display_name=name,
            role=role,
            timezone="Europe/Berlin",
        )
    r = client.post(
        "/api/v1/auth/token",
        json={"email": email, "password": PASSWORD, "device_id": f"device-{name.lower()}"},
    )
    assert r.status_code == 200, r.text
    return {"Authorization": f"Bearer {r.json()['token']}"}


def _skill() -> str:
    with session_scope() as s:
        return str(s.exec(select(Skill.id).where(Skill.slug == "feedback")).one())


def _profile(skill: str, **over) -> dict:
    body = {
        "bio": "Ten years of team leads' one-to-ones.",
        "skills": [{"skill_id": skill, "level": 4}],
        "lengths": [20, 30],
        "monthly_capacity": 4,
        "timezone": "Europe/Berlin",
        "weekly": NOON,
    }
    return body | over


def test_ask_accept_book_move_and_cancel(client, auth) -> None:
    skill = _skill()
    ada = _person(client, "Ada", Role.mentor)
    kim = _person(client, "Kim")
    assert client.get(f"{URL}/profile", headers=ada).status_code == 404
    saved = client.put(f"{URL}/profile", headers=ada, json=_profile(skill))
    assert saved.status_code == 200, saved.text
    assert saved.json()["sessions_this_month"] == 0
    assert client.get(f"{URL}/profile", headers=ada).json()["weekly"] == NOON

    mentors = client.get(f"{URL}/mentors", headers=auth, params={"skill_id": skill}).json()
    assert [m["name"] for m in mentors] == ["Ada"]
    assert mentors[0]["reasons"][0] == "Giving feedback that lands: can teach it (level 4)"
    assert mentors[0]["reasons"][1].endswith("free 20-minute slots in the next 7 days")

    asked = client.post(
        f"{URL}/requests", headers=auth, json={"skill_id": skill, "need": "  How do I open? "}
    )
    assert asked.status_code == 201, asked.text
    request = asked.json()
    assert (request["status"], request["mentor_name"], request["need"]) == (
        "offered",
        "Ada",
        "How do I open?",
    )
    rid = request["id"]
    # Only the learner asks for slots, only the mentor answers the offer.
    assert client.get(f"{URL}/requests/{rid}/slots", headers=kim).status_code == 404
    assert client.post(f"{URL}/requests/{rid}/accept", headers=kim).status_code == 404
    assert client.post(f"{URL}/requests/{rid}/accept", headers=auth).status_code == 404
    offered = client.get(URL, headers=ada).json()["offered"]
    assert [o["id"] for o in offered] == [rid]
    accepted = client.post(f"{URL}/requests/{rid}/accept", headers=ada)
    assert accepted.status_code == 200 and accepted.json()["status"] == "accepted"

    starts = client.get(f"{URL}/requests/{rid}/slots", headers=auth).json()["starts"]
    assert len(starts) >= 3
    first = dt.datetime.fromisoformat(starts[0])
    assert first.astimezone(dt.UTC).hour in (11, 10)  # 12:00 Berlin (winter or summer)
    booked = client.post(f"{URL}/requests/{rid}/book", headers=auth, json={"start_at": starts[0]})
    assert booked.status_code == 201, booked.text
    sid = booked.json()["id"]
    assert booked.json()["mentor_name"] == "Ada" and booked.json()["status"] == "booked"

    # Kim asks Ada too, and tries the time Lee has: a clear 409, nothing stored.
    theirs = client.post(
        f"{URL}/requests",
        headers=kim,
        json={
            "skill_id": skill,
            "need": "Feedback to my boss",
            "mentor_id": mentors[0]["mentor_id"],
        },
    ).json()["id"]
    client.post(f"{URL}/requests/{theirs}/accept", headers=ada)
    taken = client.post(f"{URL}/requests/{theirs}/book", headers=kim, json={"start_at": starts[0]})
    assert taken.status_code == 409 and taken.json()["error"] == "slot_taken"
    assert (
        starts[0] not in client.get(f"{URL}/requests/{theirs}/slots", headers=kim).json()["starts"]
    )
    odd = client.post(
        f"{URL}/requests/{theirs}/book", headers=kim, json={"start_at": "2026-11-23T11:07:00Z"}
    )
    assert odd.status_code == 422 and odd.json()["error"] == "not_a_slot"

    # Either person sees the session; Kim does not, and cannot move or cancel it.
    assert [s["id"] for s in client.get(URL, headers=ada).json()["sessions"]] == [sid]
    assert client.get(URL, headers=kim).json()["sessions"] == []
    move = {"start_at": starts[1]}
    assert (
        client.post(f"{URL}/sessions/{sid}/reschedule", headers=kim, json=move).status_code == 404
    )
    moved = client.post(f"{URL}/sessions/{sid}/reschedule", headers=ada, json=move)
    assert moved.status_code == 200 and moved.json()["sequence"] == 1
    assert client.post(f"{URL}/sessions/{sid}/cancel", headers=kim).status_code == 404
    cancelled = client.post(f"{URL}/sessions/{sid}/cancel", headers=auth)
    assert cancelled.json()["status"] == "cancelled" and cancelled.json()["sequence"] == 2
    assert client.post(f"{URL}/sessions/{sid}/cancel", headers=auth).status_code == 409
    # The time is free again: Kim books it.
    again = client.post(f"{URL}/requests/{theirs}/book", headers=kim, json={"start_at": starts[0]})
    assert again.status_code == 201, again.text
    with session_scope() as s:
        live = s.exec(select(MentoringSession).where(MentoringSession.status == "booked")).all()
        assert [str(m.id) for m in live] == [again.json()["id"]]
        assert len(s.exec(select(SessionHold)).all()) == 2 * 4  # 20 minutes, both people


def test_who_may_offer_to_mentor_and_bad_profiles(client, auth) -> None:
    skill = _skill()
    # A learner who cannot teach the skill yet.
    refused = client.put(f"{URL}/profile", headers=auth, json=_profile(skill))
    assert refused.status_code == 403 and refused.json()["error"] == "not_teachable"
    coach = _person(client, "Cody", Role.coordinator)
    bad = [
        _profile(skill, weekly=[{"weekday": 0, "start": "13:00", "end": "12:00"}]),
        _profile(skill, weekly=[{"weekday": 0, "start": "12:03", "end": "13:00"}]),
        _profile(skill, weekly=[*NOON, {"weekday": 0, "start": "12:30", "end": "14:00"}]),
        _profile(skill, lengths=[25]),
        _profile(skill, skills=[{"skill_id": skill, "level": 2}]),
        _profile(skill, timezone="Mars/Olympus"),
        _profile("00000000-0000-0000-0000-000000000000"),
    ]
    for body in bad:
        r = client.put(f"{URL}/profile", headers=coach, json=body)
        assert r.status_code == 422, (body, r.text)
        assert r.json()["reason"]
    assert client.get(f"{URL}/profile", headers=coach).status_code == 404  # nothing stored
    assert client.put(f"{URL}/profile", headers=coach, json=_profile(skill)).status_code == 200
    # Nobody offers a length the learner wants: the request waits, open.
    r = client.post(
        f"{URL}/requests", headers=auth, json={"skill_id": skill, "need": "x", "minutes": 15}
    )
    assert r.status_code == 201 and r.json()["status"] == "open"
    assert r.json()["mentor_name"] is None
    assert client.get(f"{URL}/requests/{r.json()['id']}/slots", headers=auth).status_code == 404
    # An open request nobody can take: the learner withdraws it (once).
    withdraw = f"{URL}/requests/{r.json()['id']}/withdraw"
    assert client.post(withdraw, headers=coach).status_code == 404  # not theirs
    assert client.post(withdraw, headers=auth).json()["status"] == "cancelled"
    assert client.post(withdraw, headers=auth).status_code == 409
    odd = client.get(f"{URL}/mentors", headers=auth, params={"skill_id": skill, "minutes": 17})
    assert odd.status_code == 422 and "minutes" in odd.json()["reason"]


def _booked_with_ada(client, auth) -> tuple[dict, dict, str, list[str], str]:
    """Ada (mentor) and Kim; the learner's request, accepted and booked at its first time.

    Returns:
        Ada's and Kim's headers, the request id, the free starts it offered, the session id.
    """
    skill = _skill()
    ada = _person(client, "Ada", Role.mentor)
    kim = _person(client, "Kim")
    client.put(f"{URL}/profile", headers=ada, json=_profile(skill))
    rid = client.post(
        f"{URL}/requests", headers=auth, json={"skill_id": skill, "need": "Open well"}
    ).json()["id"]
    client.post(f"{URL}/requests/{rid}/accept", headers=ada)
    starts = client.get(f"{URL}/requests/{rid}/slots", headers=auth).json()["starts"]
    sid = client.post(
        f"{URL}/requests/{rid}/book", headers=auth, json={"start_at": starts[0]}
    ).json()["id"]
    return ada, kim, rid, starts, sid


def test_sessions_in_calendars_follow_moves_and_cancellation(client, auth) -> None:
    ada, kim, _rid, starts, sid = _booked_with_ada(client, auth)

    r = client.get(f"{URL}/sessions/{sid}.ics", headers=auth)
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/calendar")
    assert "attachment" in r.headers["content-disposition"]
    (event,) = Calendar.from_ical(r.content).walk("VEVENT")
    assert str(event["UID"]) == f"mm-session-{sid}@localhost"
    assert event.start == dt.datetime.fromisoformat(starts[0]).astimezone(dt.UTC)
    assert event.end - event.start == dt.timedelta(minutes=20)
    assert event.start.tzinfo is not None and event.start.utcoffset() == dt.timedelta(0)
    assert str(event["SUMMARY"]) == "Mentoring: Giving feedback that lands with Ada"
    assert (int(event["SEQUENCE"]), str(event["STATUS"])) == (0, "CONFIRMED")
    (alarm,) = event.walk("VALARM")
    assert alarm["TRIGGER"].dt == -dt.timedelta(minutes=10)
    assert client.get(f"{URL}/sessions/{sid}.ics", headers=kim).status_code == 404

    made = client.post(f"{URL}/calendar-feed", headers=ada)
    assert made.status_code == 201
    url = made.json()["url"]
    path = url.split("localhost:3000", 1)[1]
    assert path.startswith("/mentoring/feed/") and path.endswith(".ics")

    def feed_event(feed_path: str):  # the session as Ada's calendar sees it
        answer = client.get(feed_path)
        assert answer.status_code == 200, answer.text
        (only,) = Calendar.from_ical(answer.content).walk("VEVENT")
        return only

    seen = feed_event(path)
    assert str(seen["SUMMARY"]).endswith("with Lee Learner")  # Ada's view names the learner
    # Ada chose German: her calendar app, which sends no language of hers, shows German.
    assert client.put("/api/v1/me/locale", headers=ada, json={"locale": "de"}).status_code == 200
    german = Calendar.from_ical(client.get(path).content)
    (seen,) = german.walk("VEVENT")
    assert str(seen["SUMMARY"]) == "Mentoring: Giving feedback that lands mit Lee Learner"
    assert str(seen["DESCRIPTION"]) == "Ada hilft Lee Learner: Open well"
    assert str(seen.walk("VALARM")[0]["DESCRIPTION"]) == "Mentoring mit Lee Learner"
    assert str(german["X-WR-CALNAME"]) == "Micromastery-Mentoring"
    client.post(f"{URL}/sessions/{sid}/reschedule", headers=auth, json={"start_at": starts[1]})
    seen = feed_event(path)
    assert (int(seen["SEQUENCE"]), seen.start) == (1, dt.datetime.fromisoformat(starts[1]))
    client.post(f"{URL}/sessions/{sid}/cancel", headers=ada)
    seen = feed_event(path)
    assert (int(seen["SEQUENCE"]), str(seen["STATUS"])) == (2, "CANCELLED")
    assert seen.walk("VALARM") == []

    newer = client.post(f"{URL}/calendar-feed", headers=ada).json()["url"]
    assert client.get(path).status_code == 404  # rotated: the old URL is dead
    assert client.get(newer.split("localhost:3000", 1)[1]).status_code == 200
    assert client.get("/mentoring/feed/not-a-token.ics").status_code == 404


def test_either_person_finds_free_times_and_moves_the_session(client, auth) -> None:
    ada, kim, rid, booked, sid = _booked_with_ada(client, auth)
    # The learner's request slots leave the booked time out; the session's own slots
    # count it as free (it can move by less than its length), for both people alike.
    after = client.get(f"{URL}/requests/{rid}/slots", headers=auth).json()["starts"]
    assert booked[0] not in after
    mine = client.get(f"{URL}/sessions/{sid}/slots", headers=auth)
    hers = client.get(f"{URL}/sessions/{sid}/slots", headers=ada)
    assert mine.status_code == hers.status_code == 200
    assert mine.json() == hers.json() and hers.json()["minutes"] == 20
    assert booked[0] in hers.json()["starts"]
    assert client.get(f"{URL}/sessions/{sid}/slots", headers=kim).status_code == 404
    later = hers.json()["starts"][-1]
    moved = client.post(f"{URL}/sessions/{sid}/reschedule", headers=ada, json={"start_at": later})
    assert moved.status_code == 200, moved.text
    assert (moved.json()["start_at"], moved.json()["sequence"]) == (later, 1)
