"""Mentoring sessions in people's calendars: one session's `.ics`, and a secret feed.

Mounted under the mentoring router (`mentoring_routes`); the feed is public (its URL
is the secret) and mounted at the app's root.
"""

from __future__ import annotations

import uuid
from urllib.parse import urlsplit

from fastapi import APIRouter, Response

from mmapp import access
from mmapp.api.deps import UserDep
from mmapp.api.errors import responses
from mmapp.api.openapi import download
from mmapp.clock import get_clock
from mmapp.db import session_scope
from mmapp.mentoring import calendar, views
from mmapp.schemas import FeedOut
from mmapp.settings import get_settings

router = APIRouter()
public_router = APIRouter(tags=["mentoring"])
ICS = "text/calendar; charset=utf-8"


def _ics(body: bytes, name: str) -> Response:
    return Response(
        body,
        media_type=ICS,
        headers={
            "Content-Disposition": f'attachment; filename="{name}.ics"',
            "Cache-Control": "no-store",
        },
    )


def _host() -> str:
    return urlsplit(get_settings().public_url).hostname or "micromastery"


@router.get(
    "/sessions/{session_id}.ics",
    summary="A session as a calendar file",
    response_class=Response,
    responses={**download("text/calendar"), **responses(404)},
)
def session_ics(session_id: uuid.UUID, user: UserDep) -> Response:
    """Times in UTC, a 10-minute alarm; a moved or cancelled session keeps its UID."""
    with session_scope(read_only=True) as session:
        found = access.own_session(session=session, viewer=user, session_id=session_id)
        rows = views.session_rows(session=session, bookings=[found])
    body = calendar.calendar_of(
        rows,
        uid=f"mm-session-calendar-{session_id}",
        viewer=user,
        host=_host(),
        now=get_clock().now(),
        name=calendar.SESSION_CALENDAR,
    )
    return _ics(body, f"mentoring-{session_id}")


@router.post("/calendar-feed", status_code=201, summary="A new secret calendar feed URL")
def calendar_feed(user: UserDep, response: Response) -> FeedOut:
    """Shown once (only its hash is kept); making a new one stops the old one."""
    response.headers["Cache-Control"] = "no-store"
    with session_scope() as session:
        token = calendar.make_feed(session=session, user=user, now=get_clock().now())
    return FeedOut(url=f"{get_settings().public_url}/mentoring/feed/{token}.ics")


@public_router.get(
    "/mentoring/feed/{token}.ics",
    summary="A person's mentoring sessions (secret feed URL, no sign-in)",
    response_class=Response,
    responses={**download("text/calendar"), **responses(404, 422)},
)
def feed(token: str) -> Response:
    """Calendars poll it: moved sessions update, cancelled ones say CANCELLED."""
    now = get_clock().now()
    with session_scope(read_only=True) as session:
        user = calendar.feed_owner(session=session, token=token)
        bookings = calendar.feed_sessions(session=session, user=user, now=now)
        rows = views.session_rows(session=session, bookings=bookings)
    body = calendar.calendar_of(
        rows,
        uid=f"mm-mentoring-feed-{user.id}",
        viewer=user,
        host=_host(),
        now=now,
        name=calendar.FEED_CALENDAR,
    )
    return _ics(body, "mentoring")


__all__ = ["public_router", "router"]
