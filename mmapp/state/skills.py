"""The cohort page's Skills section state: the heat map, gaps, audits, risks and targets.

A substate of `CohortState` (same `?id=`, same signed-in check). Reads go through
`mmapp.progress.cohort_skills`; "Save targets" calls `mmapp.cohorts.targets.set_targets`,
the service behind `PUT /coach/cohorts/{id}/targets`, then reads the view again.
"""

from __future__ import annotations

from typing import Any

import reflex as rx
from pydantic import ValidationError as PydanticError

from mmapp.cohorts import targets
from mmapp.errors import ServiceError
from mmapp.i18n import translate, translate_plural
from mmapp.progress import analytics, cohort_skills
from mmapp.schemas import (
    GoalAtRisk,
    LearnerSkills,
    MemberName,
    SkillColumn,
    SkillGap,
    TargetField,
    TargetIn,
)
from mmapp.state.cohort import CohortState


class SkillsState(CohortState):
    """Members x skills against the targets, and the targets editor."""

    skill_columns: list[SkillColumn] = []
    heat_rows: list[LearnerSkills] = []
    gaps: list[SkillGap] = []
    not_audited: list[MemberName] = []
    at_risk: list[GoalAtRisk] = []
    target_fields: list[TargetField] = []
    targets_error: str = ""
    targets_notice: str = ""

    @rx.event
    def load_skills(self) -> None:
        """Open the page: fresh messages, then the view."""
        self.targets_error = self.targets_notice = ""
        self._read()

    def _read(self) -> None:
        with self._as_viewer(read_only=True) as (session, viewer):
            cohort_id = self._id()
            if viewer is None or cohort_id is None:
                return
            try:
                view = cohort_skills.cohort_skills(
                    session=session, viewer=viewer, cohort_id=cohort_id, locale=self.locale
                )
            except ServiceError:  # the cohort part of the page says why
                self.heat_rows, self.skill_columns, self.target_fields = [], [], []
                self.gaps, self.not_audited, self.at_risk = [], [], []
                return
        self.skill_columns, self.heat_rows = view.skills, view.learners
        self.gaps, self.not_audited, self.at_risk = view.gaps, view.not_audited, view.at_risk
        self.target_fields = view.target_fields()

    def _wanted(self, form: dict[str, Any]) -> list[TargetIn]:
        """The form's targets: a level per skill (none: no target) and an optional date.

        Raises:
            ValueError: A date without a level, or a date out of range (its words are
                the viewer's, for the form).

        """
        wanted = []
        for f in self.target_fields:
            level, by = str(form.get(f"level:{f.slug}") or ""), str(form.get(f"by:{f.slug}") or "")
            if not level:
                if by:
                    raise ValueError(
                        translate(
                            self.locale,
                            "{skill}: choose a level for the date, or clear the date.",
                            skill=f.name,
                        )
                    )
                continue
            try:
                target = {"skill": f.slug, "level": int(level), "by": by or None}
                wanted.append(TargetIn.model_validate(target))
            except (PydanticError, ValueError) as exc:
                words = translate(
                    self.locale,
                    "{skill}: choose a level from 1 to 4 and a real date.",
                    skill=f.name,
                )
                raise ValueError(words) from exc
        return wanted

    @rx.event
    def save_targets(self, form: dict[str, Any]) -> None:
        """Replace the cohort's targets with the form's, then redraw the heat map."""
        self.targets_error = self.targets_notice = ""
        try:
            wanted = self._wanted(form)
        except ValueError as exc:
            self.targets_error = str(exc)
            return
        with self._as_viewer() as (session, viewer):
            cohort_id = self._id()
            if viewer is None or cohort_id is None:
                return
            try:
                saved = targets.set_targets(
                    session=session, viewer=viewer, cohort_id=cohort_id, targets=wanted
                )
            except ServiceError as exc:
                self.targets_error = self._reason(exc)
                return
        count = len(saved.targets)
        self.targets_notice = (
            translate_plural(
                self.locale, "Targets saved for {n} skill.", "Targets saved for {n} skills.", count
            )
            if count
            else translate(self.locale, "Targets cleared: no skill has one now.")
        )
        self._read()

    @rx.event
    def download_skills(self) -> rx.event.EventSpec | None:
        """Every learner x skill as a CSV file (the API's `skills.csv`)."""
        with self._as_viewer(read_only=True) as (session, viewer):
            cohort_id = self._id()
            if viewer is None or cohort_id is None:
                return None
            try:
                view = cohort_skills.cohort_skills(
                    session=session, viewer=viewer, cohort_id=cohort_id
                )
            except ServiceError as exc:
                self._fail(exc)
                return None
        rows = [r.model_dump(mode="json") for r in view.csv_rows()]
        return rx.download(data=analytics.to_csv(rows), filename="skills.csv")
