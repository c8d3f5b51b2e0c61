"""Peer teach-back over HTTP: ask, confirm, the wrong peer, twice, another cohort, the push.

Lee (the demo learner) teaches; Kim is in Lee's demo cohort; Zoe shares only a second
cohort with Lee that has no nuggets (so the nugget is not given to her); Otto is in
another cohort altogether.
"""

from __future__ import annotations

import datetime as dt
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor

from sqlmodel import select

from mmapp import accounts, cohorts
from mmapp.db import session_scope
from mmapp.demo.seed import DEMO_COHORT_CODE, DEMO_LEARNER
from mmapp.models import IssuedCredential, LearnerEvent, Role, TeachBack, User
from mmapp.push import scheduler
from mmapp.schemas import EventIn
from mmapp.sync import ingest
from mmapp.teachback import ledger
from mmapp.teachback.pushes import TEACH_TTL_SECONDS
from mmapp.teachback.views import PROMPTS
from tests.api.conftest import DEVICE, coach_headers, make_event
from tests.api.test_credentials_api import ACH, EASY, _answer_all, _last_page, _skill_of
from tests.api.test_push import subscribe

PUSH = "/api/v1/sync/push"
PASSWORD = "commutes-daily"
AT = "2026-11-24T12:30:00+01:00"


def _person(client, name: str, *codes: str) -> dict[str, str]:
    email = f"{name.lower()}@ex.org"
    with session_scope() as s:
        user = accounts.create_user(
            session=s, email=email, password=PASSWORD, display_name=name, role=Role.learner
        )
        for code in codes:
            cohorts.join_by_code(session=s, user=user, code=code)
    r = client.post(
        "/api/v1/auth/token",
        json={"email": email, "password": PASSWORD, "device_id": f"device-{name.lower()}"},
    )
    assert r.status_code == 200, r.text
    return {"Authorization": f"Bearer {r.json()['token']}", "device": f"device-{name.lower()}"}


def _headers(who: dict[str, str]) -> dict[str, str]:
    return {"Authorization": who["Authorization"]}


def _cohort(name: str, code: str, *members: str) -> None:
    with session_scope() as s:
        cohort = cohorts.create_cohort(session=s, name=name, invite_code=code)
        for email in members:
            user = s.exec(select(User).where(User.email == email)).one()
            cohorts.join_by_code(session=s, user=user, code=cohort.invite_code)


def _id(email: str) -> str:
    with session_scope() as s:
        return str(s.exec(select(User.id).where(User.email == email)).one())


def _push(client, who: dict[str, str], device: str, events: list[dict]) -> list[tuple]:
    r = client.post(PUSH, headers=_headers(who), json={"device_id": device, "events": events})
    assert r.status_code == 200, r.text
    return [(x["status"], x["reason"]) for x in r.json()["results"]]


def _ask(n: dict, seq: int, peer: str, at: str = AT) -> dict:
    return make_event(n, seq, "teachback_asked", {"peer": peer, "at": at})


def _confirm(n: dict, seq: int, ask: str, **over) -> dict:
    payload = {"ask": ask, "explained": True, "usable": True, "rating": 4, "comment": "Clear!"}
    return make_event(n, seq, "teachback_confirmed", payload | over)


def _world(client, auth):
    """Kim (same cohort), Zoe (a second, empty cohort with Lee), Otto (elsewhere)."""
    lee = {**auth, "device": DEVICE}
    kim = _person(client, "Kim", DEMO_COHORT_CODE)
    zoe = _person(client, "Zoe")
    otto = _person(client, "Otto")
    _cohort("Night shift", "NIGHT1", DEMO_LEARNER[0], "zoe@ex.org")
    _cohort("Elsewhere", "ELSE1", "otto@ex.org")
    return lee, kim, zoe, otto


def test_ask_is_checked_at_ingest(client, auth, nuggets):
    lee, _kim, _zoe, _otto = _world(client, auth)
    n, m = nuggets[0], nuggets[1]
    me, kim_id, otto_id = _id(DEMO_LEARNER[0]), _id("kim@ex.org"), _id("otto@ex.org")
    events = [
        _ask(n, 1, kim_id),  # not completed yet
        make_event(n, 2, "nugget_completed"),
        _ask(n, 3, kim_id),
        _ask(n, 4, me),
        _ask(n, 5, otto_id),
        _ask(n, 6, str(uuid.uuid4())),  # nobody
        _ask(m, 7, kim_id),  # m is not completed
        _ask(n, 8, kim_id.upper()),
        _ask(n, 9, kim_id, at="2026-11-24T12:30:00"),  # no offset
        _ask(n, 10, kim_id, at="2026-12-22T12:30:00+00:00"),  # 31 days on
        _ask(n, 11, kim_id, at="2026-11-13T12:30:00+00:00"),  # 8 days back
        make_event(n, 12, "teachback_asked", {"peer": kim_id}),
    ]
    assert _push(client, lee, DEVICE, events) == [
        ("rejected", "nugget_not_completed"),
        ("applied", None),
        ("applied", None),
        ("rejected", "peer_is_you"),
        ("rejected", "peer_not_in_cohort"),
        ("rejected", "peer_not_in_cohort"),
        ("rejected", "nugget_not_completed"),
        ("rejected", "invalid_peer"),
        ("rejected", "invalid_moment"),
        ("rejected", "moment_out_of_range"),
        ("rejected", "moment_out_of_range"),
        ("rejected", "unexpected_payload"),
    ]
    with session_scope() as s:
        (row,) = s.exec(select(TeachBack)).all()
        stored = s.exec(select(LearnerEvent.type).where(LearnerEvent.type == "teachback_asked"))
        assert len(stored.all()) == 1
    assert (str(row.ask_id), str(row.peer_id), str(row.nugget_id)) == (
        events[2]["event_id"],
        kim_id,
        n["id"],
    )
    assert row.at == dt.datetime(2026, 11, 24, 11, 30, tzinfo=dt.UTC)
    assert row.confirm_id is None


def test_only_the_named_colleague_confirms_once_even_without_the_nugget(client, auth, nuggets):
    lee, kim, zoe, otto = _world(client, auth)
    n, m = nuggets[0], nuggets[1]
    zoe_id = _id("zoe@ex.org")
    ask = _ask(n, 2, zoe_id)
    assert _push(client, lee, DEVICE, [make_event(n, 1, "nugget_completed"), ask]) == [
        ("applied", None),
        ("applied", None),
    ]
    ref = ask["event_id"]
    # Zoe was never given the nugget, yet the ask tells her phone all it needs.
    seen = client.get("/api/v1/teachbacks", headers=_headers(zoe)).json()
    assert seen["asked_by_me"] == []
    (mine,) = seen["asked_of_me"]
    assert (mine["id"], mine["role"], mine["title"], mine["teacher_name"]) == (
        ref,
        "peer",
        n["title"],
        "Lee Learner",
    )
    assert mine["guide"]["way_in_html"] == n["way_in_html"]
    assert mine["guide"]["payoff_html"] == n["payoff_html"]
    assert mine["guide"]["prompts"] == list(PROMPTS)
    assert client.get("/api/v1/sync/pull", headers=_headers(zoe)).json()["nuggets"] == []

    wrong = [
        (kim, "device-kim", _confirm(n, 1, ref)),  # not asked of Kim
        (otto, "device-otto", _confirm(n, 1, ref)),  # another cohort's
        (lee, DEVICE, _confirm(n, 3, ref)),  # the teacher
    ]
    for who, device, event in wrong:
        assert _push(client, who, device, [event]) == [("rejected", "not_asked_of_you")]
    first = _confirm(n, 1, ref, rating=3, comment="I could use it.")
    assert _push(
        client,
        zoe,
        "device-zoe",
        [
            _confirm(m, 5, ref),  # another nugget than the ask's
            _confirm(n, 6, str(uuid.uuid4())),  # no such ask
            _confirm({**n, "version": n["version"] + 1}, 7, ref),
            _confirm(n, 8, ref, rating=5),
            _confirm(n, 9, ref, comment="x" * 281),
            _confirm(n, 10, ref, usable="yes"),
            first,
            _confirm(n, 2, ref),  # twice, in the same push
        ],
    ) == [
        ("rejected", "unknown_ask"),
        ("rejected", "unknown_ask"),
        ("rejected", "unknown_nugget_version"),
        ("rejected", "rating_out_of_range"),
        ("rejected", "comment_too_long"),
        ("rejected", "invalid_answer"),
        ("applied", None),
        ("rejected", "already_confirmed"),
    ]
    # And twice in a later push (a second phone of hers, say).
    assert _push(client, zoe, "device-zoe", [_confirm(n, 11, ref)]) == [
        ("rejected", "already_confirmed")
    ]
    assert _push(client, zoe, "device-zoe", [first]) == [("duplicate", None)]
    with session_scope() as s:
        row = s.get(TeachBack, uuid.UUID(ref))
        assert row is not None
        assert (str(row.confirm_id), row.explained, row.usable, row.rating, row.comment) == (
            first["event_id"],
            True,
            True,
            3,
            "I could use it.",
        )
        confirms = s.exec(select(LearnerEvent).where(LearnerEvent.type == "teachback_confirmed"))
        assert [str(e.event_id) for e in confirms] == [first["event_id"]]
        # The rows are what replaying the log gives.
        log = s.exec(select(LearnerEvent).order_by(LearnerEvent.seq)).all()
        folded = ledger.fold(log)
        assert {k: v for k, v in folded[row.ask_id].items()} == row.model_dump()

    # The teacher's phone learns of the confirmation, and that it counts.
    progress = _last_page(client, _headers(lee))["progress"]
    (tb,) = progress["teachbacks"]
    assert (tb["role"], tb["confirmed"], tb["rating"], tb["counts"], tb["guide"]) == (
        "teacher",
        True,
        3,
        True,
        None,
    )
    assert tb["peer_name"] == "Zoe"


def test_colleagues_are_my_cohorts_people_by_name_only(client, auth, nuggets):
    lee, kim, zoe, otto = _world(client, auth)
    names = client.get("/api/v1/teachbacks/peers", headers=_headers(lee)).json()
    assert names == [
        {"id": _id("kim@ex.org"), "name": "Kim"},
        {"id": _id("zoe@ex.org"), "name": "Zoe"},
    ]
    assert [c["name"] for c in _last_page(client, _headers(lee))["progress"]["colleagues"]] == [
        "Kim",
        "Zoe",
    ]
    assert client.get("/api/v1/teachbacks/peers", headers=_headers(otto)).json() == []
    kims = client.get("/api/v1/teachbacks/peers", headers=_headers(kim)).json()
    assert [c["name"] for c in kims] == ["Lee Learner"]
    n = nuggets[0]
    r = client.get("/api/v1/teachbacks/peers", headers=_headers(lee), params={"nugget_id": n["id"]})
    assert r.status_code == 409
    assert r.json()["error"] == "nugget_not_completed"
    assert _push(client, lee, DEVICE, [make_event(n, 1, "nugget_completed")]) == [("applied", None)]
    r = client.get("/api/v1/teachbacks/peers", headers=_headers(lee), params={"nugget_id": n["id"]})
    assert [c["name"] for c in r.json()] == ["Kim", "Zoe"]
    assert client.get("/api/v1/teachbacks").status_code == 401
    assert client.get("/api/v1/teachbacks", headers=_headers(zoe)).json()["asked_of_me"] == []


def test_the_colleague_gets_one_push_that_opens_the_guide(client, auth, receiver, nuggets):
    lee, kim, _zoe, _otto = _world(client, auth)
    subscribe(client, _headers(kim), phone := receiver.subscribe())
    n = nuggets[0]
    ask = _ask(n, 2, _id("kim@ex.org"))
    assert _push(client, lee, DEVICE, [make_event(n, 1, "nugget_completed"), ask]) == [
        ("applied", None),
        ("applied", None),
    ]
    now = dt.datetime(2026, 11, 21, 9, 5, tzinfo=dt.UTC)
    first = scheduler.tick(now=lambda: now)
    again = scheduler.tick(now=lambda: now + dt.timedelta(minutes=1))
    assert (first["teachbacks"], again["teachbacks"]) == (1, 0)
    [got] = receiver.for_subscriber(phone)
    assert got.payload["title"] == "Lee Learner would like to teach you a nugget"
    # Kim's account is in UTC: 12:30 in Berlin is 11:30 there.
    assert got.payload["body"] == (
        f"'{n['title']}' · 24 Nov 2026, 11:30 Coordinated Universal Time. Open the short guide."
    )
    assert got.payload["url"] == f"/teach?ask={ask['event_id']}"
    assert (got.ttl, got.topic) == (TEACH_TTL_SECONDS, "teach")


def test_two_phones_confirming_at_once_store_one_confirmation(client, auth, nuggets):
    """Two processes' transactions race on the same ask: the row lock lets one win."""
    lee, _kim, _zoe, _otto = _world(client, auth)
    second = client.post(
        "/api/v1/auth/token",
        json={"email": "zoe@ex.org", "password": PASSWORD, "device_id": "device-zoe-2"},
    )
    assert second.status_code == 200
    n = nuggets[0]
    ask = _ask(n, 2, _id("zoe@ex.org"))
    assert _push(client, lee, DEVICE, [make_event(n, 1, "nugget_completed"), ask])[1][0] == (
        "applied"
    )
    start = threading.Barrier(2)

    def confirm(device: str) -> str:
        event = EventIn.model_validate(_confirm(n, 1, ask["event_id"]))
        start.wait()
        with session_scope() as s:
            user = s.exec(select(User).where(User.email == "zoe@ex.org")).one()
            out = ingest.apply_batch(session=s, user=user, device_id=device, events=[event])
            time.sleep(0.2)  # hold the transaction open: the other must wait, not slip by
        return out.results[0].reason or out.results[0].status

    with ThreadPoolExecutor(2) as pool:
        outcomes = sorted(pool.map(confirm, ["device-zoe", "device-zoe-2"]))
    assert outcomes == ["already_confirmed", "applied"]
    with session_scope() as s:
        kinds = s.exec(select(LearnerEvent.type).where(LearnerEvent.type == "teachback_confirmed"))
        assert len(kinds.all()) == 1
        assert s.get(TeachBack, uuid.UUID(ask["event_id"])).confirm_id is not None


def test_an_achievement_needing_a_teach_back_is_issued_once_confirmed(client, auth, nuggets):
    """The colleague's confirmation is their event: the pull's gate still notices it."""
    lee, kim, _zoe, _otto = _world(client, auth)
    skill_id, mine = _skill_of(nuggets)
    _answer_all(client, auth, mine)
    coach = coach_headers(client)
    made = client.post(ACH.format(skill_id), headers=coach, json={**EASY, "min_teachbacks": 1})
    assert made.status_code == 201, made.text
    assert made.json()["min_teachbacks"] == 1
    assert made.json()["criteria"].endswith("rated 3 or more of 4, once.")
    assert _last_page(client, _headers(lee))["progress"]["credentials"] == []

    n = mine[0]
    ask = _ask(n, 900, _id("kim@ex.org"))
    assert _push(client, lee, DEVICE, [ask]) == [("applied", None)]
    assert _last_page(client, _headers(lee))["progress"]["credentials"] == []  # not confirmed
    assert _push(client, kim, "device-kim", [_confirm(n, 1, ask["event_id"], rating=2)]) == [
        ("applied", None)
    ]
    assert _last_page(client, _headers(lee))["progress"]["credentials"] == []  # rated 2
    again = _ask(n, 901, _id("kim@ex.org"))
    assert _push(client, lee, DEVICE, [again]) == [("applied", None)]
    assert _last_page(client, _headers(lee))["progress"]["credentials"] == []
    # From here only Kim's event moves: Lee's log, content and rules stay as checked.
    assert _push(client, kim, "device-kim", [_confirm(n, 2, again["event_id"])]) == [
        ("applied", None)
    ]
    (issued,) = _last_page(client, _headers(lee))["progress"]["credentials"]
    assert issued["name"] == EASY["name"]
    with session_scope() as s:
        (row,) = s.exec(select(IssuedCredential)).all()
        evidence = row.document["evidence"]
    assert evidence[-1]["name"] == "Teach-back"
    assert evidence[-1]["narrative"].startswith("Taught back once to colleagues")
