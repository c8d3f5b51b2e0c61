"""The coordinator workspace's base state: who is signed in, checked on the server.

The learner sign-in stores a coordinator's or admin's token in localStorage; every
workspace event resolves it to an account again, so a revoked token or a changed
role takes effect at once. Page states inherit from this one.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any

import reflex as rx
from sqlmodel import Session

from mmapp import access
from mmapp.accounts import user_for_token
from mmapp.clock import get_clock
from mmapp.db import session_scope
from mmapp.errors import AuthError, ServiceError
from mmapp.i18n import N_, effective_locale, negotiate, translate
from mmapp.models import User
from mmapp.present import ordered, when


def validator_words(error: Mapping[str, Any]) -> str:
    """A pydantic error's words, without the prefix pydantic puts before a `ValueError`'s.

    Args:
        error: One entry of `ValidationError.errors()`.
    """
    cause = (error.get("ctx") or {}).get("error")
    if error.get("type") == "value_error" and cause is not None:
        return str(cause)
    return str(error["msg"])


class StaffState(rx.State):
    """Sign-in check shared by the workspace pages."""

    token: str = rx.LocalStorage("", name="mm_staff_token")
    denied: str = ""
    viewer_name: str = ""
    viewer_is_admin: bool = False
    error: str = ""
    notice: str = ""
    # The language the server writes to the viewer in (their choice, their device's or
    # their browser's): notices, errors, times and the words built here.
    locale: str = "en"
    # The viewer's timezone, for the local times beside "2 hours ago" (backend only).
    _viewer_timezone: str = "UTC"

    @contextmanager
    def _as_viewer(self, *, read_only: bool = False) -> Iterator[tuple[Session, User | None]]:
        """A transaction and the signed-in staff account (None, with `denied` set, if not)."""
        with session_scope(read_only=read_only) as session:
            viewer, user = None, None
            try:
                if self.token:
                    user, _ = user_for_token(session=session, token=self.token)
            except AuthError:
                user = None
            self.viewer_is_admin = access.is_admin(user)
            self.locale = self._locale_of(user)
            if user is None:
                self.denied = translate(
                    self.locale, "Sign in with your coordinator account to open the workspace."
                )
            elif not access.is_staff(user):
                denied = N_("The workspace is for coordinators and admins.")
                self.denied = translate(self.locale, denied)
            else:
                self.denied, self.viewer_name, viewer = "", user.display_name, user
                self._viewer_timezone = user.timezone
            yield session, viewer

    def _locale_of(self, user: User | None) -> str:
        """The viewer's language: chosen or their device's, else what this browser asks for."""
        if user is not None and (user.locale or user.device_locale):
            return effective_locale(user.locale, user.device_locale)
        return negotiate(self.router.headers.accept_language)

    def _reason(self, exc: ServiceError) -> str:
        """A service error's reason in the viewer's language."""
        return exc.translated(self.locale)

    def _fail(self, exc: ServiceError) -> None:
        self.error, self.notice = self._reason(exc), ""

    def _done(self, notice: str) -> None:
        self.error, self.notice = "", notice

    def _shown(
        self, rows: Sequence[Any], times: Mapping[str, str] | None = None
    ) -> list[dict[str, Any]]:
        """Rows as the page shows them: JSON values, plus each time in words.

        Args:
            rows: Pydantic models or dicts.
            times: Field holding an instant -> name of the words for it: `{"at": "at"}`
                adds `at_ago` ("2 hours ago") and `at_local` (local time with the
                timezone's name, in the viewer's timezone).
        """
        now = get_clock().now()
        shown = []
        for row in rows:
            values = dict(row) if isinstance(row, Mapping) else row.model_dump(mode="json")
            for field, name in (times or {}).items():
                words = when(
                    values.get(field), now=now, timezone=self._viewer_timezone, locale=self.locale
                )
                values[f"{name}_ago"], values[f"{name}_local"] = words.ago, words.local
            shown.append(values)
        return shown


class SortableTables(rx.State, mixin=True):
    """Sortable tables for a workspace page state (mixed in before `StaffState`).

    A mixin, not a parent: Reflex runs an event handler on the state that declares
    it, so each page state needs its own copy of these handlers to reach its rows.
    A page names its tables in `_sortable()` and re-applies the order after reading.
    """

    # Each table's order: "key" ascending, "-key" descending (absent: as read).
    sorts: dict[str, str] = {}

    def _sortable(self) -> tuple[str, ...]:
        """The names of this page's tables that sort (attributes holding their rows)."""
        return ()

    def _rows(self, table: str) -> list[Any]:
        return list(getattr(self, table))

    def _put_rows(self, table: str, rows: list[Any]) -> None:
        setattr(self, table, rows)

    def _apply_sorts(self) -> None:
        """Put each sortable table in its chosen order (after the rows are read again)."""
        for table, spec in self.sorts.items():
            if table in self._sortable():
                self._put_rows(table, ordered(self._rows(table), spec))

    @rx.event
    def sort_table(self, table: str, key: str) -> None:
        """A header was clicked: sort by it, or reverse the order if it already sorts."""
        current = self.sorts.get(table, "")
        self._sort(table, f"-{key}" if current == key else key)

    @rx.event
    def sort_to(self, table: str, spec: str) -> None:
        """Sort a table by `key` (ascending) or `-key` (descending); "" reads it again as listed."""
        self._sort(table, spec)

    def _sort(self, table: str, spec: str) -> None:
        if table not in self._sortable():
            return
        if not spec.strip("-"):
            self.sorts = {k: v for k, v in self.sorts.items() if k != table}
            self._refresh()
            return
        self.sorts = {**self.sorts, table: spec}
        self._apply_sorts()

    def _refresh(self) -> None:
        """Read the page's data again (each page state says how)."""
