"""Verifying a credential file (JSON or baked PNG) against our own issuer, offline.

The issuer's keys come from the database (the DID document we publish), so nothing is
fetched. Revocation is a hook: `is_revoked(credential_id)` returns the reason a
coordinator gave, or None; the credentials table of a later task supplies it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any, Literal

from sqlmodel import Session

from mmapp.credentials.baking import PNG_SIGNATURE, BakingError, unbake
from mmapp.credentials.did import resolve_own_keys
from mmapp.credentials.proof import Reason, verify

RevocationCheck = Callable[[str], str | None]
FileReason = Reason | Literal["unreadable", "revoked"]


@dataclasses.dataclass(frozen=True)
class Verification:
    """What a verifier tells a person: verified or exactly why not.

    Attributes:
        ok: Whether the credential is verified.
        reason: A stable code when it is not (`tampered`, `revoked`, `unknown_key`, ...).
        message: One sentence: "Verified: issued by … to … on …, for …" or the reason.
        credential: The credential read, if the file could be read.
    """

    ok: bool
    reason: FileReason | None
    message: str
    credential: dict[str, Any] | None = None


def read_credential(raw: bytes) -> dict[str, Any]:
    """The credential in a file's bytes: a baked PNG or JSON.

    Raises:
        BakingError: A PNG without exactly one well-formed baked credential.
        ValueError: Not JSON, or not a JSON object.
    """
    if raw.startswith(PNG_SIGNATURE):
        return unbake(raw)
    try:
        credential = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ValueError("the file is neither a PNG nor JSON") from exc
    if not isinstance(credential, dict):
        raise ValueError("the JSON is not a credential object")
    return credential


def _text(value: object, key: str = "name") -> str:
    if isinstance(value, dict):
        value = value.get(key)
    return value if isinstance(value, str) else "?"


def summary(credential: dict[str, Any]) -> str:
    """The "issued by … to … on …, for …" part of a verified credential's message."""
    issuer = credential.get("issuer")
    issuer_text = _text(issuer)
    if isinstance(issuer, dict) and isinstance(issuer.get("id"), str):
        issuer_text = f"{issuer_text} ({issuer['id']})"
    subject = credential.get("credentialSubject")
    subject = subject if isinstance(subject, dict) else {}
    identifiers = subject.get("identifier")
    first = identifiers[0] if isinstance(identifiers, list) and identifiers else {}
    recipient = _text(first, "identityHash") if first else _text(subject, "id")
    day = _text(credential.get("validFrom"))[:10]
    achievement = _text(subject.get("achievement"))
    return f"issued by {issuer_text} to {recipient} on {day}, for {achievement}"


def verify_credential(
    credential: dict[str, Any],
    *,
    session: Session,
    did: str,
    now: dt.datetime,
    is_revoked: RevocationCheck | None = None,
) -> Verification:
    """Verify a credential issued by `did` with the keys stored in the database."""
    result = verify(credential, resolve_key=resolve_own_keys(session=session, did=did), now=now)
    if not result.ok:
        return Verification(False, result.reason, f"Not verified: {result.detail}", credential)
    revoked = is_revoked(str(credential.get("id", ""))) if is_revoked is not None else None
    if revoked is not None:
        return Verification(False, "revoked", f"Not verified: revoked ({revoked}).", credential)
    return Verification(True, None, f"Verified: {summary(credential)}.", credential)


def verify_file(
    path: Path,
    *,
    session: Session,
    did: str,
    now: dt.datetime,
    is_revoked: RevocationCheck | None = None,
) -> Verification:
    """Verify a JSON or baked-PNG credential file offline.

    Args:
        path: The file.
        session: Database session (the issuer's keys are read from it).
        did: Our issuer DID; credentials signed by anyone else are `unknown_key`.
        now: The time to check the validity period against.
        is_revoked: Returns the revocation reason of a credential id, or None.

    Returns:
        The verdict and the sentence to print.
    """
    try:
        credential = read_credential(path.read_bytes())
    except OSError as exc:
        return Verification(False, "unreadable", f"Not verified: cannot read the file ({exc}).")
    except (BakingError, ValueError) as exc:
        return Verification(False, "unreadable", f"Not verified: {exc}.")
    return verify_credential(credential, session=session, did=did, now=now, is_revoked=is_revoked)
