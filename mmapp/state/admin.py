"""Admin workspace state: accounts (roles, disable, reset links) and the audit log.

Every event resolves the staff token again (`StaffState`), and the services refuse
anyone who is not an admin, so a demoted admin loses the page at their next click.
`ResetState` serves the one-time reset link's page: no sign-in, the token is the key.
"""

from __future__ import annotations

import uuid
from typing import Any

import reflex as rx

from mmapp import access, audit, routes
from mmapp.accounts import admin
from mmapp.clock import get_clock
from mmapp.db import session_scope
from mmapp.errors import ServiceError
from mmapp.i18n import N_, translate
from mmapp.models import AuditAction
from mmapp.present import action_words
from mmapp.state.staff import SortableTables, StaffState

ACTIONS = [a.value for a in AuditAction]
ALL = "all"


class AdminState(SortableTables, StaffState):
    """The accounts list, the audit log and the last reset link made."""

    accounts: list[dict[str, Any]] = []
    search: str = ""
    entries: list[dict[str, Any]] = []
    action: str = ALL
    reset_link: str = ""
    reset_for: str = ""

    @rx.event
    def load(self) -> None:
        """Open the page: fresh messages, no link on show, then the lists."""
        self.error = self.notice = self.reset_link = self.reset_for = ""
        self._refresh()

    def _refresh(self) -> None:
        with self._as_viewer(read_only=True) as (session, viewer):
            if viewer is None:
                return
            if not access.is_admin(viewer):
                self.denied = translate(self.locale, "Accounts and the audit log are for admins.")
                return
            accounts = admin.list_accounts(session=session, viewer=viewer, search=self.search)
            self.accounts = self._shown(accounts, {"created_at": "created"})
            action = None if self.action == ALL else self.action
            entries = audit.entries(session=session, viewer=viewer, action=action, limit=200)
            self.entries = [
                e | {"what": action_words(e["action"], e["detail"], self.locale)}
                for e in self._shown(entries, {"at": "at"})
            ]
            self._apply_sorts()

    def _sortable(self) -> tuple[str, ...]:
        return ("accounts", "entries")

    @rx.event
    def find(self, form: dict[str, Any]) -> None:
        """Search accounts by (part of) an email address."""
        self.search = str(form.get("search", ""))[:254]
        self._refresh()

    @rx.event
    def filter_audit(self, action: str) -> None:
        """Show one kind of action (or all)."""
        self.action = action if action in ACTIONS else ALL
        self._refresh()

    def _change(self, do: Any, notice: str, **params: str) -> None:
        """Run one account change; `notice` (a msgid) gets `{email}` and `params`."""
        with self._as_viewer() as (session, viewer):
            if viewer is None:
                return
            try:
                row = do(session, viewer)
            except ServiceError as exc:
                self._fail(exc)
                return
            self._done(translate(self.locale, notice, email=row.email, **params))
        self._refresh()

    @rx.event
    def set_role(self, user_id: str, role: str) -> None:
        """Make an account a learner, coordinator or admin."""
        self.reset_link = ""
        self._change(
            lambda s, v: admin.set_role(session=s, viewer=v, user_id=uuid.UUID(user_id), role=role),
            N_("{email} is now {role}."),
            role=translate(self.locale, role),
        )

    @rx.event
    def set_disabled(self, user_id: str, disabled: bool) -> None:
        """Disable an account, or enable it again."""
        self.reset_link = ""
        self._change(
            lambda s, v: admin.set_disabled(
                session=s,
                viewer=v,
                user_id=uuid.UUID(user_id),
                disabled=disabled,
                now=get_clock().now(),
            ),
            N_("{email} is disabled: no sign-in, no sync.")
            if disabled
            else N_("{email} is enabled."),
        )

    @rx.event
    def make_reset_link(self, user_id: str, email: str) -> None:
        """A one-time link, shown here once, to pass on to the person."""
        with self._as_viewer() as (session, viewer):
            if viewer is None:
                return
            try:
                token = admin.make_reset_link(
                    session=session,
                    viewer=viewer,
                    user_id=uuid.UUID(user_id),
                    now=get_clock().now(),
                )
            except ServiceError as exc:
                self._fail(exc)
                return
        self.reset_link = self.router.url.origin + routes.reset_path(token)
        self.reset_for = email
        self._done(
            translate(
                self.locale,
                "Reset link made for {email}. It works once, for 24 hours.",
                email=email,
            )
        )
        self._refresh()

    @rx.event
    def export_csv(self) -> rx.event.EventSpec | None:
        """Download the audit log (the chosen action, or all) as CSV."""
        with self._as_viewer(read_only=True) as (session, viewer):
            if viewer is None:
                return None
            action = None if self.action == ALL else self.action
            try:
                rows = audit.entries(session=session, viewer=viewer, action=action, limit=100_000)
            except ServiceError as exc:
                self._fail(exc)
                return None
            data = audit.to_csv(rows)
        return rx.download(data=data, filename="audit.csv")


class ResetState(StaffState):
    """The reset-link page: a new password for the account the link was made for."""

    done: bool = False

    @rx.event
    def load(self) -> None:
        """Open the page with no message from before, in the browser's language."""
        self.error = self.notice = ""
        self.done = False
        self.locale = self._locale_of(None)

    @rx.event
    def submit(self, form: dict[str, Any]) -> None:
        """Check both entries match, then spend the link on the new password."""
        self.locale = self._locale_of(None)
        password, again = str(form.get("password", "")), str(form.get("again", ""))
        if password != again:
            self.error = translate(
                self.locale, "The two passwords differ; type the same one twice."
            )
            self.notice = ""
            return
        token = self.router.url.query_parameters.get("token", "")[:100]
        try:
            with session_scope() as session:
                admin.reset_password(
                    session=session, token=token, password=password, now=get_clock().now()
                )
        except ServiceError as exc:
            self._fail(exc)
            return
        self.done = True
        self._done(translate(self.locale, "Your new password is set. Sign in with it."))
