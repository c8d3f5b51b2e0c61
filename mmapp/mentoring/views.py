"""Requests and sessions as their two people see them (names, skill, times)."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable
from typing import Any

from sqlmodel import Session, col, or_, select

from mmapp.mentoring import history
from mmapp.mentoring.reflections import ends_at
from mmapp.models import (
    CalendarFeed,
    HelpRequest,
    MentoringSession,
    MentorProfile,
    SessionHold,
    SessionReflection,
    SessionStatus,
    Skill,
    User,
)
from mmapp.schemas import HelpRequestOut, MentoringOut, SessionOut
from mmapp.schemas.mentoring import ExportFeed, ExportHold, ExportMentoring, ExportMentorProfile

# How many of a person's requests and sessions the overview lists (newest first).
LISTED = 50


def _names(session: Session, ids: Iterable[uuid.UUID | None]) -> dict[uuid.UUID, str]:
    wanted = {i for i in ids if i is not None}
    if not wanted:
        return {}
    rows = session.exec(select(User.id, User.display_name).where(col(User.id).in_(wanted)))
    return dict(rows.all())


def _skills(session: Session, ids: Iterable[uuid.UUID]) -> dict[uuid.UUID, str]:
    rows = session.exec(select(Skill.id, Skill.name).where(col(Skill.id).in_(set(ids))))
    return dict(rows.all())


def request_rows(*, session: Session, requests: list[HelpRequest]) -> list[HelpRequestOut]:
    """Requests with their people's and skill's names."""
    people = _names(session, [i for r in requests for i in (r.mentee_id, r.offered_to)])
    skills = _skills(session, [r.skill_id for r in requests])
    return [
        HelpRequestOut(
            id=r.id,
            skill_id=r.skill_id,
            skill_name=skills.get(r.skill_id, ""),
            need=r.need,
            minutes=r.minutes,
            status=r.status.value,
            mentee_name=people.get(r.mentee_id, ""),
            mentor_name=people.get(r.offered_to) if r.offered_to else None,
            offer_expires_at=r.offer_expires_at,
            created_at=r.created_at,
        )
        for r in requests
    ]


def _reflections(
    session: Session, bookings: list[MentoringSession], viewer_id: uuid.UUID | None
) -> dict[uuid.UUID, SessionReflection]:
    if viewer_id is None or not bookings:
        return {}
    rows = session.exec(
        select(SessionReflection).where(
            col(SessionReflection.session_id).in_([b.id for b in bookings]),
            SessionReflection.user_id == viewer_id,
        )
    )
    return {r.session_id: r for r in rows}


def session_rows(
    *,
    session: Session,
    bookings: list[MentoringSession],
    now: dt.datetime | None = None,
    viewer_id: uuid.UUID | None = None,
) -> list[SessionOut]:
    """Sessions with their people's names and the request's skill and need.

    Args:
        session: An open session.
        bookings: The sessions.
        now: The current instant, for `ended` (None: none has ended).
        viewer_id: Whose reflections to show (None: nobody's).
    """
    people = _names(session, [i for b in bookings for i in (b.mentor_id, b.mentee_id)])
    ids = [b.request_id for b in bookings]
    requests = {
        r.id: r for r in session.exec(select(HelpRequest).where(col(HelpRequest.id).in_(ids)))
    }
    skills = _skills(session, [r.skill_id for r in requests.values()])
    mine = _reflections(session, bookings, viewer_id)
    out = []
    for b in bookings:
        request = requests.get(b.request_id)
        own = mine.get(b.id)
        out.append(
            SessionOut(
                id=b.id,
                request_id=b.request_id,
                skill_id=request.skill_id if request else None,
                mentor_id=b.mentor_id,
                mentee_id=b.mentee_id,
                mentor_name=people.get(b.mentor_id, ""),
                mentee_name=people.get(b.mentee_id, ""),
                skill_name=skills.get(request.skill_id, "") if request else "",
                need=request.need if request else "",
                start_at=b.start_at,
                minutes=b.minutes,
                status=b.status.value,
                sequence=b.sequence,
                ended=now is not None and b.status == SessionStatus.booked and now >= ends_at(b),
                reflected=own is not None,
                rating=own.rating if own else None,
                fit=own.fit if own else None,
                takeaway=own.takeaway if own else None,
            )
        )
    return out


def overview(*, session: Session, user: User, now: dt.datetime) -> MentoringOut:
    """The person's requests, offers waiting for them, sessions, actions and history."""
    asked = session.exec(
        select(HelpRequest)
        .where(HelpRequest.mentee_id == user.id)
        .order_by(col(HelpRequest.created_at).desc())
        .limit(LISTED)
    ).all()
    offered = session.exec(
        select(HelpRequest)
        .where(HelpRequest.offered_to == user.id, HelpRequest.mentee_id != user.id)
        .order_by(col(HelpRequest.created_at).desc())
        .limit(LISTED)
    ).all()
    bookings = session.exec(
        select(MentoringSession)
        .where(or_(MentoringSession.mentor_id == user.id, MentoringSession.mentee_id == user.id))
        .order_by(col(MentoringSession.start_at).desc())
        .limit(LISTED)
    ).all()
    return MentoringOut(
        asked=request_rows(session=session, requests=list(asked)),
        offered=request_rows(session=session, requests=list(offered)),
        sessions=session_rows(session=session, bookings=list(bookings), now=now, viewer_id=user.id),
        actions=history.action_rows(session=session, mentee_id=user.id),
        history=history.skill_history(session=session, mentee_id=user.id, now=now),
    )


def export_of(*, session: Session, user: User) -> ExportMentoring:
    """Everything mentoring stores about the person, for "Download my data"."""
    uid = user.id

    def requests(column: Any) -> list[HelpRequestOut]:
        rows = session.exec(
            select(HelpRequest).where(column == uid).order_by(col(HelpRequest.created_at))
        ).all()
        return request_rows(session=session, requests=list(rows))

    def sessions(column: Any) -> list[SessionOut]:
        rows = session.exec(
            select(MentoringSession).where(column == uid).order_by(col(MentoringSession.start_at))
        ).all()
        return session_rows(session=session, bookings=list(rows))

    profile = session.get(MentorProfile, uid)
    feed = session.get(CalendarFeed, uid)
    holds = session.exec(
        select(SessionHold).where(SessionHold.user_id == uid).order_by(col(SessionHold.cell_at))
    )
    return ExportMentoring(
        profile=ExportMentorProfile.model_validate(profile, from_attributes=True)
        if profile
        else None,
        asked=requests(col(HelpRequest.mentee_id)),
        offered_to_you=requests(col(HelpRequest.offered_to)),
        sessions_as_mentor=sessions(col(MentoringSession.mentor_id)),
        sessions_as_learner=sessions(col(MentoringSession.mentee_id)),
        holds=[ExportHold(cell_at=h.cell_at, session_id=h.session_id) for h in holds],
        calendar_feed=ExportFeed(created_at=feed.created_at) if feed else None,
        reflections=history.export_reflections(session=session, user_id=uid),
        actions=history.export_actions(session=session, user_id=uid),
    )


__all__ = ["export_of", "overview", "request_rows", "session_rows"]
