"""The issuer's identity: `did:web:<host>` and its DID document, from the keys table.

`did:web` names the host of the site's public URL (a port is percent-encoded:
`did:web:localhost%3A3000`) and resolves to `https://<host>/.well-known/did.json`. The
document lists every key, current and rotated, as a `Multikey` with `assertionMethod`;
verification here resolves it from the database, so it works offline.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from sqlmodel import Session

from mmapp.credentials.keys import all_keys
from mmapp.credentials.multibase import raw_public_key
from mmapp.credentials.proof import CRYPTOSUITE, PURPOSE, KeyResolver, VerificationMethod

DID_CONTEXT = ["https://www.w3.org/ns/did/v1", "https://w3id.org/security/multikey/v1"]


def did_web(public_url: str) -> str:
    """The `did:web` of a site's public origin.

    Raises:
        ValueError: The URL has no host, or a path (the DID document is served at
            the root, `/.well-known/did.json`).
    """
    parts = urlsplit(public_url)
    if not parts.hostname:
        raise ValueError(f"the public URL {public_url!r} has no host")
    if parts.path not in ("", "/"):
        raise ValueError("the public URL must be an origin without a path")
    host = parts.hostname.lower()
    return f"did:web:{host}%3A{parts.port}" if parts.port else f"did:web:{host}"


def method_id(did: str, number: int) -> str:
    """The id of key `number` in the DID document: `<did>#key-<number>`."""
    return f"{did}#key-{number}"


def did_document(*, session: Session, did: str) -> dict[str, Any]:
    """The DID document: every key as a `Multikey`, each an `assertionMethod`."""
    methods = [
        {
            "id": method_id(did, key.id),
            "type": "Multikey",
            "controller": did,
            "publicKeyMultibase": key.public_key_multibase,
            # the OB 3.0 getting-started guide's Multikey class lists it as required
            "cryptosuite": CRYPTOSUITE,
        }
        for key in all_keys(session=session)
    ]
    return {
        "@context": DID_CONTEXT,
        "id": did,
        "verificationMethod": methods,
        PURPOSE: [m["id"] for m in methods],
    }


def resolver_for(document: dict[str, Any]) -> KeyResolver:
    """Resolve verification methods from a DID document (keys not listed: unknown).

    Only a method listed under `assertionMethod` gets that purpose.
    """
    did = document.get("id")
    purposes = {ref for ref in document.get(PURPOSE, []) if isinstance(ref, str)}
    methods: dict[str, VerificationMethod] = {}
    for entry in document.get("verificationMethod", []):
        try:
            public_key = raw_public_key(str(entry["publicKeyMultibase"]))
        except (KeyError, TypeError, ValueError):
            continue  # not an Ed25519 Multikey: it cannot have signed an eddsa proof
        methods[entry["id"]] = VerificationMethod(
            id=entry["id"],
            controller=entry.get("controller", did),
            public_key=public_key,
            purposes=frozenset({PURPOSE} if entry["id"] in purposes else ()),
        )
    return methods.get


def resolve_own_keys(*, session: Session, did: str) -> KeyResolver:
    """A key resolver for our own DID, read from the database (no network)."""
    return resolver_for(did_document(session=session, did=did))
