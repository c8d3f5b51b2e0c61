"""The coordinator workspace: cohorts, members, nuggets and sharing, for staff.

Who may see and change what is decided in `mmapp.access` (admins everything, a
coordinator their own and shared cohorts and nuggets); anything else is reported
as not found, so another cohort's names, members or nuggets never leak.
"""

from __future__ import annotations

import uuid

from sqlalchemy import func
from sqlmodel import Session, col, select

from mmapp import access, audit, content
from mmapp.accounts import check_timezone, users
from mmapp.cohorts import memberships, sharing
from mmapp.errors import ForbiddenError, NotFoundError, ValidationError
from mmapp.i18n import N_
from mmapp.models import (
    AuditAction,
    Cohort,
    CohortMembership,
    Nugget,
    NuggetRevision,
    Skill,
    User,
)
from mmapp.schemas import CohortRow, MemberRow, NuggetIn, NuggetRow, PersonOut, VersionRow


def list_cohorts(*, session: Session, viewer: User) -> list[CohortRow]:
    """The viewer's cohorts with their member counts."""
    access.require_staff(viewer)
    query = select(Cohort).order_by(col(Cohort.archived), Cohort.name)
    clause = access.cohort_clause(session=session, viewer=viewer)
    if clause is not None:
        query = query.where(clause)
    counts = dict(
        session.exec(
            select(CohortMembership.cohort_id, func.count())
            .where(col(CohortMembership.left_at).is_(None))
            .group_by(col(CohortMembership.cohort_id))
        ).all()
    )
    return [
        CohortRow(
            id=c.id,
            name=c.name,
            invite_code=c.invite_code,
            timezone=c.timezone,
            archived=c.archived,
            members=counts.get(c.id, 0),
        )
        for c in session.exec(query)
    ]


def create_cohort(*, session: Session, viewer: User, name: str, timezone: str) -> Cohort:
    """A new cohort owned by the viewer."""
    access.require_staff(viewer)
    cohort = memberships.create_cohort(session=session, name=name, owner=viewer, timezone=timezone)
    audit.record(
        session=session,
        actor=viewer,
        action=AuditAction.cohort_created,
        subject=("cohort", cohort.id),
        detail=cohort.name,
    )
    return cohort


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
    cohort = access.managed_cohort(session=session, viewer=viewer, cohort_id=cohort_id)
    before = (cohort.name, cohort.timezone, cohort.archived)
    if name is not None:
        if not name.strip():
            raise ValidationError("missing_name", N_("A cohort needs a name."))
        cohort.name = name.strip()
    if timezone is not None:
        cohort.timezone = check_timezone(timezone)
    if archived is not None:
        cohort.archived = archived
    session.add(cohort)
    session.flush()
    after = (cohort.name, cohort.timezone, cohort.archived)
    if after != before:
        changes = [
            f"{k}: {a} -> {b}"
            for k, a, b in zip(_COHORT_FIELDS, before, after, strict=True)
            if a != b
        ]
        audit.record(
            session=session,
            actor=viewer,
            action=AuditAction.cohort_changed,
            subject=("cohort", cohort.id),
            detail="; ".join(changes),
        )
    return cohort


_COHORT_FIELDS = ("name", "timezone", "archived")


def members(*, session: Session, viewer: User, cohort_id: uuid.UUID) -> list[MemberRow]:
    """Current members of one of the viewer's cohorts."""
    cohort = access.managed_cohort(session=session, viewer=viewer, cohort_id=cohort_id)
    rows = session.exec(
        select(User, CohortMembership)
        .join(CohortMembership, col(CohortMembership.user_id) == User.id)
        .where(CohortMembership.cohort_id == cohort.id, col(CohortMembership.left_at).is_(None))
        .order_by(User.display_name)
    )
    return [
        MemberRow(id=u.id, name=u.display_name, email=u.email, joined_at=m.joined_at)
        for u, m in rows
    ]


def add_member(*, session: Session, viewer: User, cohort_id: uuid.UUID, email: str) -> User:
    """Add an existing account to the cohort by email."""
    cohort = access.managed_cohort(session=session, viewer=viewer, cohort_id=cohort_id)
    user = users.find_by_email(session=session, email=email)
    if user is None:
        raise NotFoundError(
            "unknown_email",
            N_("No account uses {email}; share the invite code instead."),
            email=email.strip(),
        )
    memberships.add_member(session=session, cohort=cohort, user=user)
    audit.record(
        session=session,
        actor=viewer,
        action=AuditAction.member_added,
        subject=("cohort", cohort.id),
        detail=f"{user.email} to {cohort.name}",
    )
    return user


def remove_member(
    *, session: Session, viewer: User, cohort_id: uuid.UUID, user_id: uuid.UUID
) -> None:
    """Take a learner out of the cohort (their phones drop its nuggets on next sync)."""
    cohort = access.managed_cohort(session=session, viewer=viewer, cohort_id=cohort_id)
    user = session.get(User, user_id)
    if user is None or not memberships.remove_member(session=session, cohort=cohort, user=user):
        raise NotFoundError("not_a_member", N_("That learner is not in this cohort."))
    audit.record(
        session=session,
        actor=viewer,
        action=AuditAction.member_removed,
        subject=("cohort", cohort.id),
        detail=f"{user.email} from {cohort.name}",
    )


def list_nuggets(*, session: Session, viewer: User) -> list[NuggetRow]:
    """The viewer's nuggets: status, version, skill."""
    access.require_staff(viewer)
    query = (
        select(Nugget, Skill).join(Skill, col(Skill.id) == Nugget.skill_id).order_by(Nugget.title)
    )
    clause = access.nugget_clause(session=session, viewer=viewer)
    if clause is not None:
        query = query.where(clause)
    return [
        NuggetRow(
            slug=n.slug,
            title=n.title,
            status=n.status,
            version=n.version,
            skill=s.name,
            minutes=n.minutes,
        )
        for n, s in session.exec(query)
    ]


def save_nugget(*, session: Session, viewer: User, data: NuggetIn) -> Nugget:
    """Save the working copy of a new nugget or one of the viewer's own."""
    access.require_staff(viewer)
    if session.exec(select(Nugget).where(Nugget.slug == data.slug)).first() is not None:
        access.editable_nugget(session=session, viewer=viewer, slug=data.slug)  # must be theirs
    return content.save_nugget(session=session, data=data, author_id=viewer.id)


def history(*, session: Session, viewer: User, slug: str) -> list[VersionRow]:
    """Every published version of one of the viewer's nuggets, newest first."""
    nugget = access.editable_nugget(session=session, viewer=viewer, slug=slug)
    revisions = session.exec(
        select(NuggetRevision)
        .where(NuggetRevision.nugget_id == nugget.id)
        .order_by(col(NuggetRevision.version).desc())
    )
    return [
        VersionRow(version=r.version, title=r.snapshot["title"], published_at=r.published_at)
        for r in revisions
    ]


def _owned_cohort(session: Session, viewer: User, cohort_id: uuid.UUID) -> Cohort:
    cohort = access.managed_cohort(session=session, viewer=viewer, cohort_id=cohort_id)
    if not access.may_share_cohort(viewer, cohort):
        raise ForbiddenError("owner_only", N_("Only the cohort's owner can change sharing."))
    return cohort


def cohort_shares(*, session: Session, viewer: User, cohort_id: uuid.UUID) -> list[PersonOut]:
    """The coordinators one of the viewer's cohorts is shared with."""
    cohort = access.managed_cohort(session=session, viewer=viewer, cohort_id=cohort_id)
    return sharing.shared_with(session=session, cohort_id=cohort.id)


def share_cohort(*, session: Session, viewer: User, cohort_id: uuid.UUID, email: str) -> User:
    """Let another coordinator manage this cohort (owners and admins only)."""
    cohort = _owned_cohort(session, viewer, cohort_id)
    other = sharing.share(session=session, by=viewer, email=email, cohort_id=cohort.id)
    audit.record(
        session=session,
        actor=viewer,
        action=AuditAction.cohort_shared,
        subject=("cohort", cohort.id),
        detail=f"{cohort.name} with {other.email}",
    )
    return other


def unshare_cohort(
    *, session: Session, viewer: User, cohort_id: uuid.UUID, user_id: uuid.UUID
) -> None:
    """Stop sharing this cohort with a coordinator (owners and admins only)."""
    cohort = _owned_cohort(session, viewer, cohort_id)
    sharing.unshare(session=session, user_id=user_id, cohort_id=cohort.id)
    other = session.get(User, user_id)
    audit.record(
        session=session,
        actor=viewer,
        action=AuditAction.cohort_unshared,
        subject=("cohort", cohort.id),
        detail=f"{cohort.name} no longer with {other.email if other else user_id}",
    )


def share_nugget(*, session: Session, viewer: User, slug: str, email: str) -> User:
    """Let another coordinator edit this nugget (its author and admins only)."""
    nugget = access.editable_nugget(session=session, viewer=viewer, slug=slug)
    if not access.may_share_nugget(viewer, nugget):
        raise ForbiddenError("author_only", N_("Only the nugget's author can share it."))
    other = sharing.share(session=session, by=viewer, email=email, nugget_id=nugget.id)
    audit.record(
        session=session,
        actor=viewer,
        action=AuditAction.nugget_shared,
        subject=("nugget", nugget.id),
        detail=f"{nugget.slug} with {other.email}",
    )
    return other
