"""Teach-backs as each side sees them: the asks, their outcome, and the colleague's guide.

The guide is the nugget's Way in and Payoff at the version asked (as safe HTML, like
the nugget itself on a phone) and three prompts; only the colleague gets it, even
when the nugget was never given to them. A list holds the newest `LIMIT` asks per side.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, col, select

from mmapp import access
from mmapp.content.sanitize import to_safe_html
from mmapp.errors import ConflictError
from mmapp.i18n import N_, effective_locale, translate
from mmapp.models import LearnerEvent, NuggetRevision, TeachBack, User
from mmapp.schemas import ColleagueOut, TeachBackOut, TeachBacksOut, TeachGuide
from mmapp.teachback.evidence import counts

LIMIT = 50
# What the colleague asks while listening (the phone words the same three itself).
PROMPTS = (
    N_("Ask them to explain the Way in in their own words."),
    N_("Ask for one example from your own work where it would help."),
    N_("Ask what success looks like (the Payoff), and how they will know."),
)


def guide(snapshot: dict[str, Any], locale: str | None) -> TeachGuide:
    """The colleague's guide to a nugget version, the prompts in `locale`."""
    return TeachGuide(
        way_in_html=to_safe_html(str(snapshot.get("way_in", ""))),
        payoff_html=to_safe_html(str(snapshot.get("payoff", ""))),
        prompts=[translate(locale, p) for p in PROMPTS],
    )


def _rows(session: Session, column: Any, user_id: uuid.UUID, limit: int | None) -> list[TeachBack]:
    query = (
        select(TeachBack)
        .where(column == user_id)
        .order_by(col(TeachBack.asked_at).desc(), col(TeachBack.ask_id))
        .limit(limit)
    )
    return list(session.exec(query))


def _snapshots(
    session: Session, rows: Sequence[TeachBack]
) -> dict[tuple[uuid.UUID, int], dict[str, Any]]:
    keys = sorted({(r.nugget_id, r.nugget_version) for r in rows})
    if not keys:
        return {}
    wanted = sa.tuple_(col(NuggetRevision.nugget_id), col(NuggetRevision.version)).in_(keys)
    found = session.exec(select(NuggetRevision).where(wanted))
    return {(r.nugget_id, r.version): r.snapshot for r in found}


def _out(
    row: TeachBack,
    role: str,
    snap: dict[str, Any],
    names: dict[uuid.UUID, str],
    locale: str | None,
) -> TeachBackOut:
    skill = snap.get("skill") or {}
    return TeachBackOut(
        id=row.ask_id,
        role="teacher" if role == "teacher" else "peer",
        nugget_id=row.nugget_id,
        nugget_version=row.nugget_version,
        title=str(snap.get("title", "")),
        skill=skill.get("name"),
        teacher_name=names.get(row.teacher_id, ""),
        peer_id=row.peer_id,
        peer_name=names.get(row.peer_id, ""),
        at=row.at,
        asked_at=row.asked_at,
        confirmed=row.confirm_id is not None,
        explained=row.explained,
        usable=row.usable,
        rating=row.rating,
        comment=row.comment,
        confirmed_at=row.confirmed_at,
        counts=counts(row.explained, row.usable, row.rating),
        guide=guide(snap, locale) if role == "peer" else None,
    )


def teachbacks_of(*, session: Session, user: User, limit: int | None = LIMIT) -> TeachBacksOut:
    """The teach-backs the user asked for and was asked to, newest ask first.

    Args:
        session: A transaction (read-only is enough).
        user: Whose.
        limit: Most per side (None: every one, for "Download my data").
    """
    mine = _rows(session, col(TeachBack.teacher_id), user.id, limit)
    theirs = _rows(session, col(TeachBack.peer_id), user.id, limit)
    everyone = {r.teacher_id for r in theirs} | {r.peer_id for r in mine} | {user.id}
    names = dict(
        session.exec(select(User.id, User.display_name).where(col(User.id).in_(everyone))).all()
    )
    snaps = _snapshots(session, [*mine, *theirs])
    locale = effective_locale(user.locale, user.device_locale)
    return TeachBacksOut(
        asked_by_me=[
            _out(r, "teacher", snaps.get((r.nugget_id, r.nugget_version), {}), names, locale)
            for r in mine
        ],
        asked_of_me=[
            _out(r, "peer", snaps.get((r.nugget_id, r.nugget_version), {}), names, locale)
            for r in theirs
        ],
    )


def for_device(*, session: Session, user: User) -> list[TeachBackOut]:
    """Both sides' teach-backs in one list, newest ask first (the pull's)."""
    both = teachbacks_of(session=session, user=user)
    rows = [*both.asked_by_me, *both.asked_of_me]
    return sorted(rows, key=lambda r: (r.asked_at, str(r.id)), reverse=True)


def colleagues_of(
    *, session: Session, user: User, nugget_id: uuid.UUID | None = None
) -> list[ColleagueOut]:
    """Whom the user may ask (`access.colleagues`): id and display name only.

    Raises:
        ConflictError: `nugget_not_completed`, with a nugget the user has not completed
            (an ask about it would be refused).
    """
    if nugget_id is not None:
        done = session.exec(
            select(LearnerEvent.seq)
            .where(
                LearnerEvent.user_id == user.id,
                LearnerEvent.nugget_id == nugget_id,
                LearnerEvent.type == "nugget_completed",
            )
            .limit(1)
        ).first()
        if done is None:
            raise ConflictError(
                "nugget_not_completed", N_("Complete the nugget first, then teach it back.")
            )
    return [
        ColleagueOut(id=uid, name=name)
        for uid, name in access.colleagues(session=session, user_id=user.id)
    ]


__all__ = ["LIMIT", "PROMPTS", "colleagues_of", "for_device", "guide", "teachbacks_of"]
