"""The fuzz world's mentoring: two mentors, requests in each state, booked sessions.

Also sessions already over (made directly: booking only takes times ahead), so that
reflections can be stored, and one reflected on with actions the learner can answer.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from sqlmodel import Session, select

from mmapp.db import session_scope
from mmapp.models import (
    HelpRequest,
    MentoringSession,
    MentorProfile,
    PlannedAction,
    RequestStatus,
    SessionReflection,
    Skill,
    User,
)
from tests.conftest import FIXED_NOW

PAST = FIXED_NOW - dt.timedelta(days=2)  # Thursday 19 November: actions due to 18 January

# Every day, 07:00-21:00 UTC: the fixed clock always has slots ahead.
WEEKLY = [{"weekday": d, "start": "07:00", "end": "21:00"} for d in range(7)]


def seed_mentors(session: Session, mentors: list[User]) -> None:
    """Coordinators may mentor any skill: give these every skill, at level 4."""
    skills = [{"skill_id": str(k), "level": 4} for k in session.exec(select(Skill.id))]
    for user in mentors:
        session.add(
            MentorProfile(
                user_id=user.id,
                skills=skills,
                lengths=[15, 20, 30],
                monthly_capacity=60,
                timezone="UTC",
                weekly=WEEKLY,
            )
        )


def seed_requests(client: Any, world: Any) -> None:
    """Requests booked (sessions to move, cancel), accepted (to book), offered (to answer).

    The learner asks six times: two booked, two accepted, two still offered; learner2
    twice: one accepted, one offered. So a request drawn for a caller who may act on it
    often is one in the state the operation needs.
    """
    skill, coach = world.skill_ids[0], world.users["coach"]
    asked = {"learner": 6, "learner2": 2}
    accepted = {"learner": 4, "learner2": 1}
    mine: dict[str, list[str]] = {}
    for learner, count in asked.items():
        for _ in range(count):
            body = {"skill_id": skill, "need": "How do I start?", "mentor_id": coach}
            r = client.post("/api/v1/mentoring/requests", headers=world.auth(learner), json=body)
            assert r.status_code == 201, r.text
            mine.setdefault(learner, []).append(r.json()["id"])
        for rid in mine[learner][: accepted[learner]]:
            r = client.post(f"/api/v1/mentoring/requests/{rid}/accept", headers=world.auth("coach"))
            assert r.status_code == 200, r.text
    world.requests = [*mine["learner"], *mine["learner2"]]
    r = client.get(
        f"/api/v1/mentoring/requests/{world.requests[0]}/slots", headers=world.auth("learner")
    )
    assert r.status_code == 200, r.text
    world.slot_starts = r.json()["starts"][:12]
    for rid, start in zip(world.requests[:2], world.slot_starts[:2], strict=True):
        r = client.post(
            f"/api/v1/mentoring/requests/{rid}/book",
            headers=world.auth("learner"),
            json={"start_at": start},
        )
        assert r.status_code == 201, r.text
        world.sessions.append(r.json()["id"])
    for name in ("coach", "learner"):  # secret calendar feeds: /mentoring/feed/<token>.ics
        r = client.post("/api/v1/mentoring/calendar-feed", headers=world.auth(name))
        assert r.status_code == 201, r.text
        world.profile_tokens.append(r.json()["url"].rsplit("/", 1)[1].removesuffix(".ics"))


def seed_past_sessions(world: Any) -> None:
    """Three sessions of the learner with the coach, over; one reflected on, with actions."""
    learner, coach = (uuid.UUID(world.users[n]) for n in ("learner", "coach"))
    with session_scope() as s:
        for n in range(3):
            request = HelpRequest(
                mentee_id=learner, skill_id=uuid.UUID(world.skill_ids[0]), need="Past help",
                minutes=20, status=RequestStatus.booked, offered_to=coach, created_at=PAST,
            )  # fmt: skip
            s.add(request)
            s.flush()
            held = MentoringSession(
                request_id=request.id, mentor_id=coach, mentee_id=learner, minutes=20,
                start_at=PAST + dt.timedelta(hours=n),
            )  # fmt: skip
            s.add(held)
            s.flush()
            world.sessions.append(str(held.id))
        reflection = SessionReflection(
            id=uuid.uuid4(), session_id=held.id, user_id=learner, rating=3, fit="good"
        )
        s.add(reflection)
        s.flush()
        for position in range(3):
            action = PlannedAction(
                id=uuid.uuid4(), reflection_id=reflection.id, session_id=held.id,
                mentee_id=learner, position=position, text="Try it", due_on=FIXED_NOW.date(),
                asked_on=FIXED_NOW.date(),
            )  # fmt: skip
            s.add(action)
            world.actions.append(str(action.id))
