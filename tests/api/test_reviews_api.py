"""Review answers through the sync API: stored once, folded into cards, pulled down.

The server's cards must equal a replay of the log whatever order devices deliver
answers in, and a pull carries them on its last page.
"""

from __future__ import annotations

import datetime as dt
import itertools
import uuid

import sqlalchemy as sa
from sqlmodel import select

from mmapp import accounts, cli
from mmapp.db import session_scope, table_of
from mmapp.demo.seed import DEMO_LEARNER
from mmapp.models import ReviewCard, User
from mmapp.progress.reviewable import due_reviews
from mmapp.reviews import cards, scheduler
from tests.api.conftest import DEVICE, make_event

OTHER_DEVICE = "device-api-test-2"


def _push(client, auth, events, device=DEVICE):
    r = client.post("/api/v1/sync/push", headers=auth, json={"device_id": device, "events": events})
    assert r.status_code == 200, r.text
    return r.json()["results"]


def _answer(nugget, seq, item, right, *, type_="quiz_answered", at="2026-11-21T08:10:00+00:00"):
    choice = (
        item["correct"]
        if right
        else [i for i in range(len(item["options"])) if i not in item["correct"]][:1]
    )
    answer = (
        {"text": item["accepted_answers"][0] if right else "no idea"}
        if item["kind"] == "short_answer"
        else {"choices": choice}
    )
    return make_event(nugget, seq, type_, {"item_id": item["id"], "answer": answer}, client_ts=at)


def _last_page(client, auth, **params) -> dict:
    cursor = None
    while True:
        query = {**params, **({"cursor": cursor} if cursor else {})}
        r = client.get("/api/v1/sync/pull", headers=auth, params=query)
        assert r.status_code == 200, r.text
        page = r.json()
        if not page["has_more"]:
            return page
        assert "reviews" not in page and "reviews_version" not in page
        cursor = page["cursor"]


def _pull_reviews(client, auth) -> list[dict]:
    page = _last_page(client, auth)
    assert page["reviews_full"] is True
    return page["reviews"]


def _learner() -> User:
    with session_scope(read_only=True) as s:
        return s.exec(select(User).where(User.email == DEMO_LEARNER[0])).one()


def test_quiz_answers_become_cards_that_a_pull_carries(client, auth, nuggets):
    nugget = nuggets[0]
    first, second = nugget["quiz"][:2]
    results = _push(
        client, auth, [_answer(nugget, 1, first, True), _answer(nugget, 2, second, False)]
    )
    assert [r["status"] for r in results] == ["applied", "applied"]
    pulled = {c["item_id"]: c for c in _pull_reviews(client, auth)}
    day = dt.date(2026, 11, 21)
    user = _learner()
    for item, rating in ((first, scheduler.Rating.Good), (second, scheduler.Rating.Again)):
        want = scheduler.replay(scheduler.card_id(user.id, uuid.UUID(item["id"])), [(day, rating)])
        got = pulled[item["id"]]
        assert got["state"]["due_on"] == want.due_on.isoformat()
        assert got["state"]["stability"] == want.stability
        assert got["last_day"]["right"] is (rating == scheduler.Rating.Good)
        assert got["prev"] is None
    assert pulled[first["id"]]["state"]["due_on"] > pulled[second["id"]]["state"]["due_on"]


def test_a_pull_sends_only_the_cards_changed_since_the_phones_version(client, auth, nuggets):
    nugget = nuggets[0]
    first, second = nugget["quiz"][:2]
    _push(client, auth, [_answer(nugget, 1, first, True), _answer(nugget, 2, second, True)])
    full = _last_page(client, auth)
    assert (full["reviews_full"], len(full["reviews"])) == (True, 2)
    held = full["reviews_version"]
    same = _last_page(client, auth, reviews_after=held)
    assert (same["reviews_full"], same["reviews"], same["reviews_version"]) == (False, [], held)
    _push(client, auth, [_answer(nugget, 3, second, False, type_="review_answered")])
    delta = _last_page(client, auth, reviews_after=held)
    assert [c["item_id"] for c in delta["reviews"]] == [second["id"]]
    assert delta["reviews_version"] > held and delta["reviews_full"] is False
    # A version this server never gave out (another server's, a restored backup): all.
    ahead = _last_page(client, auth, reviews_after=delta["reviews_version"] + 5)
    assert (ahead["reviews_full"], len(ahead["reviews"])) == (True, 2)
    for bad in ("-1", "x", str(2**60)):
        r = client.get("/api/v1/sync/pull", headers=auth, params={"reviews_after": bad})
        assert r.status_code == 422, (bad, r.text)


def test_review_events_are_checked_like_answers(client, auth, nuggets):
    nugget = nuggets[0]
    item = nugget["quiz"][0]
    bad = [
        make_event(
            nugget, 1, "review_answered", {"item_id": str(uuid.uuid4()), "answer": {"choices": [0]}}
        ),
        make_event(
            nugget, 2, "review_too_easy", {"item_id": item["id"], "answer": {"choices": [0]}}
        ),
        make_event(nugget, 3, "review_too_easy", {"item_id": "nope"}),
        make_event(
            nugget, 4, "review_answered", {"item_id": item["id"], "answer": {"choices": [99]}}
        ),
    ]
    reasons = [r["reason"] for r in _push(client, auth, bad)]
    assert reasons == [
        "unknown_quiz_item",
        "unexpected_payload",
        "unknown_quiz_item",
        "choice_out_of_range",
    ]
    with session_scope(read_only=True) as s:
        assert s.exec(select(ReviewCard)).all() == []


def test_too_easy_makes_the_day_easy_and_a_later_review_extends_the_interval(client, auth, nuggets):
    nugget = nuggets[0]
    item = nugget["quiz"][0]
    _push(client, auth, [_answer(nugget, 1, item, True, at="2026-11-18T08:00:00+00:00")])
    plain = {c["item_id"]: c for c in _pull_reviews(client, auth)}[item["id"]]
    _push(
        client,
        auth,
        [
            _answer(nugget, 2, item, True, type_="review_answered", at="2026-11-21T08:00:00+00:00"),
            make_event(
                nugget,
                3,
                "review_too_easy",
                {"item_id": item["id"]},
                client_ts="2026-11-21T08:00:05+00:00",
            ),
        ],
    )
    card = {c["item_id"]: c for c in _pull_reviews(client, auth)}[item["id"]]
    assert card["last_day"] | {"at": None, "event": None} == {
        "on": "2026-11-21",
        "at": None,
        "event": None,
        "right": True,
        "easy": True,
    }
    assert card["prev"] == plain["state"]
    assert card["state"]["reps"] == 2
    assert card["state"]["due_on"] > plain["state"]["due_on"]
    assert card["best_interval"] == 3


def test_two_devices_in_any_order_give_the_cards_a_replay_gives(client, auth, nuggets):
    """Device B answered first that day (wrong), offline; A's right answer arrives first."""
    nugget = nuggets[0]
    item = nugget["quiz"][0]
    with session_scope() as s:
        user = s.exec(select(User).where(User.email == DEMO_LEARNER[0])).one()
        accounts.register_device(session=s, user=user, device_id=OTHER_DEVICE)
    day1 = [_answer(nugget, 1, item, True, at="2026-11-14T08:00:00+00:00")]
    a = [_answer(nugget, 2, item, True, type_="review_answered", at="2026-11-20T18:00:00+00:00")]
    b = [_answer(nugget, 1, item, False, type_="review_answered", at="2026-11-20T07:30:00+00:00")]
    _push(client, auth, day1)
    _push(client, auth, a)
    _push(client, auth, b, device=OTHER_DEVICE)
    card = {c["item_id"]: c for c in _pull_reviews(client, auth)}[item["id"]]
    assert card["last_day"]["right"] is False  # B's earlier wrong answer rates the day
    with session_scope(read_only=True) as s:
        user = s.get(User, _learner().id)
        stored = [c.model_dump(exclude={"version"}) for c in cards.cards_of(session=s, user=user)]
        replayed = [c.model_dump(exclude={"version"}) for c in cards.replayed(s, user)]
    assert stored == replayed


def test_folding_answers_in_every_order_gives_the_same_card():
    from mmapp.reviews.days import Signal, derive, fold

    item, nugget = uuid.uuid4(), uuid.uuid4()
    at = dt.datetime(2026, 3, 29, 0, 30, tzinfo=dt.UTC)
    signals = [
        Signal(item, nugget, dt.date(2026, 3, 1), at - dt.timedelta(days=28), "e1", True),
        Signal(item, nugget, dt.date(2026, 3, 29), at, "e2", True, review=True),
        Signal(
            item,
            nugget,
            dt.date(2026, 3, 29),
            at - dt.timedelta(minutes=5),
            "e3",
            False,
            review=True,
        ),
        Signal(item, nugget, dt.date(2026, 3, 29), at + dt.timedelta(minutes=1), "e4", None),
        Signal(
            item, nugget, dt.date(2026, 3, 5), at - dt.timedelta(days=24), "e5", True, review=True
        ),
    ]
    outcomes = set()
    for order in itertools.permutations(signals):
        days: list = []
        for signal in order:
            days = fold(days, signal)
        outcomes.add(repr((days, derive(7, days))))
    assert len(outcomes) == 1
    (only,) = outcomes
    assert "'right': False" in only  # e3 came first on the 29th


def test_answers_from_before_cards_existed_become_cards(client, auth, nuggets, capsys):
    """A learner whose answers predate review cards (version 0) gets them all, once."""
    nugget = nuggets[0]
    first, second = nugget["quiz"][:2]
    _push(client, auth, [_answer(nugget, 1, first, True, at="2026-11-18T08:00:00+00:00")])
    with session_scope() as s:  # as the migration left them: answers, no cards
        s.execute(sa.delete(table_of(ReviewCard)))
        s.execute(sa.update(table_of(User)).values(reviews_version=0))
    page = _last_page(client, auth, reviews_after=0)
    assert page["reviews_full"] is True
    assert [c["item_id"] for c in page["reviews"]] == [first["id"]]
    # The next answer stores every card, the old one included.
    _push(client, auth, [_answer(nugget, 2, second, False)])
    with session_scope(read_only=True) as s:
        user = s.get(User, _learner().id)
        stored = cards.cards_of(session=s, user=user)
        assert {str(c.item_id) for c in stored} == {first["id"], second["id"]}
        assert user.reviews_version > 0
        assert [c.model_dump(exclude={"version"}) for c in stored] == [
            c.model_dump(exclude={"version"}) for c in cards.replayed(s, user)
        ]
    assert cli.main(["rebuild-reviews"]) == 0
    assert "2 cards of 1 learner." in capsys.readouterr().out


def test_reminders_and_coaches_count_only_what_the_phone_can_ask(client, auth, nuggets):
    """Half a quiz answered and the nugget left unfinished: nothing to review yet."""
    nugget = nuggets[0]
    first, second = nugget["quiz"][:2]
    early = "2026-11-14T08:00:00+00:00"
    _push(
        client,
        auth,
        [_answer(nugget, 1, first, True, at=early), _answer(nugget, 2, second, False, at=early)],
    )
    today = dt.date(2026, 11, 21)
    with session_scope(read_only=True) as s:
        user = s.get(User, _learner().id)
        now = dt.datetime(2026, 11, 21, 9, tzinfo=dt.UTC)
        assert due_reviews(session=s, user=user, day=today, now=now) == 0
    _push(client, auth, [make_event(nugget, 3, "nugget_completed", client_ts=early)])
    with session_scope(read_only=True) as s:
        user = s.get(User, _learner().id)
        assert due_reviews(session=s, user=user, day=today, now=now) == 2
