"""A request for help goes to one mentor at a time, best match first.

`ask` stores the learner's need and offers it to the best-ranked mentor (or to the one
the learner picked); that mentor has `OFFER_HOURS` to accept or decline. A decline, or
an offer left to expire, passes the request down the ranking (never back to a mentor
it passed). With nobody left it waits, open, and the learner is told so.

Exactly once: an offer is closed by a conditional UPDATE (still offered, to this
mentor, by this deadline), so of two scheduler processes expiring the same offer, or a
mentor accepting while it expires, one wins and the other changes nothing.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import uuid

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from mmapp.errors import ConflictError, ValidationError
from mmapp.i18n import N_
from mmapp.mentoring.availability import LENGTHS
from mmapp.mentoring.booking import cancel
from mmapp.mentoring.candidates import ranked, utc_offset_hours
from mmapp.mentoring.matching import Need
from mmapp.models import (
    HelpRequest,
    MentoringSession,
    RequestStatus,
    SessionStatus,
    Skill,
    User,
)

OFFER_HOURS = 72
NEED_MAX = 280


@dataclasses.dataclass(frozen=True)
class Ask:
    """What a learner asks: a need on a skill, a length, and optionally a chosen mentor."""

    skill_id: uuid.UUID
    need: str
    minutes: int
    target_level: int = 3
    mentor_id: uuid.UUID | None = None
    # Made by the phone, so a resend of the same request makes it once.
    request_id: uuid.UUID | None = None


def _need(session: Session, request: HelpRequest, mentee: User) -> Need:
    skill = session.get(Skill, request.skill_id)
    return Need(
        mentee_id=mentee.id,
        skill_name=skill.name if skill else "",
        target_level=request.target_level,
        minutes=request.minutes,
        utc_offset_hours=utc_offset_hours(mentee.timezone, request.created_at),
    )


def _tidy(need: str) -> str:
    return " ".join(need.split())


def replayed(*, session: Session, mentee: User, data: Ask) -> HelpRequest | None:
    """The request `data.request_id` already made, if this is a resend of it.

    Raises:
        ConflictError: The id is another request's (someone else's, or other content).
    """
    if data.request_id is None:
        return None
    made = session.get(HelpRequest, data.request_id)
    if made is None:
        return None
    same = (made.mentee_id, made.skill_id, made.need, made.minutes) == (
        mentee.id,
        data.skill_id,
        _tidy(data.need),
        data.minutes,
    )
    if not same:
        raise ConflictError("id_reused", N_("This id was used for another request."))
    return made


def ask(*, session: Session, mentee: User, data: Ask, now: dt.datetime) -> HelpRequest:
    """Store the request and offer it (to `data.mentor_id` if they fit, else the best).

    Raises:
        ValidationError: An empty or too long need, a length not offered, an unknown
            skill, or a chosen mentor who cannot take it.
        ConflictError: `data.request_id` is taken (see `replayed`; two resends at once).
    """
    need = _tidy(data.need)
    if not need or len(need) > NEED_MAX:
        raise ValidationError(
            "bad_need", N_("Say what you need in 1 to {n} characters."), n=NEED_MAX
        )
    if data.minutes not in LENGTHS:
        raise ValidationError("bad_length", N_("Sessions are 15, 20 or 30 minutes."))
    if session.get(Skill, data.skill_id) is None:
        raise ValidationError("unknown_skill", N_("That skill does not exist."))
    request = HelpRequest(
        id=data.request_id or uuid.uuid4(),
        mentee_id=mentee.id,
        skill_id=data.skill_id,
        need=need,
        minutes=data.minutes,
        target_level=data.target_level,
        created_at=now,
    )
    try:
        with session.begin_nested():
            session.add(request)
    except IntegrityError:
        raise ConflictError("id_reused", N_("This id was used for another request.")) from None
    matches = ranked(
        session=session, need=_need(session, request, mentee), skill_id=data.skill_id, now=now
    )
    if data.mentor_id is not None:
        chosen = [m for m in matches if m.mentor_id == data.mentor_id]
        if not chosen:
            raise ValidationError(
                "mentor_unavailable", N_("That mentor cannot take this request now.")
            )
        matches = chosen
    _offer_to(request, matches[0].mentor_id if matches else None, now)
    return request


def _offer_to(request: HelpRequest, mentor_id: uuid.UUID | None, now: dt.datetime) -> None:
    if mentor_id is None:
        request.status = RequestStatus.open
        request.offered_to = request.offer_expires_at = None
        return
    request.status, request.offered_to = RequestStatus.offered, mentor_id
    request.offer_expires_at = now + dt.timedelta(hours=OFFER_HOURS)


def pass_down(*, session: Session, request: HelpRequest, now: dt.datetime) -> HelpRequest:
    """Offer the request to the best mentor it has not passed yet (or leave it open)."""
    mentee = session.get(User, request.mentee_id)
    if mentee is None or mentee.deleted_at is not None:
        return request
    passed = {uuid.UUID(p) for p in request.passed_over}
    matches = ranked(
        session=session,
        need=_need(session, request, mentee),
        skill_id=request.skill_id,
        now=now,
        skip=passed,
    )
    _offer_to(request, matches[0].mentor_id if matches else None, now)
    session.add(request)
    return request


def _close_offer(
    session: Session,
    request_id: uuid.UUID,
    mentor_id: uuid.UUID,
    now: dt.datetime,
    *,
    expired: bool,
    status: RequestStatus,
) -> bool:
    """Close an offer in one conditional UPDATE; True if this call closed it.

    The offer must still be made to this mentor and, by `now`, be expired (`expired`)
    or still running (an answer from the mentor).
    """
    deadline = col(HelpRequest.offer_expires_at)
    result = session.execute(
        sa.update(HelpRequest)
        .where(
            col(HelpRequest.id) == request_id,
            col(HelpRequest.status) == RequestStatus.offered,
            col(HelpRequest.offered_to) == mentor_id,
            deadline <= now if expired else deadline > now,
        )
        .values(status=status)
    )
    return bool(getattr(result, "rowcount", 0) == 1)


def respond(
    *, session: Session, request_id: uuid.UUID, mentor: User, accept: bool, now: dt.datetime
) -> HelpRequest:
    """The mentor accepts or declines an offer made to them.

    Raises:
        ConflictError: The offer is no longer theirs to answer (expired, passed on).
    """
    status = RequestStatus.accepted if accept else RequestStatus.open
    if not _close_offer(session, request_id, mentor.id, now, expired=False, status=status):
        raise ConflictError("offer_closed", N_("This request is no longer waiting for you."))
    request = session.get(HelpRequest, request_id)
    assert request is not None
    session.refresh(request)
    if not accept:
        request.passed_over = [*request.passed_over, str(mentor.id)]
        request.offered_to = None
        pass_down(session=session, request=request, now=now)
    return request


def expire_offers(*, session: Session, now: dt.datetime) -> list[uuid.UUID]:
    """Pass every expired offer down the ranking; the ids this call moved (each once)."""
    # In id order, skipping rows another scheduler holds: two never wait on each other.
    due = session.exec(
        select(HelpRequest.id, HelpRequest.offered_to)
        .where(
            HelpRequest.status == RequestStatus.offered, col(HelpRequest.offer_expires_at) <= now
        )
        .order_by(col(HelpRequest.id))
        .with_for_update(skip_locked=True)
    ).all()
    moved = []
    for request_id, mentor_id in due:
        if mentor_id is None:
            continue
        if not _close_offer(
            session, request_id, mentor_id, now, expired=True, status=RequestStatus.open
        ):
            continue  # another process moved it
        request = session.get(HelpRequest, request_id)
        assert request is not None
        session.refresh(request)
        request.passed_over = [*request.passed_over, str(mentor_id)]
        request.offered_to = None
        pass_down(session=session, request=request, now=now)
        moved.append(request_id)
    return moved


def withdraw(*, session: Session, request: HelpRequest, now: dt.datetime) -> HelpRequest:
    """The learner withdraws their request; a booked session of it is cancelled too.

    Raises:
        ConflictError: It was withdrawn already, or its session has started.
    """
    if request.status in (RequestStatus.cancelled, RequestStatus.done):
        raise ConflictError("request_closed", N_("This request is closed already."))
    if request.status == RequestStatus.booked:
        booked = session.exec(
            select(MentoringSession).where(
                MentoringSession.request_id == request.id,
                MentoringSession.status == SessionStatus.booked,
            )
        ).first()
        if booked is not None:
            cancel(session=session, booking=booked, now=now)
    request.status = RequestStatus.cancelled
    request.offered_to = request.offer_expires_at = None
    session.add(request)
    return request


__all__ = [
    "OFFER_HOURS",
    "Ask",
    "ask",
    "expire_offers",
    "pass_down",
    "replayed",
    "respond",
    "withdraw",
]
