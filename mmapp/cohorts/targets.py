"""Cohort skill targets: the level (and date) a coordinator sets per skill.

Checked through `mmapp.access.managed_cohort`, as the cohort analytics are: staff
only (403 otherwise), and a cohort that is not the viewer's is not found (404).
Learners see the effect in their standing (`mmapp.progress.standing`).
"""

from __future__ import annotations

import datetime as dt
import uuid

from sqlmodel import Session, col, select

from mmapp import access, audit
from mmapp.errors import ValidationError
from mmapp.i18n import N_
from mmapp.models import AuditAction, Skill, SkillTarget, User, utcnow
from mmapp.schemas import TargetIn, TargetOut, TargetsOut


def list_targets(*, session: Session, viewer: User, cohort_id: uuid.UUID) -> TargetsOut:
    """One of the viewer's cohorts' targets, ordered by skill name."""
    cohort = access.managed_cohort(session=session, viewer=viewer, cohort_id=cohort_id)
    rows = session.exec(
        select(SkillTarget, Skill)
        .join(Skill, col(Skill.id) == SkillTarget.skill_id)
        .where(SkillTarget.cohort_id == cohort.id)
        .order_by(col(Skill.name), col(Skill.slug))
    )
    return TargetsOut(
        cohort_id=cohort.id,
        targets=[
            TargetOut(
                skill=s.slug,
                skill_name=s.name,
                level=t.level,
                by=t.by,
                set_by=t.set_by,
                updated_at=t.updated_at,
            )
            for t, s in rows
        ],
    )


def set_targets(
    *,
    session: Session,
    viewer: User,
    cohort_id: uuid.UUID,
    targets: list[TargetIn],
    now: dt.datetime | None = None,
) -> TargetsOut:
    """Replace a cohort's targets with `targets` (skills left out lose theirs).

    Unchanged targets keep who set them and when.

    Raises:
        ForbiddenError: Not staff.
        NotFoundError: Not one of the viewer's cohorts.
        ValidationError: An unknown skill, or a skill named twice.

    """
    cohort = access.managed_cohort(session=session, viewer=viewer, cohort_id=cohort_id)
    now = now or utcnow()
    slugs = [t.skill for t in targets]
    twice = sorted({s for s in slugs if slugs.count(s) > 1})
    if twice:
        raise ValidationError(
            "duplicate_skill", N_("Each skill once: {skills}."), skills=", ".join(twice)
        )
    skills = {s.slug: s for s in session.exec(select(Skill).where(col(Skill.slug).in_(slugs)))}
    unknown = [s for s in slugs if s not in skills]
    if unknown:
        raise ValidationError(
            "unknown_skill", N_("No such skill: {skills}."), skills=", ".join(unknown)
        )
    held = {
        t.skill_id: t
        for t in session.exec(select(SkillTarget).where(SkillTarget.cohort_id == cohort.id))
    }
    wanted = {skills[t.skill].id: t for t in targets}
    for skill_id, row in held.items():
        if skill_id not in wanted:
            session.delete(row)
    for skill_id, t in wanted.items():
        row = held.get(skill_id) or SkillTarget(
            cohort_id=cohort.id, skill_id=skill_id, level=t.level, set_by=viewer.id
        )
        if skill_id in held and (row.level, row.by) == (t.level, t.by):
            continue
        row.level, row.by, row.set_by, row.updated_at = t.level, t.by, viewer.id, now
        session.add(row)
    session.flush()
    audit.record(
        session=session,
        actor=viewer,
        action=AuditAction.targets_set,
        subject=("cohort", cohort.id),
        detail=", ".join(f"{t.skill} {t.level}" + (f" by {t.by}" if t.by else "") for t in targets)
        or "no targets",
    )
    return list_targets(session=session, viewer=viewer, cohort_id=cohort.id)


__all__ = ["list_targets", "set_targets"]
