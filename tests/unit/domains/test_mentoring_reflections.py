"""Reflections and answers sent twice at the same moment, on SQLite and Postgres.

A phone's queue may resend while the first send is still in flight: the database's
unique keys decide, and the loser answers as a replay (or a refusal), never a 500.
"""

from __future__ import annotations

import datetime as dt
import threading
import uuid
from typing import Any

import pytest
from sqlmodel import func, select

from mmapp.db import session_scope
from mmapp.errors import ConflictError
from mmapp.mentoring import reflections
from mmapp.models import ActionAnswer, MentoringSession, PlannedAction, SessionReflection, User
from mmapp.schemas import AnswerIn, ReflectionIn
from tests.unit.domains.test_mentoring_booking import MONDAY_NOON, World, race

OVER = MONDAY_NOON + dt.timedelta(minutes=20)
WEDNESDAY = dt.date(2026, 11, 25)


@pytest.fixture
def world(db_url: str, seeded: None) -> World:
    return World()


def _session(world: World) -> uuid.UUID:
    request_id = world.ask(world.learners[0])
    world.accept(request_id)
    return world.book(request_id, MONDAY_NOON)


def _reflect(session_id: uuid.UUID, user_id: uuid.UUID, data: ReflectionIn) -> Any:
    with session_scope() as s:
        booking, user = s.get(MentoringSession, session_id), s.get(User, user_id)
        assert booking is not None and user is not None
        return reflections.reflect(session=s, booking=booking, user=user, data=data, now=OVER)


def _count(model: Any) -> int:
    with session_scope() as s:
        return s.exec(select(func.count()).select_from(model)).one()


def _interleave(monkeypatch: pytest.MonkeyPatch, db_url: str, name: str) -> None:
    """On Postgres, let both callers pass `reflections.<name>` before either writes."""
    if not db_url.startswith("postgresql"):
        return  # SQLite's write lock at BEGIN already serialises them
    both = threading.Barrier(2)
    check = getattr(reflections, name)

    def check_then_wait(*args: Any, **kwargs: Any) -> Any:
        found = check(*args, **kwargs)
        both.wait(timeout=30)
        return found

    monkeypatch.setattr(reflections, name, check_then_wait)


def test_the_same_reflection_sent_twice_at_once_is_stored_once(
    world: World, db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    session_id = _session(world)
    data = ReflectionIn(
        id=uuid.uuid4(),
        rating=4,
        fit="good",
        takeaway="Facts first",
        actions=[{"id": uuid.uuid4(), "text": "Open with the facts", "due_on": WEDNESDAY}],
    )
    _interleave(monkeypatch, db_url, "_check_new")
    lee = world.learners[0]
    results = race(*(lambda: _reflect(session_id, lee, data) for _ in range(2)))
    assert sorted(stored for _, stored in results) == [False, True], results  # type: ignore[misc]
    assert results[0][0] == results[1][0]  # type: ignore[index]
    assert (_count(SessionReflection), _count(PlannedAction)) == (1, 1)


def test_two_reflections_by_one_person_at_once_keep_one(
    world: World, db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    session_id = _session(world)
    _interleave(monkeypatch, db_url, "_check_new")
    lee = world.learners[0]
    sends = [ReflectionIn(id=uuid.uuid4(), rating=r, fit="good") for r in (2, 4)]
    results = race(*(lambda d=d: _reflect(session_id, lee, d) for d in sends))
    refused = [r for r in results if isinstance(r, ConflictError)]
    assert [e.code for e in refused] == ["already_reflected"], results
    assert _count(SessionReflection) == 1


def test_the_same_answer_sent_twice_at_once_is_stored_once(world: World) -> None:
    session_id = _session(world)
    action_id = uuid.uuid4()
    plan = [{"id": action_id, "text": "Ask first", "due_on": WEDNESDAY}]
    _reflect(session_id, world.learners[0], ReflectionIn(id=uuid.uuid4(), rating=3, fit="good",
                                                          actions=plan))  # fmt: skip
    data = AnswerIn(id=uuid.uuid4(), answer="not_yet")

    def send() -> Any:
        with session_scope() as s:
            action, user = s.get(PlannedAction, action_id), s.get(User, world.learners[0])
            assert action is not None and user is not None
            at = dt.datetime(2026, 11, 25, 18, 0, tzinfo=dt.UTC)
            return reflections.answer(session=s, action=action, user=user, data=data, now=at)

    results = race(send, send)
    assert sorted(stored for _, stored in results) == [False, True], results  # type: ignore[misc]
    assert {out.asked_on for out, _ in results} == {dt.date(2026, 11, 27)}  # type: ignore[misc]
    assert _count(ActionAnswer) == 1
    with session_scope() as s:
        action = s.get(PlannedAction, action_id)
        assert action is not None and action.last_answer_id == data.id


@pytest.mark.parametrize(
    ("answers", "state", "asked"),
    [
        ([], "open", WEDNESDAY),  # asked on its due day
        ([("not_yet", WEDNESDAY)], "open", dt.date(2026, 11, 27)),  # two days later
        ([("not_yet", dt.date(2026, 11, 20))], "open", WEDNESDAY),  # never before it is due
        ([("done", WEDNESDAY)], "done", None),
        ([("not_yet", WEDNESDAY), ("drop", dt.date(2026, 11, 26))], "dropped", None),
        ([("done", WEDNESDAY), ("not_yet", dt.date(2026, 12, 1))], "open", dt.date(2026, 12, 3)),
    ],
)
def test_an_actions_state_is_its_latest_answer(answers, state, asked) -> None:
    assert reflections.state_after(answers, WEDNESDAY) == (state, asked)
