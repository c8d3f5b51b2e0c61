"""The signed-in account as devices see it: sign-in result, profile, cohorts joined."""

from __future__ import annotations

import uuid

from mmapp.models import Role
from mmapp.schemas.base import IsoTime, Out


class CohortRef(Out):
    """A cohort the account belongs to."""

    id: uuid.UUID
    name: str


class AccountOut(Out):
    """The account behind a token."""

    id: uuid.UUID
    email: str
    display_name: str
    role: Role
    timezone: str
    cohorts: list[CohortRef]


class TokenOut(Out):
    """A bearer token for one device, and whose it is.

    `locale` is the language the account chose in Settings, or None: follow the device.
    """

    token: str
    expires_at: IsoTime
    user: AccountOut
    locale: str | None = None


class LocaleOut(Out):
    """The language chosen (None: follow the device) and the one the server writes in."""

    locale: str | None
    effective: str


class JoinOut(Out):
    """The cohort an invite code joined."""

    cohort: CohortRef
