"""When someone deletes their account: their mentoring leaves with them.

Their sessions still ahead are cancelled (the time is free again, and `SEQUENCE` goes
up so subscribed calendars drop them); requests they asked are withdrawn with the need
blanked; requests waiting for them as a mentor pass to the next mentor; their mentor
profile, calendar feed and held time are deleted, and so are their reflections, their
actions and the answers to them. Past sessions stay, as the other person's history
(the name then reads "Deleted account"), with the other person's reflection.
"""

from __future__ import annotations

import datetime as dt
import uuid

import sqlalchemy as sa
from sqlmodel import Session, col, or_, select

from mmapp.mentoring.booking import cancel
from mmapp.mentoring.offers import pass_down
from mmapp.models import (
    ActionAnswer,
    CalendarFeed,
    HelpRequest,
    MentoringSession,
    MentorProfile,
    PlannedAction,
    RequestStatus,
    SessionHold,
    SessionReflection,
    SessionStatus,
)

OPEN = (RequestStatus.open, RequestStatus.offered, RequestStatus.accepted, RequestStatus.booked)


def forget_person(*, session: Session, user_id: uuid.UUID, now: dt.datetime) -> int:
    """Remove the person from mentoring (call in the deletion's write transaction).

    Returns:
        How many sessions ahead were cancelled.
    """
    ahead = session.exec(
        select(MentoringSession).where(
            or_(MentoringSession.mentor_id == user_id, MentoringSession.mentee_id == user_id),
            MentoringSession.status == SessionStatus.booked,
            MentoringSession.start_at > now,
        )
    ).all()
    for booking in ahead:
        cancel(session=session, booking=booking, now=now)
    mine = session.exec(select(HelpRequest).where(HelpRequest.mentee_id == user_id)).all()
    for request in mine:
        request.need = ""
        if request.status in OPEN:
            request.status = RequestStatus.cancelled
        request.offered_to = request.offer_expires_at = None
        session.add(request)
    theirs = session.exec(
        select(HelpRequest).where(
            HelpRequest.offered_to == user_id, col(HelpRequest.status).in_(OPEN)
        )
    ).all()
    for request in theirs:
        request.passed_over = [*request.passed_over, str(user_id)]
        request.offered_to = None
        pass_down(session=session, request=request, now=now)
    session.execute(sa.delete(SessionHold).where(col(SessionHold.user_id) == user_id))
    session.execute(sa.delete(MentorProfile).where(col(MentorProfile.user_id) == user_id))
    session.execute(sa.delete(CalendarFeed).where(col(CalendarFeed.user_id) == user_id))
    actions = select(PlannedAction.id).where(PlannedAction.mentee_id == user_id)
    session.execute(sa.delete(ActionAnswer).where(col(ActionAnswer.action_id).in_(actions)))
    session.execute(sa.delete(PlannedAction).where(col(PlannedAction.mentee_id) == user_id))
    session.execute(sa.delete(SessionReflection).where(col(SessionReflection.user_id) == user_id))
    return len(ahead)


__all__ = ["forget_person"]
