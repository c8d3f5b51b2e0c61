"""The mentors a request could go to, read from the database for `matching.rank`."""

from __future__ import annotations

import datetime as dt
import uuid
import zoneinfo
from collections.abc import Collection

from sqlmodel import Session, col, select

from mmapp.mentoring.booking import open_slots, sessions_this_month
from mmapp.mentoring.matching import Candidate, Match, Need, rank
from mmapp.models import MentorProfile, User


def utc_offset_hours(timezone: str, at: dt.datetime) -> float:
    """The timezone's offset from UTC at `at`, in hours."""
    offset = at.astimezone(zoneinfo.ZoneInfo(timezone)).utcoffset()
    return offset.total_seconds() / 3600 if offset else 0.0


def skill_level(profile: MentorProfile, skill_id: uuid.UUID) -> int | None:
    """The level the mentor helps with the skill at, or None."""
    for entry in profile.skills:
        if entry.get("skill_id") == str(skill_id):
            return int(entry["level"])
    return None


def candidates(
    *,
    session: Session,
    skill_id: uuid.UUID,
    minutes: int,
    mentee_id: uuid.UUID,
    now: dt.datetime,
    skip: Collection[uuid.UUID] = (),
) -> list[Candidate]:
    """Every active mentor who helps with the skill (but those in `skip`), as candidates."""
    rows = session.exec(
        select(MentorProfile, User)
        .join(User, col(User.id) == MentorProfile.user_id)
        .where(MentorProfile.active, col(User.disabled_at).is_(None))
        .where(col(User.deleted_at).is_(None))
    )
    out: list[Candidate] = []
    for profile, user in rows:
        level = skill_level(profile, skill_id)
        if level is None or profile.user_id in skip:
            continue
        free = open_slots(
            session=session, mentor=profile, mentee_id=mentee_id, minutes=minutes, now=now
        )
        out.append(
            Candidate(
                user_id=profile.user_id,
                name=user.display_name,
                level=level,
                lengths=tuple(profile.lengths),
                monthly_capacity=profile.monthly_capacity,
                sessions_this_month=sessions_this_month(session=session, mentor=profile, now=now),
                free_slots=len(free),
                utc_offset_hours=utc_offset_hours(profile.timezone, now),
            )
        )
    return out


def ranked(
    *,
    session: Session,
    need: Need,
    skill_id: uuid.UUID,
    now: dt.datetime,
    skip: Collection[uuid.UUID] = (),
    locale: str | None = "en",
) -> list[Match]:
    """The mentors who can take the need now, best first (the reasons in `locale`)."""
    pool = candidates(
        session=session,
        skill_id=skill_id,
        minutes=need.minutes,
        mentee_id=need.mentee_id,
        now=now,
        skip=skip,
    )
    return rank(need, pool, locale)


__all__ = [
    "candidates",
    "ranked",
    "skill_level",
    "utc_offset_hours",
]
