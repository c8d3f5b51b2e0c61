"""Content: who edits which nuggets, and who changes a skill's name and achievements."""

from __future__ import annotations

import uuid

from sqlalchemy import ColumnElement
from sqlmodel import Session, col, select

from mmapp.access.roles import is_admin, is_staff, require_staff
from mmapp.errors import NotFoundError
from mmapp.i18n import N_
from mmapp.models import Nugget, Skill, StaffGrant, User


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
        raise NotFoundError("nugget_not_found", N_("No such nugget among yours."))
    return nugget


def editable_nugget_by_id(*, session: Session, viewer: User, nugget_id: uuid.UUID) -> Nugget:
    """Like `editable_nugget`, by id."""
    require_staff(viewer)
    nugget = session.get(Nugget, nugget_id)
    if nugget is None or not may_edit_nugget(session=session, viewer=viewer, nugget=nugget):
        raise NotFoundError("nugget_not_found", N_("No such nugget among yours."))
    return nugget


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
        raise NotFoundError("skill_not_found", N_("No such skill among the ones you own."))
    return skill


__all__ = [
    "editable_nugget",
    "editable_nugget_by_id",
    "granted_nugget_ids",
    "managed_skill",
    "may_edit_nugget",
    "may_edit_skill",
    "may_share_nugget",
    "nugget_clause",
]
