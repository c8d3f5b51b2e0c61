"""Data Integrity proofs with the `eddsa-rdfc-2022` cryptosuite (VC-DI-EDDSA 1.0).

Signing: the proof options (type, cryptosuite, created, verificationMethod, proofPurpose)
take the credential's `@context`; both documents are canonicalised with RDFC-1.0 (the
bundled contexts only), hashed with SHA-256, and Ed25519 signs
`sha256(proof config) ‖ sha256(credential without proof)`; `proofValue` is that
signature in base58btc multibase. Verifying recomputes the same bytes. Both are pure:
the key, the time and the key lookup come in as arguments; nothing opens a socket.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
from collections.abc import Callable
from typing import Any, Literal

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from mmapp.credentials.linked_data import UndefinedTermError, UnknownContextError, canonize
from mmapp.credentials.multibase import decode_multibase, encode_multibase
from mmapp.i18n import N_
from mmapp.i18n.catalog import fill

PROOF_TYPE = "DataIntegrityProof"
CRYPTOSUITE = "eddsa-rdfc-2022"
PURPOSE = "assertionMethod"

Reason = Literal[
    "malformed",
    "unknown_context",
    "undefined_term",
    "unsupported_cryptosuite",
    "bad_proof",
    "unknown_key",
    "not_assertion_method",
    "issuer_mismatch",
    "tampered",
    "not_yet_valid",
    "expired",
]


@dataclasses.dataclass(frozen=True)
class VerificationMethod:
    """A public key as the issuer's DID document lists it.

    Attributes:
        id: Its full id, e.g. `did:web:example.org#key-1`.
        controller: The DID that controls it (must be the credential's issuer).
        public_key: The raw 32-byte Ed25519 public key.
        purposes: The verification relationships it is listed under.
    """

    id: str
    controller: str
    public_key: bytes
    purposes: frozenset[str] = frozenset({PURPOSE})


KeyResolver = Callable[[str], VerificationMethod | None]


@dataclasses.dataclass(frozen=True)
class VerifyResult:
    """The outcome of a verification: `ok`, or the `reason` and a sentence why not.

    `detail` is the sentence in English; `msgid` and `params` let a page word it in its
    reader's language (`translate(locale, msgid, **params)`).
    """

    ok: bool
    reason: Reason | None = None
    detail: str = ""
    verification_method: str | None = None
    msgid: str = ""
    params: dict[str, str] = dataclasses.field(default_factory=dict)


def xsd_datetime(moment: dt.datetime) -> str:
    """An aware time as the UTC `xsd:dateTimeStamp` credentials use (`…Z`, whole seconds).

    Raises:
        ValueError: The time is naive.
    """
    if moment.tzinfo is None:
        raise ValueError("times in credentials must be timezone-aware")
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def parse_datetime(text: object) -> dt.datetime | None:
    """An `xsd:dateTimeStamp` string as an aware time, or None if it is not one."""
    if not isinstance(text, str):
        return None
    try:
        moment = dt.datetime.fromisoformat(text)
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else None


def _hash_data(document: dict[str, Any], proof_config: dict[str, Any]) -> bytes:
    config_hash = hashlib.sha256(canonize(proof_config).encode()).digest()
    document_hash = hashlib.sha256(canonize(document).encode()).digest()
    return config_hash + document_hash


def sign(
    credential: dict[str, Any],
    *,
    key: Ed25519PrivateKey,
    verification_method: str,
    created: dt.datetime,
) -> dict[str, Any]:
    """A copy of `credential` with an embedded `eddsa-rdfc-2022` proof.

    Args:
        credential: The unsigned credential (compacted JSON-LD with its `@context`).
        key: The issuer's Ed25519 private key.
        verification_method: The id of the matching public key in the DID document.
        created: When the proof is made (aware).

    Returns:
        The signed credential; the input is not changed.

    Raises:
        ValueError: It already has a proof, or has no `@context`.
        UnknownContextError: It names a context that is not bundled.
        UndefinedTermError: It uses a term its contexts do not define.
    """
    if "proof" in credential:
        raise ValueError("the credential already has a proof")
    if "@context" not in credential:
        raise ValueError("the credential has no @context")
    proof: dict[str, Any] = {
        "type": PROOF_TYPE,
        "created": xsd_datetime(created),
        "verificationMethod": verification_method,
        "cryptosuite": CRYPTOSUITE,
        "proofPurpose": PURPOSE,
    }
    data = _hash_data(credential, {**proof, "@context": credential["@context"]})
    proof["proofValue"] = encode_multibase(key.sign(data))
    return {**credential, "proof": proof}


def _fail(reason: Reason, msgid: str, method: str | None = None, **params: str) -> VerifyResult:
    detail = fill(msgid, dict(params))
    return VerifyResult(False, reason, detail, method, msgid, params)


def _issuer_id(credential: dict[str, Any]) -> str | None:
    issuer = credential.get("issuer")
    if isinstance(issuer, dict):
        issuer = issuer.get("id")
    return issuer if isinstance(issuer, str) else None


def _check_proof(credential: dict[str, Any]) -> VerifyResult | dict[str, Any]:
    """The proof object if its shape is one we verify, else the failure."""
    proof = credential.get("proof")
    if not isinstance(proof, dict):
        return _fail("bad_proof", N_("There is no single embedded proof."))
    if proof.get("type") != PROOF_TYPE or proof.get("cryptosuite") != CRYPTOSUITE:
        return _fail(
            "unsupported_cryptosuite",
            N_("Only {type} with {suite} is supported, not {found}."),
            type=PROOF_TYPE,
            suite=CRYPTOSUITE,
            found=f"{proof.get('type')!r}/{proof.get('cryptosuite')!r}",
        )
    if proof.get("proofPurpose") != PURPOSE:
        return _fail("bad_proof", N_("The proof's purpose is not {purpose}."), purpose=PURPOSE)
    if not isinstance(proof.get("verificationMethod"), str):
        return _fail("bad_proof", N_("The proof names no verification method."))
    if "created" in proof and parse_datetime(proof["created"]) is None:
        return _fail("bad_proof", N_("The proof's creation time is not a valid date-time."))
    context = proof.get("@context")
    outer = credential.get("@context")
    if context is not None and (
        not isinstance(context, list)
        or not isinstance(outer, list)
        or outer[: len(context)] != context
    ):
        return _fail("bad_proof", N_("The proof's @context does not match the credential's."))
    return proof


def verify(
    credential: dict[str, Any], *, resolve_key: KeyResolver, now: dt.datetime
) -> VerifyResult:
    """Verify an `eddsa-rdfc-2022` Data Integrity proof and the validity period.

    Args:
        credential: The signed credential as received.
        resolve_key: Finds a verification method by id (None if unknown).
        now: The time to check `validFrom`/`validUntil` against.

    Returns:
        `ok=True`, or the first reason it fails with a sentence for people.
    """
    if not isinstance(credential, dict) or "@context" not in credential:
        return _fail("malformed", N_("This is not a JSON-LD credential."))
    checked = _check_proof(credential)
    if isinstance(checked, VerifyResult):
        return checked
    proof = checked
    method_id: str = proof["verificationMethod"]
    try:
        signature = decode_multibase(str(proof.get("proofValue", "")))
    except ValueError:
        signature = b""
    if len(signature) != 64:
        return _fail("bad_proof", N_("The proof value is not a base58btc Ed25519 signature."))
    document = {k: v for k, v in credential.items() if k != "proof"}
    config = {k: v for k, v in proof.items() if k != "proofValue"}
    config["@context"] = proof.get("@context", credential["@context"])
    try:
        data = _hash_data(document, config)
    except UnknownContextError as exc:
        return _fail("unknown_context", "{error}", method_id, error=str(exc))
    except UndefinedTermError as exc:
        return _fail(
            "undefined_term",
            N_("The credential is not fully defined: {error}."),
            method_id,
            error=str(exc),
        )
    method = resolve_key(method_id)
    if method is None:
        return _fail("unknown_key", N_("The key {key} is not known."), method_id, key=method_id)
    if PURPOSE not in method.purposes:
        return _fail(
            "not_assertion_method",
            N_("The key {key} may not sign credentials."),
            method_id,
            key=method_id,
        )
    if method.controller != _issuer_id(credential):
        return _fail("issuer_mismatch", N_("The key does not belong to the issuer."), method_id)
    try:
        Ed25519PublicKey.from_public_bytes(method.public_key).verify(signature, data)
    except (InvalidSignature, ValueError):
        return _fail("tampered", N_("The signature does not match: it was changed."), method_id)
    return _check_validity(credential, now, method_id)


def _check_validity(credential: dict[str, Any], now: dt.datetime, method: str) -> VerifyResult:
    valid_from = parse_datetime(credential.get("validFrom"))
    if valid_from is None:
        return _fail("malformed", N_("validFrom is missing or not a date-time."), method)
    if now < valid_from:
        return _fail(
            "not_yet_valid",
            N_("It is valid only from {start}."),
            method,
            start=str(credential["validFrom"]),
        )
    if "validUntil" in credential:
        valid_until = parse_datetime(credential["validUntil"])
        if valid_until is None:
            return _fail("malformed", N_("validUntil is not a date-time."), method)
        if now > valid_until:
            return _fail(
                "expired", N_("It expired on {end}."), method, end=str(credential["validUntil"])
            )
    return VerifyResult(ok=True, verification_method=method)
