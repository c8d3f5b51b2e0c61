"""Recording staff actions and reading them back (newest first, by action, as CSV)."""

from __future__ import annotations

import csv
import io
import uuid
from collections.abc import Sequence

from sqlmodel import Session, col, select

from mmapp import access
from mmapp.errors import ValidationError
from mmapp.i18n import N_
from mmapp.i18n.columns import header
from mmapp.models import AuditAction, AuditEntry, User
from mmapp.schemas import AuditOut

DETAIL_MAX = 300
CSV_HEADER = ("at", "actor", "action", "subject_type", "subject_id", "detail")


def record(
    *,
    session: Session,
    actor: User | None,
    action: AuditAction,
    subject: tuple[str, uuid.UUID | str],
    detail: str = "",
) -> AuditEntry:
    """Add one entry to the log in the caller's transaction (it commits with the action).

    Args:
        session: The transaction of the action itself.
        actor: Who did it (None: the system, e.g. the CLI).
        action: What they did.
        subject: The kind of thing (`"cohort"`, `"nugget"`, `"user"`) and its id.
        detail: A short description for people; never a token, password or link.
    """
    kind, subject_id = subject
    entry = AuditEntry(
        actor_id=actor.id if actor else None,
        actor_email=actor.email if actor else "",
        action=action.value,
        subject_type=kind,
        subject_id=str(subject_id),
        detail=detail[:DETAIL_MAX],
    )
    session.add(entry)
    return entry


def entries(
    *, session: Session, viewer: User, action: str | None = None, limit: int = 500
) -> list[AuditOut]:
    """The newest entries first, optionally of one action (admins only).

    Raises:
        ForbiddenError: The viewer is not an admin.
        ValidationError: Unknown action.
    """
    access.require_admin(viewer)
    query = select(AuditEntry).order_by(col(AuditEntry.at).desc(), col(AuditEntry.id).desc())
    if action:
        if action not in AuditAction.__members__:
            raise ValidationError(
                "unknown_action", N_("No audit action is called {action}."), action=repr(action)
            )
        query = query.where(AuditEntry.action == action)
    return [
        AuditOut(
            at=e.at,
            actor=e.actor_email,
            action=e.action,
            subject_type=e.subject_type,
            subject_id=e.subject_id,
            detail=e.detail,
        )
        for e in session.exec(query.limit(limit))
    ]


def to_csv(rows: Sequence[AuditOut], locale: str | None = None) -> str:
    """The entries as CSV with a header row in `locale` (times in UTC, ISO 8601)."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header(locale, CSV_HEADER))
    for e in rows:
        cells = [e.at.isoformat(), e.actor, e.action, e.subject_type, e.subject_id, e.detail]
        writer.writerow([_inert(c) for c in cells])
    return out.getvalue()


def _inert(cell: str) -> str:
    """A cell a spreadsheet shows as text: names may start with `=` (formula injection)."""
    return "'" + cell if cell[:1] in ("=", "+", "-", "@", "\t", "\r") else cell


__all__ = ["CSV_HEADER", "entries", "record", "to_csv"]
