"""Accounts, passwords, bearer tokens and devices."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import secrets
import uuid
import zoneinfo

import sqlalchemy as sa
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlmodel import Session, select

from mmapp.models import AuthToken, Device, Role, User, utcnow
from mmapp.services.errors import AuthError, ConflictError, ForbiddenError, ValidationError

_hasher = PasswordHasher()
_EMAIL = re.compile(r"^[^@\s]{1,64}@[^@\s]{1,189}\.[^@\s]{2,}$")
_DEVICE_ID = re.compile(r"^[A-Za-z0-9_-]{8,64}$")
MIN_PASSWORD = 8


def normalise_email(email: str) -> str:
    """Lower-case and trim an email, checking its shape.

    Raises:
        ValidationError: The address is not shaped like an email.

    """
    cleaned = email.strip().lower()
    if not _EMAIL.match(cleaned):
        raise ValidationError("invalid_email", f"{email!r} is not a valid email address")
    return cleaned


def check_timezone(name: str) -> str:
    """Return `name` if it is a known IANA timezone.

    Raises:
        ValidationError: The timezone is unknown.

    """
    try:
        zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError) as exc:
        raise ValidationError("invalid_timezone", f"unknown timezone {name!r}") from exc
    return name


def create_user(
    *,
    session: Session,
    email: str,
    password: str,
    display_name: str,
    role: Role = Role.learner,
    timezone: str = "UTC",
) -> User:
    """Create an account with an Argon2id password hash.

    Raises:
        ValidationError: Bad email, short password, empty name or unknown timezone.
        ConflictError: The email is taken.

    """
    email = normalise_email(email)
    if len(password) < MIN_PASSWORD:
        raise ValidationError(
            "weak_password", f"password must be at least {MIN_PASSWORD} characters"
        )
    if not display_name.strip():
        raise ValidationError("missing_name", "display name must not be empty")
    check_timezone(timezone)
    if session.exec(select(User).where(User.email == email)).first():
        raise ConflictError("email_taken", f"an account for {email} already exists")
    user = User(
        email=email,
        display_name=display_name.strip(),
        role=role,
        password_hash=_hasher.hash(password),
        timezone=timezone,
    )
    session.add(user)
    session.flush()
    return user


def authenticate(*, session: Session, email: str, password: str) -> User:
    """Return the user whose email and password match.

    Raises:
        AuthError: Unknown email or wrong password (one message for both).

    """
    wrong = AuthError("wrong_credentials", "That email and password don't match.")
    user = session.exec(select(User).where(User.email == email.strip().lower())).first()
    if user is None:
        _hasher.hash(password)  # same cost either way: no user enumeration by timing
        raise wrong
    try:
        _hasher.verify(user.password_hash, password)
    except (VerificationError, InvalidHashError):
        raise wrong from None
    return user


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
            "invalid_device_id", "device_id must be 8-64 characters of A-Z, a-z, 0-9, _ or -"
        )
    device = session.get(Device, device_id)
    if device is None:
        device = Device(id=device_id, user_id=user.id, label=label[:120])
        session.add(device)
        session.flush()
    elif device.user_id != user.id:
        raise ForbiddenError("device_taken", "this device id belongs to another account")
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
    .join(User, User.id == AuthToken.user_id)
    .where(AuthToken.token_hash.in_(sa.bindparam("hashes", expanding=True)))
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
        if pair is None or pair[1].revoked_at is not None:
            out.append(
                AuthError("invalid_token", "Your sign-in is not valid. Please sign in again.")
            )
        elif pair[1].expires_at <= now:
            out.append(
                AuthError("token_expired", "Your sign-in has expired. Please sign in again.")
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


def get_user(*, session: Session, user_id: uuid.UUID) -> User | None:
    """Fetch a user by id."""
    return session.get(User, user_id)
