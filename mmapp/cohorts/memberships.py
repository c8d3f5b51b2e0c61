"""Cohorts, invite codes and memberships."""

from __future__ import annotations

import secrets
import uuid

from sqlmodel import Session, col, select

from mmapp import access
from mmapp.accounts import check_timezone
from mmapp.content.nuggets import next_content_seq
from mmapp.errors import NotFoundError, ValidationError
from mmapp.i18n import N_
from mmapp.models import Cohort, CohortMembership, User, utcnow
from mmapp.schemas import AccountOut, CohortRef

# No 0/O, 1/I/L: codes get read aloud and typed on phones.
_CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"


def normalise_invite_code(code: str) -> str:
    """Upper-case a typed code and drop spaces and dashes."""
    return "".join(ch for ch in code.upper() if ch.isalnum())


def new_invite_code(length: int = 8) -> str:
    """Make a random, easy-to-type invite code."""
    return "".join(secrets.choice(_CODE_ALPHABET) for _ in range(length))


def create_cohort(
    *,
    session: Session,
    name: str,
    owner: User | None = None,
    timezone: str = "UTC",
    invite_code: str | None = None,
) -> Cohort:
    """Create a cohort with a fresh (or given) invite code.

    Raises:
        ValidationError: Empty name, unknown timezone, or a code already in use.

    """
    if not name.strip():
        raise ValidationError("missing_name", N_("cohort name must not be empty"))
    check_timezone(timezone)
    code = normalise_invite_code(invite_code) if invite_code else new_invite_code()
    if not 4 <= len(code) <= 32:
        raise ValidationError(
            "invalid_invite_code", N_("invite code must be 4-32 letters or digits")
        )
    if session.exec(select(Cohort).where(Cohort.invite_code == code)).first():
        raise ValidationError(
            "invite_code_taken", N_("invite code {code} is already in use"), code=code
        )
    cohort = Cohort(
        name=name.strip(),
        invite_code=code,
        timezone=timezone,
        owner_id=owner.id if owner else None,
    )
    session.add(cohort)
    session.flush()
    return cohort


def add_member(*, session: Session, cohort: Cohort, user: User) -> CohortMembership:
    """Add a user to a cohort, or bring a former member back (idempotent)."""
    membership = session.exec(
        select(CohortMembership).where(
            CohortMembership.cohort_id == cohort.id, CohortMembership.user_id == user.id
        )
    ).first()
    if membership is not None and membership.left_at is None:
        return membership
    if membership is None:
        membership = CohortMembership(cohort_id=cohort.id, user_id=user.id)
    membership.joined_at, membership.left_at = utcnow(), None
    _memberships_changed(session=session, user=user)
    session.add(membership)
    session.flush()
    return membership


def remove_member(*, session: Session, cohort: Cohort, user: User) -> bool:
    """Take a user out of a cohort; their devices drop its nuggets on the next sync.

    Returns:
        True if the user was a member.

    """
    membership = session.exec(
        select(CohortMembership).where(
            CohortMembership.cohort_id == cohort.id,
            CohortMembership.user_id == user.id,
            col(CohortMembership.left_at).is_(None),
        )
    ).first()
    if membership is None:
        return False
    membership.left_at = utcnow()
    session.add(membership)
    _memberships_changed(session=session, user=user)
    session.flush()
    return True


def _memberships_changed(*, session: Session, user: User) -> None:
    # Membership is not content with a seq of its own: the user's devices resync
    # their whole set past this point (see `mmapp.sync.changes.pull`).
    user.memberships_seq = next_content_seq(session=session)
    session.add(user)


def join_by_code(*, session: Session, user: User, code: str) -> Cohort:
    """Join the cohort whose invite code was typed.

    Raises:
        NotFoundError: No open cohort has that code.

    """
    cleaned = normalise_invite_code(code)
    cohort = session.exec(select(Cohort).where(Cohort.invite_code == cleaned)).first()
    if cohort is None or cohort.archived:
        raise NotFoundError(
            "unknown_invite_code",
            N_("No cohort has the invite code {code}."),
            code=repr(code.strip()),
        )
    add_member(session=session, cohort=cohort, user=user)
    return cohort


def cohorts_for(*, session: Session, user_id: uuid.UUID) -> list[Cohort]:
    """The cohorts a user belongs to, by name."""
    ids = access.member_cohort_ids(session=session, user_id=user_id)
    if not ids:
        return []
    return list(session.exec(select(Cohort).where(col(Cohort.id).in_(ids)).order_by(Cohort.name)))


def describe_account(*, session: Session, user: User) -> AccountOut:
    """The account as its devices see it: profile, role and the cohorts it is in."""
    return AccountOut(
        id=user.id,
        email=user.email,
        display_name=user.display_name,
        role=user.role,
        timezone=user.timezone,
        cohorts=[
            CohortRef(id=c.id, name=c.name) for c in cohorts_for(session=session, user_id=user.id)
        ],
    )
