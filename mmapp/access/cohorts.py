"""Cohorts: who manages which, and so which learners, devices and reports they see."""

from __future__ import annotations

import uuid

from sqlalchemy import ColumnElement
from sqlmodel import Session, col, select

from mmapp.access.roles import is_admin, is_staff, require_staff
from mmapp.errors import NotFoundError
from mmapp.i18n import N_
from mmapp.models import Cohort, CohortMembership, PushMessage, StaffGrant, User


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
        raise NotFoundError("cohort_not_found", N_("No such cohort among yours."))
    return cohort


# --- learners, devices and delivery reports --------------------------------------


def visible_learner_ids(*, session: Session, viewer: User) -> set[uuid.UUID] | None:
    """Learners (and so devices) the viewer may see; None means everyone (admins).

    Coordinators see the current members of every cohort they manage, owned or shared.

    Raises:
        ForbiddenError: The viewer is neither a coordinator nor an admin.
    """
    require_staff(
        viewer, error="not_allowed", reason=N_("Only coordinators and admins can see devices.")
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
        raise NotFoundError("not_found", N_("No such announcement."))
    return message


__all__ = [
    "cohort_clause",
    "granted_cohort_ids",
    "managed_cohort",
    "may_manage_cohort",
    "may_share_cohort",
    "member_cohort_ids",
    "readable_message",
    "visible_learner_ids",
]
