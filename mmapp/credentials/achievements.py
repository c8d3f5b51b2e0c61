"""Coordinators' achievements: one per skill level, with the numbers of its criteria.

Only a skill's owner or an admin lists and changes its achievements
(`access.managed_skill`); every change is audited. Changing the numbers does not touch
credentials already issued: each is a signed, immutable statement of its day's rule.
"""

from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, func, select

from mmapp import access
from mmapp.audit import record
from mmapp.credentials.criteria import Rule, narrative
from mmapp.errors import ConflictError, NotFoundError
from mmapp.i18n import N_
from mmapp.models import Achievement, AuditAction, IssuedCredential, Skill, User
from mmapp.schemas import AchievementIn, AchievementOut


def rule_of(achievement: Achievement, skill: Skill) -> Rule:
    """The criteria rule an achievement's numbers make."""
    return Rule(
        skill_name=skill.name,
        level=achievement.level,
        min_score=achievement.min_score,
        min_recall=achievement.min_recall,
        min_days=achievement.min_days,
        min_teachbacks=achievement.min_teachbacks,
    )


def achievement_out(session: Session, achievement: Achievement, skill: Skill) -> AchievementOut:
    """An achievement as the API and the editor show it."""
    issued = session.exec(
        select(func.count())
        .select_from(IssuedCredential)
        .where(IssuedCredential.achievement_id == achievement.id)
    ).one()
    return AchievementOut(
        id=achievement.id,
        skill_id=skill.id,
        skill_name=skill.name,
        level=achievement.level,
        name=achievement.name,
        description=achievement.description,
        min_score=achievement.min_score,
        min_recall=achievement.min_recall,
        min_days=achievement.min_days,
        min_teachbacks=achievement.min_teachbacks,
        criteria=narrative(rule_of(achievement, skill)),
        issued=int(issued),
    )


def managed_skills(*, session: Session, viewer: User) -> list[Skill]:
    """The skills whose achievements the viewer manages (`access.may_edit_skill`), by name.

    Raises:
        ForbiddenError: Not staff.
    """
    access.require_staff(viewer)
    skills = session.exec(select(Skill).order_by(col(Skill.name)))
    return [s for s in skills if access.may_edit_skill(viewer, s)]


def list_achievements(
    *, session: Session, viewer: User, skill_id: uuid.UUID
) -> list[AchievementOut]:
    """A skill's achievements, lowest level first."""
    skill = access.managed_skill(session=session, viewer=viewer, skill_id=skill_id)
    rows = session.exec(
        select(Achievement).where(Achievement.skill_id == skill.id).order_by(col(Achievement.level))
    )
    return [achievement_out(session, a, skill) for a in rows]


def _apply(row: Achievement, body: AchievementIn, viewer: User, now: dt.datetime) -> None:
    row.level, row.name, row.description = body.level, body.name, body.description
    row.min_score, row.min_recall, row.min_days = body.min_score, body.min_recall, body.min_days
    row.min_teachbacks = body.min_teachbacks
    row.updated_by, row.updated_at = viewer.id, now


def save_achievement(
    *,
    session: Session,
    viewer: User,
    skill_id: uuid.UUID,
    body: AchievementIn,
    now: dt.datetime,
    achievement_id: uuid.UUID | None = None,
) -> AchievementOut:
    """Create an achievement (no `achievement_id`) or change one.

    Raises:
        ForbiddenError: Not staff.
        NotFoundError: Not a skill of theirs, or no such achievement in it.
        ConflictError: The skill already has an achievement at that level.
    """
    skill = access.managed_skill(session=session, viewer=viewer, skill_id=skill_id)
    if achievement_id is None:
        row = Achievement(skill_id=skill.id, level=body.level, name=body.name)
    else:
        found = session.get(Achievement, achievement_id)
        if found is None or found.skill_id != skill.id:
            raise NotFoundError("achievement_not_found", N_("No such achievement in this skill."))
        row = found
    _apply(row, body, viewer, now)
    try:
        with session.begin_nested():
            session.add(row)
    except IntegrityError as exc:
        raise ConflictError(
            "level_taken",
            N_("{skill} already has an achievement at level {level}."),
            skill=skill.name,
            level=body.level,
        ) from exc
    record(
        session=session,
        actor=viewer,
        action=AuditAction.achievement_set,
        subject=("achievement", row.id),
        detail=f"{skill.name} level {row.level}: {row.name}",
    )
    return achievement_out(session, row, skill)


__all__ = [
    "achievement_out",
    "list_achievements",
    "managed_skills",
    "rule_of",
    "save_achievement",
]
