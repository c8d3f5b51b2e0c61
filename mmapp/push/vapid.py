"""The server's VAPID identity: generated once, stored server-side, never in the repo.

The first process to need a key creates it inside a transaction; a process racing
it loses on the primary key and reads the winner's key, so every process signs
with the same key. `MM_VAPID_PRIVATE_KEY` (a PEM) overrides the stored key.
"""

from __future__ import annotations

import base64
from urllib.parse import urlsplit

from cryptography.hazmat.primitives import serialization
from py_vapid import Vapid
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

from mmapp.clock import wall_time
from mmapp.models import VapidKey

# RFC 8292 allows at most 24 hours; push services reject tokens that live longer.
TOKEN_LIFETIME_SECONDS = 12 * 3600


def b64url(raw: bytes) -> str:
    """Unpadded base64url, as Web Push keys are written."""
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def _public_b64(vapid: Vapid) -> str:
    point = vapid.public_key.public_bytes(
        serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
    )
    return b64url(point)


def load_vapid(*, session: Session, override_pem: str | None = None) -> tuple[Vapid, str]:
    """The signing key and its public key (base64url), creating the key on first use.

    Args:
        session: Database session; commits a new key in a nested transaction.
        override_pem: A PEM private key from the environment, used instead.

    Returns:
        `(vapid, public_key_b64url)`.
    """
    if override_pem:
        vapid = Vapid.from_pem(override_pem.encode())
        return vapid, _public_b64(vapid)
    row = session.get(VapidKey, 1)
    if row is None:
        vapid = Vapid()
        vapid.generate_keys()
        candidate = VapidKey(
            id=1, private_pem=vapid.private_pem().decode(), public_key=_public_b64(vapid)
        )
        try:
            with session.begin_nested():
                session.add(candidate)
        except IntegrityError:
            pass  # another process stored its key first; use that one
        row = session.get(VapidKey, 1, populate_existing=True)
    if row is None:  # one of the two inserts stood, so this cannot happen
        raise RuntimeError("no VAPID key was stored")
    vapid = Vapid.from_pem(row.private_pem.encode())
    return vapid, row.public_key


def audience(endpoint: str) -> str:
    """The JWT `aud` for an endpoint: its scheme, host and port."""
    parts = urlsplit(endpoint)
    return f"{parts.scheme}://{parts.netloc}"


class VapidSigner:
    """Authorization headers per push-service origin, signed once per fan-out."""

    def __init__(self, vapid: Vapid, subject: str, now: float | None = None) -> None:
        """Sign with `vapid` as `subject`; tokens expire 12 h after `now`."""
        self.vapid, self.subject = vapid, subject
        self.expires = int(now if now is not None else wall_time()) + TOKEN_LIFETIME_SECONDS
        self._cache: dict[str, dict[str, str]] = {}

    def headers_for(self, endpoint: str) -> dict[str, str]:
        """`Authorization: vapid t=<jwt>,k=<public key>` for this endpoint's service."""
        aud = audience(endpoint)
        if aud not in self._cache:
            claims = {"aud": aud, "sub": self.subject, "exp": self.expires}
            self._cache[aud] = self.vapid.sign(claims)
        return self._cache[aud]
