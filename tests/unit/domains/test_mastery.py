"""Mastery levels: every boundary of the pure rule, and one learner through compute_progress."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
from sqlmodel import select

from mmapp.models import Nugget, ReviewCard, Skill, User
from mmapp.progress.mastery import RECALL_TARGET, skill_level
from mmapp.progress.projections import compute_progress
from mmapp.reviews import recall, scheduler
from tests.conftest import FIXED_NOW
from tests.support.answers import Learner, backdate_releases, quiz_of

D = dt.date
DAY = D(2026, 11, 2)
USER = uuid.uuid4()
NUGGET = uuid.uuid4()
A, B, OTHER = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()


def card(item: uuid.UUID, ratings=((DAY, scheduler.Rating.Good),), best: int = 0) -> ReviewCard:
    """A stored card whose state is the replay of `ratings` (none: never rated)."""
    state = scheduler.replay(scheduler.card_id(USER, item), list(ratings))
    return ReviewCard(
        user_id=USER,
        item_id=item,
        nugget_id=NUGGET,
        timezone="UTC",
        schedule=scheduler.SCHEDULE_VERSION,
        days=[],
        reps=state.reps if state else 0,
        stability=state.stability if state else None,
        difficulty=state.difficulty if state else None,
        due_on=state.due_on if state else None,
        last_review_on=state.last_review.date() if state else None,
        best_interval=best,
    )


def level(done=2, given=2, items=(A, B), cards=(), today=DAY):
    return skill_level(done=done, given=given, items=set(items), cards=list(cards), today=today)


def test_a_stored_card_predicts_the_recall_of_its_replay():
    ratings = [(DAY, scheduler.Rating.Good), (DAY + dt.timedelta(days=3), scheduler.Rating.Again)]
    state = scheduler.replay(scheduler.card_id(USER, A), ratings)
    later = DAY + dt.timedelta(days=9)
    assert recall.retrievability(recall.card_state(card(A, ratings)), later) == (
        recall.retrievability(state, later)
    )
    assert recall.card_state(card(A, ())) is None


def test_nothing_done_is_no_level():
    got = level(done=0, given=3)
    assert (got.level, got.label, got.next_step) == ("", "Not started", "Finish 1 nugget to start")


@pytest.mark.parametrize(
    ("done", "step"), [(1, "Finish 2 more nuggets"), (2, "Finish 1 more nugget")]
)
def test_some_nuggets_done_is_started(done, step):
    got = level(done=done, given=3, cards=[card(A), card(B)])
    assert (got.level, got.label, got.next_step) == ("started", "Started", step)
    assert got.recall == 1.0  # reported whatever the level


def test_all_done_without_any_card_is_practised():
    got = level(cards=[card(OTHER)])  # another skill's item does not count
    assert (got.level, got.label) == ("practised", "Practised")
    assert got.next_step == "Answer the skill's quiz items to measure your recall"
    assert got.recall == 0.0


def test_proficiency_starts_exactly_where_recall_reaches_the_target():
    # B was reviewed on the day itself (recall 1.0); A fades from DAY on.
    last_held = DAY
    while recall.retrievability(recall.card_state(card(A)), last_held + dt.timedelta(1)) >= (
        RECALL_TARGET
    ):
        last_held += dt.timedelta(days=1)
    first_low = last_held + dt.timedelta(days=1)
    fresh = ((last_held, scheduler.Rating.Good),)
    held = level(cards=[card(A), card(B, fresh)], today=last_held)
    assert held.level == "proficient"
    fresh = ((first_low, scheduler.Rating.Good),)
    low = level(cards=[card(A), card(B, fresh)], today=first_low)
    assert (low.level, low.next_step) == ("practised", "Review 1 item to get recall to 80 %")
    a = recall.retrievability(recall.card_state(card(A)), first_low)
    assert low.recall == pytest.approx((a + 1.0) / 2)


def test_a_card_never_rated_counts_as_no_card():
    """A "too easy" mark alone rates nothing: no recall to predict, nothing to review."""
    assert level(cards=[card(A), card(B, ())]) == level(cards=[card(A)])


def test_only_the_items_with_cards_need_recall_for_proficient():
    got = level(cards=[card(A)])
    assert got.level == "proficient"
    # B has no card: it still needs its long review before mastery.
    assert got.next_step == "Keep reviewing: 2 items need a successful review 21+ days apart"


@pytest.mark.parametrize(
    ("best", "want", "step"),
    [
        (20, "proficient", "Keep reviewing: 1 item needs a successful review 21+ days apart"),
        (21, "mastered", ""),
    ],
)
def test_mastery_needs_every_item_right_after_21_days(best, want, step):
    got = level(cards=[card(A, best=21), card(B, best=best)])
    assert (got.level, got.next_step) == (want, step)
    assert got.label == want.capitalize()


def test_mastered_intervals_without_recall_are_practised():
    got = level(cards=[card(A, best=30), card(B, best=30)], today=DAY + dt.timedelta(days=60))
    assert got.level == "practised"
    assert got.next_step == "Review 2 items to get recall to 80 %"


def test_unfinished_nuggets_cap_the_level_whatever_the_cards():
    got = level(done=1, given=2, cards=[card(A, best=40), card(B, best=40)])
    assert got.level == "started"


def test_levels_through_compute_progress_from_pushed_answers(session, seeded, clock):
    backdate_releases(session)
    user = session.exec(select(User).where(User.email.startswith("learner@"))).one()
    skill = {s.slug: s.id for s in session.exec(select(Skill))}
    nuggets = list(session.exec(select(Nugget).order_by(Nugget.slug)))
    status = [n for n in nuggets if n.skill_id == skill["status-email"]]
    feedback = [n for n in nuggets if n.skill_id == skill["feedback"]]
    items = sum(len(quiz_of(session, n)) for n in status)
    phone = Learner(session, user, clock)
    day0 = FIXED_NOW - dt.timedelta(days=30)
    for n in status:
        phone.finish(n, day0)
    phone.finish(feedback[0], day0)

    def levels(now):
        p = compute_progress(session=session, user=user, now=now)
        return {s.slug: (s.level, s.level_label, s.next_step, s.recall) for s in p.skills}

    at_once = levels(day0)
    assert at_once["reading-charts"] == ("", "Not started", "Finish 1 nugget to start", 0.0)
    assert at_once["feedback"] == ("started", "Started", "Finish 3 more nuggets", 1.0)
    assert at_once["status-email"] == (
        "proficient",
        "Proficient",
        f"Keep reviewing: {items} items need a successful review 21+ days apart",
        1.0,
    )
    # A month later without reviews, recall has faded below 80 % on every item.
    faded = levels(FIXED_NOW)["status-email"]
    assert faded[:3] == ("practised", "Practised", f"Review {items} items to get recall to 80 %")
    assert 0 < faded[3] < RECALL_TARGET
    # Reviewed right 30 days after the first answers: all but one item, then that one.
    last = status[-1]
    for n in status[:-1]:
        phone.review(n, FIXED_NOW)
    phone.review(last, FIXED_NOW, items=len(quiz_of(session, last)) - 1)
    assert levels(FIXED_NOW)["status-email"][:3] == (
        "practised",
        "Practised",
        "Review 1 item to get recall to 80 %",
    )
    later = FIXED_NOW + dt.timedelta(hours=1)
    phone.review(last, later)
    assert levels(later)["status-email"] == ("mastered", "Mastered", "", 1.0)
