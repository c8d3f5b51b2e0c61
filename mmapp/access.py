"""The access policy: who may manage or see what. Every API endpoint and page asks here.

Callers, from least to most trusted:

- anonymous: no account; the API answers 401 before this module is asked.
- learner and mentor: their own account and the cohorts they belong to
  (`member_cohort_ids`); the coordinator workspace is closed to them (403).
- other coordinator: a coordinator with no claim on a cohort or nugget; for
  them it does not exist (404), so no name, member or nugget leaks.
- coordinator (owner): manages the cohorts they own (`Cohort.owner_id`),
  edits the nuggets they wrote (`Nugget.created_by`) and owns the skills they
  created (`Skill.owner_id`); only an owner shares a cohort or a nugget.
- co-coordinator: a coordinator a cohort or nugget was shared with
  (`StaffGrant`); manages that cohort (members, releases, announcements and
  their delivery reports, the devices of its learners) or edits that nugget,
  but cannot share it further.
- admin: everything.

A skill's name and description belong to its owner; skills from before owners
existed got the author of their nuggets when all of them had one author, and
otherwise have no owner: only admins change those. Any coordinator may put
nuggets in any skill.

Plain Python over the models: no reflex or fastapi import.
"""

from __future__ import annotations

import uuid
from typing import TypeGuard

from sqlalchemy import ColumnElement
from sqlmodel import Session, col, select

from mmapp.errors import ForbiddenError, NotFoundError
from mmapp.models import (
    Cohort,
    CohortMembership,
    Nugget,
    PushMessage,
    Role,
    Skill,
    StaffGrant,
    User,
)

STAFF_ROLES = frozenset({Role.coordinator, Role.admin})
# The roles an admin hands out on the accounts page (mentor comes with mentoring).
ASSIGNABLE_ROLES = (Role.learner, Role.coordinator, Role.admin)


# --- roles ----------------------------------------------------------------------


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
        return "You are the last admin. Make someone else an admin before deleting this account."
    return None


def is_staff(user: User | None) -> TypeGuard[User]:
    """True for coordinators and admins: the people the workspace is for."""
    return user is not None and user.role in STAFF_ROLES


def require_staff(
    user: User | None,
    *,
    error: str = "coordinators_only",
    reason: str = "Only coordinators and admins can do that.",
) -> None:
    """Raises ForbiddenError (with `error` and `reason`) unless the user is staff."""
    if not is_staff(user):
        raise ForbiddenError(error, reason)


def require_admin(
    user: User | None,
    *,
    error: str = "admins_only",
    reason: str = "Only admins can do that.",
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


# --- cohorts --------------------------------------------------------------------


def member_cohort_ids(*, session: Session, user_id: uuid.UUID) -> set[uuid.UUID]:
    """Cohorts a person belongs to now (not left): what they see as a learner."""
    return set(
        session.exec(
            select(CohortMembership.cohort_id).where(
                CohortMembership.user_id == user_id, col(CohortMembership.left_at).is_(None)
            )
        )
    )


def granted_cohort_ids(*, session: Session, user: User) -> set[uuid.UUID]:
    """Cohorts shared with this coordinator (they are its co-coordinator)."""
    rows = session.exec(select(StaffGrant.cohort_id).where(StaffGrant.user_id == user.id))
    return {r for r in rows if r is not None}


def cohort_clause(*, session: Session, viewer: User) -> ColumnElement[bool] | None:
    """A `WHERE` condition on Cohort for the cohorts the viewer manages (None: all)."""
    if is_admin(viewer):
        return None
    if not is_staff(viewer):
        return col(Cohort.id).in_([])
    shared = granted_cohort_ids(session=session, user=viewer)
    return (col(Cohort.owner_id) == viewer.id) | col(Cohort.id).in_(shared)


def may_manage_cohort(*, session: Session, viewer: User | None, cohort: Cohort) -> bool:
    """Admins, the cohort's owner and its co-coordinators manage a cohort."""
    if not is_staff(viewer):
        return False
    return (
        is_admin(viewer)
        or cohort.owner_id == viewer.id
        or cohort.id in granted_cohort_ids(session=session, user=viewer)
    )


def may_share_cohort(viewer: User, cohort: Cohort) -> bool:
    """Only the owner (or an admin) shares a cohort or takes a share back."""
    return is_admin(viewer) or (is_staff(viewer) and cohort.owner_id == viewer.id)


def managed_cohort(*, session: Session, viewer: User, cohort_id: uuid.UUID) -> Cohort:
    """A cohort the viewer manages.

    Raises:
        ForbiddenError: Not staff.
        NotFoundError: No such cohort, or not one of theirs.
    """
    require_staff(viewer)
    cohort = session.get(Cohort, cohort_id)
    if cohort is None or not may_manage_cohort(session=session, viewer=viewer, cohort=cohort):
        raise NotFoundError("cohort_not_found", "No such cohort among yours.")
    return cohort


# --- nuggets --------------------------------------------------------------------


def granted_nugget_ids(*, session: Session, user: User) -> set[uuid.UUID]:
    """Nuggets shared with this coordinator."""
    rows = session.exec(select(StaffGrant.nugget_id).where(StaffGrant.user_id == user.id))
    return {r for r in rows if r is not None}


def nugget_clause(*, session: Session, viewer: User) -> ColumnElement[bool] | None:
    """A `WHERE` condition on Nugget for the nuggets the viewer may edit (None: all)."""
    if is_admin(viewer):
        return None
    if not is_staff(viewer):
        return col(Nugget.id).in_([])
    shared = granted_nugget_ids(session=session, user=viewer)
    return (col(Nugget.created_by) == viewer.id) | col(Nugget.id).in_(shared)


def may_edit_nugget(*, session: Session, viewer: User | None, nugget: Nugget) -> bool:
    """Admins, the nugget's author and the coordinators it was shared with edit it."""
    if not is_staff(viewer):
        return False
    return (
        is_admin(viewer)
        or nugget.created_by == viewer.id
        or nugget.id in granted_nugget_ids(session=session, user=viewer)
    )


def may_share_nugget(viewer: User, nugget: Nugget) -> bool:
    """Only the author (or an admin) shares a nugget."""
    return is_admin(viewer) or (is_staff(viewer) and nugget.created_by == viewer.id)


def editable_nugget(*, session: Session, viewer: User, slug: str) -> Nugget:
    """A nugget the viewer may edit, by slug.

    Raises:
        ForbiddenError: Not staff.
        NotFoundError: No such nugget, or not one of theirs.
    """
    require_staff(viewer)
    nugget = session.exec(select(Nugget).where(Nugget.slug == slug)).first()
    if nugget is None or not may_edit_nugget(session=session, viewer=viewer, nugget=nugget):
        raise NotFoundError("nugget_not_found", "No such nugget among yours.")
    return nugget


def editable_nugget_by_id(*, session: Session, viewer: User, nugget_id: uuid.UUID) -> Nugget:
    """Like `editable_nugget`, by id."""
    require_staff(viewer)
    nugget = session.get(Nugget, nugget_id)
    if nugget is None or not may_edit_nugget(session=session, viewer=viewer, nugget=nugget):
        raise NotFoundError("nugget_not_found", "No such nugget among yours.")
    return nugget


# --- learners, devices and delivery reports --------------------------------------


def visible_learner_ids(*, session: Session, viewer: User) -> set[uuid.UUID] | None:
    """Learners (and so devices) the viewer may see; None means everyone (admins).

    Coordinators see the current members of every cohort they manage, owned or shared.

    Raises:
        ForbiddenError: The viewer is neither a coordinator nor an admin.
    """
    require_staff(
        viewer, error="not_allowed", reason="Only coordinators and admins can see devices."
    )
    clause = cohort_clause(session=session, viewer=viewer)
    if clause is None:
        return None
    managed = select(Cohort.id).where(clause)
    members = select(CohortMembership.user_id).where(
        col(CohortMembership.cohort_id).in_(managed), col(CohortMembership.left_at).is_(None)
    )
    return set(session.exec(members))


def readable_message(*, session: Session, viewer: User, message_id: uuid.UUID) -> PushMessage:
    """A cohort announcement whose delivery report the viewer may read.

    Whoever manages the cohort (owner, co-coordinator, admin) reads every
    announcement to it; anyone else is told there is no such announcement.

    Raises:
        NotFoundError: No such announcement, not a cohort's, or not the viewer's cohort.
    """
    message = session.get(PushMessage, message_id)
    cohort = session.get(Cohort, message.cohort_id) if message and message.cohort_id else None
    if (
        message is None
        or cohort is None
        or not may_manage_cohort(session=session, viewer=viewer, cohort=cohort)
    ):
        raise NotFoundError("not_found", "No such announcement.")
    return message


# --- skills ---------------------------------------------------------------------


def may_edit_skill(viewer: User | None, skill: Skill) -> bool:
    """A skill's name and description change only by its owner or an admin."""
    return is_admin(viewer) or (
        is_staff(viewer) and skill.owner_id is not None and skill.owner_id == viewer.id
    )


def managed_skill(*, session: Session, viewer: User, skill_id: uuid.UUID) -> Skill:
    """A skill whose achievements the viewer manages (owner, admin); else 403 or 404."""
    require_staff(viewer)
    skill = session.get(Skill, skill_id)
    if skill is None or not may_edit_skill(viewer, skill):
        raise NotFoundError("skill_not_found", "No such skill among the ones you own.")
    return skill
