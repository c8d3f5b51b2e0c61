"""The coordinator's skills view of a cohort: learners x skills, gaps, audits, goals at risk.

Built by `mmapp.progress.cohort_skills` from each member's standing (the learner's own
rules, `mmapp.progress.standing`); served at `/coach/cohorts/{id}/skills` (JSON) and
`/coach/cohorts/{id}/skills.csv`, and shown as the heat map on the cohort page.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Literal

from pydantic import Field

from mmapp.schemas.base import Out

# How a heat map cell is coloured: no nugget of the skill, no target, or the gap (3 = 3+).
Band = Literal["none", "unset", "met", "gap1", "gap2", "gap3"]


class SkillColumn(Out):
    """One skill of the cohort's assigned nuggets, with the cohort's own target in it."""

    slug: str
    name: str
    scale: list[str] = Field(description="The skill's five words, level 0 first.")
    target: int | None = Field(description="This cohort's target level (1-4), if any.")
    target_by: dt.date | None


class SkillCell(Out):
    """One learner in one skill: their standing (the learner's own rules) and its gap."""

    skill: str = Field(description="The skill's slug.")
    given: bool = Field(description="Whether the learner has a nugget of the skill now.")
    self_rating: int | None
    shown: int | None
    current: int | None = Field(description="The level the gap is measured from (None: not given).")
    target: int | None = Field(description="Effective target: the learner's cohorts' or own goal.")
    target_by: dt.date | None
    gap: int = Field(description="max(0, target - current); 0 without a target or a nugget.")
    audited: bool = Field(description="Whether the learner rated this skill (`skill_rated`).")
    at_risk: bool
    text: str = Field(description='"2 → 3", "2" without a target, "—" without a nugget.')
    band: Band
    label: str = Field(description='In words: "Ada: Feedback, level 2, target 3, gap 1".')


class LearnerSkills(Out):
    """One row of the heat map: a current member and a cell per skill column."""

    learner: str
    email: str
    audited: bool = Field(description="Rated at least one of the cohort's skills.")
    cells: list[SkillCell]


class SkillGap(Out):
    """How far the cohort is from its targets in one skill."""

    skill: str
    skill_name: str
    learners: int = Field(description="Members with a nugget of the skill.")
    below_target: int = Field(description="Of them, those with a gap of 1 or more.")
    total_gap: int
    mean_gap: float = Field(description="total_gap / learners, two decimals.")


class MemberName(Out):
    """A member, by name and email."""

    learner: str
    email: str


class GoalAtRisk(Out):
    """A dated target a learner is unlikely to reach: fewer days left than 7 x the gap."""

    learner: str
    email: str
    skill: str
    skill_name: str
    current: int
    target: int
    target_by: dt.date
    days_left: int = Field(description="target_by - the learner's local today; negative: past.")
    text: str = Field(description='"Ada · Feedback 1 → 3 by 15 Jan · 12 days left".')


class SkillCsvRow(Out):
    """One learner x skill, flat, for the CSV download (blank where not given)."""

    learner: str
    email: str
    skill: str
    self_rating: int | None
    shown: int | None
    current: int | None
    target: int | None
    target_by: dt.date | None
    gap: int | None
    audited: bool
    at_risk: bool


class TargetField(Out):
    """The targets editor's row for one skill: its level and date as form values."""

    slug: str
    name: str
    level: str = Field(description='"" for no target, else "1" to "4".')
    by: str = Field(description='ISO date, or "".')
    levels: list[str] = Field(description='Labels of levels 1-4: "2 · <scale word>".')


class CohortSkills(Out):
    """Everything of the skills view of one cohort."""

    cohort_id: uuid.UUID
    skills: list[SkillColumn] = Field(description="The heat map's columns, by skill name.")
    learners: list[LearnerSkills] = Field(description="Its rows, by learner name.")
    gaps: list[SkillGap] = Field(description="Skills with a gap, largest total first.")
    not_audited: list[MemberName]
    at_risk: list[GoalAtRisk] = Field(description="Fewest days left first.")

    def target_fields(self) -> list[TargetField]:
        """The targets editor's rows: one per skill column, with the cohort's own target."""
        return [
            TargetField(
                slug=s.slug,
                name=s.name,
                level=str(s.target) if s.target is not None else "",
                by=s.target_by.isoformat() if s.target_by is not None else "",
                levels=[f"{n} · {word}" for n, word in enumerate(s.scale[1:5], start=1)],
            )
            for s in self.skills
        ]

    def csv_rows(self) -> list[SkillCsvRow]:
        """One row per learner x skill, in heat map order."""
        return [
            SkillCsvRow(
                learner=row.learner,
                email=row.email,
                skill=cell.skill,
                self_rating=cell.self_rating,
                shown=cell.shown,
                current=cell.current,
                target=cell.target,
                target_by=cell.target_by,
                gap=cell.gap if cell.given else None,
                audited=cell.audited,
                at_risk=cell.at_risk,
            )
            for row in self.learners
            for cell in row.cells
        ]


__all__ = [
    "Band",
    "CohortSkills",
    "GoalAtRisk",
    "LearnerSkills",
    "MemberName",
    "SkillCell",
    "SkillColumn",
    "SkillCsvRow",
    "SkillGap",
    "TargetField",
]
