"""One cohort: invite, members, and who is learning what (charts, tables, CSV)."""

from __future__ import annotations

import uuid
from typing import Any

import reflex as rx

from mmapp import routes
from mmapp.components.staff import staff_page
from mmapp.services import analytics, workspace
from mmapp.services.errors import NotFoundError, ServiceError
from mmapp.state.staff import StaffState


class CohortState(StaffState):
    """The cohort named by `?id=`, its members and analytics."""

    cohort: dict[str, Any] = {}
    members: list[dict[str, Any]] = []
    tables: dict[str, list[dict[str, Any]]] = {t: [] for t in analytics.TABLES}

    def _id(self) -> uuid.UUID | None:
        try:
            return uuid.UUID(self.router.url.query_parameters.get("id", ""))
        except ValueError:
            return None

    @rx.event
    def load(self) -> None:
        """Read the cohort, its members and every analytics table."""
        self.error = self.notice = ""
        with self._as_viewer() as (session, viewer):
            if viewer is None:
                return
            cohort_id = self._id()
            try:
                if cohort_id is None:
                    raise NotFoundError("cohort_not_found", "No such cohort among yours.")
                workspace.cohort_for(session=session, viewer=viewer, cohort_id=cohort_id)
                rows = workspace.list_cohorts(session=session, viewer=viewer)
                self.cohort = next((c for c in rows if c["id"] == str(cohort_id)), {})
                self.members = workspace.members(
                    session=session, viewer=viewer, cohort_id=cohort_id
                )
                self.tables = analytics.cohort_analytics(
                    session=session, viewer=viewer, cohort_id=cohort_id
                )
            except ServiceError as exc:
                self.cohort = {}
                self._fail(exc)

    @rx.event
    def add_member(self, form: dict[str, Any]) -> None:
        """Add an existing account by email."""
        with self._as_viewer(write=True) as (session, viewer):
            if viewer is None or self._id() is None:
                return
            try:
                user = workspace.add_member(
                    session=session,
                    viewer=viewer,
                    cohort_id=self._id(),
                    email=str(form.get("email", "")),
                )
            except ServiceError as exc:
                self._fail(exc)
                return
            self._done(f"{user.display_name} added.")
        self.load()

    @rx.event
    def remove_member(self, user_id: str) -> None:
        """Take a learner out of the cohort."""
        with self._as_viewer(write=True) as (session, viewer):
            if viewer is None or self._id() is None:
                return
            try:
                workspace.remove_member(
                    session=session, viewer=viewer, cohort_id=self._id(), user_id=uuid.UUID(user_id)
                )
            except ServiceError as exc:
                self._fail(exc)
                return
            self._done("Removed; their phones drop this cohort's nuggets on the next sync.")
        self.load()

    @rx.event
    def download(self, table: str) -> rx.event.EventSpec | None:
        """One analytics table as a CSV file."""
        if table not in analytics.TABLES:
            return None
        return rx.download(data=analytics.to_csv(self.tables[table]), filename=f"{table}.csv")


def _table(name: str, headers: list[tuple[str, str]], caption: str) -> rx.Component:
    rows = CohortState.tables[name].to(list[dict[str, Any]])
    return rx.vstack(
        rx.el.table(
            rx.el.caption(caption, class_name="mm-visually-hidden"),
            rx.el.thead(rx.el.tr(*[rx.el.th(label, scope="col") for _, label in headers])),
            rx.el.tbody(
                rx.foreach(
                    rows, lambda r: rx.el.tr(*[rx.el.td(r[key].to(str)) for key, _ in headers])
                )
            ),
            class_name="mm-ws-table",
            id=f"table-{name}",
        ),
        rx.button(
            f"Download {caption.lower()} (CSV)",
            on_click=CohortState.download(name),
            variant="ghost",
            size="2",
        ),
        width="100%",
    )


def charts() -> rx.Component:
    """Completions over time and minutes by hour of day (the commute peaks)."""
    completion = CohortState.tables["completion"].to(list[dict[str, Any]])
    hours = CohortState.tables["hours"].to(list[dict[str, Any]])
    return rx.flex(
        rx.box(
            rx.heading("Completions over time", size="3", as_="h3"),
            rx.recharts.line_chart(
                rx.recharts.line(
                    data_key="cumulative",
                    stroke="var(--accent-9)",
                    name="Nuggets completed",
                    is_animation_active=False,
                ),
                rx.recharts.x_axis(data_key="day"),
                rx.recharts.y_axis(allow_decimals=False),
                rx.recharts.graphing_tooltip(),
                data=completion,
                width="100%",
                height=220,
            ),
            flex="1 1 360px",
        ),
        rx.box(
            rx.heading("Minutes by hour of day", size="3", as_="h3"),
            rx.recharts.bar_chart(
                rx.recharts.bar(
                    data_key="minutes",
                    fill="var(--accent-9)",
                    name="Minutes",
                    is_animation_active=False,
                ),
                rx.recharts.x_axis(data_key="hour"),
                rx.recharts.y_axis(allow_decimals=False),
                rx.recharts.graphing_tooltip(),
                data=hours,
                width="100%",
                height=220,
            ),
            flex="1 1 360px",
        ),
        gap="24px",
        wrap="wrap",
        width="100%",
    )


def coach_cohort() -> rx.Component:
    """Invite, members, analytics."""
    c = CohortState.cohort
    return staff_page(
        CohortState,
        "Cohort",
        rx.cond(
            c.contains("id"),
            rx.vstack(
                rx.heading(c["name"].to(str), size="5", as_="h2", id="cohort-name"),
                rx.text(
                    "Invite code ",
                    rx.code(c["invite_code"].to(str)),
                    " · ",
                    c["members"].to(str),
                    " members · ",
                    c["timezone"].to(str),
                ),
                charts(),
                rx.heading("Learners", size="4", as_="h2"),
                _table(
                    "learners",
                    [
                        ("learner", "Learner"),
                        ("done", "Done"),
                        ("released", "Released"),
                        ("overdue", "Overdue"),
                        ("status", "Status"),
                    ],
                    "Learners",
                ),
                rx.heading("Quiz items, hardest first", size="4", as_="h2"),
                _table(
                    "items",
                    [
                        ("prompt", "Question"),
                        ("nugget", "Nugget"),
                        ("answered", "Answered"),
                        ("right_first_time", "Right first time"),
                        ("most_chosen_wrong", "Most chosen wrong answer"),
                    ],
                    "Quiz items",
                ),
                rx.heading("Devices", size="4", as_="h2"),
                _table(
                    "devices",
                    [
                        ("learner", "Learner"),
                        ("device", "Device"),
                        ("last_sync_at", "Last sync"),
                        ("max_seq", "Events"),
                    ],
                    "Devices",
                ),
                rx.heading("Members", size="4", as_="h2"),
                rx.foreach(
                    CohortState.members,
                    lambda m: rx.hstack(
                        rx.text(m["name"].to(str), " · ", m["email"].to(str)),
                        rx.button(
                            "Remove",
                            on_click=CohortState.remove_member(m["id"].to(str)),
                            variant="soft",
                            color_scheme="gray",
                            size="1",
                        ),
                        align="center",
                    ),
                ),
                rx.form(
                    rx.hstack(
                        rx.input(
                            name="email",
                            type="email",
                            placeholder="learner@example.org",
                            aria_label="Email of the account to add",
                            required=True,
                            size="3",
                        ),
                        rx.button("Add member", type="submit", size="3"),
                    ),
                    on_submit=CohortState.add_member,
                    reset_on_submit=True,
                ),
                spacing="3",
                width="100%",
            ),
        ),
    )


rx_page = {"route": routes.COACH_COHORT, "title": "Cohort · Workspace", "on_load": CohortState.load}
