"""Sharing: an owner lets another coordinator manage a cohort or edit a nugget.

What a share allows is decided in `mmapp.access`; this module stores the shares.
"""

from __future__ import annotations

import uuid

from sqlmodel import Session, col, select

from mmapp import access
from mmapp.accounts import users
from mmapp.errors import NotFoundError, ValidationError
from mmapp.i18n import N_
from mmapp.models import StaffGrant, User
from mmapp.schemas import PersonOut


def _coordinator(session: Session, email: str) -> User:
    user = users.find_by_email(session=session, email=email)
    if user is None:
        raise NotFoundError("unknown_email", N_("No account uses {email}."), email=email.strip())
    if not access.is_staff(user):
        raise ValidationError(
            "not_a_coordinator", N_("{name} is not a coordinator."), name=user.display_name
        )
    return user


def share(
    *,
    session: Session,
    by: User,
    email: str,
    cohort_id: uuid.UUID | None = None,
    nugget_id: uuid.UUID | None = None,
) -> User:
    """Give a coordinator (by email) a cohort or a nugget; idempotent."""
    user = _coordinator(session, email)
    query = select(StaffGrant).where(StaffGrant.user_id == user.id)
    query = query.where(
        StaffGrant.cohort_id == cohort_id if cohort_id else StaffGrant.nugget_id == nugget_id
    )
    if session.exec(query).first() is None:
        session.add(
            StaffGrant(user_id=user.id, cohort_id=cohort_id, nugget_id=nugget_id, granted_by=by.id)
        )
        session.flush()
    return user


def unshare(
    *,
    session: Session,
    user_id: uuid.UUID,
    cohort_id: uuid.UUID | None = None,
    nugget_id: uuid.UUID | None = None,
) -> None:
    """Take a shared cohort or nugget back."""
    query = select(StaffGrant).where(StaffGrant.user_id == user_id)
    query = query.where(
        StaffGrant.cohort_id == cohort_id if cohort_id else StaffGrant.nugget_id == nugget_id
    )
    row = session.exec(query).first()
    if row is None:
        raise NotFoundError("not_shared", N_("That coordinator has no such share."))
    session.delete(row)
    session.flush()


def shared_with(
    *, session: Session, cohort_id: uuid.UUID | None = None, nugget_id: uuid.UUID | None = None
) -> list[PersonOut]:
    """Who a cohort or nugget is shared with."""
    query = select(User).join(StaffGrant, col(StaffGrant.user_id) == User.id)
    query = query.where(
        StaffGrant.cohort_id == cohort_id if cohort_id else StaffGrant.nugget_id == nugget_id
    )
    return [PersonOut(id=u.id, name=u.display_name, email=u.email) for u in session.exec(query)]
