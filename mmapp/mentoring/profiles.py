"""A mentor's profile, and what a learner's standing says about mentoring.

Mentors (and staff) may offer any skill; a learner may offer the skills they can teach:
rated, or shown by their practice, at level 4 ("I can teach it"). The same standing
gives the level a request aims at: the learner's target in the skill (3 without one).
"""

from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from mmapp import access
from mmapp.accounts.users import check_timezone
from mmapp.errors import ValidationError
from mmapp.i18n import N_
from mmapp.mentoring.booking import sessions_this_month
from mmapp.models import MentorProfile, Skill, User
from mmapp.progress.projections import compute_progress
from mmapp.schemas import MentorProfileIn, MentorProfileOut, SkillChoiceOut, SkillStanding

TEACH_LEVEL = 4
DEFAULT_TARGET = 3


def _standing_by_skill(
    session: Session, user: User, now: dt.datetime
) -> dict[uuid.UUID, SkillStanding]:
    rows = compute_progress(session=session, user=user, now=now).standing
    ids = dict(session.exec(select(Skill.slug, Skill.id)).all())
    return {ids[r.slug]: r for r in rows if r.slug in ids}


def teachable_skills(*, session: Session, user: User, now: dt.datetime) -> set[uuid.UUID]:
    """Skills the learner rates, or shows, at "I can teach it"."""
    return {
        skill_id
        for skill_id, row in _standing_by_skill(session, user, now).items()
        if TEACH_LEVEL in (row.self_rating, row.shown)
    }


def target_level(*, session: Session, user: User, skill_id: uuid.UUID, now: dt.datetime) -> int:
    """The level the learner aims at in the skill (their goal or cohort target; else 3)."""
    row = _standing_by_skill(session, user, now).get(skill_id)
    return row.target if row is not None and row.target else DEFAULT_TARGET


def skill_choices(*, session: Session, user: User, now: dt.datetime) -> list[SkillChoiceOut]:
    """Every skill by name, each saying whether the user may offer to mentor it."""
    rows = session.exec(select(Skill.id, Skill.name).order_by(col(Skill.name))).all()
    everything = {skill_id for skill_id, _ in rows}
    teachable: set[uuid.UUID] = set()
    if not access.may_mentor(user, everything, teachable):
        teachable = teachable_skills(session=session, user=user, now=now)
    return [
        SkillChoiceOut(
            skill_id=skill_id, name=name, may_offer=access.may_mentor(user, {skill_id}, teachable)
        )
        for skill_id, name in rows
    ]


def save_profile(
    *, session: Session, user: User, data: MentorProfileIn, now: dt.datetime
) -> MentorProfile:
    """Create or replace the user's mentor profile.

    Raises:
        ValidationError: An unknown skill or timezone.
        ForbiddenError: A learner offering a skill they cannot teach yet.
    """
    check_timezone(data.timezone)
    wanted = {s.skill_id for s in data.skills}
    known = set(session.exec(select(Skill.id).where(col(Skill.id).in_(wanted))))
    if wanted - known:
        raise ValidationError("unknown_skill", N_("One of the skills does not exist."))
    teachable: set[uuid.UUID] = set()
    if not access.may_mentor(user, wanted, teachable):
        teachable = teachable_skills(session=session, user=user, now=now)
    access.require_mentor_skills(user, wanted, teachable)
    profile = _row_for(session, user.id)
    profile.bio = data.bio.strip()
    profile.skills = [{"skill_id": str(s.skill_id), "level": s.level} for s in data.skills]
    profile.lengths = sorted(data.lengths)
    profile.monthly_capacity = data.monthly_capacity
    profile.timezone = data.timezone
    profile.weekly = [w.model_dump() for w in data.weekly]
    profile.active = data.active
    profile.updated_at = now
    session.add(profile)
    return profile


def _row_for(session: Session, user_id: uuid.UUID) -> MentorProfile:
    """The user's profile row, made if missing, locked for this transaction.

    Two first saves at once: one insert wins, the other finds that row and updates it.
    """
    if session.get(MentorProfile, user_id) is None:
        try:
            with session.begin_nested():
                session.add(MentorProfile(user_id=user_id))
        except IntegrityError:
            pass  # made at the same moment by another request
    query = select(MentorProfile).where(MentorProfile.user_id == user_id).with_for_update()
    return session.exec(query.execution_options(populate_existing=True)).one()


def profile_out(*, session: Session, profile: MentorProfile, now: dt.datetime) -> MentorProfileOut:
    """The profile as the API shows it to its mentor."""
    return MentorProfileOut(
        user_id=profile.user_id,
        bio=profile.bio,
        skills=profile.skills,  # type: ignore[arg-type]
        lengths=profile.lengths,  # type: ignore[arg-type]
        monthly_capacity=profile.monthly_capacity,
        timezone=profile.timezone,
        weekly=profile.weekly,  # type: ignore[arg-type]
        active=profile.active,
        sessions_this_month=sessions_this_month(session=session, mentor=profile, now=now),
    )


__all__ = ["profile_out", "save_profile", "skill_choices", "target_level", "teachable_skills"]
