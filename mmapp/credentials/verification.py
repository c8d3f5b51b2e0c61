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
from mmapp.i18n import DEFAULT_LOCALE, translate

RevocationCheck = Callable[[str], str | None]
FileReason = Reason | Literal["unreadable", "revoked"]


@dataclasses.dataclass(frozen=True)
class Verification:
    """What a verifier tells a person: verified or exactly why not.

    Attributes:
        ok: Whether the credential is verified.
        reason: A stable code when it is not (`tampered`, `revoked`, `unknown_key`, ...).
        message: One sentence: "Verified: issued by … to … on …, for …" or the reason,
            in the language asked for (English by default).
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


def summary(credential: dict[str, Any]) -> dict[str, str]:
    """Who issued a verified credential, to whom, on which day, for what (for its message)."""
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
    return {"issuer": issuer_text, "recipient": recipient, "day": day, "achievement": achievement}


def verify_credential(
    credential: dict[str, Any],
    *,
    session: Session,
    did: str,
    now: dt.datetime,
    is_revoked: RevocationCheck | None = None,
    locale: str | None = DEFAULT_LOCALE,
) -> Verification:
    """Verify a credential issued by `did` with the keys stored in the database.

    The message is in `locale` (English by default; the public page passes its reader's).
    """
    result = verify(credential, resolve_key=resolve_own_keys(session=session, did=did), now=now)
    if not result.ok:
        detail = translate(locale, result.msgid, **result.params)
        message = translate(locale, "Not verified: {detail}", detail=detail)
        return Verification(False, result.reason, message, credential)
    revoked = is_revoked(str(credential.get("id", ""))) if is_revoked is not None else None
    if revoked is not None:
        message = translate(locale, "Not verified: revoked ({reason}).", reason=revoked)
        return Verification(False, "revoked", message, credential)
    message = translate(
        locale,
        "Verified: issued by {issuer} to {recipient} on {day}, for {achievement}.",
        **summary(credential),
    )
    return Verification(True, None, message, credential)


def verify_file(
    path: Path,
    *,
    session: Session,
    did: str,
    now: dt.datetime,
    is_revoked: RevocationCheck | None = None,
    locale: str | None = DEFAULT_LOCALE,
) -> Verification:
    """Verify a JSON or baked-PNG credential file offline.

    Args:
        path: The file.
        session: Database session (the issuer's keys are read from it).
        did: Our issuer DID; credentials signed by anyone else are `unknown_key`.
        now: The time to check the validity period against.
        is_revoked: Returns the revocation reason of a credential id, or None.
        locale: The language of the sentence (English by default, as the CLI prints it).

    Returns:
        The verdict and the sentence to print.
    """
    try:
        credential = read_credential(path.read_bytes())
    except OSError as exc:
        message = translate(locale, "Not verified: cannot read the file ({error}).", error=exc)
        return Verification(False, "unreadable", message)
    except (BakingError, ValueError) as exc:
        message = translate(locale, "Not verified: {error}.", error=exc)
        return Verification(False, "unreadable", message)
    return verify_credential(
        credential, session=session, did=did, now=now, is_revoked=is_revoked, locale=locale
    )
