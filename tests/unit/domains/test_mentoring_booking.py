"""Mentoring on a real database (SQLite and Postgres): offers, expiry once, booking once.

Concurrency is real: threads, each with its own session (its own connection), meet at
a barrier and race; the database's constraints and conditional updates decide.
"""

from __future__ import annotations

import datetime as dt
import threading
import uuid
from collections.abc import Callable
from typing import Any

import pytest
from sqlmodel import Session, select

from mmapp import accounts
from mmapp.db import session_scope
from mmapp.demo.seed import DEMO_LEARNER, seed_demo
from mmapp.errors import ConflictError, ServiceError, ValidationError
from mmapp.mentoring import booking, offers
from mmapp.mentoring.availability import cells
from mmapp.mentoring.candidates import ranked
from mmapp.mentoring.matching import Need
from mmapp.models import (
    HelpRequest,
    MentoringSession,
    MentorProfile,
    RequestStatus,
    SessionHold,
    SessionStatus,
    Skill,
    User,
)
from mmapp.push import scheduler
from tests.conftest import FIXED_NOW

NOW = FIXED_NOW  # Saturday 21 Nov 2026, 09:00 UTC
# Weekdays 12:00-13:00 in Berlin (11:00-12:00 UTC in winter).
WEEKDAYS_NOON = [{"weekday": d, "start": "12:00", "end": "13:00"} for d in range(5)]
MONDAY_NOON = dt.datetime(2026, 11, 23, 11, 0, tzinfo=dt.UTC)


def _user(s: Session, name: str, tz: str = "Europe/Berlin") -> User:
    return accounts.create_user(
        session=s,
        email=f"{name.lower().replace(' ', '.')}-{uuid.uuid4().hex[:6]}@ex.org",
        password="commutes-daily",
        display_name=name,
        timezone=tz,
    )


class World:
    """Two mentors of one skill and three learners, stored."""

    def __init__(self) -> None:
        with session_scope() as s:
            self.skill = s.exec(select(Skill).where(Skill.slug == "feedback")).one().id
            # Ada's name sorts after Ben's: she can only rank first on her time zone.
            self.ada, self.ben = _user(s, "Zed Ada").id, _user(s, "Ben", "America/New_York").id
            for mentor, tz in ((self.ada, "Europe/Berlin"), (self.ben, "America/New_York")):
                s.add(
                    MentorProfile(
                        user_id=mentor,
                        skills=[{"skill_id": str(self.skill), "level": 4}],
                        lengths=[15, 20, 30],
                        timezone=tz,
                        weekly=WEEKDAYS_NOON,
                    )
                )
            self.learners = [_user(s, n).id for n in ("Lee", "Kim", "Sam")]

    def ask(self, learner: uuid.UUID, **over: Any) -> uuid.UUID:
        with session_scope() as s:
            mentee = s.get(User, learner)
            assert mentee is not None
            fields: dict[str, Any] = {"need": "How do I open?", "minutes": 20} | over
            data = offers.Ask(skill_id=self.skill, **fields)
            return offers.ask(session=s, mentee=mentee, data=data, now=NOW).id

    def accept(self, request_id: uuid.UUID) -> uuid.UUID:
        with session_scope() as s:
            request = s.get(HelpRequest, request_id)
            assert request is not None and request.offered_to is not None
            mentor = s.get(User, request.offered_to)
            assert mentor is not None
            offers.respond(session=s, request_id=request_id, mentor=mentor, accept=True, now=NOW)
            return mentor.id

    def book(self, request_id: uuid.UUID, start: dt.datetime) -> uuid.UUID:
        with session_scope() as s:
            request = s.get(HelpRequest, request_id)
            assert request is not None and request.offered_to is not None
            mentor = s.get(MentorProfile, request.offered_to)
            assert mentor is not None
            made = booking.book(session=s, request=request, mentor=mentor, start_at=start, now=NOW)
            return made.id


@pytest.fixture
def world(db_url: str, seeded: None) -> World:
    return World()


def race(*calls: Callable[[], object]) -> list[object]:
    """Run the calls at once (threads behind a barrier); each one's result or error."""
    barrier = threading.Barrier(len(calls))
    results: list[object] = [None] * len(calls)

    def run(i: int) -> None:
        barrier.wait(timeout=30)
        try:
            results[i] = calls[i]()
        except ServiceError as e:
            results[i] = e

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(calls))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    return results


def test_an_offer_goes_to_the_best_mentor_and_a_decline_passes_it_down(world: World) -> None:
    request_id = world.ask(world.learners[0])
    with session_scope() as s:
        request = s.get(HelpRequest, request_id)
        assert request is not None
        # Ada shares the learner's time zone; Ben is 6 hours away.
        assert (request.status, request.offered_to) == (RequestStatus.offered, world.ada)
        assert request.offer_expires_at == NOW + dt.timedelta(hours=offers.OFFER_HOURS)
        ada = s.get(User, world.ada)
        assert ada is not None
        offers.respond(session=s, request_id=request_id, mentor=ada, accept=False, now=NOW)
    with session_scope() as s:
        request = s.get(HelpRequest, request_id)
        assert request is not None
        assert (request.status, request.offered_to) == (RequestStatus.offered, world.ben)
        assert request.passed_over == [str(world.ada)]
        ada = s.get(User, world.ada)
        assert ada is not None
        with pytest.raises(ConflictError):  # not Ada's to answer any more
            offers.respond(session=s, request_id=request_id, mentor=ada, accept=True, now=NOW)
    with session_scope() as s, pytest.raises(ValidationError):
        mentee = s.get(User, world.learners[1])
        assert mentee is not None
        bad = offers.Ask(skill_id=world.skill, need=" ", minutes=20)
        offers.ask(session=s, mentee=mentee, data=bad, now=NOW)


def test_an_expired_offer_moves_on_exactly_once_with_two_schedulers(world: World) -> None:
    request_id = world.ask(world.learners[0])
    later = NOW + dt.timedelta(hours=offers.OFFER_HOURS, minutes=1)

    def expire() -> list[uuid.UUID]:
        with session_scope() as s:
            return offers.expire_offers(session=s, now=later)

    first, second = race(expire, expire)
    assert sorted([first, second], key=len) == [[], [request_id]]
    with session_scope() as s:
        request = s.get(HelpRequest, request_id)
        assert request is not None
        assert (request.offered_to, request.passed_over) == (world.ben, [str(world.ada)])
    # Ben lets it expire too: nobody is left, so it waits, open.
    with session_scope() as s:
        assert offers.expire_offers(session=s, now=later + dt.timedelta(hours=73)) == [request_id]
    with session_scope() as s:
        request = s.get(HelpRequest, request_id)
        assert request is not None
        assert (request.status, request.offered_to) == (RequestStatus.open, None)


def test_two_learners_booking_the_same_slot_at_once_one_wins(world: World) -> None:
    # Both ask Ada by name, she accepts both; both try Monday 12:00 Berlin.
    requests = [world.ask(learner, mentor_id=world.ada) for learner in world.learners[:2]]
    for r in requests:
        assert world.accept(r) == world.ada
    # Bookings with one mentor queue on the mentor's row lock; the holds' unique
    # constraint is the second guard (tested with two mentors below).
    results = race(*(lambda r=r: world.book(r, MONDAY_NOON) for r in requests))
    won = [r for r in results if isinstance(r, uuid.UUID)]
    lost = [r for r in results if isinstance(r, ServiceError)]
    assert len(won) == 1 and len(lost) == 1, results
    assert lost[0].status == 409 and "just taken" in lost[0].reason
    with session_scope() as s:
        sessions = s.exec(select(MentoringSession)).all()
        assert [(m.mentor_id, m.start_at) for m in sessions] == [(world.ada, MONDAY_NOON)]
        holds = s.exec(select(SessionHold).where(SessionHold.user_id == world.ada)).all()
        assert sorted(h.cell_at for h in holds) == cells(MONDAY_NOON, 20)
    # The loser books the next slot.
    loser = next(r for r, res in zip(requests, results, strict=True) if res is lost[0])
    with pytest.raises(ValidationError):  # off the 20-minute grid: not a slot at all
        world.book(loser, MONDAY_NOON + dt.timedelta(minutes=10))
    world.book(loser, MONDAY_NOON + dt.timedelta(minutes=20))
    # A 30-minute request: Monday 12:00-12:30 and 12:30-13:00 each overlap a booking
    # (12:00-12:20, 12:20-12:40), though neither starts at the same time as it.
    third = world.ask(world.learners[2], mentor_id=world.ada, minutes=30)
    world.accept(third)
    for start in (MONDAY_NOON, MONDAY_NOON + dt.timedelta(minutes=30)):
        with pytest.raises(booking.SlotTaken):
            world.book(third, start)
    world.book(third, MONDAY_NOON + dt.timedelta(days=1))


def test_reschedule_and_cancel_free_the_time_and_count_the_sequence(world: World) -> None:
    request_id = world.ask(world.learners[0])
    world.accept(request_id)
    session_id = world.book(request_id, MONDAY_NOON)
    moved_to = MONDAY_NOON + dt.timedelta(days=1)
    with session_scope() as s:
        made = s.get(MentoringSession, session_id)
        mentor = s.get(MentorProfile, world.ada)
        assert made is not None and mentor is not None
        booking.reschedule(session=s, booking=made, mentor=mentor, start_at=moved_to, now=NOW)
        assert made.sequence == 1
    # Monday noon is free again: another learner can book it with Ada.
    other = world.ask(world.learners[1], mentor_id=world.ada)
    world.accept(other)
    world.book(other, MONDAY_NOON)
    with session_scope() as s:
        made = s.get(MentoringSession, session_id)
        assert made is not None
        booking.cancel(session=s, booking=made, now=NOW)
        assert (made.status, made.sequence) == (SessionStatus.cancelled, 2)
        request = s.get(HelpRequest, request_id)
        assert request is not None and request.status == RequestStatus.accepted
    with session_scope() as s:
        assert s.exec(select(SessionHold).where(SessionHold.session_id == session_id)).all() == []
        made = s.get(MentoringSession, session_id)
        assert made is not None
        with pytest.raises(ConflictError):
            booking.cancel(session=s, booking=made, now=NOW)
    # The learner books again, at the time they had before.
    world.book(request_id, moved_to)


def test_the_scheduler_tick_passes_expired_offers_down(world: World) -> None:
    request_id = world.ask(world.learners[0])
    assert scheduler.tick(now=lambda: NOW + dt.timedelta(hours=71))["offers"] == 0
    later = NOW + dt.timedelta(hours=offers.OFFER_HOURS, seconds=1)
    assert scheduler.tick(now=lambda: later)["offers"] == 1
    with session_scope() as s:
        request = s.get(HelpRequest, request_id)
        assert request is not None and request.offered_to == world.ben


def test_the_lived_in_demo_has_two_mentors_with_slots(db_url: str) -> None:
    with session_scope() as s:
        seed_demo(session=s, history=True)
    with session_scope() as s:
        learner = s.exec(select(User).where(User.email == DEMO_LEARNER[0])).one()
        feedback = s.exec(select(Skill).where(Skill.slug == "feedback")).one()
        need = Need(learner.id, feedback.name, 3, 20, 0.0)
        matches = ranked(session=s, need=need, skill_id=feedback.id, now=NOW)
    # Both fit (Maya teaches it, Noah does it well); the demo learner met Maya earlier
    # this month (the demo's story), so her load puts Noah first: many mentors.
    assert [m.name for m in matches] == ["Noah Mentor", "Maya Mentor"]
    assert "1 of 6 sessions this month" in matches[1].reasons
    assert "0 of 6 sessions this month" in matches[0].reasons


def _force_interleaving(monkeypatch: pytest.MonkeyPatch, db_url: str) -> None:
    """On Postgres, let both callers pass their checks before either writes."""
    if not db_url.startswith("postgresql"):
        return  # SQLite's write lock at BEGIN already serialises them
    both = threading.Barrier(2)
    check = booking._check_free

    def check_then_wait(*args: Any, **kwargs: Any) -> None:
        check(*args, **kwargs)
        both.wait(timeout=30)

    monkeypatch.setattr(booking, "_check_free", check_then_wait)


def test_a_double_tap_books_one_request_once(world: World) -> None:
    request_id = world.ask(world.learners[0])
    world.accept(request_id)
    # Two different times, so the holds do not clash: only the request's state can.
    first, second = MONDAY_NOON, MONDAY_NOON + dt.timedelta(days=1)
    results = race(lambda: world.book(request_id, first), lambda: world.book(request_id, second))
    assert sum(isinstance(r, uuid.UUID) for r in results) == 1, results
    assert [r.status for r in results if isinstance(r, ServiceError)] == [409]
    with session_scope() as s:
        rows = s.exec(select(MentoringSession).where(MentoringSession.request_id == request_id))
        assert len(rows.all()) == 1


def test_one_learner_cannot_be_in_two_sessions_at_once(
    world: World, db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Ben (New York) also takes early mornings: 06:00 there is Ada's 12:00 in Berlin.
    with session_scope() as s:
        ben = s.get(MentorProfile, world.ben)
        assert ben is not None
        ben.weekly = [
            *WEEKDAYS_NOON,
            *({"weekday": d, "start": "06:00", "end": "07:00"} for d in range(5)),
        ]
        s.add(ben)
    lee = world.learners[0]
    both = [world.ask(lee, mentor_id=mentor) for mentor in (world.ada, world.ben)]
    for r in both:
        world.accept(r)
    _force_interleaving(monkeypatch, db_url)  # two mentors: no shared row lock
    results = race(*(lambda r=r: world.book(r, MONDAY_NOON) for r in both))
    monkeypatch.undo()
    assert sum(isinstance(r, uuid.UUID) for r in results) == 1, results
    assert [getattr(r, "code", None) for r in results if isinstance(r, ServiceError)] == [
        "slot_taken"
    ]
    with session_scope() as s:
        assert len(s.exec(select(SessionHold).where(SessionHold.user_id == lee)).all()) == 4


def test_monthly_capacity_holds_when_booking(world: World) -> None:
    with session_scope() as s:
        ada = s.get(MentorProfile, world.ada)
        assert ada is not None
        ada.monthly_capacity = 1
        s.add(ada)
    first = world.ask(world.learners[0], mentor_id=world.ada)
    second = world.ask(world.learners[1], mentor_id=world.ada)
    for r in (first, second):
        world.accept(r)
    world.book(first, MONDAY_NOON)
    with pytest.raises(ConflictError) as full:
        world.book(second, MONDAY_NOON + dt.timedelta(minutes=20))
    assert full.value.code == "mentor_full"


def test_a_passed_request_keeps_the_learners_target(world: World) -> None:
    with session_scope() as s:
        ben = s.get(MentorProfile, world.ben)
        assert ben is not None
        ben.skills = [{"skill_id": str(world.skill), "level": 3}]
        s.add(ben)
    request_id = world.ask(world.learners[0], target_level=4)
    with session_scope() as s:
        ada = s.get(User, world.ada)
        assert ada is not None
        offers.respond(session=s, request_id=request_id, mentor=ada, accept=False, now=NOW)
    with session_scope() as s:
        request = s.get(HelpRequest, request_id)
        assert request is not None and request.target_level == 4
        # Ben helps at level 3, under the learner's target: nobody is left.
        assert (request.status, request.offered_to) == (RequestStatus.open, None)


def test_withdrawing_cancels_the_booked_session(world: World) -> None:
    request_id = world.ask(world.learners[0])
    world.accept(request_id)
    session_id = world.book(request_id, MONDAY_NOON)
    with session_scope() as s:
        request = s.get(HelpRequest, request_id)
        assert request is not None
        offers.withdraw(session=s, request=request, now=NOW)
    with session_scope() as s:
        made = s.get(MentoringSession, session_id)
        request = s.get(HelpRequest, request_id)
        assert made is not None and request is not None
        assert (made.status, made.sequence, request.status) == (
            SessionStatus.cancelled,
            1,
            RequestStatus.cancelled,
        )
        assert s.exec(select(SessionHold)).all() == []
        with pytest.raises(ConflictError):
            offers.withdraw(session=s, request=request, now=NOW)


def test_deleting_an_account_takes_its_mentoring_along(world: World) -> None:
    lee, kim = world.learners[:2]
    booked = world.ask(lee, mentor_id=world.ada)
    world.accept(booked)
    session_id = world.book(booked, MONDAY_NOON)
    waiting = world.ask(kim, mentor_id=world.ada)  # offered to Ada, not answered
    with session_scope() as s:
        user = s.get(User, lee)
        assert user is not None
        accounts.delete_account(session=s, user=user, now=NOW)
    with session_scope() as s:
        made = s.get(MentoringSession, session_id)
        request = s.get(HelpRequest, booked)
        assert made is not None and request is not None
        assert made.status == SessionStatus.cancelled  # Ada's time is free again
        assert (request.status, request.need) == (RequestStatus.cancelled, "")
        assert s.exec(select(SessionHold)).all() == []
        ada = s.get(User, world.ada)
        assert ada is not None
        accounts.delete_account(session=s, user=ada, now=NOW)
    with session_scope() as s:
        request = s.get(HelpRequest, waiting)
        assert request is not None and request.offered_to == world.ben  # passed down
        assert s.get(MentorProfile, world.ada) is None
