"""The sign-in throttle's memory: one row per failed sign-in, kept for its window.

Rows live in the database, not in a process, so every server process counts the
same failures; `mmapp.accounts.throttle` reads, adds and prunes them.
"""

from __future__ import annotations

import datetime as dt

from sqlmodel import Field, SQLModel

from mmapp.models.core import _ts


class SignInFailure(SQLModel, table=True):
    """One wrong email-and-password answer, from one client address.

    `account_key` is a SHA-256 of the normalised email as typed, whether or not an
    account has that email: the table never keeps what people typed (a password in
    the email field, say), and unknown emails are counted exactly like real ones.
    """

    id: int | None = Field(default=None, primary_key=True)
    account_key: str = Field(max_length=64, index=True)
    address: str = Field(max_length=64, index=True)
    failed_at: dt.datetime = _ts(index=True)
