"""What a coordinator sees of a cohort's skills: levels against targets, gaps, risks.

For each current member and each skill of the cohort's assigned nuggets (not
removed), the member's standing by the learner's own rules (`member_standing`,
`standing`): self-rating, shown, current, target and its date. A member with no
nugget of the skill now has no standing in it (a "—" cell). Then:

- gap = max(0, target - current); 0 without a target (and without a nugget).
- biggest gaps: the skills with any gap, ordered by the total gap over the members
  (largest first; ties by skill name), each with the members below target (gap >= 1)
  and the mean gap over the members who have a nugget of the skill.
- not audited: members with no `skill_rated` on any of the cohort's skills.
- goals at risk: a member's skill with a target date and a gap of 1 or more where
  the days left (target date - the member's local today; negative once past) are
  fewer than 7 x the gap: a week per level still to climb. Fewest days left first
  (ties: learner name, skill name).

The targets are the effective ones the learner sees (the highest of their cohorts'
targets and their own goal), so a cell may show a target set by another cohort.
"""

from __future__ import annotations

import datetime as dt
import uuid

from sqlmodel import Session, col, select

from mmapp import access
from mmapp.content.scale import scale_words
from mmapp.i18n import N_, N_plural, translate, translate_plural
from mmapp.models import Assignment, Nugget, Skill, SkillTarget, User, utcnow
from mmapp.progress.analytics import current_members
from mmapp.progress.member_standing import MemberStanding, members_standing
from mmapp.progress.statements import day_text
from mmapp.schemas import (
    CohortSkills,
    GoalAtRisk,
    LearnerSkills,
    MemberName,
    SkillCell,
    SkillColumn,
    SkillGap,
    SkillStanding,
)
from mmapp.schemas.cohort_skills import Band

DAYS_PER_LEVEL = 7
# A heat map cell in words, for a screen reader or a tooltip.
CELL_NO_NUGGET = N_("{name}: {skill}, no nugget of this skill yet")
CELL_NO_TARGET = N_("{name}: {skill}, level {current}, no target")
CELL = N_("{name}: {skill}, level {current}, target {target}, gap {gap}")
# A goal at risk in one line, by the days left: due today, left, or past.
RISK_TODAY = N_("{learner} · {skill} {current} → {target} by {by} · due today")
RISK_LEFT = N_plural(
    "{learner} · {skill} {current} → {target} by {by} · {n} day left",
    "{learner} · {skill} {current} → {target} by {by} · {n} days left",
)
RISK_PAST = N_plural(
    "{learner} · {skill} {current} → {target} by {by} · {n} day past",
    "{learner} · {skill} {current} → {target} by {by} · {n} days past",
)


def cohort_skills(
    *,
    session: Session,
    viewer: User,
    cohort_id: uuid.UUID,
    now: dt.datetime | None = None,
    locale: str | None = "en",
) -> CohortSkills:
    """The skills view of one of the viewer's cohorts (the module docstring has the rules).

    Its words (scale words, cell labels, goals at risk) are in `locale`, the viewer's.

    Raises:
        ForbiddenError: Not staff.
        NotFoundError: No such cohort, or not one the viewer manages (`access`).

    """
    cohort = access.managed_cohort(session=session, viewer=viewer, cohort_id=cohort_id)
    now = now or utcnow()
    people = current_members(session, cohort.id)
    assigned = select(Assignment.nugget_id).where(
        Assignment.cohort_id == cohort.id, col(Assignment.removed_at).is_(None)
    )
    skill_ids = select(Nugget.skill_id).where(col(Nugget.id).in_(assigned))
    skills = {s.id: s for s in session.exec(select(Skill).where(col(Skill.id).in_(skill_ids)))}
    targets = {
        t.skill_id: t
        for t in session.exec(select(SkillTarget).where(SkillTarget.cohort_id == cohort.id))
    }
    ordered = sorted(skills.values(), key=lambda s: (s.name, s.slug))
    standing = members_standing(session=session, people=people, skills=skills, now=now)
    members = sorted(people.values(), key=lambda u: (u.display_name, u.email))
    rows = [_row(u, standing[u.id], ordered, locale) for u in members]
    return CohortSkills(
        cohort_id=cohort.id,
        skills=[
            SkillColumn(
                slug=s.slug,
                name=s.name,
                scale=scale_words(s, locale),
                target=targets[s.id].level if s.id in targets else None,
                target_by=targets[s.id].by if s.id in targets else None,
            )
            for s in ordered
        ],
        learners=rows,
        gaps=_gaps(rows, ordered),
        not_audited=[MemberName(learner=r.learner, email=r.email) for r in rows if not r.audited],
        at_risk=_at_risk(members, standing, ordered, locale),
    )


def gap_of(row: SkillStanding) -> int:
    """max(0, target - current); 0 without a target."""
    return max(0, row.target - row.current) if row.target is not None else 0


def days_left(row: SkillStanding, today: dt.date) -> int | None:
    """Days from the learner's today to the target date (None without one)."""
    return (row.target_by - today).days if row.target_by is not None else None


def at_risk(row: SkillStanding, today: dt.date) -> bool:
    """A dated target with a gap of 1+ and fewer days left than 7 x the gap."""
    left, gap = days_left(row, today), gap_of(row)
    return left is not None and gap >= 1 and left < DAYS_PER_LEVEL * gap


def _band(row: SkillStanding | None) -> Band:
    if row is None:
        return "none"
    if row.target is None:
        return "unset"
    gap = gap_of(row)
    return "met" if gap == 0 else "gap1" if gap == 1 else "gap2" if gap == 2 else "gap3"


def _label(name: str, skill: str, row: SkillStanding | None, locale: str | None) -> str:
    """The cell in words, for a screen reader or a tooltip: "Ada: Feedback, level 2, ..."."""
    if row is None:
        return translate(locale, CELL_NO_NUGGET, name=name, skill=skill)
    if row.target is None:
        return translate(locale, CELL_NO_TARGET, name=name, skill=skill, current=row.current)
    return translate(
        locale,
        CELL,
        name=name,
        skill=skill,
        current=row.current,
        target=row.target,
        gap=gap_of(row),
    )


def _row(
    user: User, mine: MemberStanding, skills: list[Skill], locale: str | None
) -> LearnerSkills:
    cells = []
    for s in skills:
        row = mine.standing.get(s.id)
        cells.append(
            SkillCell(
                skill=s.slug,
                given=row is not None,
                self_rating=row.self_rating if row else None,
                shown=row.shown if row else None,
                current=row.current if row else None,
                target=row.target if row else None,
                target_by=row.target_by if row else None,
                gap=gap_of(row) if row else 0,
                audited=s.id in mine.rated,
                at_risk=at_risk(row, mine.today) if row else False,
                text=(
                    "—"
                    if row is None
                    else f"{row.current} → {row.target}"
                    if row.target is not None
                    else str(row.current)
                ),
                band=_band(row),
                label=_label(user.display_name, s.name, row, locale),
            )
        )
    return LearnerSkills(
        learner=user.display_name, email=user.email, audited=bool(mine.rated), cells=cells
    )


def _gaps(rows: list[LearnerSkills], skills: list[Skill]) -> list[SkillGap]:
    out = []
    for i, s in enumerate(skills):
        cells = [r.cells[i] for r in rows if r.cells[i].given]
        total = sum(c.gap for c in cells)
        if total:
            out.append(
                SkillGap(
                    skill=s.slug,
                    skill_name=s.name,
                    learners=len(cells),
                    below_target=sum(c.gap >= 1 for c in cells),
                    total_gap=total,
                    mean_gap=round(total / len(cells), 2),
                )
            )
    return sorted(out, key=lambda g: (-g.total_gap, g.skill_name, g.skill))


def _at_risk(
    members: list[User],
    standing: dict[uuid.UUID, MemberStanding],
    skills: list[Skill],
    locale: str | None,
) -> list[GoalAtRisk]:
    out = []
    for user in members:
        mine = standing[user.id]
        for s in skills:
            row = mine.standing.get(s.id)
            if row is None or not at_risk(row, mine.today):
                continue
            assert row.target is not None and row.target_by is not None  # at_risk says so
            left = (row.target_by - mine.today).days
            out.append(
                GoalAtRisk(
                    learner=user.display_name,
                    email=user.email,
                    skill=s.slug,
                    skill_name=s.name,
                    current=row.current,
                    target=row.target,
                    target_by=row.target_by,
                    days_left=left,
                    text=_risk_text(
                        locale,
                        left,
                        learner=user.display_name,
                        skill=s.name,
                        current=row.current,
                        target=row.target,
                        by=day_text(row.target_by, mine.today, locale),
                    ),
                )
            )
    return sorted(out, key=lambda r: (r.days_left, r.learner, r.skill_name))


def _risk_text(locale: str | None, days: int, **params: object) -> str:
    """A goal at risk in one line: "Ada · Feedback 1 → 3 by 15 Jan · 12 days left"."""
    if days == 0:
        return translate(locale, RISK_TODAY, **params)
    one, other = RISK_LEFT if days > 0 else RISK_PAST
    return translate_plural(locale, one, other, abs(days), **params)


__all__ = ["DAYS_PER_LEVEL", "at_risk", "cohort_skills", "days_left", "gap_of"]
