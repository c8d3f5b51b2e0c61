"""Requests and sessions as their two people see them (names, skill, times)."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from typing import Any

from sqlmodel import Session, col, or_, select

from mmapp.models import (
    CalendarFeed,
    HelpRequest,
    MentoringSession,
    MentorProfile,
    SessionHold,
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
    names = _names(session, [i for r in requests for i in (r.mentee_id, r.offered_to)])
    skills = _skills(session, [r.skill_id for r in requests])
    return [
        HelpRequestOut(
            id=r.id,
            skill_id=r.skill_id,
            skill_name=skills.get(r.skill_id, ""),
            need=r.need,
            minutes=r.minutes,
            status=r.status.value,
            mentee_name=names.get(r.mentee_id, ""),
            mentor_name=names.get(r.offered_to) if r.offered_to else None,
            offer_expires_at=r.offer_expires_at,
            created_at=r.created_at,
        )
        for r in requests
    ]


def session_rows(*, session: Session, bookings: list[MentoringSession]) -> list[SessionOut]:
    """Sessions with their people's names and the request's skill and need."""
    names = _names(session, [i for b in bookings for i in (b.mentor_id, b.mentee_id)])
    ids = [b.request_id for b in bookings]
    requests = {
        r.id: r for r in session.exec(select(HelpRequest).where(col(HelpRequest.id).in_(ids)))
    }
    skills = _skills(session, [r.skill_id for r in requests.values()])
    out = []
    for b in bookings:
        request = requests.get(b.request_id)
        out.append(
            SessionOut(
                id=b.id,
                request_id=b.request_id,
                mentor_name=names.get(b.mentor_id, ""),
                mentee_name=names.get(b.mentee_id, ""),
                skill_name=skills.get(request.skill_id, "") if request else "",
                need=request.need if request else "",
                start_at=b.start_at,
                minutes=b.minutes,
                status=b.status.value,
                sequence=b.sequence,
            )
        )
    return out


def overview(*, session: Session, user: User) -> MentoringOut:
    """The person's requests, the offers waiting for them, and their sessions."""
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
        sessions=session_rows(session=session, bookings=list(bookings)),
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
    )


__all__ = ["export_of", "overview", "request_rows", "session_rows"]
