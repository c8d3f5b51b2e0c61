"""Workspace home: your cohorts (invite codes, members) and your nuggets."""

from __future__ import annotations

from typing import Any

import reflex as rx
from sqlmodel import select

from mmapp import routes
from mmapp.cohorts import workspace
from mmapp.components.forms import live_form, submit_button
from mmapp.components.staff import Column, data_table, nugget_status, staff_page
from mmapp.content import archives
from mmapp.content.files import NuggetFileError, parse_markdown
from mmapp.errors import ServiceError
from mmapp.i18n import translate
from mmapp.i18n.client import t
from mmapp.models import Skill
from mmapp.schemas import CohortRow, NuggetRow
from mmapp.state.staff import SortableTables, StaffState


class HomeState(SortableTables, StaffState):
    """Lists for the home page, and the new-cohort form."""

    cohorts: list[CohortRow] = []
    nuggets: list[NuggetRow] = []
    skills: list[dict[str, str]] = []

    @rx.event
    def load(self) -> None:
        """Open the page: fresh messages, then the lists."""
        self.error = self.notice = ""
        self._refresh()

    def _refresh(self) -> None:
        """Fill the lists for the signed-in coordinator."""
        with self._as_viewer() as (session, viewer):
            if viewer is None:
                return
            self.cohorts = workspace.list_cohorts(session=session, viewer=viewer)
            self.nuggets = workspace.list_nuggets(session=session, viewer=viewer)
            self.skills = [
                {"slug": k.slug, "name": k.name}
                for k in session.exec(select(Skill).order_by(Skill.name))
            ]
            self._apply_sorts()

    def _sortable(self) -> tuple[str, ...]:
        return ("nuggets", "cohorts")

    @rx.event
    def create_cohort(self, form: dict[str, Any]) -> None:
        """Create a cohort from the form (name, timezone)."""
        with self._as_viewer() as (session, viewer):
            if viewer is None:
                return
            try:
                cohort = workspace.create_cohort(
                    session=session,
                    viewer=viewer,
                    name=str(form.get("name", "")),
                    timezone=str(form.get("timezone") or "UTC"),
                )
            except ServiceError as exc:
                self._fail(exc)
                return
            created = translate(
                self.locale,
                "Cohort {name} created; its invite code is {code}.",
                name=cohort.name,
                code=cohort.invite_code,
            )
            self._done(created)
        self._refresh()

    @rx.event
    def export_skill(self, slug: str) -> rx.event.EventSpec | None:
        """Download a skill and your nuggets in it as a zip."""
        with self._as_viewer() as (session, viewer):
            if viewer is None:
                return None
            try:
                data = archives.export_skill(session=session, skill_slug=slug, viewer=viewer)
            except ServiceError as exc:
                self._fail(exc)
                return None
        return rx.download(data=data, filename=f"{slug}.zip")

    @rx.event
    async def import_files(self, files: list[rx.UploadFile]) -> None:
        """Import skill archives (.zip) and nugget files (.md), each all or nothing."""
        done: list[str] = []
        for upload in files:
            data, name = await upload.read(), upload.name or "file"
            with self._as_viewer() as (session, viewer):
                if viewer is None:
                    return
                try:
                    if name.endswith(".zip"):
                        done += archives.import_archive(session=session, data=data, author=viewer)
                    else:
                        nugget = parse_markdown(data.decode("utf-8", errors="replace"))
                        done.append(
                            workspace.save_nugget(session=session, viewer=viewer, data=nugget).slug
                        )
                except NuggetFileError as exc:
                    self.error = translate(
                        self.locale, "{file}: nothing imported. {problem}", file=name, problem=exc
                    )
                    self.notice = ""
                    return
                except ServiceError as exc:
                    self.error, self.notice = f"{name}: {self._reason(exc)}", ""
                    return
        names = ", ".join(done)
        self._done(translate(self.locale, "Imported as drafts: {names}.", names=names))
        self._refresh()


NUGGET_COLUMNS = [
    Column(
        "title",
        t("Nugget"),
        cell=lambda n: rx.el.a(n.title, href=routes.COACH_EDIT + "?slug=" + n.slug),
    ),
    Column("skill", t("Skill")),
    Column("status", t("Status"), cell=lambda n: rx.text(nugget_status(n.status), as_="span")),
    Column("version", t("Version"), cell=lambda n: rx.text("v", n.version.to(str), as_="span")),
]
COHORT_COLUMNS = [
    Column(
        "name",
        t("Cohort"),
        cell=lambda c: rx.el.a(c.name, href=routes.COACH_COHORT + "?id=" + c.id.to(str)),
    ),
    Column("members", t("Members")),
    Column("invite_code", t("Invite code"), cell=lambda c: rx.code(c.invite_code)),
    Column("archived", t("State"), cell=lambda c: rx.cond(c.archived, t("archived"), t("active"))),
]


def files_section() -> rx.Component:
    """Export a skill as a zip; import zips and Markdown nugget files."""
    return rx.vstack(
        rx.heading(t("Files"), size="4", as_="h2"),
        rx.hstack(
            rx.text(t("Export a skill:")),
            rx.foreach(
                HomeState.skills,
                lambda k: rx.button(
                    k["name"], on_click=HomeState.export_skill(k["slug"]), variant="soft", size="3"
                ),
            ),
            wrap="wrap",
            align="center",
        ),
        # The label around the drop zone names its hidden file input (axe: labels).
        rx.el.label(
            rx.upload(
                rx.text(t("Import: drop .zip skill archives or .md nugget files here, or click.")),
                id="import-files",
                accept={"application/zip": [".zip"], "text/markdown": [".md"]},
                on_drop=HomeState.import_files(rx.upload_files(upload_id="import-files")),
                padding="16px",
                width="100%",
            ),
            width="100%",
        ),
        width="100%",
    )


def coach_home() -> rx.Component:
    """Cohorts and nuggets at a glance, with the way to create more."""
    return staff_page(
        HomeState,
        t("Workspace"),
        rx.hstack(
            rx.heading(t("Nuggets"), size="4", as_="h2"),
            rx.spacer(),
            rx.el.a(
                t("New nugget"), href=routes.COACH_EDIT, id="new-nugget", class_name="mm-ws-link"
            ),
            width="100%",
            align="center",
        ),
        data_table(HomeState, "nuggets", HomeState.nuggets, NUGGET_COLUMNS, t("Your nuggets")),
        files_section(),
        rx.heading(t("Cohorts"), size="4", as_="h2"),
        data_table(HomeState, "cohorts", HomeState.cohorts, COHORT_COLUMNS, t("Your cohorts")),
        live_form(
            rx.hstack(
                rx.vstack(
                    rx.el.label(t("New cohort name"), html_for="cohort-name", font_weight="600"),
                    rx.input(id="cohort-name", name="name", required=True, size="3"),
                ),
                rx.vstack(
                    rx.el.label(t("Timezone"), html_for="cohort-timezone", font_weight="600"),
                    rx.input(
                        id="cohort-timezone",
                        name="timezone",
                        default_value="Europe/London",
                        size="3",
                    ),
                ),
                submit_button(t("Create cohort"), size="3"),
                align="end",
                wrap="wrap",
            ),
            on_submit=HomeState.create_cohort,
            reset_on_submit=True,
        ),
        active=routes.COACH,
    )


rx_page = {
    "route": routes.COACH,
    "title": t("Workspace · Micromastery"),
    "on_load": HomeState.load,
}
