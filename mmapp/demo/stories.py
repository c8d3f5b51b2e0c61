"""Demo stories on top of the demo history: a past mentoring session and a teach-back.

Both go through the services people use, at moments in the past (every service takes
`now`): the demo learner asked Maya for help with feedback ten days ago, she accepted,
they met at her first free lunchtime slot, both reflected and the learner planned two
actions (the first done). The learner taught a finished nugget back to Sam, a colleague
in the demo cohort, and Sam confirmed it. Each story is skipped when already there.
"""

from __future__ import annotations

import datetime as dt
import uuid

from sqlmodel import Session, col, select

from mmapp import accounts, cohorts
from mmapp.clock import FixedClock, get_clock, use_clock
from mmapp.demo.history import HistoryDevice, history_device
from mmapp.mentoring import booking, offers, reflections
from mmapp.mentoring.reflections import ends_at, local_day
from mmapp.models import (
    Cohort,
    Device,
    HelpRequest,
    LearnerEvent,
    MentoringSession,
    MentorProfile,
    Nugget,
    PlannedAction,
    Role,
    Skill,
    TeachBack,
    User,
)
from mmapp.schemas import ActionIn, AnswerIn, ReflectionIn

DEMO_COLLEAGUE = ("sam@demo.micromastery.app", "teach-me-on-the-train", "Sam Colleague")
NEED = "How do I give feedback to a peer without sounding like their manager?"
TAKEAWAY = "Describe what I saw and its effect, then ask; leave the verdict out."
ACTIONS = ("Try see-effect-ask in Thursday's retro", "Ask Jo how my feedback landed")
ASKED_DAYS_AGO = 10
CONFIRM_COMMENT = "Clear, with a real example from our team. I used it the next day."


def _stamp(seed: str) -> uuid.UUID:
    """A repeatable id for a demo row."""
    return uuid.uuid5(uuid.NAMESPACE_URL, f"micromastery-demo/{seed}")


def seed_mentoring_story(*, session: Session, learner: User, now: dt.datetime) -> bool:
    """The learner's past session with Maya, both reflections and two actions; if new."""
    maya = session.exec(select(User).where(User.email == "maya@demo.micromastery.app")).first()
    skill = session.exec(select(Skill).where(Skill.slug == "feedback")).first()
    if maya is None or skill is None:
        return False
    if session.exec(select(HelpRequest).where(HelpRequest.mentee_id == learner.id)).first():
        return False
    profile = session.get(MentorProfile, maya.id)
    assert profile is not None  # made with Maya by seed_mentors
    asked_at = now - dt.timedelta(days=ASKED_DAYS_AGO)
    data = offers.Ask(skill_id=skill.id, need=NEED, minutes=20, mentor_id=maya.id)
    request = offers.ask(session=session, mentee=learner, data=data, now=asked_at)
    session.flush()
    offers.respond(session=session, request_id=request.id, mentor=maya, accept=True, now=asked_at)
    start = booking.open_slots(
        session=session, mentor=profile, mentee_id=learner.id, minutes=20, now=asked_at
    )[0]
    met = booking.book(
        session=session, request=request, mentor=profile, start_at=start, now=asked_at
    )
    session.flush()
    _reflect(session, met, learner, maya)
    return True


def _reflect(session: Session, met: MentoringSession, learner: User, maya: User) -> None:
    after = ends_at(met) + dt.timedelta(minutes=30)
    day = local_day(met.start_at, learner.timezone)
    plan = [
        ActionIn(id=_stamp(f"action/{i}"), text=text, due_on=day + dt.timedelta(days=2 + 3 * i))
        for i, text in enumerate(ACTIONS)
    ]
    mine = ReflectionIn(
        id=_stamp("reflection/learner"), rating=4, fit="good", takeaway=TAKEAWAY, actions=plan
    )
    reflections.reflect(session=session, booking=met, user=learner, data=mine, now=after)
    hers = ReflectionIn(id=_stamp("reflection/mentor"), rating=3, fit="good")
    reflections.reflect(session=session, booking=met, user=maya, data=hers, now=after)
    done_at = dt.datetime.combine(plan[0].due_on, dt.time(18), tzinfo=dt.UTC)
    first = session.get(PlannedAction, plan[0].id)
    assert first is not None  # stored with the reflection just now
    done = AnswerIn(id=_stamp("answer/0"), answer="done")
    reflections.answer(session=session, action=first, user=learner, data=done, now=done_at)


def seed_colleague(*, session: Session, cohort: Cohort) -> User:
    """Sam, a learner in the demo cohort whom the demo learner can teach back to."""
    email, password, name = DEMO_COLLEAGUE
    sam = session.exec(select(User).where(User.email == email)).first()
    if sam is None:
        sam = accounts.create_user(
            session=session, email=email, password=password, display_name=name, role=Role.learner
        )
    cohorts.add_member(session=session, cohort=cohort, user=sam)
    return sam


def seed_teachback_story(
    *, session: Session, learner: User, colleague: User, now: dt.datetime
) -> bool:
    """The learner taught their first finished nugget back to Sam, who confirmed it."""
    if session.exec(select(TeachBack).where(TeachBack.teacher_id == learner.id)).first():
        return False
    finished = session.exec(
        select(LearnerEvent)
        .where(LearnerEvent.user_id == learner.id, LearnerEvent.type == "nugget_completed")
        .order_by(col(LearnerEvent.client_ts))
    ).first()
    nugget = session.get(Nugget, finished.nugget_id) if finished else None
    if nugget is None:
        return False
    asked = now - dt.timedelta(days=4)
    moment = (asked + dt.timedelta(days=1)).replace(hour=12, minute=30, second=0, microsecond=0)
    previous = get_clock()
    clock = FixedClock(asked)
    use_clock(clock)
    try:
        teacher = HistoryDevice(session, learner, clock, seq=_last_seq(session, learner))
        ask = {"peer": str(colleague.id), "at": moment.isoformat()}
        teacher.push(asked, [("teachback_asked", nugget, ask)])
        if session.get(Device, history_device(colleague)) is None:
            accounts.register_device(
                session=session, user=colleague, device_id=history_device(colleague)
            )
        confirm = {
            "ask": str(teacher.event_id(teacher.seq)),
            "explained": True,
            "usable": True,
            "rating": 4,
            "comment": CONFIRM_COMMENT,
        }
        peer = HistoryDevice(session, colleague, clock, seq=_last_seq(session, colleague))
        peer.push(moment + dt.timedelta(hours=1), [("teachback_confirmed", nugget, confirm)])
    finally:
        use_clock(previous)
    return True


def _last_seq(session: Session, user: User) -> int:
    """The highest sequence number the user's history device has sent (0: none)."""
    seqs = session.exec(
        select(LearnerEvent.device_seq).where(LearnerEvent.device_id == history_device(user))
    ).all()
    return max(seqs, default=0)


__all__ = ["DEMO_COLLEAGUE", "seed_colleague", "seed_mentoring_story", "seed_teachback_story"]
