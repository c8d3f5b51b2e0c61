"""The coordinator workspace's base state: who is signed in, checked on the server.

The learner sign-in stores a coordinator's or admin's token in localStorage; every
workspace event resolves it to an account again, so a revoked token or a changed
role takes effect at once. Page states inherit from this one.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import reflex as rx
from sqlmodel import Session

from mmapp import access
from mmapp.accounts import user_for_token
from mmapp.db import session_scope
from mmapp.errors import AuthError, ServiceError
from mmapp.models import User


class StaffState(rx.State):
    """Sign-in check shared by the workspace pages."""

    token: str = rx.LocalStorage("", name="mm_staff_token")
    denied: str = ""
    viewer_name: str = ""
    viewer_is_admin: bool = False
    error: str = ""
    notice: str = ""

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
            if user is None:
                self.denied = "Sign in with your coordinator account to open the workspace."
            elif not access.is_staff(user):
                self.denied = "The workspace is for coordinators and admins."
            else:
                self.denied, self.viewer_name, viewer = "", user.display_name, user
            yield session, viewer

    def _fail(self, exc: ServiceError) -> None:
        self.error, self.notice = exc.reason, ""

    def _done(self, notice: str) -> None:
        self.error, self.notice = "", notice
