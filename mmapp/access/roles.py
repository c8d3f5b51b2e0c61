"""Roles: who is staff, who is an admin, and the account rules that follow from them."""

from __future__ import annotations

from typing import TypeGuard

from sqlmodel import Session, col, select

from mmapp.errors import ForbiddenError
from mmapp.i18n import N_
from mmapp.models import Role, User

STAFF_ROLES = frozenset({Role.coordinator, Role.admin})
# The roles an admin hands out on the accounts page (mentor comes with mentoring).
ASSIGNABLE_ROLES = (Role.learner, Role.coordinator, Role.admin)


def is_admin(user: User | None) -> TypeGuard[User]:
    """True for admins."""
    return user is not None and user.role == Role.admin


def may_delete_own_account(*, session: Session, user: User) -> str | None:
    """Why `user` may not delete their own account, or None when they may.

    The last admin cannot leave: nobody could then manage accounts or ownerless
    content. A coordinator may: what they made stays (see mmapp.accounts.deletion).
    """
    if user.role != Role.admin:
        return None
    others = select(User.id).where(
        User.role == Role.admin, User.id != user.id, col(User.deleted_at).is_(None)
    )
    if session.exec(others).first() is None:
        return N_(
            "You are the last admin. Make someone else an admin before deleting this account."
        )
    return None


def is_staff(user: User | None) -> TypeGuard[User]:
    """True for coordinators and admins: the people the workspace is for."""
    return user is not None and user.role in STAFF_ROLES


def require_staff(
    user: User | None,
    *,
    error: str = "coordinators_only",
    reason: str = N_("Only coordinators and admins can do that."),
) -> None:
    """Raises ForbiddenError (with `error` and `reason`) unless the user is staff."""
    if not is_staff(user):
        raise ForbiddenError(error, reason)


def require_admin(
    user: User | None,
    *,
    error: str = "admins_only",
    reason: str = N_("Only admins can do that."),
) -> None:
    """Raises ForbiddenError (with `error` and `reason`) unless the user is an admin."""
    if not is_admin(user):
        raise ForbiddenError(error, reason)


def is_disabled(user: User) -> bool:
    """True once an admin disabled the account (no sign-in, no sync, no workspace)."""
    return user.disabled_at is not None


def is_last_admin(*, session: Session, user: User) -> bool:
    """True if `user` is the only enabled admin: the one who must stay (can fix the rest)."""
    if not is_admin(user) or is_disabled(user):
        return False
    others = session.exec(
        select(User.id).where(
            User.role == Role.admin, User.id != user.id, col(User.disabled_at).is_(None)
        )
    ).first()
    return others is None


__all__ = [
    "ASSIGNABLE_ROLES",
    "STAFF_ROLES",
    "is_admin",
    "is_disabled",
    "is_last_admin",
    "is_staff",
    "may_delete_own_account",
    "require_admin",
    "require_staff",
]
