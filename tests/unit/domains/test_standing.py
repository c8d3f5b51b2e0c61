"""Skill standing: the payload checks, the shown/current/target rules and the statement."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
from sqlmodel import select

from mmapp.models import Cohort, Nugget, Skill, SkillTarget, User
from mmapp.progress.projections import compute_progress
from mmapp.progress.standing import shown_level, statement
from mmapp.schemas import QuizScore
from mmapp.sync import changes
from tests.conftest import FIXED_NOW
from tests.factories import payload_problem_of
from tests.support.answers import Learner, backdate_releases

D = dt.date
TODAY = D(2026, 11, 21)  # FIXED_NOW in Europe/London


@pytest.mark.parametrize(
    ("type_", "payload"),
    [
        *[("skill_rated", {"level": n}) for n in range(5)],
        *[("goal_set", {"level": n, "by": None}) for n in range(1, 5)],
        ("goal_set", {"level": 3, "by": "2027-01-15"}),
        ("goal_set", {"level": 3, "by": "2199-12-31"}),
    ],
)
def test_good_rating_and_goal_payloads_pass(type_, payload):
    assert payload_problem_of(type_, payload) is None


@pytest.mark.parametrize(
    ("type_", "payload", "reason"),
    [
        ("skill_rated", {}, "unexpected_payload"),
        ("skill_rated", {"level": 2, "by": None}, "unexpected_payload"),
        ("skill_rated", {"level": 5}, "level_out_of_range"),
        ("skill_rated", {"level": -1}, "level_out_of_range"),
        ("skill_rated", {"level": True}, "level_out_of_range"),
        ("skill_rated", {"level": 2.0}, "level_out_of_range"),
        ("skill_rated", {"level": "2"}, "level_out_of_range"),
        ("skill_rated", {"level": None}, "level_out_of_range"),
        ("goal_set", {"level": 3}, "unexpected_payload"),
        ("goal_set", {"level": 3, "by": None, "why": "x"}, "unexpected_payload"),
        ("goal_set", {"level": 0, "by": None}, "level_out_of_range"),
        ("goal_set", {"level": 5, "by": None}, "level_out_of_range"),
        ("goal_set", {"level": 3, "by": "2027-02-30"}, "invalid_date"),
        ("goal_set", {"level": 3, "by": "2027-1-5"}, "invalid_date"),
        ("goal_set", {"level": 3, "by": "2027-W03-1"}, "invalid_date"),
        ("goal_set", {"level": 3, "by": "20270115"}, "invalid_date"),
        ("goal_set", {"level": 3, "by": "2027-01-15T00:00"}, "invalid_date"),
        ("goal_set", {"level": 3, "by": "2200-01-01"}, "invalid_date"),
        ("goal_set", {"level": 3, "by": "1969-12-31"}, "invalid_date"),
        ("goal_set", {"level": 3, "by": 20270115}, "invalid_date"),
        ("goal_set", {"level": 3, "by": ""}, "invalid_date"),
    ],
)
def test_bad_rating_and_goal_payloads_are_refused_with_a_reason(type_, payload, reason):
    assert payload_problem_of(type_, payload) == reason


N1, N2a, N2b, N3 = (uuid.uuid4() for _ in range(4))
LEVELS = {N1: 1, N2a: 2, N2b: 2, N3: 3}
GOOD, POOR = QuizScore(answered=3, correct=2, total=3), QuizScore(answered=3, correct=1, total=3)


@pytest.mark.parametrize(
    ("levels", "completed", "scores", "recall", "has_items", "shown"),
    [
        ({}, set(), {}, 0.0, False, 0),  # no nuggets
        (LEVELS, set(), {}, 1.0, True, 0),  # nothing done
        (LEVELS, {N1, N2a}, {}, 1.0, True, 1),  # level 2 half done
        (LEVELS, {N1, N2a, N2b, N3}, {N3: GOOD}, 0.9, True, 3),  # all done, recall held
        (LEVELS, {N1, N2a, N2b, N3}, {}, 0.79, True, 2),  # all done, recall fading: cap
        (LEVELS, {N1, N2a, N2b, N3}, {}, 0.0, False, 3),  # no quiz items: no cap
        (LEVELS, {N1}, {}, 0.1, True, 1),  # below the cap anyway
        (LEVELS, {N1, N2a, N2b, N3}, {N1: POOR}, 1.0, True, 0),  # first try under 50 %
        (LEVELS, {N1, N2a, N2b, N3}, {N2a: POOR}, 1.0, True, 1),
        ({N1: 1, N3: 3}, {N1, N3}, {}, 1.0, True, 3),  # no nugget at level 2
        ({N2a: 2}, {N2a}, {}, 1.0, True, 2),  # no nugget at level 1
        ({N1: 1}, {N1}, {N1: QuizScore(answered=2, correct=2, total=4)}, 1.0, True, 1),  # 50 %
        ({N1: 1}, {N1}, {N1: QuizScore(answered=0, correct=0, total=0)}, 1.0, True, 1),
    ],
)
def test_shown_level_rule(levels, completed, scores, recall, has_items, shown):
    assert shown_level(levels, completed, scores, recall, has_items) == shown


@pytest.mark.parametrize(
    ("kw", "text"),
    [
        (
            {"current": 2, "target": 3, "by": D(2027, 1, 15), "recall": 0.74},
            "Giving feedback: level 2 → 3 by 15 Jan; 3 of 5 nuggets, recall 74 %",
        ),
        (
            {"current": 2, "target": 3, "by": None, "recall": None},
            "Giving feedback: level 2 → 3; 3 of 5 nuggets",
        ),
        (
            {"current": 0, "target": None, "by": None, "recall": None},
            "Giving feedback: level 0, no target yet; 3 of 5 nuggets",
        ),
        (
            {"current": 3, "target": 2, "by": D(2027, 1, 15), "recall": 1.0},
            "Giving feedback: level 3, target 2 reached; 3 of 5 nuggets, recall 100 %",
        ),
        (
            {"current": 1, "target": 4, "by": D(2028, 3, 1), "recall": 0.0},
            "Giving feedback: level 1 → 4 by 1 Mar 2028; 3 of 5 nuggets, recall 0 %",
        ),
        (
            {"current": 1, "target": 2, "by": D(2026, 11, 1), "recall": None},
            "Giving feedback: level 1 → 2 by 1 Nov 2026; 3 of 5 nuggets",
        ),
    ],
)
def test_statement_text(kw, text):
    assert statement(name="Giving feedback", done=3, total=5, today=TODAY, **kw) == text


# --- through compute_progress, from events stored by ingest ---------------------------


class World:
    def __init__(self, session, clock):
        backdate_releases(session)
        self.session = session
        self.user = session.exec(select(User).where(User.email.startswith("learner@"))).one()
        self.skill = {s.slug: s for s in session.exec(select(Skill))}
        self.nuggets = {n.slug: n for n in session.exec(select(Nugget))}
        self.phone = Learner(session, self.user, clock)

    def mark(self, type_, slug, payload, *, client_ts, received_at):
        event = self.phone._event(self.nuggets[slug], type_, payload, client_ts)
        self.phone.push(received_at, [event])

    def standing(self, now=FIXED_NOW):
        p = compute_progress(session=self.session, user=self.user, now=now)
        return {s.slug: s for s in p.standing}


@pytest.fixture
def world(session, seeded, clock) -> World:
    return World(session, clock)


AT = FIXED_NOW - dt.timedelta(days=3)


def test_without_an_audit_standing_shows_the_cohort_target(world):
    rows = compute_progress(session=world.session, user=world.user, now=FIXED_NOW).standing
    assert [r.name for r in rows] == sorted(r.name for r in rows)
    assert {r.slug for r in rows} == {"reading-charts", "feedback", "status-email"}
    feedback = {r.slug: r for r in rows}["feedback"]
    assert feedback.scale[0] == "Not yet" and len(feedback.scale) == 5
    assert (feedback.self_rating, feedback.rated_on, feedback.shown, feedback.current) == (
        None,
        None,
        0,
        0,
    )
    by = TODAY + dt.timedelta(days=42)  # the demo cohort's targets
    assert (feedback.target, feedback.target_by, feedback.target_source) == (3, by, "cohort")
    assert feedback.statement == "Giving feedback that lands: level 0 → 3 by 2 Jan; 0 of 4 nuggets"


def test_the_latest_rating_counts_whatever_the_arrival_order(world):
    # The later rating arrives first; the earlier one (offline for a day) after it.
    world.mark("skill_rated", "ask-first", {"level": 3}, client_ts=AT, received_at=AT)
    earlier = AT - dt.timedelta(days=1)
    world.mark("skill_rated", "next-step", {"level": 1}, client_ts=earlier, received_at=AT)
    row = world.standing()["feedback"]
    assert (row.self_rating, row.rated_on, row.current, row.shown) == (3, AT.date(), 3, 0)
    assert "level 3, target 3 reached" in row.statement
    assert world.standing()["reading-charts"].self_rating is None  # another skill


def test_same_time_ratings_are_ordered_by_event_id(world):
    e1 = world.phone._event(world.nuggets["ask-first"], "skill_rated", {"level": 1}, AT)
    e2 = world.phone._event(world.nuggets["ask-first"], "skill_rated", {"level": 2}, AT)
    world.phone.push(AT, [e1, e2])
    winner = max((e1, e2), key=lambda e: str(e.event_id))
    assert world.standing()["feedback"].self_rating == winner.payload["level"]


def test_a_goal_raises_the_target_but_never_lowers_it(world):
    world.mark(
        "goal_set",
        "ask-first",
        {"level": 4, "by": "2027-03-01"},
        client_ts=AT,
        received_at=AT,
    )
    row = world.standing()["feedback"]
    assert (row.target, row.target_by, row.target_source) == (4, D(2027, 3, 1), "learner")
    assert row.statement.startswith("Giving feedback that lands: level 0 → 4 by 1 Mar;")
    later = AT + dt.timedelta(hours=1)
    world.mark(
        "goal_set", "ask-first", {"level": 2, "by": None}, client_ts=later, received_at=later
    )
    row = world.standing()["feedback"]
    assert (row.target, row.target_source) == (3, "cohort")  # the cohort's 3 stands
    last = AT + dt.timedelta(hours=2)
    world.mark("goal_set", "next-step", {"level": 3, "by": None}, client_ts=last, received_at=last)
    assert world.standing()["feedback"].target_source == "cohort"  # equal is not higher


def test_a_goal_alone_is_the_target_when_the_cohort_has_none(world):
    for t in world.session.exec(select(SkillTarget)):
        world.session.delete(t)
    world.session.flush()
    assert world.standing()["feedback"].target is None
    world.mark("goal_set", "ask-first", {"level": 2, "by": None}, client_ts=AT, received_at=AT)
    row = world.standing()["feedback"]
    assert (row.target, row.target_by, row.target_source) == (2, None, "learner")


def test_current_is_the_rating_until_practice_then_what_practice_shows(world):
    world.mark("skill_rated", "ask-first", {"level": 3}, client_ts=AT, received_at=AT)
    assert world.standing()["feedback"].current == 3
    world.phone.finish(world.nuggets["behaviour-not-person"], AT + dt.timedelta(hours=1))
    progress = compute_progress(session=world.session, user=world.user, now=FIXED_NOW)
    row = {s.slug: s for s in progress.standing}["feedback"]
    assert (row.self_rating, row.shown, row.current) == (3, 1, 1)
    assert (
        row.statement
        == "Giving feedback that lands: level 1 → 3 by 2 Jan; 1 of 4 nuggets, recall 88 %"
    )
    # The recall is the one the mastery level reports.
    assert {s.slug: s for s in progress.skills}["feedback"].recall == pytest.approx(0.88, abs=0.005)


def test_all_done_with_recall_held_shows_the_top_level_and_target_below_it(world):
    cohort = world.session.exec(select(Cohort)).one()
    target = world.session.get(SkillTarget, (cohort.id, world.skill["feedback"].id))
    target.level = 2
    world.session.add(target)
    for slug in ("behaviour-not-person", "impact-statement", "ask-first", "next-step"):
        world.phone.finish(world.nuggets[slug], AT)
    row = world.standing(now=FIXED_NOW + dt.timedelta(days=30))["feedback"]
    assert (row.shown, row.current, row.target) == (2, 2, 2)  # recall fades below 0.8...
    fresh = world.standing(now=AT)["feedback"]  # ...but on the day itself it is 100 %
    assert (fresh.shown, fresh.current) == (3, 3)
    assert "level 3, target 2 reached; 4 of 4 nuggets, recall 100 %" in fresh.statement


def test_a_wrong_first_try_holds_shown_back(world):
    world.phone.finish(world.nuggets["behaviour-not-person"], AT, right=False)
    row = world.standing(now=AT)["feedback"]
    assert (row.shown, row.current) == (0, 0)


def test_the_pull_carries_standing(world):
    world.mark("skill_rated", "ask-first", {"level": 2}, client_ts=AT, received_at=AT)
    page = changes.pull(session=world.session, user=world.user, cursor_token=None, page_size=50)
    assert page.progress is not None
    row = {s.slug: s for s in page.progress.standing}["feedback"]
    assert (row.self_rating, row.target) == (2, 3)
