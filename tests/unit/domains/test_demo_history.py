"""The demo learner's optional history: stored through ingest, some reviews due today."""

from __future__ import annotations

import datetime as dt

from sqlmodel import select

from mmapp import db
from mmapp.demo.history import history_device
from mmapp.demo.seed import DEMO_LEARNER, seed_demo
from mmapp.demo.stories import DEMO_COLLEAGUE
from mmapp.models import (
    LearnerEvent,
    MentoringSession,
    PlannedAction,
    ReviewCard,
    SessionReflection,
    TeachBack,
    User,
)
from mmapp.progress.projections import compute_progress
from mmapp.progress.work import open_commitments
from mmapp.reviews import cards
from mmapp.sync import changes
from tests.conftest import FIXED_NOW


def _learner(s) -> User:
    return s.exec(select(User).where(User.email == DEMO_LEARNER[0])).one()


def test_a_seeded_history_has_cards_some_due_today_and_completed_nuggets(engine, clock):
    with db.session_scope(engine) as s:
        report = seed_demo(session=s, history=True)
    assert report.history_events > 0
    assert clock.now() == FIXED_NOW  # the seed put the clock back
    today = dt.date(2026, 11, 21)  # FIXED_NOW in Europe/London
    with db.session_scope(engine, read_only=True) as s:
        user = _learner(s)
        stored = cards.cards_of(session=s, user=user)
        due = [c for c in stored if c.due_on is not None and c.due_on <= today]
        later = [c for c in stored if c.due_on is not None and c.due_on > today]
        assert due and later
        # The stored projection is what a replay of the log gives.
        fresh = cards.replayed(s, user)
        assert [(c.item_id, c.due_on, c.reps) for c in stored] == [
            (c.item_id, c.due_on, c.reps) for c in fresh
        ]
        assert any(c.reps > 1 for c in stored)  # review sessions answered some again
        progress = compute_progress(session=s, user=user, now=FIXED_NOW)
        assert progress.completed and max(progress.completed.values()) < today
        wrong = [c for c in stored if any(d.get("right") is False for d in c.days)]
        assert wrong  # mostly right, some wrong
        types = set(
            s.exec(select(LearnerEvent.type).where(LearnerEvent.device_id == history_device(user)))
        )
        assert {"quiz_answered", "review_answered", "nugget_completed", "skill_rated"} <= types
        # The audit and the cohort's targets give every skill a standing: two skills
        # practised (their level is what practice shows), the third only rated.
        standing = {s.slug: s for s in progress.standing}
        assert set(standing) == {"reading-charts", "feedback", "status-email"}
        assert all(s.self_rating is not None and s.target == 3 for s in standing.values())
        assert all(s.target_source == "cohort" and s.target_by for s in standing.values())
        assert all(standing[k].current == standing[k].shown for k in ("feedback", "reading-charts"))
        assert standing["status-email"].statement.startswith(
            "Writing a clear status email: level 1 → 3 by "
        )
        page = changes.pull(session=s, user=user, cursor_token=None, page_size=50)
        assert page.reviews and not page.has_more
        # Tried at work: one reflected "well", one open whose day was yesterday.
        opened = open_commitments(
            s.exec(select(LearnerEvent).where(LearnerEvent.user_id == user.id)).all()
        )
        assert [c.payload["on"] for c in opened.values()] == ["2026-11-20"]
        assert [(e.type, e.went) for e in progress.work if e.went] == [("work_reflected", "well")]
        # Commute times, so the week plan has trips: morning and evening on weekdays.
        assert {(c.weekday, c.time) for c in progress.commute_slots} == {
            (d, t) for d in range(5) for t in ("07:40", "17:50")
        }


def test_history_is_seeded_once_and_the_same_every_time(engine):
    with db.session_scope(engine) as s:
        seed_demo(session=s, history=True)
    with db.session_scope(engine) as s:
        assert seed_demo(session=s, history=True).history_events == 0
    with db.session_scope(engine, read_only=True) as s:
        rows = list(s.exec(select(ReviewCard).order_by(ReviewCard.item_id)))
        assert len(rows) == len({r.item_id for r in rows})


def test_without_history_the_demo_learner_has_none(engine):
    with db.session_scope(engine) as s:
        assert seed_demo(session=s).history_events == 0
        assert s.exec(select(LearnerEvent)).first() is None


def test_the_demo_learner_meets_one_achievement_the_strong_skill(engine, clock):
    """`make run`: the first pull issues exactly one credential, for reading charts."""
    from mmapp.credentials.issuing import due_achievements
    from mmapp.models import Achievement, Skill

    with db.session_scope(engine) as s:
        seed_demo(session=s, history=True)
    with db.session_scope(engine) as s:
        learner = s.exec(select(User).where(User.email == DEMO_LEARNER[0])).one()
        achievements = s.exec(select(Achievement)).all()
        assert (
            sorted((a.level, a.min_score, a.min_recall, a.min_days) for a in achievements)
            == [(2, 80, 0.8, 14)] * 3
        )
        due = due_achievements(session=s, user=learner, now=clock.now())
        skills = [s.get(Skill, a.skill_id).slug for a, _ in due]  # type: ignore[union-attr]
        assert skills == ["reading-charts"]
    with db.session_scope(engine) as s:
        assert seed_demo(session=s, history=True).achievements == 0  # idempotent


def test_the_demo_tells_a_mentoring_story_and_a_teach_back_once(engine):
    with db.session_scope(engine) as s:
        assert seed_demo(session=s, history=True).stories == 2
    with db.session_scope(engine) as s:
        assert seed_demo(session=s, history=True).stories == 0  # already there
    with db.session_scope(engine, read_only=True) as s:
        lee = _learner(s)
        (met,) = s.exec(select(MentoringSession)).all()
        assert met.mentee_id == lee.id and met.status == "booked"
        maya = s.get(User, met.mentor_id)
        assert maya is not None and maya.email == "maya@demo.micromastery.app"
        reflections = s.exec(select(SessionReflection)).all()
        assert {r.user_id for r in reflections} == {lee.id, maya.id}
        states = sorted(a.state for a in s.exec(select(PlannedAction)))
        assert states == ["done", "open"]
        (taught,) = s.exec(select(TeachBack)).all()
        sam = s.get(User, taught.peer_id)
        assert sam is not None and sam.email == DEMO_COLLEAGUE[0]
        assert (taught.teacher_id, taught.rating, taught.usable) == (lee.id, 4, True)
        assert taught.confirmed_at is not None and taught.at < taught.confirmed_at
