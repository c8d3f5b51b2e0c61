"""Admins manage accounts: find them, change roles, disable them, make reset links.

Every change is audited in its own transaction. A reset link carries a random token
of which only the SHA-256 is stored; it lasts `RESET_TTL`, works once, and is shown
to the admin once, to pass on. Rules: the last enabled admin can be neither demoted
nor disabled (someone must be able to undo a mistake), and nobody disables themselves.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
import uuid

from sqlalchemy import func
from sqlmodel import Session, col, select

from mmapp import access, audit
from mmapp.accounts.users import check_password, email_key, hash_password
from mmapp.errors import ConflictError, NotFoundError, ValidationError
from mmapp.i18n import N_
from mmapp.models import AuditAction, PasswordReset, Role, User
from mmapp.schemas import AccountRow

RESET_TTL = dt.timedelta(hours=24)
LIST_LIMIT = 200
_LINK_GONE = N_("This reset link is not valid any more. Ask an admin for a new one.")


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _row(user: User) -> AccountRow:
    return AccountRow(
        id=user.id,
        email=user.email,
        name=user.display_name,
        role=user.role,
        disabled=user.disabled_at is not None,
        created_at=user.created_at,
    )


def list_accounts(*, session: Session, viewer: User, search: str = "") -> list[AccountRow]:
    """Accounts whose email contains `search` (all when empty), by email; admins only.

    Raises:
        ForbiddenError: The viewer is not an admin.
    """
    access.require_admin(viewer)
    query = select(User).order_by(col(User.email)).limit(LIST_LIMIT)
    needle = email_key(search)
    if needle:
        escaped = needle.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        query = query.where(func.lower(User.email).like(f"%{escaped}%", escape="\\"))
    return [_row(u) for u in session.exec(query)]


def _account(session: Session, viewer: User, user_id: uuid.UUID) -> User:
    access.require_admin(viewer)
    user = session.get(User, user_id)
    if user is None:
        raise NotFoundError("no_such_account", N_("No such account."))
    return user


def set_role(*, session: Session, viewer: User, user_id: uuid.UUID, role: str) -> AccountRow:
    """Make an account a learner, coordinator or admin.

    Raises:
        ForbiddenError: The viewer is not an admin.
        NotFoundError: No such account.
        ValidationError: Not one of the three roles.
        ConflictError: It would demote the last enabled admin.
    """
    user = _account(session, viewer, user_id)
    if role not in {r.value for r in access.ASSIGNABLE_ROLES}:
        raise ValidationError("invalid_role", N_("A role is learner, coordinator or admin."))
    new = Role(role)
    if new == user.role:
        return _row(user)
    if access.is_last_admin(session=session, user=user):
        raise ConflictError("last_admin", N_("This is the last admin: make another admin first."))
    old, user.role = user.role, new
    session.add(user)
    session.flush()
    audit.record(
        session=session,
        actor=viewer,
        action=AuditAction.role_changed,
        subject=("user", user.id),
        detail=f"{user.email}: {old.value} -> {new.value}",
    )
    return _row(user)


def set_disabled(
    *, session: Session, viewer: User, user_id: uuid.UUID, disabled: bool, now: dt.datetime
) -> AccountRow:
    """Disable an account (no sign-in, no sync, no workspace) or enable it again.

    Raises:
        ForbiddenError: The viewer is not an admin.
        NotFoundError: No such account.
        ConflictError: Disabling oneself or the last enabled admin.
    """
    user = _account(session, viewer, user_id)
    if disabled == (user.disabled_at is not None):
        return _row(user)
    if disabled and user.id == viewer.id:
        raise ConflictError("disable_self", N_("You cannot disable your own account."))
    if disabled and access.is_last_admin(session=session, user=user):
        raise ConflictError("last_admin", N_("This is the last admin: make another admin first."))
    user.disabled_at = now if disabled else None
    session.add(user)
    session.flush()
    action = AuditAction.account_disabled if disabled else AuditAction.account_enabled
    audit.record(
        session=session, actor=viewer, action=action, subject=("user", user.id), detail=user.email
    )
    return _row(user)


def make_reset_link(*, session: Session, viewer: User, user_id: uuid.UUID, now: dt.datetime) -> str:
    """A new one-time reset token for an account (the plain token: show it once).

    Raises:
        ForbiddenError: The viewer is not an admin.
        NotFoundError: No such account, or it was deleted (a tombstone gets no password).
    """
    user = _account(session, viewer, user_id)
    if user.deleted_at is not None:
        raise NotFoundError(
            "account_deleted", N_("This account was deleted: there is none to reset.")
        )
    token = secrets.token_urlsafe(32)
    session.add(
        PasswordReset(
            token_hash=_digest(token),
            user_id=user.id,
            created_by=viewer.id,
            created_at=now,
            expires_at=now + RESET_TTL,
        )
    )
    session.flush()
    audit.record(
        session=session,
        actor=viewer,
        action=AuditAction.reset_link_made,
        subject=("user", user.id),
        detail=f"{user.email}, valid 24 h",
    )
    return token


def reset_password(*, session: Session, token: str, password: str, now: dt.datetime) -> User:
    """Set a new password with a reset token, which is then used up.

    Raises:
        NotFoundError: Unknown, used or expired token, or a deleted account (one reason).
        ValidationError: The password breaks the sign-up rule.
    """
    row = session.get(PasswordReset, _digest(token)) if token else None
    if row is None or row.used_at is not None or row.expires_at <= now:
        raise NotFoundError("reset_link_invalid", _LINK_GONE)
    check_password(password)
    user = session.get(User, row.user_id)
    if user is None or user.deleted_at is not None:  # deletion removed its links already
        raise NotFoundError("reset_link_invalid", _LINK_GONE)
    user.password_hash = hash_password(password)
    row.used_at = now
    session.add_all([user, row])
    session.flush()
    audit.record(
        session=session,
        actor=user,
        action=AuditAction.password_reset,
        subject=("user", user.id),
        detail=f"{user.email} set a new password with a reset link",
    )
    return user


__all__ = [
    "RESET_TTL",
    "list_accounts",
    "make_reset_link",
    "reset_password",
    "set_disabled",
    "set_role",
]
