"""Admin shapes: accounts as the admin page lists them, audit entries, password resets."""

from __future__ import annotations

import uuid
from typing import Literal

from pydantic import Field

from mmapp.models import Role
from mmapp.schemas.base import IsoTime, Out, Strict


class AccountRow(Out):
    """An account in the admin's list."""

    id: uuid.UUID
    email: str
    name: str
    role: Role
    disabled: bool
    created_at: IsoTime


class AuditOut(Out):
    """One audit entry: who did what to which thing, and when (UTC)."""

    at: IsoTime
    actor: str
    action: str
    subject_type: str
    subject_id: str
    detail: str


class ResetIn(Strict):
    """A new password, with the token of a one-time reset link."""

    token: str = Field(min_length=1, max_length=100)
    password: str = Field(min_length=1, max_length=200)


class RoleIn(Strict):
    """An account's new role."""

    role: Literal["learner", "coordinator", "admin"] = Field(
        description="The roles an admin can give (the schema lists them)."
    )


class DisabledIn(Strict):
    """Disable (true) or enable (false) an account."""

    disabled: bool


class ResetLinkOut(Out):
    """A one-time reset link's path with its token: shown once, to pass on."""

    path: str
    expires_at: IsoTime
