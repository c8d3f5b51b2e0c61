"""The issuer's DID document at `/.well-known/did.json` (did:web resolution)."""

from __future__ import annotations

import json

from fastapi import APIRouter, Response

from mmapp.api.errors import responses
from mmapp.api.openapi import download
from mmapp.clock import get_clock
from mmapp.credentials import did_document, did_web, signing_key
from mmapp.credentials.keys import load_private_key
from mmapp.credentials.multibase import public_key_multibase
from mmapp.db import session_scope
from mmapp.settings import get_settings

router = APIRouter(tags=["credentials"])
DID_MEDIA_TYPE = "application/did+ld+json"


def _needs_key(document: dict[str, object], override_pem: str | None) -> bool:
    methods = document.get("verificationMethod")
    listed = {m.get("publicKeyMultibase") for m in methods} if isinstance(methods, list) else set()
    if not listed:
        return True
    if override_pem:
        raw = load_private_key(override_pem).public_key().public_bytes_raw()
        return public_key_multibase(raw) not in listed
    return False


@router.get(
    "/.well-known/did.json",
    summary="The credential issuer's DID document (did:web)",
    response_class=Response,
    # 409/422: MM_BADGE_PRIVATE_KEY was removed after use, or is not an Ed25519 PEM
    responses={**download(DID_MEDIA_TYPE), **responses(409, 422)},
)
def well_known_did() -> Response:
    """Every badge signing key, current and rotated, as a Multikey `assertionMethod`.

    The first request creates the signing key if none exists yet (as signing would).
    """
    settings = get_settings()
    did = did_web(settings.public_url)
    with session_scope(read_only=True) as session:
        document = did_document(session=session, did=did)
    if _needs_key(document, settings.badge_private_key):
        with session_scope() as session:
            signing_key(
                session=session, now=get_clock().now(), override_pem=settings.badge_private_key
            )
            document = did_document(session=session, did=did)
    return Response(
        json.dumps(document, indent=2),
        media_type=DID_MEDIA_TYPE,
        headers={"Access-Control-Allow-Origin": "*", "Cache-Control": "public, max-age=300"},
    )
