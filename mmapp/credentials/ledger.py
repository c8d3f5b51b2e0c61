"""Issued credentials after issuing: revocation, the verifier's revocation check, lists.

A coordinator who manages the achievement's skill (`access.managed_skill`) revokes a
credential with a reason; the stored document never changes, the revocation is audited
and every verifier (the public page, `mmapp verify-badge`) reports it.
"""

from __future__ import annotations

import datetime as dt
import uuid

from sqlmodel import Session, col, select

from mmapp import access
from mmapp.audit import record
from mmapp.credentials.issuing import achievement_url, verify_url
from mmapp.errors import ConflictError, NotFoundError
from mmapp.i18n import N_
from mmapp.models import Achievement, AuditAction, IssuedCredential, Skill, User
from mmapp.schemas import CredentialOut, IssuedOut
from mmapp.settings import get_settings


def credential_uuid(text: str) -> uuid.UUID | None:
    """The row id in a credential id (its verification URL, or the bare uuid)."""
    try:
        return uuid.UUID(text.rstrip("/").rsplit("/", 1)[-1])
    except ValueError:
        return None


def revocation_reason(*, session: Session, credential_id: str) -> str | None:
    """The `is_revoked` hook of `verification`: the reason, or None if not revoked."""
    row_id = credential_uuid(credential_id)
    row = session.get(IssuedCredential, row_id) if row_id else None
    if row is None or row.revoked_at is None:
        return None
    return row.revoked_reason or "revoked"


def revoke(
    *, session: Session, viewer: User, credential_id: uuid.UUID, reason: str, now: dt.datetime
) -> IssuedCredential:
    """Revoke a credential, with the reason verifiers will see.

    Raises:
        ForbiddenError: Not staff.
        NotFoundError: No such credential, or its skill is not the viewer's.
        ConflictError: Already revoked.
    """
    row = session.get(IssuedCredential, credential_id)
    achievement = session.get(Achievement, row.achievement_id) if row else None
    if row is None or achievement is None:
        access.require_staff(viewer)
        raise NotFoundError("credential_not_found", N_("No such credential."))
    access.managed_skill(session=session, viewer=viewer, skill_id=achievement.skill_id)
    if row.revoked_at is not None:
        raise ConflictError(
            "already_revoked", N_("Already revoked: {reason}."), reason=row.revoked_reason
        )
    row.revoked_at, row.revoked_reason, row.revoked_by = now, reason, viewer.id
    session.add(row)
    record(
        session=session,
        actor=viewer,
        action=AuditAction.credential_revoked,
        subject=("credential", row.id),
        detail=f"{achievement.name}: {reason}",
    )
    return row


def credentials_of(*, session: Session, user: User) -> list[CredentialOut]:
    """The learner's credentials, newest first, as Progress lists them."""
    rows = session.exec(
        select(IssuedCredential, Achievement, Skill)
        .join(Achievement, col(Achievement.id) == IssuedCredential.achievement_id)
        .join(Skill, col(Skill.id) == Achievement.skill_id)
        .where(IssuedCredential.user_id == user.id)
        .order_by(col(IssuedCredential.issued_at).desc())
    ).all()
    issuer = get_settings().badge_issuer_name
    return [
        CredentialOut(
            id=row.id,
            name=achievement.name,
            skill=skill.name,
            issued_at=row.issued_at,
            revoked=row.revoked_at is not None,
            revoked_reason=row.revoked_reason,
            verify_url=verify_url(row.id),
            image_url=achievement_url(achievement.id) + ".png",
            issuer_name=issuer,
        )
        for row, achievement, skill in rows
    ]


def issued_for(*, session: Session, viewer: User, skill_ids: list[uuid.UUID]) -> list[IssuedOut]:
    """Credentials issued for these skills (the viewer's, from `managed_skills`), newest first."""
    rows = session.exec(
        select(IssuedCredential, Achievement, Skill, User)
        .join(Achievement, col(Achievement.id) == IssuedCredential.achievement_id)
        .join(Skill, col(Skill.id) == Achievement.skill_id)
        .join(User, col(User.id) == IssuedCredential.user_id)
        .where(col(Skill.id).in_(skill_ids))
        .order_by(col(IssuedCredential.issued_at).desc())
    ).all()
    return [
        IssuedOut(
            id=row.id,
            achievement=achievement.name,
            skill=skill.name,
            learner=learner.display_name or "(deleted account)",
            issued_on=row.issued_at.date().isoformat(),
            issued_at=row.issued_at,
            revoked_reason=row.revoked_reason or "",
        )
        for row, achievement, skill, learner in rows
    ]


__all__ = [
    "credential_uuid",
    "credentials_of",
    "issued_for",
    "revocation_reason",
    "revoke",
]
