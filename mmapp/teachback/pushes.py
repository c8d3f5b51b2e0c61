"""The push that tells a colleague they were asked to hear a teach-back.

The asks are `mmapp.teachback`'s rows. Planned by the scheduler's tick (`scheduler`):
each ask stored within `LOOKBACK` and not confirmed yet, whose colleague has a push subscription, is
enqueued once (dedupe key `teach:<ask id>`), however many schedulers run. The text
is in the colleague's language, the moment in their timezone ("Ada would like to
teach you a nugget" / "'Title' · 30 Nov 2026, 15:05 … Open the short guide."), and a
tap opens the guide (`/teach?ask=<id>`).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import uuid
from typing import Any

from sqlmodel import Session, col, select

from mmapp.i18n import N_, effective_locale, translate
from mmapp.models import NuggetRevision, PushMessage, PushSubscription, TeachBack, User
from mmapp.present.times import when

LOOKBACK = dt.timedelta(days=2)
# A day: an ask heard the next morning is still useful; the Teach page lists it anyway.
TEACH_TTL_SECONDS = 24 * 3600
TOPIC = "teach"
TITLE = N_("{name} would like to teach you a nugget")
BODY = N_("'{title}' · {when}. Open the short guide.")


def key_of(ask_id: uuid.UUID) -> str:
    """The dedupe key of an ask's push."""
    return f"teach:{ask_id}"


def message(
    *,
    teacher: str,
    title: str,
    at: dt.datetime,
    ask_id: uuid.UUID,
    nugget_id: uuid.UUID,
    peer: User,
    now: dt.datetime,
) -> dict[str, Any]:
    """The push payload for one ask, worded for the colleague `peer`."""
    locale = effective_locale(peer.locale, peer.device_locale)
    moment = when(at, now=now, timezone=peer.timezone, locale=locale).local
    return {
        "kind": "teachback",
        "title": translate(locale, TITLE, name=teacher),
        "body": translate(locale, BODY, title=title, when=moment),
        "url": f"/teach?ask={ask_id}",
        "topic": TOPIC,
        # The service worker syncs on a push naming a nugget: the guide is then on the
        # phone before the colleague opens it, in a tunnel too.
        "nugget_id": str(nugget_id),
    }


@dataclasses.dataclass(frozen=True)
class Due:
    """One push to enqueue: its key, its one recipient, its payload and its nugget."""

    key: str
    user_id: uuid.UUID
    payload: dict[str, Any]
    nugget_id: uuid.UUID


def due_pushes(*, session: Session, now: dt.datetime) -> list[Due]:
    """The pushes of recent, unconfirmed asks not pushed yet, worded for each colleague."""
    subscribed = select(PushSubscription.user_id)
    asks = list(
        session.exec(
            select(TeachBack).where(
                col(TeachBack.asked_at) >= now - LOOKBACK,
                col(TeachBack.confirm_id).is_(None),
                col(TeachBack.peer_id).in_(subscribed),
            )
        )
    )
    sent = set(
        session.exec(
            select(PushMessage.dedupe_key).where(
                col(PushMessage.dedupe_key).in_([key_of(a.ask_id) for a in asks])
            )
        )
    )
    asks = [a for a in asks if key_of(a.ask_id) not in sent]
    if not asks:
        return []
    people = {a.teacher_id for a in asks} | {a.peer_id for a in asks}
    users = {u.id: u for u in session.exec(select(User).where(col(User.id).in_(people)))}
    titles = {
        (r.nugget_id, r.version): str(r.snapshot.get("title", ""))
        for r in session.exec(
            select(NuggetRevision).where(
                col(NuggetRevision.nugget_id).in_({a.nugget_id for a in asks})
            )
        )
    }
    due: list[Due] = []
    for ask in asks:
        teacher, peer = users.get(ask.teacher_id), users.get(ask.peer_id)
        if teacher is None or peer is None:
            continue
        payload = message(
            teacher=teacher.display_name,
            title=titles.get((ask.nugget_id, ask.nugget_version), ""),
            at=ask.at,
            ask_id=ask.ask_id,
            nugget_id=ask.nugget_id,
            peer=peer,
            now=now,
        )
        due.append(Due(key_of(ask.ask_id), peer.id, payload, ask.nugget_id))
    return due


__all__ = [
    "BODY",
    "LOOKBACK",
    "TEACH_TTL_SECONDS",
    "TITLE",
    "TOPIC",
    "Due",
    "due_pushes",
    "key_of",
    "message",
]
