"""Mentoring pushes on a fixed clock: each one once, however many schedulers plan it.

Requests to mentors (also after passing down), acceptances, "starts in 10 minutes",
"How did it go?" until one reflected, and "Did you try …?" on an action's day (and
the day a "not yet" asks again), at the learner's check-in time.
"""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
from sqlmodel import select

from mmapp.clock import FixedClock, get_clock
from mmapp.db import session_scope
from mmapp.mentoring import offers, reflections
from mmapp.models import (
    HelpRequest,
    MentoringSession,
    PlannedAction,
    PushDelivery,
    PushMessage,
    PushSubscription,
    ReminderPlan,
    User,
)
from mmapp.push import mentoring_pushes, scheduler
from mmapp.schemas import AnswerIn, ReflectionIn
from tests.unit.domains.test_mentoring_booking import MONDAY_NOON, NOW, World, race

SKILL = "Giving feedback that lands"
AFTER = MONDAY_NOON + dt.timedelta(minutes=20)  # a 20-minute session's end


@pytest.fixture
def world(db_url: str, seeded: None) -> World:
    w = World()
    with session_scope() as s:
        for n, person in enumerate((w.ada, w.ben, w.learners[0])):  # Kim and Sam: no phone
            s.add(PushSubscription(user_id=person, endpoint=f"https://push.example/{n}",
                                   p256dh="k", auth="a"))  # fmt: skip
    return w


def plan(at: dt.datetime) -> list[str]:
    """One scheduler's planning at `at` (the clock stands there: messages are made then)."""
    clock = get_clock()
    assert isinstance(clock, FixedClock)
    clock.set(at)
    with session_scope() as s:
        return mentoring_pushes.plan_mentoring(session=s, now=at)


def sent() -> list[tuple[str, uuid.UUID, dict]]:
    """Each message's kind, its one recipient, and its payload, in the order made."""
    with session_scope() as s:
        rows = s.exec(
            select(PushMessage, PushDelivery.user_id)
            .join(PushDelivery, PushDelivery.message_id == PushMessage.id)
            .where(PushMessage.kind.startswith("mentoring"))
            .order_by(PushMessage.created_at, PushMessage.dedupe_key)
        ).all()
        return [(m.kind, user_id, m.payload) for m, user_id in rows]


def test_a_request_is_announced_to_each_mentor_it_reaches_once(world: World) -> None:
    lee = world.learners[0]
    request_id = world.ask(lee)  # offered to Ada first
    results = race(*(lambda: plan(NOW) for _ in range(3)))  # three schedulers at once
    assert sorted(map(len, results)) == [0, 0, 1], results  # type: ignore[arg-type]
    assert plan(NOW + dt.timedelta(minutes=5)) == []
    [(kind, to, payload)] = sent()
    assert (kind, to) == ("mentoring_request", world.ada)
    assert payload == {
        "kind": "mentoring_request",
        "title": "New mentoring request",
        "body": f"Lee asks for help with {SKILL}: How do I open?",
        "url": "/mentoring",
        "topic": "mq" + request_id.hex[:24],
    }
    # Ada lets it expire: the scheduler passes it to Ben and tells him in the same tick.
    later = NOW + dt.timedelta(hours=offers.OFFER_HOURS, seconds=1)
    get_clock().set(later)  # type: ignore[attr-defined]
    totals = scheduler.tick(now=lambda: later)
    assert (totals["offers"], totals["mentoring"]) == (1, 1)
    assert [(k, to) for k, to, _ in sent()] == [
        ("mentoring_request", world.ada),
        ("mentoring_request", world.ben),
    ]
    assert plan(later) == []


def test_an_acceptance_is_told_to_a_learner_with_a_phone_once(world: World) -> None:
    lee, kim = world.learners[:2]
    mine, theirs = world.ask(lee), world.ask(kim, mentor_id=world.ben)
    plan(NOW)  # the two offers
    for request_id in (mine, theirs):
        world.accept(request_id)
    claimed = plan(NOW + dt.timedelta(minutes=1))
    assert claimed == [f"mentoring:accepted:{mine}"]  # Kim has no phone
    assert plan(NOW + dt.timedelta(minutes=2)) == []
    kind, to, payload = sent()[-1]
    assert (kind, to, payload["title"]) == ("mentoring_accepted", lee, "Your mentor said yes")
    assert payload["body"] == f"Zed Ada will help you with {SKILL}. Pick a time that suits you."
    # A request accepted long ago is not announced when pushes start (e.g. after an upgrade).
    with session_scope() as s:
        request = s.get(HelpRequest, theirs)
        assert request is not None
        request.mentee_id = lee  # as if Lee asked it, with a phone
        s.add(request)
    stale = NOW + dt.timedelta(hours=offers.OFFER_HOURS) + mentoring_pushes.ACCEPTED_WINDOW
    assert plan(stale) == []


def _booked(world: World) -> uuid.UUID:
    request_id = world.ask(world.learners[0])
    world.accept(request_id)
    return world.book(request_id, MONDAY_NOON)


def test_both_hear_it_starts_in_ten_minutes_and_then_how_it_went(world: World) -> None:
    lee = world.learners[0]
    session_id = _booked(world)
    plan(NOW)  # the offer and the acceptance
    before = len(sent())
    assert plan(MONDAY_NOON - dt.timedelta(minutes=10, seconds=1)) == []
    results = race(*(lambda: plan(MONDAY_NOON - dt.timedelta(minutes=9)) for _ in range(3)))
    assert sorted(len(r) for r in results) == [0, 0, 2], results  # type: ignore[arg-type]
    assert plan(MONDAY_NOON - dt.timedelta(minutes=1)) == []
    soon = sent()[before:]
    assert sorted((k, to) for k, to, _ in soon) == sorted(
        [("mentoring_soon", world.ada), ("mentoring_soon", lee)]
    )
    bodies = {to: p["body"] for _, to, p in soon}
    assert bodies[lee] == f"{SKILL} with Zed Ada at 12:00."  # Lee's Berlin time
    assert bodies[world.ada] == f"{SKILL} with Lee at 12:00."
    assert {p["url"] for _, _, p in soon} == {f"/mentoring?session={session_id}"}
    with session_scope() as s:
        message = s.exec(select(PushMessage).where(PushMessage.kind == "mentoring_soon")).first()
        assert message is not None
        assert (message.urgency, message.ttl_seconds) == ("high", 600)
    assert plan(MONDAY_NOON + dt.timedelta(minutes=19)) == []  # still on
    # Lee reflects as soon as it ends; only Ada is asked how it went, once.
    with session_scope() as s:
        booking, user = s.get(MentoringSession, session_id), s.get(User, lee)
        assert booking is not None and user is not None
        data = ReflectionIn(id=uuid.uuid4(), rating=4, fit="good")
        reflections.reflect(session=s, booking=booking, user=user, data=data, now=AFTER)
    results = race(*(lambda: plan(AFTER + dt.timedelta(minutes=1)) for _ in range(2)))
    assert sorted(len(r) for r in results) == [0, 1], results  # type: ignore[arg-type]
    kind, to, payload = sent()[-1]
    assert (kind, to, payload["title"]) == ("mentoring_reflect", world.ada, "How did it go?")
    assert payload["body"] == f"Your session with Lee on {SKILL}: a minute to rate it."
    assert plan(AFTER + mentoring_pushes.REFLECT_WINDOW - dt.timedelta(minutes=1)) == []


def test_nobody_is_asked_how_it_went_after_two_days(world: World) -> None:
    _booked(world)
    late = AFTER + mentoring_pushes.REFLECT_WINDOW
    assert plan(late) == []
    assert [k for k, _, _ in sent()] == []


def _reflect_with_action(world: World, due: dt.date) -> uuid.UUID:
    session_id = _booked(world)
    action = uuid.uuid4()
    with session_scope() as s:
        booking, user = s.get(MentoringSession, session_id), s.get(User, world.learners[0])
        assert booking is not None and user is not None
        data = ReflectionIn(
            id=uuid.uuid4(),
            rating=3,
            fit="good",
            actions=[{"id": action, "text": "Open with the facts", "due_on": due}],
        )
        reflections.reflect(session=s, booking=booking, user=user, data=data, now=AFTER)
    return action


def _answer(lee: uuid.UUID, action_id: uuid.UUID, answer: str, at: dt.datetime) -> uuid.UUID:
    answer_id = uuid.uuid4()
    with session_scope() as s:
        action, user = s.get(PlannedAction, action_id), s.get(User, lee)
        assert action is not None and user is not None
        data = AnswerIn(id=answer_id, answer=answer)  # type: ignore[arg-type]
        reflections.answer(session=s, action=action, user=user, data=data, now=at)
    return answer_id


def test_did_you_try_on_the_due_day_and_again_after_not_yet(world: World) -> None:
    lee = world.learners[0]
    wednesday = dt.date(2026, 11, 25)
    action = _reflect_with_action(world, wednesday)
    nine_berlin = dt.datetime(2026, 11, 25, 8, 0, tzinfo=dt.UTC)  # no plan: 09:00 local
    plan(AFTER + dt.timedelta(hours=3))  # the session's pushes, out of the way
    assert plan(nine_berlin - dt.timedelta(minutes=1)) == []
    results = race(*(lambda: plan(nine_berlin + dt.timedelta(minutes=2)) for _ in range(3)))
    assert sorted(len(r) for r in results) == [0, 0, 1], results  # type: ignore[arg-type]
    assert [r for r in results if r] == [[f"mentoring:action:{action}:due"]]
    kind, to, payload = sent()[-1]
    assert (kind, to) == ("mentoring_action", lee)
    assert payload["title"] == "Did you try “Open with the facts”?"
    assert (
        payload["body"] == f"From your session with Zed Ada on {SKILL}: done, not yet, or drop it?"
    )
    assert payload["url"] == f"/mentoring?action={action}"
    midnight = dt.datetime(2026, 11, 25, 23, 0, tzinfo=dt.UTC)  # Thursday in Berlin
    assert plan(midnight - dt.timedelta(minutes=1)) == []
    # "Not yet" on Wednesday evening: asked again on Friday, at Friday's commute slot.
    _answer(lee, action, "not_yet", dt.datetime(2026, 11, 25, 19, 0, tzinfo=dt.UTC))
    with session_scope() as s:
        s.add(ReminderPlan(user_id=lee, timezone="Europe/Berlin",
                           slots=[{"weekday": 4, "time": "07:40"}]))  # fmt: skip
    friday_slot = dt.datetime(2026, 11, 27, 6, 40, tzinfo=dt.UTC)
    assert plan(friday_slot - dt.timedelta(days=1)) == []  # Thursday: not yet
    assert plan(friday_slot - dt.timedelta(minutes=1)) == []
    assert len(plan(friday_slot)) == 1
    assert plan(friday_slot + dt.timedelta(hours=2)) == []
    # Done: nothing more, ever.
    _answer(lee, action, "done", friday_slot + dt.timedelta(hours=3))
    assert plan(friday_slot + dt.timedelta(days=2)) == []
    assert [k for k, _, _ in sent()].count("mentoring_action") == 2


def test_a_learner_without_a_phone_is_not_asked(world: World) -> None:
    action = _reflect_with_action(world, dt.date(2026, 11, 25))
    with session_scope() as s:
        for sub in s.exec(select(PushSubscription).where(
            PushSubscription.user_id == world.learners[0])):  # fmt: skip
            s.delete(sub)
    claimed = plan(dt.datetime(2026, 11, 25, 10, 0, tzinfo=dt.UTC))
    assert claimed and not [k for k in claimed if str(action) in k]  # Ada's "how did it go?"
    assert world.learners[0] not in {to for _, to, _ in sent()}


def test_each_push_is_worded_in_its_recipients_language(world: World) -> None:
    with session_scope() as s:
        ada = s.get(User, world.ada)
        assert ada is not None
        ada.locale = "de"
        s.add(ada)
    request_id = world.ask(world.learners[0])
    plan(NOW)
    world.accept(request_id)
    world.book(request_id, MONDAY_NOON)
    plan(MONDAY_NOON - dt.timedelta(minutes=5))
    words = {(kind, to): (p["title"], p["body"]) for kind, to, p in sent()}
    assert words[("mentoring_request", world.ada)] == (
        "Neue Mentoring-Anfrage",
        f"Lee bittet um Hilfe bei {SKILL}: How do I open?",  # the need and skill as written
    )
    assert words[("mentoring_soon", world.ada)] == (
        "Mentoring beginnt in 10 Minuten",
        f"{SKILL} mit Lee um 12:00.",
    )
    assert words[("mentoring_soon", world.learners[0])][0] == "Mentoring starts in 10 minutes"
