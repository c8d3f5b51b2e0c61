"""Mentoring sessions in people's calendars: an `.ics` per session and a secret feed.

Written with `icalendar` (RFC 5545): `METHOD:PUBLISH` (there is no e-mail invitation
flow to answer), times in UTC (a VTIMEZONE written by the library only holds for
1970-2038), a `UID` per session that never changes, `SEQUENCE` counting each move
or cancellation, `STATUS:CANCELLED` for a cancelled one (so a subscribed calendar
removes it), and a display alarm 10 minutes before.

The feed: one secret URL per person, `/mentoring/feed/<token>.ics`, listing their
sessions; only the SHA-256 of the token is stored, the URL is shown once when made,
and making a new one (rotating) stops the old one.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from icalendar import STATUS, Alarm, Calendar, Event
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from mmapp.errors import NotFoundError
from mmapp.i18n import N_, effective_locale, translate
from mmapp.models import CalendarFeed, MentoringSession, User
from mmapp.schemas import SessionOut

PRODID = "-//Micromastery//Mentoring//EN"
ALARM_BEFORE = dt.timedelta(minutes=10)
TOKEN_BYTES = 32
# How far back a feed lists sessions (older ones have left people's calendars).
FEED_DAYS_BACK = 90
SUMMARY = N_("Mentoring: {skill} with {other}")
DESCRIPTION = N_("{mentor} helps {mentee}: {need}")
ALARM = N_("Mentoring with {other}")
SESSION_CALENDAR = N_("Mentoring")
FEED_CALENDAR = N_("Micromastery mentoring")


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _event(row: SessionOut, *, viewer: User, host: str, now: dt.datetime) -> Event:
    locale = effective_locale(viewer.locale, viewer.device_locale)
    other = row.mentee_name if viewer.id == row.mentor_id else row.mentor_name
    start = row.start_at.astimezone(dt.UTC)
    cancelled = row.status == "cancelled"
    event = Event.new(
        uid=f"mm-session-{row.id}@{host}",
        start=start,
        end=start + dt.timedelta(minutes=row.minutes),
        stamp=now.astimezone(dt.UTC),
        summary=translate(locale, SUMMARY, skill=row.skill_name, other=other),
        description=translate(
            locale, DESCRIPTION, mentor=row.mentor_name, mentee=row.mentee_name, need=row.need
        ),
        sequence=row.sequence,
        status=STATUS.CANCELLED if cancelled else STATUS.CONFIRMED,
    )
    if not cancelled:
        event.add_component(
            Alarm.new_display(
                description=translate(locale, ALARM, other=other), trigger=-ALARM_BEFORE
            )
        )
    return event


def calendar_of(
    rows: Sequence[SessionOut],
    *,
    uid: str,
    viewer: User,
    host: str,
    now: dt.datetime,
    name: str,
) -> bytes:
    """An iCalendar file of the sessions, as `viewer` sees them, in their language.

    Args:
        rows: The sessions.
        uid: The calendar's own UID, the same on every fetch (`<uid>@<host>`).
        viewer: Whose calendar it is (the other person is named in titles; the words
            are in the language the account chose, else its device's).
        host: The app's host name, which makes UIDs unique.
        now: The DTSTAMP.
        name: The calendar's name (a msgid, translated here).
    """
    locale = effective_locale(viewer.locale, viewer.device_locale)
    calendar = Calendar.new(
        uid=f"{uid}@{host}",
        prodid=PRODID,
        method="PUBLISH",
        name=translate(locale, name),
        subcomponents=[_event(r, viewer=viewer, host=host, now=now) for r in rows],
    )
    body: bytes = calendar.to_ical()
    return body


def make_feed(*, session: Session, user: User, now: dt.datetime) -> str:
    """A new secret feed token for the user (any older one stops working); shown once."""
    token = secrets.token_urlsafe(TOKEN_BYTES)
    values: dict[str, Any] = {"token_hash": _hash(token), "created_at": now}
    updated = session.execute(
        sa.update(CalendarFeed).where(col(CalendarFeed.user_id) == user.id).values(**values)
    )
    if getattr(updated, "rowcount", 0) == 0:
        try:
            with session.begin_nested():
                session.add(CalendarFeed(user_id=user.id, **values))
        except IntegrityError:  # made at the same moment by another request: replace it
            session.execute(
                sa.update(CalendarFeed).where(col(CalendarFeed.user_id) == user.id).values(**values)
            )
    return token


def feed_owner(*, session: Session, token: str) -> User:
    """Whose feed a token opens.

    Raises:
        NotFoundError: No feed has this token (never made, or rotated since).
    """
    feed = session.exec(select(CalendarFeed).where(CalendarFeed.token_hash == _hash(token))).first()
    user = session.get(User, feed.user_id) if feed else None
    if user is None or user.deleted_at is not None or user.disabled_at is not None:
        raise NotFoundError("no_such_feed", N_("No such calendar feed."))
    return user


def feed_sessions(*, session: Session, user: User, now: dt.datetime) -> list[MentoringSession]:
    """The person's sessions from `FEED_DAYS_BACK` days ago on, cancelled ones included."""
    since = now - dt.timedelta(days=FEED_DAYS_BACK)
    return list(
        session.exec(
            select(MentoringSession)
            .where(
                (col(MentoringSession.mentor_id) == user.id)
                | (col(MentoringSession.mentee_id) == user.id),
                MentoringSession.start_at >= since,
            )
            .order_by(col(MentoringSession.start_at))
        )
    )


__all__ = ["calendar_of", "feed_owner", "feed_sessions", "make_feed"]
