"""Badge signing keys: the Ed25519 keys Open Badges credentials are signed with.

Row `n` is the issuer's verification method `#key-n`. Exactly one row is current
(`retired_at` empty); rotation retires it and erases its private key, but keeps its
public key so every credential it signed still verifies.
"""

from __future__ import annotations

import datetime as dt

from sqlmodel import Field, SQLModel

from mmapp.models.core import _ts, utcnow


class BadgeKey(SQLModel, table=True):
    """One Ed25519 key of the credential issuer (`did:web:<host>#key-<id>`)."""

    id: int = Field(primary_key=True)
    # PKCS#8 PEM; None once retired, or when the secret lives in MM_BADGE_PRIVATE_KEY.
    private_pem: str | None = None
    public_key_multibase: str = Field(max_length=64, unique=True)  # "z6Mk…"
    created_at: dt.datetime = _ts(default_factory=utcnow)
    retired_at: dt.datetime | None = _ts(default=None)


__all__ = ["BadgeKey"]
