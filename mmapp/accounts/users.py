"""People: email addresses, passwords, timezones and creating accounts."""

from __future__ import annotations

import re
import zoneinfo

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlmodel import Session, select

from mmapp.errors import AuthError, ConflictError, ForbiddenError, ValidationError
from mmapp.i18n import LANGUAGE_NAMES, N_, negotiate, supported
from mmapp.models import Role, User

_hasher = PasswordHasher()
_EMAIL = re.compile(r"^[^@\s]{1,64}@[^@\s]{1,189}\.[^@\s]{2,}$")
MIN_PASSWORD = 8
DISABLED_REASON = N_("This account is disabled. Ask an admin to enable it again.")


def email_key(email: str) -> str:
    """The form every stored email takes and every lookup uses: trimmed, lower-case."""
    return email.strip().lower()


def find_by_email(*, session: Session, email: str) -> User | None:
    """The account with this email, however the address was typed, or None."""
    return session.exec(select(User).where(User.email == email_key(email))).first()


def normalise_email(email: str) -> str:
    """Lower-case and trim an email, checking its shape.

    Raises:
        ValidationError: The address is not shaped like an email.

    """
    cleaned = email_key(email)
    if not _EMAIL.match(cleaned):
        raise ValidationError(
            "invalid_email", N_("{email} is not a valid email address"), email=repr(email)
        )
    return cleaned


def check_timezone(name: str) -> str:
    """Return `name` if it is a known IANA timezone.

    Raises:
        ValidationError: The timezone is unknown.

    """
    try:
        zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError) as exc:
        raise ValidationError(
            "invalid_timezone", N_("unknown timezone {name}"), name=repr(name)
        ) from exc
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
    check_password(password)
    if not display_name.strip():
        raise ValidationError("missing_name", N_("display name must not be empty"))
    check_timezone(timezone)
    if session.exec(select(User).where(User.email == email)).first():
        raise ConflictError("email_taken", N_("an account for {email} already exists"), email=email)
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
    wrong = AuthError("wrong_credentials", N_("That email and password don't match."))
    user = find_by_email(session=session, email=email)
    if user is None:
        _hasher.hash(password)  # same cost either way: no user enumeration by timing
        raise wrong
    try:
        _hasher.verify(user.password_hash, password)
    except (VerificationError, InvalidHashError):
        raise wrong from None
    if user.disabled_at is not None:  # told only to who knows the password
        raise ForbiddenError("account_disabled", DISABLED_REASON)
    return user


def password_matches(user: User, password: str) -> bool:
    """Whether `password` is this account's (a tombstone's unusable hash never matches)."""
    try:
        return _hasher.verify(user.password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def check_password(password: str) -> None:
    """The rule for every new password (sign-up, reset).

    Raises:
        ValidationError: Shorter than `MIN_PASSWORD`.
    """
    if len(password) < MIN_PASSWORD:
        raise ValidationError(
            "weak_password",
            N_("password must be at least {n} characters"),
            n=MIN_PASSWORD,
        )


def hash_password(password: str) -> str:
    """An Argon2id hash of a password that passed `check_password`."""
    return _hasher.hash(password)


def set_locale(*, session: Session, user: User, locale: str | None) -> User:
    """Choose the account's language; None follows the device's.

    Args:
        session: An open write session.
        user: The account.
        locale: A supported language tag ("de", "de-AT" counts as "de"), or None.

    Raises:
        ValidationError: Not a language Micromastery speaks.
    """
    chosen = supported(locale) if locale is not None else None
    if locale is not None and chosen is None:
        raise ValidationError(
            "unsupported_locale",
            N_("{locale} is not a language Micromastery speaks; choose one of {choices}."),
            locale=repr(locale),
            choices=", ".join(LANGUAGE_NAMES),
        )
    row = session.get(User, user.id) or user
    row.locale = chosen
    session.add(row)
    return row


def record_device_locale(*, session: Session, user: User, accept_language: str | None) -> None:
    """Remember the language the account's device last asked for (when it said).

    Args:
        session: An open write session.
        user: The account.
        accept_language: The request's Accept-Language header, or None (nothing changes).
    """
    if not accept_language:
        return
    row = session.get(User, user.id) or user
    device = negotiate(accept_language)
    if row.device_locale != device:
        row.device_locale = device
        session.add(row)
