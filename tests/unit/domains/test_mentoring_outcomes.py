"""A cohort's mentoring in figures: the pure computation, and the rows it is read from."""

from __future__ import annotations

import datetime as dt
import uuid
from types import SimpleNamespace as Row

from sqlmodel import select

from mmapp.mentoring.outcomes import Inputs, Rating, RatingChange, gather, skill_outcomes
from mmapp.models import (
    ActionAnswer,
    HelpRequest,
    MentoringSession,
    PlannedAction,
    RequestStatus,
    SessionReflection,
    SessionStatus,
    Skill,
    User,
)
from tests.conftest import FIXED_NOW
from tests.unit.domains.test_standing import World

SKILL, OTHER = uuid.uuid4(), uuid.uuid4()
ANN, BOB, CAT, OUTSIDER, MENTOR = (uuid.uuid4() for _ in range(5))
MEMBERS = {ANN, BOB, CAT}
DAY = dt.timedelta(days=1)
T0 = dt.datetime(2026, 10, 1, 9, 0, tzinfo=dt.UTC)
NOW = T0 + 30 * DAY


def request(mentee, status="booked", skill=SKILL, at=T0):
    return Row(id=uuid.uuid4(), mentee_id=mentee, skill_id=skill, status=status, created_at=at)


def held(req, start=T0 + 2 * DAY, status="booked", minutes=20):
    return Row(
        id=uuid.uuid4(),
        request_id=req.id,
        mentee_id=req.mentee_id,
        start_at=start,
        minutes=minutes,
        status=status,
    )


def reflection(sess, user, rating, fit):
    return Row(session_id=sess.id, user_id=user, rating=rating, fit=fit)


def action(sess, due):
    return Row(id=uuid.uuid4(), session_id=sess.id, due_on=due)


def answer(act, said, at):
    return Row(action_id=act.id, answer=said, answered_at=at)


def test_every_figure_counts_what_its_name_says() -> None:
    ann, bob = request(ANN), request(BOB, status="accepted")
    cat = request(CAT, status="offered")  # not matched (yet)
    withdrawn = request(CAT, status="cancelled", at=T0 + DAY)  # had a session, then withdrawn
    elsewhere = [request(ANN, skill=OTHER), request(OUTSIDER)]  # another skill; not a member
    s_ann = held(ann)
    s_cancelled = held(withdrawn, status="cancelled")
    s_ahead = held(bob, start=NOW + DAY)  # booked, not held yet
    s_running = held(bob, start=NOW - dt.timedelta(minutes=10))  # not over at NOW
    s_other = held(elsewhere[0])
    first, second, third = (action(s_ann, (T0 + 3 * DAY).date()) for _ in range(3))
    rows = Inputs(
        requests=[ann, bob, cat, withdrawn, *elsewhere],
        sessions=[s_ann, s_cancelled, s_ahead, s_running, s_other],
        reflections=[
            reflection(s_ann, ANN, 4, "good"),
            reflection(s_ann, MENTOR, 2, "deciding"),
            reflection(s_other, ANN, 1, "not"),  # another skill's session
        ],
        actions=[first, second, third, action(s_other, T0.date())],
        answers=[
            answer(first, "not_yet", T0 + 3 * DAY),
            answer(first, "done", T0 + 17 * DAY),  # on the 14th day after its due day
            answer(second, "done", T0 + 18 * DAY),  # a day late
            answer(third, "drop", T0 + 4 * DAY),
        ],
        ratings=[],
    )
    out = skill_outcomes(members=MEMBERS, skill_id=SKILL, rows=rows, now=NOW)
    assert (out.requests, out.matches, out.sessions_held) == (4, 3, 1)
    assert (out.median_rating, out.good_fit_share) == (4.0, 0.5)  # the mentee's; both fits
    assert (out.actions_planned, out.actions_done_in_time) == (3, 1)


def test_nothing_to_count_gives_none_not_zero() -> None:
    rows = Inputs([], [], [], [], [], [])
    out = skill_outcomes(members=MEMBERS, skill_id=SKILL, rows=rows, now=NOW)
    assert (out.requests, out.matches, out.sessions_held, out.actions_planned) == (0, 0, 0, 0)
    assert (out.median_rating, out.good_fit_share) == (None, None)
    assert (out.ratings, out.median_before, out.median_after) == ([], None, None)


def test_self_ratings_before_the_first_request_and_fourteen_days_after() -> None:
    ann, bob, cat = request(ANN), request(BOB, at=T0 + 5 * DAY), request(CAT, at=NOW - DAY)
    again = request(ANN, at=T0 + 10 * DAY)  # Ann's second request: her first one counts
    ratings = [
        Rating(ANN, 1, T0 - 3 * DAY),
        Rating(ANN, 2, T0),  # at the request: before
        Rating(ANN, 3, T0 + 14 * DAY),  # the 14th day: after
        Rating(ANN, 4, T0 + 15 * DAY),  # too late
        Rating(BOB, 2, T0 + 7 * DAY),  # nothing before Bob's request
        Rating(CAT, 1, T0),  # Cat's 14 days are not over at NOW
    ]
    rows = Inputs([ann, bob, cat, again], [], [], [], [], ratings)
    out = skill_outcomes(members=MEMBERS, skill_id=SKILL, rows=rows, now=NOW)
    assert out.ratings == [RatingChange(ANN, 2, 3), RatingChange(BOB, None, 2)]
    assert (out.median_before, out.median_after) == (2.0, 3.0)  # learners with both


def test_the_rows_are_read_for_the_members_and_the_skill(session, seeded, clock) -> None:
    world = World(session, clock)
    mentor = session.exec(select(User).where(User.email.startswith("coach@"))).one()
    feedback = session.exec(select(Skill).where(Skill.slug == "feedback")).one()
    asked = FIXED_NOW - 20 * DAY
    req = HelpRequest(
        mentee_id=world.user.id,
        skill_id=feedback.id,
        need="n",
        minutes=20,
        status=RequestStatus.done,
        offered_to=mentor.id,
        created_at=asked,
    )
    session.add(req)
    session.flush()
    booked = MentoringSession(
        request_id=req.id,
        mentor_id=mentor.id,
        mentee_id=world.user.id,
        start_at=asked + DAY,
        minutes=20,
        status=SessionStatus.booked,
    )
    session.add(booked)
    session.flush()
    mine = SessionReflection(
        id=uuid.uuid4(), session_id=booked.id, user_id=world.user.id, rating=3, fit="good"
    )
    session.add(mine)
    session.flush()
    act = PlannedAction(
        id=uuid.uuid4(),
        reflection_id=mine.id,
        session_id=booked.id,
        mentee_id=world.user.id,
        text="t",
        due_on=(asked + 2 * DAY).date(),
    )
    session.add(act)
    session.flush()
    session.add(
        ActionAnswer(id=uuid.uuid4(), action_id=act.id, answer="done", answered_at=asked + 3 * DAY)
    )
    before, after = asked - DAY, asked + 10 * DAY
    world.mark("skill_rated", "ask-first", {"level": 1}, client_ts=before, received_at=before)
    world.mark("skill_rated", "ask-first", {"level": 3}, client_ts=after, received_at=after)
    chart = next(n for n in world.nuggets.values() if n.skill_id != feedback.id).slug
    world.mark("skill_rated", chart, {"level": 4}, client_ts=after, received_at=after)
    session.flush()

    rows = gather(session=session, members={world.user.id}, skill_id=feedback.id)
    out = skill_outcomes(members={world.user.id}, skill_id=feedback.id, rows=rows, now=FIXED_NOW)
    assert (out.requests, out.matches, out.sessions_held, out.median_rating) == (1, 1, 1, 3.0)
    assert (out.good_fit_share, out.actions_planned, out.actions_done_in_time) == (1.0, 1, 1)
    assert out.ratings == [RatingChange(world.user.id, 1, 3)]  # the chart rating is not it
    nobody = gather(session=session, members={mentor.id}, skill_id=feedback.id)
    assert (nobody.requests, nobody.ratings) == ([], [])
