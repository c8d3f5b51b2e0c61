"""The sign-in throttle: failed sign-ins slow an attacker down, not the learner.

The rule. Only failures count (a wrong password or an unknown email, alike), over a
sliding window of `WINDOW` (15 minutes), and a sign-in is refused with
`TooManyAttemptsError` (429, `Retry-After`) before its password is checked when:

- this client address has `PAIR_LIMIT` (10) failures for this email: that address
  waits, for that account only;
- this email has `ACCOUNT_LIMIT` (30) failures from all addresses together: everyone
  waits for that account, so a guesser needs at least three addresses to lock its
  owner out, and then only within the same window;
- this client address has `ADDRESS_LIMIT` (30) failures over all emails: it waits
  for every account (password spraying).

A refused attempt is not counted, so no lock outlasts the window after the last
failure it counted. A success deletes that address's failures for that account
(not the address's failures on other accounts: signing in to one's own account must
not reset a spraying budget). Unknown emails are counted exactly like real ones, so
the throttle never tells whether an account exists. The address is whatever the
server reports as the client (`request.client.host`): behind a reverse proxy that
the server is not told to trust, all clients share the proxy's address and cap.

Counts come from `SignInFailure` rows in the database, shared by every server
process. On Postgres the sign-ins for one email are serialised by a transaction
advisory lock (SQLite's writer lock already serialises them), so parallel guesses
cannot overshoot the per-account and per-pair limits.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math

import sqlalchemy as sa
from sqlmodel import Session, col, or_, select

from mmapp.accounts.users import email_key
from mmapp.errors import TooManyAttemptsError
from mmapp.i18n import N_, translate_plural
from mmapp.models import SignInFailure

WINDOW = dt.timedelta(minutes=15)
PAIR_LIMIT = 10
ACCOUNT_LIMIT = 30
ADDRESS_LIMIT = 30
MAX_ADDRESS_CHARS = 64


def account_key(email: str) -> str:
    """The stored key for an email: SHA-256 of it normalised as sign-in looks it up."""
    return hashlib.sha256(email_key(email).encode()).hexdigest()


def _address(address: str) -> str:
    return address[:MAX_ADDRESS_CHARS]


def _serialise(session: Session, key: str) -> None:
    if session.get_bind().dialect.name == "postgresql":
        lock_id = int.from_bytes(hashlib.sha256(b"mm-sign-in:" + key.encode()).digest()[:8], "big")
        session.execute(sa.text("SELECT pg_advisory_xact_lock(:id)"), {"id": lock_id - (1 << 63)})


def check(*, session: Session, email: str, address: str, now: dt.datetime) -> None:
    """Refuse a sign-in attempt that must wait; call it before checking the password.

    Call it in the write transaction that then records the attempt as a failure
    (`record_failure`, before the password is checked; `record_success` clears it),
    so the count and the new row are one step for every process.

    Args:
        session: A write session.
        email: The email as typed.
        address: The client address.
        now: The current time.

    Raises:
        TooManyAttemptsError: A limit is reached; `retry_after` says for how long.

    """
    key, address = account_key(email), _address(address)
    _serialise(session, key)
    rows = session.exec(
        select(SignInFailure.account_key, SignInFailure.address, SignInFailure.failed_at)
        .where(
            or_(SignInFailure.account_key == key, SignInFailure.address == address),
            SignInFailure.failed_at > now - WINDOW,
        )
        .order_by(col(SignInFailure.failed_at).desc())
    ).all()
    scopes = (
        ([at for k, a, at in rows if k == key and a == address], PAIR_LIMIT),
        ([at for k, _, at in rows if k == key], ACCOUNT_LIMIT),
        ([at for _, a, at in rows if a == address], ADDRESS_LIMIT),
    )
    # A scope opens again once its limit-th newest failure leaves the window.
    waits = [times[limit - 1] + WINDOW - now for times, limit in scopes if len(times) >= limit]
    if waits:
        seconds = max(1, math.ceil(max(waits).total_seconds()))
        minutes = math.ceil(seconds / 60)
        raise TooManyAttemptsError(
            N_("Too many sign-in attempts. Please wait {wait} and try again."),
            retry_after=seconds,
            wait=lambda locale: translate_plural(locale, "{n} minute", "{n} minutes", minutes),
        )


def record_failure(*, session: Session, email: str, address: str, now: dt.datetime) -> None:
    """Count a failed sign-in, and forget failures that left the window."""
    session.execute(sa.delete(SignInFailure).where(col(SignInFailure.failed_at) <= now - WINDOW))
    session.add(
        SignInFailure(account_key=account_key(email), address=_address(address), failed_at=now)
    )
    session.flush()


def record_success(*, session: Session, email: str, address: str) -> None:
    """Forget this address's failures for this account (a successful sign-in)."""
    session.execute(
        sa.delete(SignInFailure).where(
            col(SignInFailure.account_key) == account_key(email),
            col(SignInFailure.address) == _address(address),
        )
    )
