"""The cohort page's state: the cohort, its members, analytics and drip scheduling."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

import reflex as rx
import segno
from pydantic import ValidationError as PydanticError
from sqlmodel import Session

from mmapp import access, routes
from mmapp.clock import get_clock
from mmapp.cohorts import drip, mentoring_outcomes, workspace
from mmapp.errors import NotFoundError, ServiceError
from mmapp.i18n import N_, translate, translate_plural
from mmapp.models import NuggetStatus, User
from mmapp.present import device_name, when
from mmapp.progress import analytics, review_analytics
from mmapp.schemas import CohortRow, DripIn, NuggetRow, PersonOut
from mmapp.settings import get_settings
from mmapp.state.staff import SortableTables, StaffState

# The tables below the cohort's own analytics: spaced review, then mentoring outcomes.
_REVIEWS = (*review_analytics.TABLES, *mentoring_outcomes.TABLES)
# Columns the page adds for people to read; the CSV downloads keep the stored values.
_SHOWN_ONLY = ("device_name", "last_sync_ago", "last_sync_local")


def invite_url(code: str) -> str:
    """The full link that signs a learner in and joins them to the cohort."""
    return f"{get_settings().public_url}{routes.SIGNIN}?join={code}"


def qr_data_url(text: str) -> str:
    """`text` as a QR code, an SVG `data:` URL (the CSP allows `img-src data:`)."""
    return segno.make(text, error="m").svg_data_uri(scale=4, dark="#111", light="#fff")


class CohortState(SortableTables, StaffState):
    """The cohort named by `?id=`, its members and analytics."""

    cohort: CohortRow | None = None
    members: list[dict[str, Any]] = []
    invite_link: str = ""
    invite_qr: str = ""
    my_nuggets: list[NuggetRow] = []
    shares: list[PersonOut] = []
    tables: dict[str, list[dict[str, Any]]] = {t: [] for t in (*analytics.TABLES, *_REVIEWS)}

    def _id(self) -> uuid.UUID | None:
        try:
            return uuid.UUID(self.router.url.query_parameters.get("id", ""))
        except ValueError:
            return None

    def _act(self, action: Callable[[Session, User, uuid.UUID], str]) -> None:
        """Run one write on this cohort: report its outcome, then reread the page."""
        with self._as_viewer() as (session, viewer):
            if viewer is None or self._id() is None:
                return
            try:
                notice = action(session, viewer, self._id())
            except ServiceError as exc:
                self._fail(exc)
                return
            self._done(notice)
        self._refresh()

    @rx.event
    def load(self) -> None:
        """Open the page: fresh messages, then the data."""
        self.error = self.notice = ""
        self._refresh()

    def _refresh(self) -> None:
        """Read the cohort, its members and every analytics table."""
        with self._as_viewer() as (session, viewer):
            if viewer is None:
                return
            cohort_id = self._id()
            try:
                if cohort_id is None:
                    raise NotFoundError("cohort_not_found", N_("No such cohort among yours."))
                access.managed_cohort(session=session, viewer=viewer, cohort_id=cohort_id)
                rows = workspace.list_cohorts(session=session, viewer=viewer)
                self.cohort = next((c for c in rows if c.id == cohort_id), None)
                if self.cohort is not None:
                    self.invite_link = invite_url(self.cohort.invite_code)
                    self.invite_qr = qr_data_url(self.invite_link)
                members = workspace.members(session=session, viewer=viewer, cohort_id=cohort_id)
                self.members = self._shown(members, {"joined_at": "joined"})
                self.shares = workspace.cohort_shares(
                    session=session, viewer=viewer, cohort_id=cohort_id
                )
                self.my_nuggets = [
                    n
                    for n in workspace.list_nuggets(session=session, viewer=viewer)
                    if n.status == NuggetStatus.published
                ]
                tables = analytics.cohort_analytics(
                    session=session, viewer=viewer, cohort_id=cohort_id
                )
                reviews = review_analytics.cohort_reviews(
                    session=session, viewer=viewer, cohort_id=cohort_id
                )
                outcomes = mentoring_outcomes.cohort_outcomes(
                    session=session, viewer=viewer, cohort_id=cohort_id, now=get_clock().now()
                )
                self.tables = (
                    tables.model_dump(mode="json")
                    | reviews.model_dump(mode="json")
                    | outcomes.model_dump(mode="json")
                )
                self.tables["devices"] = self._shown(
                    [
                        d | {"device_name": device_name(d["device"], self.locale)}
                        for d in self.tables["devices"]
                    ],
                    {"last_sync_at": "last_sync"},
                )
                self._apply_sorts()
            except ServiceError as exc:
                self.cohort = None
                self._fail(exc)

    @rx.event
    def copied(self) -> None:
        """Confirm the invite link went to the clipboard."""
        self._done(translate(self.locale, "Invite link copied."))

    @rx.event
    def add_member(self, form: dict[str, Any]) -> None:
        """Add an existing account by email."""

        def add(session: Session, viewer: User, cohort_id: uuid.UUID) -> str:
            user = workspace.add_member(
                session=session,
                viewer=viewer,
                cohort_id=cohort_id,
                email=str(form.get("email", "")),
            )
            return translate(self.locale, "{name} added.", name=user.display_name)

        self._act(add)

    @rx.event
    def update(self, form: dict[str, Any]) -> None:
        """Rename the cohort, or archive or restore it."""
        changes: dict[str, Any] = {}
        if form.get("name"):
            changes["name"] = str(form["name"])
        if form.get("archive") in ("archive", "restore"):
            changes["archived"] = form["archive"] == "archive"

        def update(session: Session, viewer: User, cohort_id: uuid.UUID) -> str:
            cohort = workspace.update_cohort(
                session=session, viewer=viewer, cohort_id=cohort_id, **changes
            )
            if cohort.archived:
                done = N_("{name} is archived (its invite code no longer works).")
            else:
                done = N_("{name} is active.")
            return translate(self.locale, done, name=cohort.name)

        self._act(update)

    @rx.event
    def remove_member(self, user_id: str) -> None:
        """Take a learner out of the cohort."""

        def remove(session: Session, viewer: User, cohort_id: uuid.UUID) -> str:
            workspace.remove_member(
                session=session, viewer=viewer, cohort_id=cohort_id, user_id=uuid.UUID(user_id)
            )
            return translate(
                self.locale, "Removed; their phones drop this cohort's nuggets on the next sync."
            )

        self._act(remove)

    @rx.event
    def schedule_drip(self, form: dict[str, Any]) -> None:
        """Drip the ticked nuggets (in list order) from the form's start date."""
        picked = [k.removeprefix("pick:") for k in form if k.startswith("pick:")]
        order = [n.slug for n in self.my_nuggets if n.slug in picked]
        with self._as_viewer() as (session, viewer):
            if viewer is None or self._id() is None:
                return
            try:
                plan = DripIn(
                    slugs=order,
                    start_date=form.get("start_date") or "",
                    time=form.get("time") or "07:30",
                    weekdays=[0, 1, 2, 3, 4] if form.get("weekdays_only") else list(range(7)),
                    due_after_days=int(form["due_days"]) if form.get("due_days") else None,
                    notify=bool(form.get("notify")),
                )
                out = drip.schedule(session=session, viewer=viewer, cohort_id=self._id(), plan=plan)
            except ServiceError as exc:
                self._fail(exc)
                return
            except (PydanticError, ValueError):
                self.error = translate(
                    self.locale, "Tick at least one nugget and choose a start date."
                )
                self.notice = ""
                return
            first = when(
                out[0].release_at,
                now=get_clock().now(),
                timezone=self._viewer_timezone,
                locale=self.locale,
            )
            self._done(
                translate_plural(
                    self.locale,
                    "{n} nugget scheduled; the first {when}, {local}.",
                    "{n} nuggets scheduled; the first {when}, {local}.",
                    len(out),
                    when=first.ago,
                    local=first.local,
                )
            )
        self._refresh()

    @rx.event
    def download(self, table: str) -> rx.event.EventSpec | None:
        """One analytics table as a CSV file."""
        if table not in (*analytics.TABLES, *_REVIEWS):
            return None
        rows = [{k: v for k, v in r.items() if k not in _SHOWN_ONLY} for r in self.tables[table]]
        return rx.download(data=analytics.to_csv(rows), filename=f"{table}.csv")

    def _sortable(self) -> tuple[str, ...]:
        return (*analytics.TABLES, *_REVIEWS, "members")

    def _rows(self, table: str) -> list[Any]:
        return list(self.members if table == "members" else self.tables[table])

    def _put_rows(self, table: str, rows: list[Any]) -> None:
        if table == "members":
            self.members = rows
        else:
            self.tables = {**self.tables, table: rows}

    @rx.event
    def share(self, form: dict[str, Any]) -> None:
        """Let another coordinator manage this cohort."""

        def share(session: Session, viewer: User, cohort_id: uuid.UUID) -> str:
            other = workspace.share_cohort(
                session=session,
                viewer=viewer,
                cohort_id=cohort_id,
                email=str(form.get("email", "")),
            )
            return translate(
                self.locale, "{name} can now manage this cohort.", name=other.display_name
            )

        self._act(share)
