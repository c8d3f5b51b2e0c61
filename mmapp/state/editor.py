"""The nugget editor's state: the four parts, the quiz, checks, preview and publishing."""

from __future__ import annotations

import datetime as dt
import uuid
import zoneinfo
from typing import Any

import reflex as rx
from pydantic import ValidationError as PydanticError
from sqlmodel import Session, select

from mmapp import access, content
from mmapp.cohorts import workspace
from mmapp.content import media
from mmapp.content.sanitize import to_safe_html
from mmapp.errors import ServiceError
from mmapp.i18n import N_, translate
from mmapp.models import Skill, User
from mmapp.push import announcements
from mmapp.schemas import MOMENT, CohortRow, NuggetIn
from mmapp.state.quiz_form import item_form, item_spec, lines, new_item, problem_words
from mmapp.state.staff import StaffState

TEXT_FIELDS = ("slug", "title", "summary", "minutes", "skill", "level", "prerequisites",
               "context", "way_in", "payoff", "steps")  # fmt: skip
ITEM_FIELDS = ("kind", "prompt", "options", "accepted", "explanation", "truth")


class EditorState(StaffState):
    """One nugget being written or edited."""

    original_slug: str = ""
    # Edits not saved yet: Reflex runs `load` again when the socket reconnects (a phone
    # waking, a proxy reload), and that must not throw them away.
    unsaved: bool = False
    status: str = "new"
    slug: str = ""
    title: str = ""
    summary: str = ""
    minutes: str = "10"
    skill: str = ""
    level: str = "1"  # the step of the skill's scale it builds toward (1-4)
    prerequisites: str = ""  # web names of the nuggets to take first, comma-separated
    context: str = ""
    way_in: str = ""
    payoff: str = ""
    steps: str = ""
    quiz: list[dict[str, str]] = [new_item()]
    skills: list[dict[str, str]] = []
    cohorts: list[CohortRow] = []
    versions: list[dict[str, Any]] = []
    picture_alt: str = ""

    def _versions(self, session: Session, viewer: User, slug: str) -> list[dict[str, Any]]:
        history = workspace.history(session=session, viewer=viewer, slug=slug)
        return self._shown(history, {"published_at": "published"})

    def _spec(self) -> dict[str, Any]:
        try:
            minutes = int(self.minutes)
        except ValueError:
            minutes = 0
        return {
            "slug": self.slug.strip(),
            "skill": self.skill,
            "title": self.title,
            "summary": self.summary,
            "minutes": minutes,
            "level": int(self.level) if self.level.isdigit() else 0,
            "prerequisites": [p.strip() for p in self.prerequisites.split(",") if p.strip()],
            "context": self.context,
            "way_in": self.way_in,
            "practice_steps": lines(self.steps),
            "payoff": self.payoff,
            "quiz": [item_spec(i) for i in self.quiz],
        }

    @rx.var
    def problems(self) -> list[str]:
        """What must be fixed before this nugget can be saved or published."""
        try:
            NuggetIn.model_validate(self._spec())
        except PydanticError as exc:
            return problem_words(exc, self.locale)
        return []

    @rx.var
    def preview_context(self) -> str:
        """The Context part as learners will see it (sanitised HTML)."""
        return to_safe_html(self.context)

    @rx.var
    def preview_way_in(self) -> str:
        """The Way in part as learners will see it."""
        return to_safe_html(self.way_in)

    @rx.var
    def preview_payoff(self) -> str:
        """The Payoff part as learners will see it."""
        return to_safe_html(self.payoff)

    @rx.var
    def preview_steps(self) -> list[str]:
        """Practice steps, one per non-empty line."""
        return lines(self.steps)

    @rx.event
    def load(self) -> None:
        """Open the nugget named by `?slug=`, or start a new one."""
        slug = self.router.url.query_parameters.get("slug", "")
        with self._as_viewer() as (session, viewer):
            if viewer is None:
                return
            self.skills = [
                {"slug": s.slug, "name": s.name}
                for s in session.exec(select(Skill).order_by(Skill.name))
            ]
            self.cohorts = workspace.list_cohorts(session=session, viewer=viewer)
            if self.unsaved and slug == self.original_slug:
                return  # the same nugget, reconnected: keep the working copy
            self.error = self.notice = ""
            self.unsaved = False
            if not slug:
                self.original_slug, self.status, self.versions = "", "new", []
                for name in TEXT_FIELDS:
                    setattr(self, name, "")
                self.level, self.minutes, self.quiz = "1", "10", [new_item()]
                self.skill = self.skills[0]["slug"] if self.skills else ""
                return
            try:
                nugget = access.editable_nugget(session=session, viewer=viewer, slug=slug)
            except ServiceError as exc:
                self._fail(exc)
                return
            spec = content.authored(session=session, nugget=nugget).model_dump(mode="json")
            self.original_slug, self.status = nugget.slug, nugget.status.value
            self.versions = self._versions(session, viewer, slug)
        for key in ("slug", "title", "summary", "skill", "context", "way_in", "payoff"):
            setattr(self, key, spec[key])
        self.minutes, self.steps = str(spec["minutes"]), "\n".join(spec["practice_steps"])
        self.level, self.prerequisites = str(spec["level"]), ", ".join(spec["prerequisites"])
        self.quiz = [item_form(item) for item in spec["quiz"]]

    @rx.event
    def set_text(self, field: str, value: str) -> None:
        """Change one of the nugget's text fields."""
        if field in TEXT_FIELDS:
            setattr(self, field, value)
            self.unsaved = True

    @rx.event
    def set_item(self, index: int, field: str, value: str) -> None:
        """Change one field of one quiz item."""
        if field in ITEM_FIELDS and 0 <= index < len(self.quiz):
            self.quiz[index] = {**self.quiz[index], field: value}
            self.unsaved = True

    @rx.event
    def add_item(self) -> None:
        """Append an empty quiz item."""
        self.quiz, self.unsaved = [*self.quiz, new_item()], True

    @rx.event
    def remove_item(self, index: int) -> None:
        """Drop a quiz item."""
        self.quiz = [item for n, item in enumerate(self.quiz) if n != index]
        self.unsaved = True

    def _save(self, session, viewer) -> bool:
        if self.problems:
            problems = " ".join(self.problems)
            self.error = translate(self.locale, "Not saved yet: {problems}", problems=problems)
            self.notice = ""
            return False
        if self.original_slug and self.slug != self.original_slug:
            self.error = translate(self.locale, "The web name cannot change once saved.")
            return False
        workspace.save_nugget(
            session=session, viewer=viewer, data=NuggetIn.model_validate(self._spec())
        )
        self.original_slug, self.unsaved = self.slug, False
        return True

    @rx.event
    def save(self) -> None:
        """Save the working copy; learners keep the published version."""
        with self._as_viewer() as (session, viewer):
            if viewer is not None and self._save(session, viewer):
                self.status = "draft" if self.status == "new" else self.status
                self._done(translate(self.locale, "Saved. Learners see it once you publish."))

    @rx.event
    def publish(self, form: dict[str, Any]) -> None:
        """Save, publish a new version and, if a cohort is chosen, release it to them."""
        with self._as_viewer() as (session, viewer):
            if viewer is None:
                return
            try:
                cohort, release = None, None
                if form.get("cohort_id"):
                    cohort = access.managed_cohort(
                        session=session, viewer=viewer, cohort_id=uuid.UUID(form["cohort_id"])
                    )
                    if form.get("release_at"):  # wall clock in the cohort's timezone
                        release = MOMENT.validate_python(
                            dt.datetime.fromisoformat(form["release_at"]).replace(
                                tzinfo=zoneinfo.ZoneInfo(cohort.timezone)
                            )
                        )
            except ServiceError as exc:
                self._fail(exc)
                return
            except ValueError:  # pydantic's ValidationError is a ValueError too
                self.error = translate(
                    self.locale, "Release time: pick a date and time (years 1970 to 2199)."
                )
                self.notice = ""
                return
            if not self._save(session, viewer):
                return
            nugget = access.editable_nugget(session=session, viewer=viewer, slug=self.slug)
            revision = content.publish(session=session, nugget=nugget, actor=viewer)
            note = translate(self.locale, "Published version {n}.", n=revision.version)
            if cohort is not None:
                announcements.release_to_cohort(
                    session=session,
                    viewer=viewer,
                    cohort_id=cohort.id,
                    nugget_id=nugget.id,
                    release_at=release,
                    due_at=None,
                    position=0,
                    notify=bool(form.get("notify")),
                )
                released = N_("Released to {cohort}; phones get it on their next sync.")
                note += " " + translate(self.locale, released, cohort=cohort.name)
            self.status = "published"
            self.versions = self._versions(session, viewer, self.slug)
            self._done(note)

    @rx.event
    def retract(self) -> None:
        """Withdraw the nugget: phones remove it on their next sync; answers are kept."""
        with self._as_viewer() as (session, viewer):
            if viewer is None or not self.original_slug:
                return
            try:
                nugget = access.editable_nugget(
                    session=session, viewer=viewer, slug=self.original_slug
                )
            except ServiceError as exc:
                self._fail(exc)
                return
            content.retract(session=session, nugget=nugget, actor=viewer)
            self.status = "retracted"
            withdrawn = N_(
                "Withdrawn: phones remove it on their next sync. Publish again to bring it back."
            )
            self._done(translate(self.locale, withdrawn))

    @rx.event
    def set_picture_alt(self, value: str) -> None:
        """The description the next uploaded picture gets (for screen readers)."""
        self.picture_alt = value

    @rx.event
    async def upload_picture(self, files: list[rx.UploadFile]) -> None:
        """Resize an uploaded picture for phones and add it to the Context part."""
        if not files:
            return
        data = await files[0].read()
        with self._as_viewer() as (session, viewer):
            if viewer is None:
                return
            try:
                url = media.store(session=session, data=data)
            except ServiceError as exc:
                self._fail(exc)
                return
        alt = self.picture_alt.strip().replace("]", "") or translate(self.locale, "Picture")
        self.context = f"{self.context.rstrip()}\n\n![{alt}]({url})".strip()
        self.picture_alt = ""
        added = N_("Picture added at the end of Context; move its line where it belongs.")
        self._done(translate(self.locale, added))
