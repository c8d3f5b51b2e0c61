"""What mentoring and teach-back did for a cohort, per skill: the coordinator's table.

One row per skill that the cohort's nuggets teach, or that a current member asked help
in or taught back: the mentoring figures of `mmapp.mentoring.outcomes` for the members
(requests, matches, sessions held, the learners' median rating, the share of good fits,
actions done within 14 days, the self-rating before asking and 14 days after) and the
teach-backs the members gave in the skill (asked, and confirmed by the colleague).
Only a coordinator who manages the cohort (or an admin) sees it (`access`).
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections import Counter
from collections.abc import Collection

from sqlmodel import Session, col, select

from mmapp import access
from mmapp.mentoring.outcomes import SkillOutcomes, gather, ratings_by_skill, skill_outcomes
from mmapp.models import Assignment, HelpRequest, Nugget, Skill, TeachBack, User
from mmapp.progress.analytics import current_members
from mmapp.schemas import MentoringOutcomeRow, MentoringOutcomes

TABLES = ("mentoring",)


def _percent(share: float | None) -> str:
    return "" if share is None else f"{round(share * 100)}%"


def _teachbacks(
    session: Session, members: Collection[uuid.UUID]
) -> tuple[Counter[uuid.UUID], Counter[uuid.UUID]]:
    """Teach-backs the members gave, asked and confirmed, by the nugget's skill."""
    rows = session.exec(
        select(TeachBack, Nugget.skill_id)
        .join(Nugget, col(Nugget.id) == TeachBack.nugget_id)
        .where(col(TeachBack.teacher_id).in_(list(members)))
    ).all()
    asked: Counter[uuid.UUID] = Counter(skill for _, skill in rows)
    confirmed: Counter[uuid.UUID] = Counter(
        skill for row, skill in rows if row.confirmed_at is not None
    )
    return asked, confirmed


def _skills(
    session: Session,
    cohort_id: uuid.UUID,
    members: Collection[uuid.UUID],
    taught: Collection[uuid.UUID],
) -> list[Skill]:
    """The cohort's nuggets' skills, and any the members asked help in or taught back."""
    ids = set(
        session.exec(
            select(Nugget.skill_id)
            .join(Assignment, col(Assignment.nugget_id) == Nugget.id)
            .where(Assignment.cohort_id == cohort_id, col(Assignment.removed_at).is_(None))
        ).all()
    )
    ids |= set(
        session.exec(
            select(HelpRequest.skill_id).where(col(HelpRequest.mentee_id).in_(list(members)))
        ).all()
    )
    ids |= set(taught)
    skills = session.exec(select(Skill).where(col(Skill.id).in_(list(ids)))).all()
    return sorted(skills, key=lambda s: s.name.casefold())


def _row(skill: Skill, figures: SkillOutcomes, asked: int, confirmed: int) -> MentoringOutcomeRow:
    return MentoringOutcomeRow(
        skill=skill.name,
        requests=figures.requests,
        matches=figures.matches,
        sessions_held=figures.sessions_held,
        median_rating=figures.median_rating,
        good_fit_share=figures.good_fit_share,
        good_fit_pct=_percent(figures.good_fit_share),
        actions_planned=figures.actions_planned,
        actions_done_14d=figures.actions_done_in_time,
        rated_learners=sum(
            1 for c in figures.ratings if c.before is not None and c.after is not None
        ),
        rating_before=figures.median_before,
        rating_after=figures.median_after,
        teachbacks_asked=asked,
        teachbacks_confirmed=confirmed,
    )


def cohort_outcomes(
    *, session: Session, viewer: User, cohort_id: uuid.UUID, now: dt.datetime
) -> MentoringOutcomes:
    """The mentoring and teach-back table of one of the viewer's cohorts.

    Raises:
        NotFoundError: No such cohort, or not one the viewer manages (`access`).
    """
    cohort = access.managed_cohort(session=session, viewer=viewer, cohort_id=cohort_id)
    members = set(current_members(session, cohort.id))
    asked, confirmed = _teachbacks(session, members)
    ratings = ratings_by_skill(session=session, members=members)  # one read for every skill
    rows = []
    for skill in _skills(session, cohort.id, members, asked):
        inputs = gather(session=session, members=members, skill_id=skill.id, ratings=ratings)
        figures = skill_outcomes(members=members, skill_id=skill.id, rows=inputs, now=now)
        rows.append(_row(skill, figures, asked[skill.id], confirmed[skill.id]))
    return MentoringOutcomes(mentoring=rows)


__all__ = ["TABLES", "cohort_outcomes"]
