"""Micromentoring: profiles, ranked mentors, requests, offers, slots and sessions.

Every route needs the bearer token; who sees what is `mmapp.access.mentoring`'s rule
(a request is its learner's and its mentor's, a session its two people's). Booking
needs the server: the database decides who gets a contested slot (409 for the other).
"""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Query, Request, Response
from sqlmodel import Session

from mmapp import access
from mmapp.api.deps import UserDep
from mmapp.api.errors import ERROR_RESPONSES, responses
from mmapp.api.mentoring_calendar_routes import router as calendar_router
from mmapp.clock import get_clock
from mmapp.db import session_scope
from mmapp.errors import NotFoundError, ValidationError
from mmapp.i18n import N_, negotiate
from mmapp.mentoring import booking, offers, profiles, views
from mmapp.mentoring.availability import LENGTHS
from mmapp.mentoring.candidates import ranked, utc_offset_hours
from mmapp.mentoring.matching import Need
from mmapp.models import MentorProfile, Skill
from mmapp.schemas import (
    BookIn,
    HelpRequestIn,
    HelpRequestOut,
    MatchOut,
    MentoringOut,
    MentorProfileIn,
    MentorProfileOut,
    SessionOut,
    SlotsOut,
)

router = APIRouter(prefix="/mentoring", tags=["mentoring"], responses=ERROR_RESPONSES)
MINE = responses(403, 404, 409)
LENGTH_ENUM: dict[str, object] = {"enum": list(LENGTHS)}


@router.get("/profile", summary="My mentor profile", responses=responses(404))
def my_profile(user: UserDep) -> MentorProfileOut:
    """What I offer as a mentor (404 until I save one)."""
    with session_scope(read_only=True) as session:
        profile = session.get(MentorProfile, user.id)
        if profile is None:
            raise NotFoundError("no_mentor_profile", N_("You have not offered to mentor yet."))
        return profiles.profile_out(session=session, profile=profile, now=get_clock().now())


@router.put("/profile", summary="Offer to mentor (or change what I offer)", responses=MINE)
def save_profile(body: MentorProfileIn, user: UserDep) -> MentorProfileOut:
    """Mentors may offer any skill; a learner those they can teach (level 4)."""
    now = get_clock().now()
    with session_scope() as session:
        profile = profiles.save_profile(session=session, user=user, data=body, now=now)
        return profiles.profile_out(session=session, profile=profile, now=now)


@router.get("/mentors", summary="Mentors for a need, ranked, with the reasons")
def mentors(
    request: Request,
    user: UserDep,
    skill_id: uuid.UUID,
    minutes: Annotated[int, Query(description="15, 20 or 30", json_schema_extra=LENGTH_ENUM)] = 20,
) -> list[MatchOut]:
    """Who could help with the skill in the next 7 days, best first (never myself).

    The reasons are in the language the request accepts (`Accept-Language`).
    """
    if minutes not in LENGTHS:  # (a query's "20" is text: a Literal of ints refuses it)
        raise ValidationError("bad_length", N_("Sessions are 15, 20 or 30 minutes."))
    locale = negotiate(request.headers.get("accept-language"))
    now = get_clock().now()
    with session_scope(read_only=True) as session:
        skill = session.get(Skill, skill_id)
        if skill is None:
            return []
        need = Need(
            mentee_id=user.id,
            skill_name=skill.name,
            target_level=profiles.target_level(
                session=session, user=user, skill_id=skill_id, now=now
            ),
            minutes=minutes,
            utc_offset_hours=utc_offset_hours(user.timezone, now),
        )
        matches = ranked(session=session, need=need, skill_id=skill_id, now=now, locale=locale)
    return [
        MatchOut(mentor_id=m.mentor_id, name=m.name, score=m.score, reasons=list(m.reasons))
        for m in matches
    ]


@router.get("", summary="My requests, offers, sessions, actions, and who helped me")
def overview(user: UserDep) -> MentoringOut:
    """Newest first, at most 50 of each; my actions as a learner, open ones first.

    Each session says whether it `ended` and whether I `reflected` (then my rating,
    fit and takeaway); `history` lists, per skill, the mentors who helped me and when.
    """
    with session_scope(read_only=True) as session:
        return views.overview(session=session, user=user, now=get_clock().now())


@router.post("/requests", status_code=201, summary="Ask for help", responses=MINE)
def ask(body: HelpRequestIn, user: UserDep, response: Response) -> HelpRequestOut:
    """Offered to the chosen mentor, or to the best match; open if nobody fits now.

    A resend with the request's `id` answers 200 with the request it made.
    """
    now = get_clock().now()
    with session_scope() as session:
        data = offers.Ask(
            skill_id=body.skill_id,
            need=body.need,
            minutes=body.minutes,
            target_level=profiles.target_level(
                session=session, user=user, skill_id=body.skill_id, now=now
            ),
            mentor_id=body.mentor_id,
            request_id=body.id,
        )
        request = offers.replayed(session=session, mentee=user, data=data)
        if request is not None:
            response.status_code = 200
        else:
            request = offers.ask(session=session, mentee=user, data=data, now=now)
        session.flush()
        return views.request_rows(session=session, requests=[request])[0]


def _answer(request_id: uuid.UUID, user: UserDep, accept: bool) -> HelpRequestOut:
    now = get_clock().now()
    with session_scope() as session:
        access.offer_for(session=session, viewer=user, request_id=request_id)
        request = offers.respond(
            session=session, request_id=request_id, mentor=user, accept=accept, now=now
        )
        return views.request_rows(session=session, requests=[request])[0]


@router.post("/requests/{request_id}/accept", summary="Accept an offer", responses=MINE)
def accept(request_id: uuid.UUID, user: UserDep) -> HelpRequestOut:
    """The learner can then book one of my slots."""
    return _answer(request_id, user, accept=True)


@router.post("/requests/{request_id}/decline", summary="Decline an offer", responses=MINE)
def decline(request_id: uuid.UUID, user: UserDep) -> HelpRequestOut:
    """The request passes to the next mentor in its ranking."""
    return _answer(request_id, user, accept=False)


@router.post("/requests/{request_id}/withdraw", summary="Withdraw my request", responses=MINE)
def withdraw(request_id: uuid.UUID, user: UserDep) -> HelpRequestOut:
    """Its booked session, if any, is cancelled too (and leaves the calendars)."""
    with session_scope() as session:
        request = access.own_request(session=session, viewer=user, request_id=request_id)
        offers.withdraw(session=session, request=request, now=get_clock().now())
        return views.request_rows(session=session, requests=[request])[0]


def _mentor_of(session: Session, mentor_id: uuid.UUID | None) -> MentorProfile:
    profile = session.get(MentorProfile, mentor_id) if mentor_id else None
    if profile is None:
        raise NotFoundError("no_mentor", N_("This request has no mentor yet."))
    return profile


@router.get("/requests/{request_id}/slots", summary="The mentor's free slots", responses=MINE)
def slots(request_id: uuid.UUID, user: UserDep) -> SlotsOut:
    """Starts of the request's length in the next 7 days that neither of us has taken."""
    now = get_clock().now()
    with session_scope(read_only=True) as session:
        request = access.own_request(session=session, viewer=user, request_id=request_id)
        mentor = _mentor_of(session, request.offered_to)
        starts = booking.open_slots(
            session=session, mentor=mentor, mentee_id=user.id, minutes=request.minutes, now=now
        )
    return SlotsOut(minutes=request.minutes, starts=starts)


@router.post("/requests/{request_id}/book", status_code=201, summary="Book a slot", responses=MINE)
def book(request_id: uuid.UUID, body: BookIn, user: UserDep) -> SessionOut:
    """409 `slot_taken` when someone took the time first: pick another."""
    now = get_clock().now()
    with session_scope() as session:
        request = access.own_request(session=session, viewer=user, request_id=request_id)
        mentor = _mentor_of(session, request.offered_to)
        made = booking.book(
            session=session, request=request, mentor=mentor, start_at=body.start_at, now=now
        )
        session.flush()
        return views.session_rows(session=session, bookings=[made])[0]


@router.get(
    "/sessions/{session_id}/slots", summary="Free slots to move a session to", responses=MINE
)
def session_slots(session_id: uuid.UUID, user: UserDep) -> SlotsOut:
    """Either person: the mentor's starts in the next 7 days neither of the two has taken.

    The session's own time counts as free, so it can move by less than its length.
    """
    now = get_clock().now()
    with session_scope(read_only=True) as session:
        found = access.own_session(session=session, viewer=user, session_id=session_id)
        mentor = _mentor_of(session, found.mentor_id)
        starts = booking.open_slots(
            session=session,
            mentor=mentor,
            mentee_id=found.mentee_id,
            minutes=found.minutes,
            now=now,
            ignore=found.id,
        )
    return SlotsOut(minutes=found.minutes, starts=starts)


@router.post("/sessions/{session_id}/reschedule", summary="Move a session", responses=MINE)
def reschedule(session_id: uuid.UUID, body: BookIn, user: UserDep) -> SessionOut:
    """Either person moves it to another free slot of the mentor's."""
    now = get_clock().now()
    with session_scope() as session:
        found = access.own_session(session=session, viewer=user, session_id=session_id)
        mentor = _mentor_of(session, found.mentor_id)
        booking.reschedule(
            session=session, booking=found, mentor=mentor, start_at=body.start_at, now=now
        )
        return views.session_rows(session=session, bookings=[found])[0]


@router.post("/sessions/{session_id}/cancel", summary="Cancel a session", responses=MINE)
def cancel(session_id: uuid.UUID, user: UserDep) -> SessionOut:
    """Either person cancels; the time is free again and the request can be rebooked."""
    with session_scope() as session:
        found = access.own_session(session=session, viewer=user, session_id=session_id)
        booking.cancel(session=session, booking=found, now=get_clock().now())
        return views.session_rows(session=session, bookings=[found])[0]


# Sessions in calendars (.ics, the secret feed) live in their own module, under this router.
router.include_router(calendar_router)


__all__ = ["router"]
