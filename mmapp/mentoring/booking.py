"""Booking a mentor's slot, rescheduling and cancelling, without double-booking.

A booked session holds each 5-minute cell of its time for the mentor and for the
learner (`SessionHold`, unique per person and cell). Two learners taking the same time
at once both pass the "is it free?" read, and the database's unique constraint lets
only one insert stand; the other gets `SlotTaken` (409) with a readable reason, exactly
as a learner who looks after the first booking committed does. Who may book, move or
cancel is the caller's check (the access policy); these functions keep the time right.
"""

from __future__ import annotations

import datetime as dt
import uuid
import zoneinfo
from collections.abc import Collection
from typing import Any, TypeVar

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, SQLModel, col, delete, func, select

from mmapp.errors import ConflictError, ValidationError
from mmapp.i18n import N_
from mmapp.mentoring.availability import MIN_NOTICE, cells, slots
from mmapp.models import (
    HelpRequest,
    MentoringSession,
    MentorProfile,
    RequestStatus,
    SessionHold,
    SessionStatus,
    User,
)

# How far ahead a slot may be booked (the slots offered are this week's).
BOOK_AHEAD_DAYS = 7
T = TypeVar("T", bound=SQLModel)


class SlotTaken(ConflictError):
    """Someone else took the time meanwhile."""

    def __init__(self) -> None:
        super().__init__(
            "slot_taken", N_("That time was just taken by someone else. Please pick another slot.")
        )


def month_bounds(timezone: str, at: dt.datetime) -> tuple[dt.datetime, dt.datetime]:
    """The start of `at`'s local calendar month and of the next, as UTC instants."""
    tz = zoneinfo.ZoneInfo(timezone)
    first = at.astimezone(tz).date().replace(day=1)
    after = (first + dt.timedelta(days=32)).replace(day=1)
    start = dt.datetime.combine(first, dt.time(), tzinfo=tz).astimezone(dt.UTC)
    return start, dt.datetime.combine(after, dt.time(), tzinfo=tz).astimezone(dt.UTC)


def sessions_this_month(*, session: Session, mentor: MentorProfile, now: dt.datetime) -> int:
    """Booked (not cancelled) sessions of the mentor in `now`'s local month."""
    start, end = month_bounds(mentor.timezone, now)
    return session.exec(
        select(func.count())
        .select_from(MentoringSession)
        .where(
            MentoringSession.mentor_id == mentor.user_id,
            MentoringSession.status == SessionStatus.booked,
            MentoringSession.start_at >= start,
            MentoringSession.start_at < end,
        )
    ).one()


def held(
    *, session: Session, user_ids: Collection[uuid.UUID], start: dt.datetime, end: dt.datetime
) -> set[dt.datetime]:
    """Cells between `start` and `end` held for any of `user_ids`."""
    rows = session.exec(
        select(SessionHold.cell_at).where(
            col(SessionHold.user_id).in_(list(user_ids)),
            SessionHold.cell_at >= start,
            SessionHold.cell_at < end,
        )
    )
    return set(rows)


def open_slots(
    *,
    session: Session,
    mentor: MentorProfile,
    mentee_id: uuid.UUID,
    minutes: int,
    now: dt.datetime,
    days: int = BOOK_AHEAD_DAYS,
    ignore: uuid.UUID | None = None,
) -> list[dt.datetime]:
    """The mentor's slots of `minutes` that neither person has taken (UTC, ascending).

    Args:
        session: An open session.
        mentor: The mentor's profile (windows and timezone).
        mentee_id: The learner, whose own booked time is not offered either.
        minutes: The session length.
        now: The current instant.
        days: How many local days ahead, today included.
        ignore: A session whose own cells count as free (when moving it).
    """
    end = now + dt.timedelta(days=days + 1)
    taken = held(session=session, user_ids={mentor.user_id, mentee_id}, start=now, end=end)
    if ignore is not None:
        own = session.exec(select(SessionHold.cell_at).where(SessionHold.session_id == ignore))
        taken -= set(own)
    return slots(mentor.weekly, mentor.timezone, minutes, now=now, days=days, held=taken)


def _hold(session: Session, booking: MentoringSession) -> None:
    """Hold the booking's cells for both people; `SlotTaken` if any is held already."""
    try:
        with session.begin_nested():
            for user_id in (booking.mentor_id, booking.mentee_id):
                for cell in cells(booking.start_at, booking.minutes):
                    session.add(SessionHold(user_id=user_id, cell_at=cell, session_id=booking.id))
            session.flush()
    except IntegrityError as e:
        raise SlotTaken() from e


def _check_free(
    session: Session,
    mentor: MentorProfile,
    booking_mentee: uuid.UUID,
    minutes: int,
    start_at: dt.datetime,
    now: dt.datetime,
    ignore: uuid.UUID | None = None,
) -> None:
    if start_at < now + MIN_NOTICE:
        raise ValidationError("slot_too_soon", N_("Pick a time at least 30 minutes from now."))
    free = open_slots(
        session=session,
        mentor=mentor,
        mentee_id=booking_mentee,
        minutes=minutes,
        now=now,
        ignore=ignore,
    )
    if start_at in free:
        return
    ours = slots(mentor.weekly, mentor.timezone, minutes, now=now, days=BOOK_AHEAD_DAYS)
    if start_at in ours:
        raise SlotTaken()  # a real slot, taken meanwhile
    raise ValidationError("not_a_slot", N_("That time is not one of the mentor's free slots."))


def book(
    *,
    session: Session,
    request: HelpRequest,
    mentor: MentorProfile,
    start_at: dt.datetime,
    now: dt.datetime,
) -> MentoringSession:
    """Book `start_at` with the mentor who accepted the request.

    The mentor's profile row is locked first, so bookings with one mentor queue: the
    monthly capacity holds, and the request's move from accepted to booked is one
    conditional UPDATE, so a double tap books it once.

    Raises:
        ConflictError: The request is not accepted by this mentor (`not_accepted`), the
            mentor left or is at capacity in that month (`mentor_unavailable`,
            `mentor_full`).
        ValidationError: `start_at` is not one of the mentor's slots, or too soon.
        SlotTaken: The time is taken (by anyone, also at the same moment).
    """
    if request.status != RequestStatus.accepted or request.offered_to != mentor.user_id:
        raise ConflictError("not_accepted", N_("Book a time once the mentor has accepted."))
    mentor = _locked(session, MentorProfile, MentorProfile.user_id, mentor.user_id)
    person = session.get(User, mentor.user_id)
    if person is None or person.deleted_at or person.disabled_at or not mentor.active:
        raise ConflictError("mentor_unavailable", N_("This mentor is not taking sessions now."))
    _check_free(session, mentor, request.mentee_id, request.minutes, start_at, now)
    if sessions_this_month(session=session, mentor=mentor, now=start_at) >= (
        mentor.monthly_capacity
    ):
        raise ConflictError(
            "mentor_full", N_("This mentor's sessions for that month are all booked.")
        )
    booking = MentoringSession(
        request_id=request.id,
        mentor_id=mentor.user_id,
        mentee_id=request.mentee_id,
        start_at=start_at,
        minutes=request.minutes,
        created_at=now,
        updated_at=now,
    )
    session.add(booking)
    _hold(session, booking)
    moved = session.execute(
        sa.update(HelpRequest)
        .where(
            col(HelpRequest.id) == request.id,
            col(HelpRequest.status) == RequestStatus.accepted,
        )
        .values(status=RequestStatus.booked)
    )
    if getattr(moved, "rowcount", 0) != 1:
        raise ConflictError("not_accepted", N_("This request was booked or withdrawn meanwhile."))
    session.refresh(request)
    return booking


def _locked(session: Session, model: type[T], key: Any, value: uuid.UUID) -> T:
    """The row, read again under a row lock (SQLite's write transaction holds it all)."""
    query = select(model).where(key == value).with_for_update()
    return session.exec(query.execution_options(populate_existing=True)).one()


def reschedule(
    *,
    session: Session,
    booking: MentoringSession,
    mentor: MentorProfile,
    start_at: dt.datetime,
    now: dt.datetime,
) -> MentoringSession:
    """Move a booked session to another free slot (its calendar SEQUENCE goes up).

    Raises:
        ConflictError: The session was cancelled or has started.
        ValidationError, SlotTaken: As for `book`.
    """
    booking = _locked(session, MentoringSession, MentoringSession.id, booking.id)
    _still_ahead(booking, now)
    _check_free(
        session, mentor, booking.mentee_id, booking.minutes, start_at, now, ignore=booking.id
    )
    session.exec(delete(SessionHold).where(col(SessionHold.session_id) == booking.id))
    booking.start_at, booking.updated_at = start_at, now
    booking.sequence += 1
    session.add(booking)
    _hold(session, booking)
    return booking


def cancel(*, session: Session, booking: MentoringSession, now: dt.datetime) -> MentoringSession:
    """Cancel a booked session: its time is free again; the request can be booked anew.

    Raises:
        ConflictError: The session was cancelled already or has started.
    """
    booking = _locked(session, MentoringSession, MentoringSession.id, booking.id)
    _still_ahead(booking, now)
    session.exec(delete(SessionHold).where(col(SessionHold.session_id) == booking.id))
    booking.status, booking.updated_at = SessionStatus.cancelled, now
    booking.sequence += 1
    session.add(booking)
    request = session.get(HelpRequest, booking.request_id)
    if request is not None and request.status == RequestStatus.booked:
        request.status = RequestStatus.accepted
        session.add(request)
    return booking


def _still_ahead(booking: MentoringSession, now: dt.datetime) -> None:
    if booking.status != SessionStatus.booked:
        raise ConflictError("session_cancelled", N_("This session was cancelled."))
    if booking.start_at <= now:
        raise ConflictError("session_started", N_("This session has already started."))


__all__ = [
    "BOOK_AHEAD_DAYS",
    "SlotTaken",
    "book",
    "cancel",
    "held",
    "month_bounds",
    "open_slots",
    "reschedule",
    "sessions_this_month",
]
