"""The coordinator workspace's rules: who may see and change which cohorts and nuggets.

Admins manage everything; a coordinator manages the cohorts they own and the
nuggets they wrote. Anything else is reported as not found, so another cohort's
names, members or nuggets never leak through an error message.
"""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import func
from sqlmodel import Session, select

from mmapp.models import (
    Cohort,
    CohortMembership,
    Nugget,
    NuggetRevision,
    Role,
    Skill,
    User,
)
from mmapp.schemas import NuggetIn
from mmapp.services import cohorts as cohort_service
from mmapp.services import content, grants
from mmapp.services.accounts import check_timezone
from mmapp.services.errors import ForbiddenError, NotFoundError, ValidationError

STAFF = (Role.coordinator, Role.admin)


def require_staff(viewer: User) -> None:
    """Raises ForbiddenError unless the viewer is a coordinator or an admin."""
    if viewer.role not in STAFF:
        raise ForbiddenError("coordinators_only", "Only coordinators and admins can do that.")


def cohort_for(*, session: Session, viewer: User, cohort_id: uuid.UUID) -> Cohort:
    """A cohort the viewer manages.

    Raises:
        ForbiddenError: Not staff.
        NotFoundError: No such cohort, or someone else's.
    """
    require_staff(viewer)
    cohort = session.get(Cohort, cohort_id)
    if cohort is None or not (
        viewer.role == Role.admin
        or cohort.owner_id == viewer.id
        or cohort.id in grants.cohort_ids(session=session, user=viewer)
    ):
        raise NotFoundError("cohort_not_found", "No such cohort among yours.")
    return cohort


def nugget_for(*, session: Session, viewer: User, slug: str) -> Nugget:
    """A nugget the viewer may edit (theirs, or any for admins)."""
    require_staff(viewer)
    nugget = session.exec(select(Nugget).where(Nugget.slug == slug)).first()
    if nugget is None or not (
        viewer.role == Role.admin
        or nugget.created_by == viewer.id
        or nugget.id in grants.nugget_ids(session=session, user=viewer)
    ):
        raise NotFoundError("nugget_not_found", "No such nugget among yours.")
    return nugget


def nugget_by_id(*, session: Session, viewer: User, nugget_id: uuid.UUID) -> Nugget:
    """Like `nugget_for`, by id."""
    nugget = session.get(Nugget, nugget_id)
    if nugget is None:
        raise NotFoundError("nugget_not_found", "No such nugget among yours.")
    return nugget_for(session=session, viewer=viewer, slug=nugget.slug)


def list_cohorts(*, session: Session, viewer: User) -> list[dict[str, Any]]:
    """The viewer's cohorts with their member counts."""
    require_staff(viewer)
    query = select(Cohort).order_by(Cohort.archived, Cohort.name)
    if viewer.role != Role.admin:
        shared = grants.cohort_ids(session=session, user=viewer)
        query = query.where((Cohort.owner_id == viewer.id) | Cohort.id.in_(shared))
    counts = dict(
        session.exec(
            select(CohortMembership.cohort_id, func.count())
            .where(CohortMembership.left_at.is_(None))
            .group_by(CohortMembership.cohort_id)
        ).all()
    )
    return [
        {
            "id": str(c.id),
            "name": c.name,
            "invite_code": c.invite_code,
            "timezone": c.timezone,
            "archived": c.archived,
            "members": counts.get(c.id, 0),
        }
        for c in session.exec(query)
    ]


def create_cohort(*, session: Session, viewer: User, name: str, timezone: str) -> Cohort:
    """A new cohort owned by the viewer."""
    require_staff(viewer)
    return cohort_service.create_cohort(session=session, name=name, owner=viewer, timezone=timezone)


def update_cohort(
    *,
    session: Session,
    viewer: User,
    cohort_id: uuid.UUID,
    name: str | None = None,
    archived: bool | None = None,
    timezone: str | None = None,
) -> Cohort:
    """Rename, archive (or restore) a cohort, or change its timezone."""
    cohort = cohort_for(session=session, viewer=viewer, cohort_id=cohort_id)
    if name is not None:
        if not name.strip():
            raise ValidationError("missing_name", "A cohort needs a name.")
        cohort.name = name.strip()
    if timezone is not None:
        cohort.timezone = check_timezone(timezone)
    if archived is not None:
        cohort.archived = archived
    session.add(cohort)
    session.flush()
    return cohort


def members(*, session: Session, viewer: User, cohort_id: uuid.UUID) -> list[dict[str, Any]]:
    """Current members of one of the viewer's cohorts."""
    cohort = cohort_for(session=session, viewer=viewer, cohort_id=cohort_id)
    rows = session.exec(
        select(User, CohortMembership)
        .join(CohortMembership, CohortMembership.user_id == User.id)
        .where(CohortMembership.cohort_id == cohort.id, CohortMembership.left_at.is_(None))
        .order_by(User.display_name)
    )
    return [
        {
            "id": str(u.id),
            "name": u.display_name,
            "email": u.email,
            "joined_at": m.joined_at.isoformat(),
        }
        for u, m in rows
    ]


def add_member(*, session: Session, viewer: User, cohort_id: uuid.UUID, email: str) -> User:
    """Add an existing account to the cohort by email."""
    cohort = cohort_for(session=session, viewer=viewer, cohort_id=cohort_id)
    user = session.exec(select(User).where(User.email == email.strip().lower())).first()
    if user is None:
        raise NotFoundError(
            "unknown_email", f"No account uses {email.strip()}; share the invite code instead."
        )
    cohort_service.add_member(session=session, cohort=cohort, user=user)
    return user


def remove_member(
    *, session: Session, viewer: User, cohort_id: uuid.UUID, user_id: uuid.UUID
) -> None:
    """Take a learner out of the cohort (their phones drop its nuggets on next sync)."""
    cohort = cohort_for(session=session, viewer=viewer, cohort_id=cohort_id)
    user = session.get(User, user_id)
    if user is None or not cohort_service.remove_member(session=session, cohort=cohort, user=user):
        raise NotFoundError("not_a_member", "That learner is not in this cohort.")


def list_nuggets(*, session: Session, viewer: User) -> list[dict[str, Any]]:
    """The viewer's nuggets: status, version, skill."""
    require_staff(viewer)
    query = select(Nugget, Skill).join(Skill, Skill.id == Nugget.skill_id).order_by(Nugget.title)
    if viewer.role != Role.admin:
        shared = grants.nugget_ids(session=session, user=viewer)
        query = query.where((Nugget.created_by == viewer.id) | Nugget.id.in_(shared))
    return [
        {
            "slug": n.slug,
            "title": n.title,
            "status": n.status.value,
            "version": n.version,
            "skill": s.name,
            "minutes": n.minutes,
        }
        for n, s in session.exec(query)
    ]


def save_nugget(*, session: Session, viewer: User, data: NuggetIn) -> Nugget:
    """Save the working copy of a new nugget or one of the viewer's own."""
    require_staff(viewer)
    if session.exec(select(Nugget).where(Nugget.slug == data.slug)).first() is not None:
        nugget_for(session=session, viewer=viewer, slug=data.slug)  # must be theirs
    return content.save_nugget(session=session, data=data, author_id=viewer.id)


def history(*, session: Session, viewer: User, slug: str) -> list[dict[str, Any]]:
    """Every published version of one of the viewer's nuggets, newest first."""
    nugget = nugget_for(session=session, viewer=viewer, slug=slug)
    revisions = session.exec(
        select(NuggetRevision)
        .where(NuggetRevision.nugget_id == nugget.id)
        .order_by(NuggetRevision.version.desc())
    )
    return [
        {
            "version": r.version,
            "title": r.snapshot["title"],
            "published_at": r.published_at.isoformat(),
        }
        for r in revisions
    ]


def _owned_cohort(session: Session, viewer: User, cohort_id: uuid.UUID) -> Cohort:
    cohort = cohort_for(session=session, viewer=viewer, cohort_id=cohort_id)
    if viewer.role != Role.admin and cohort.owner_id != viewer.id:
        raise ForbiddenError("owner_only", "Only the cohort's owner can change sharing.")
    return cohort


def share_cohort(*, session: Session, viewer: User, cohort_id: uuid.UUID, email: str) -> User:
    """Let another coordinator manage this cohort (owners and admins only)."""
    cohort = _owned_cohort(session, viewer, cohort_id)
    return grants.share(session=session, by=viewer, email=email, cohort_id=cohort.id)


def unshare_cohort(
    *, session: Session, viewer: User, cohort_id: uuid.UUID, user_id: uuid.UUID
) -> None:
    """Stop sharing this cohort with a coordinator (owners and admins only)."""
    cohort = _owned_cohort(session, viewer, cohort_id)
    grants.unshare(session=session, user_id=user_id, cohort_id=cohort.id)


def share_nugget(*, session: Session, viewer: User, slug: str, email: str) -> User:
    """Let another coordinator edit this nugget (its author and admins only)."""
    nugget = nugget_for(session=session, viewer=viewer, slug=slug)
    if viewer.role != Role.admin and nugget.created_by != viewer.id:
        raise ForbiddenError("author_only", "Only the nugget's author can share it.")
    return grants.share(session=session, by=viewer, email=email, nugget_id=nugget.id)
