import datetime as dt
import uuid

from sqlmodel import select

from mmapp import accounts
from mmapp.models import Assignment, LearnerEvent, Nugget, NuggetRevision, ReminderPlan, User
from mmapp.progress.projections import activity_time, compute_progress

D = dt.date


def _event(received, client):
    return LearnerEvent(
        event_id=uuid.uuid4(),
        user_id=uuid.uuid4(),
        device_id="d",
        device_seq=1,
        type="nugget_completed",
        nugget_id=uuid.uuid4(),
        nugget_version=1,
        fingerprint="x",
        client_ts=client,
        received_at=received,
    )


def test_device_clock_is_clamped_to_a_window_before_arrival():
    now = dt.datetime(2026, 11, 21, 12, tzinfo=dt.UTC)
    assert activity_time(_event(now, now - dt.timedelta(hours=5))) == now - dt.timedelta(hours=5)
    assert activity_time(_event(now, now + dt.timedelta(days=1))) == now  # clock ahead
    assert activity_time(_event(now, now - dt.timedelta(days=400))) == now - dt.timedelta(days=7)


def _add(session, user, nugget, kind, when, seq, payload=None):
    device = accounts.register_device(session=session, user=user, device_id="device-progress")
    session.add(
        LearnerEvent(
            event_id=uuid.uuid4(),
            user_id=user.id,
            device_id=device.id,
            device_seq=seq,
            type=kind,
            nugget_id=nugget.id,
            nugget_version=nugget.version,
            payload=payload or {},
            fingerprint=str(seq),
            client_ts=when,
            received_at=when,
        )
    )
    session.flush()


def _backdate_releases(session):
    for a in session.exec(select(Assignment)):
        a.release_at = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
        session.add(a)
    session.flush()


def test_projection_from_events_in_learner_timezone(session, seeded):
    _backdate_releases(session)
    user = session.exec(select(User).where(User.email.startswith("learner@"))).one()
    user.timezone = "America/New_York"
    nuggets = list(session.exec(select(Nugget).order_by(Nugget.slug)))[:3]
    # 03:30 UTC on the 21st is still the 20th in New York.
    _add(
        session,
        user,
        nuggets[0],
        "nugget_completed",
        dt.datetime(2026, 11, 21, 3, 30, tzinfo=dt.UTC),
        1,
    )
    _add(
        session,
        user,
        nuggets[1],
        "nugget_completed",
        dt.datetime(2026, 11, 21, 15, tzinfo=dt.UTC),
        2,
    )
    _add(
        session,
        user,
        nuggets[1],
        "nugget_completed",
        dt.datetime(2026, 11, 21, 16, tzinfo=dt.UTC),
        3,
    )
    item = nuggets[2]
    # A goal each day's one nugget meets: the streak counts met days.
    goal = min(nuggets[0].minutes, nuggets[1].minutes)
    session.add(ReminderPlan(user_id=user.id, timezone=user.timezone, daily_goal_minutes=goal))
    now = dt.datetime(2026, 11, 21, 18, tzinfo=dt.UTC)
    p = compute_progress(session=session, user=user, now=now)
    assert p.nuggets_done == 2  # a repeat completion counts once
    assert p.minutes == nuggets[0].minutes + nuggets[1].minutes
    assert p.streak == 2 and p.today.isoformat() == "2026-11-21"
    assert (p.goal_minutes, p.today_minutes, p.goal_met_today) == (goal, nuggets[1].minutes, True)
    assert p.recent_minutes == {
        D(2026, 11, 20): nuggets[0].minutes,
        D(2026, 11, 21): nuggets[1].minutes,
    }
    assert p.completed[nuggets[0].id].isoformat() == "2026-11-20"
    assert sum(s.done for s in p.skills) == 2
    assert sum(s.total for s in p.skills) == 12
    assert item.id not in p.completed


def test_quiz_score_uses_first_try_per_item(session, seeded):
    user = session.exec(select(User).where(User.email.startswith("learner@"))).one()
    nugget = session.exec(select(Nugget).where(Nugget.slug == "per-what")).one()
    snap = (
        session.exec(
            select(NuggetRevision).where(
                NuggetRevision.nugget_id == nugget.id, NuggetRevision.version == nugget.version
            )
        )
        .one()
        .snapshot
    )
    first, second = snap["quiz"][0], snap["quiz"][1]
    t = dt.datetime(2026, 11, 21, 8, tzinfo=dt.UTC)
    _add(
        session,
        user,
        nugget,
        "quiz_answered",
        t,
        1,
        {"item_id": first["id"], "answer": {"choices": [0]}},
    )
    _add(
        session,
        user,
        nugget,
        "quiz_answered",
        t,
        2,
        {"item_id": first["id"], "answer": {"choices": first["correct"]}},
    )
    _add(
        session,
        user,
        nugget,
        "quiz_answered",
        t,
        3,
        {"item_id": second["id"], "answer": {"text": "per what"}},
    )
    p = compute_progress(session=session, user=user, now=t)
    score = p.scores[nugget.id].model_dump()
    assert score == {"answered": 2, "correct": 1, "total": len(snap["quiz"])}
