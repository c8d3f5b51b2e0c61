"""The issuer's Ed25519 signing keys: created on first use, rotated, never forgotten.

The first process to need a key creates `#key-1` inside a nested transaction; a process
racing it loses on the primary key and reads the winner's row (as `push.vapid` does), so
every process signs with the same key. `MM_BADGE_PRIVATE_KEY` (a PEM) overrides the stored
key: its public key is recorded as a new `#key-n` the first time it is seen (its secret is
not stored), so the DID document lists it and the keys before it. Rotation makes a new
current key and retires the old one: its private key is erased, its public key stays.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, func, select

from mmapp.credentials.multibase import public_key_multibase
from mmapp.errors import ConflictError, ValidationError
from mmapp.i18n import N_
from mmapp.models import BadgeKey


@dataclasses.dataclass(frozen=True)
class SigningKey:
    """The key credentials are signed with now.

    Attributes:
        number: `n` of its fragment `#key-n`.
        private_key: The Ed25519 private key.
        public_key_multibase: Its public key as `publicKeyMultibase`.
    """

    number: int
    private_key: Ed25519PrivateKey
    public_key_multibase: str

    @property
    def fragment(self) -> str:
        """`key-n`, the fragment of its id in the DID document."""
        return f"key-{self.number}"


def _pem(key: Ed25519PrivateKey) -> str:
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode()


def _multikey(key: Ed25519PrivateKey) -> str:
    return public_key_multibase(key.public_key().public_bytes_raw())


def load_private_key(pem: str) -> Ed25519PrivateKey:
    """An Ed25519 private key from a PEM.

    Raises:
        ValidationError: It is not a PEM Ed25519 private key.
    """
    try:
        key = serialization.load_pem_private_key(pem.encode(), password=None)
    except (ValueError, TypeError) as exc:
        raise ValidationError(
            "bad_badge_key", N_("the badge key is not a PEM private key")
        ) from exc
    if not isinstance(key, Ed25519PrivateKey):
        raise ValidationError("bad_badge_key", N_("the badge key must be an Ed25519 key"))
    return key


def _current(session: Session) -> BadgeKey | None:
    return session.exec(
        select(BadgeKey).where(col(BadgeKey.retired_at).is_(None)).order_by(col(BadgeKey.id))
    ).first()


def _next_number(session: Session) -> int:
    highest = session.exec(select(func.max(BadgeKey.id))).one()
    return int(highest or 0) + 1


def _insert(session: Session, row: BadgeKey, *, retire: BadgeKey | None, now: dt.datetime) -> bool:
    """Add `row` (retiring `retire`) in a savepoint; False if another process won."""
    try:
        with session.begin_nested():
            if retire is not None:
                retire.retired_at, retire.private_pem = now, None
                session.add(retire)
            session.add(row)
    except IntegrityError:
        return False
    return True


def _from_env(session: Session, key: Ed25519PrivateKey, now: dt.datetime) -> SigningKey:
    multikey = _multikey(key)
    for _ in range(3):  # lose a race at most a couple of times, then read the winner's row
        row = session.exec(
            select(BadgeKey).where(BadgeKey.public_key_multibase == multikey)
        ).first()
        if row is not None:
            return SigningKey(row.id, key, multikey)
        candidate = BadgeKey(
            id=_next_number(session), public_key_multibase=multikey, created_at=now
        )
        _insert(session, candidate, retire=_current(session), now=now)
    raise ConflictError("badge_key_race", N_("could not record the badge key; try again"))


def signing_key(
    *, session: Session, now: dt.datetime, override_pem: str | None = None
) -> SigningKey:
    """The current signing key, creating `#key-1` on first use.

    Args:
        session: Database session; a new key is committed in a nested transaction.
        now: When a key created now is created.
        override_pem: `MM_BADGE_PRIVATE_KEY`, used instead of the stored key.

    Returns:
        The key to sign with.
    """
    if override_pem:
        return _from_env(session, load_private_key(override_pem), now)
    row = _current(session)
    if row is None:
        key = Ed25519PrivateKey.generate()
        candidate = BadgeKey(
            id=1, private_pem=_pem(key), public_key_multibase=_multikey(key), created_at=now
        )
        _insert(session, candidate, retire=None, now=now)  # a lost race: read the winner's
        row = _current(session)
    if row is None or row.private_pem is None:
        raise ConflictError(
            "badge_key_from_env",
            N_("the current badge key came from MM_BADGE_PRIVATE_KEY; set it again or rotate"),
        )
    return SigningKey(row.id, load_private_key(row.private_pem), row.public_key_multibase)


def rotate(*, session: Session, now: dt.datetime) -> SigningKey:
    """Make a new current key and retire the old one (its public key is kept).

    Raises:
        ConflictError: Another rotation happened at the same moment.
    """
    key = Ed25519PrivateKey.generate()
    number = _next_number(session)
    row = BadgeKey(
        id=number, private_pem=_pem(key), public_key_multibase=_multikey(key), created_at=now
    )
    if not _insert(session, row, retire=_current(session), now=now):
        raise ConflictError(
            "badge_key_race", N_("another rotation ran at the same time; try again")
        )
    return SigningKey(number, key, row.public_key_multibase)


def all_keys(*, session: Session) -> list[BadgeKey]:
    """Every key ever used, current and retired, oldest first."""
    return list(session.exec(select(BadgeKey).order_by(col(BadgeKey.id))).all())
