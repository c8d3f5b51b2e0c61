"""Bearer tokens and the devices they are issued to: sign-in, every request, sign-out."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import secrets

import sqlalchemy as sa
from sqlmodel import Session, col, select

from mmapp.accounts.users import DISABLED_REASON
from mmapp.errors import AuthError, ForbiddenError, ValidationError
from mmapp.i18n import N_
from mmapp.models import AuthToken, Device, User, utcnow

_DEVICE_ID = re.compile(r"^[A-Za-z0-9_-]{8,64}$")
ACCOUNT_DELETED = N_(
    "This account was deleted. Its answers on this phone were not sent and have been removed."
)


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def register_device(*, session: Session, user: User, device_id: str, label: str = "") -> Device:
    """Attach a client-made device id to a user (idempotent for the same user).

    Raises:
        ValidationError: The id is malformed.
        ForbiddenError: The id belongs to another user.

    """
    if not _DEVICE_ID.match(device_id):
        raise ValidationError(
            "invalid_device_id", N_("device_id must be 8-64 characters of A-Z, a-z, 0-9, _ or -")
        )
    device = session.get(Device, device_id)
    if device is None:
        device = Device(id=device_id, user_id=user.id, label=label[:120])
        session.add(device)
        session.flush()
    elif device.user_id != user.id:
        raise ForbiddenError("device_taken", N_("this device id belongs to another account"))
    return device


def issue_token(
    *, session: Session, user: User, device_id: str | None, ttl_days: int
) -> tuple[str, AuthToken]:
    """Create a bearer token; only its hash is stored.

    Returns:
        The plain token (shown once) and its stored row.

    """
    token = secrets.token_urlsafe(32)
    row = AuthToken(
        token_hash=_digest(token),
        user_id=user.id,
        device_id=device_id,
        expires_at=utcnow() + dt.timedelta(days=ttl_days),
    )
    session.add(row)
    session.flush()
    return token, row


_TOKENS_WITH_USERS = (
    select(AuthToken, User)
    .join(User, col(User.id) == AuthToken.user_id)
    .where(col(AuthToken.token_hash).in_(sa.bindparam("hashes", expanding=True)))
)


def user_for_token(*, session: Session, token: str) -> tuple[User, AuthToken]:
    """Resolve a bearer token to its user.

    Raises:
        AuthError: Unknown, revoked or expired token.

    """
    (found,) = users_for_tokens(session=session, tokens=[token])
    if isinstance(found, AuthError):
        raise found
    return found


def users_for_tokens(
    *, session: Session, tokens: list[str]
) -> list[tuple[User, AuthToken] | AuthError]:
    """Resolve several bearer tokens in one query (every API request starts here).

    Returns:
        For each token, its user and token row, or the `AuthError` that refuses it.

    """
    hashes = [_digest(t) for t in tokens]
    found = {
        row.token_hash: (user, row)
        for row, user in session.exec(_TOKENS_WITH_USERS, params={"hashes": list(set(hashes))})
    }
    now = utcnow()
    out: list[tuple[User, AuthToken] | AuthError] = []
    for token_hash in hashes:
        pair = found.get(token_hash)
        if pair is not None and pair[0].deleted_at is not None:
            # Kept on purpose (mmapp.accounts.deletion): a lagging phone learns why.
            out.append(AuthError("account_deleted", ACCOUNT_DELETED))
        elif pair is None or pair[1].revoked_at is not None:
            out.append(
                AuthError("invalid_token", N_("Your sign-in is not valid. Please sign in again."))
            )
        elif pair[0].disabled_at is not None:
            out.append(AuthError("account_disabled", DISABLED_REASON))
        elif pair[1].expires_at <= now:
            out.append(
                AuthError("token_expired", N_("Your sign-in has expired. Please sign in again."))
            )
        else:
            out.append(pair)
    return out


def revoke_token(*, session: Session, token: str) -> None:
    """Revoke a token (sign-out); unknown tokens are ignored."""
    row = session.get(AuthToken, _digest(token))
    if row is not None and row.revoked_at is None:
        row.revoked_at = utcnow()
        session.add(row)
