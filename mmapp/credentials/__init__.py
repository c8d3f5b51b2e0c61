"""Credentials: signed Open Badges 3.0 micro-credentials, verifiable offline.

Owns the cryptographic core: the bundled JSON-LD contexts and a strict, offline
expansion (`linked_data`), base58btc/Multikey (`multibase`), Data Integrity
`eddsa-rdfc-2022` proofs (`proof`), the issuer's Ed25519 keys with rotation (`keys`),
its `did:web` identity and DID document (`did`), the `OpenBadgeCredential` shape
(`credential`), PNG baking and badge images (`baking`), and file verification with a
revocation hook (`verification`); coordinators' achievements per skill level
(`achievements`), their evidence rule in words and applied (`criteria`), issuing
credentials to learners who meet it, and when a pull needs that check (`issuing`),
and revocation and the learner's list (`ledger`). Pages and routes live in
the UI and API layers.
"""

from __future__ import annotations

from mmapp.credentials import (
    achievements,
    baking,
    credential,
    criteria,
    did,
    issuing,
    keys,
    ledger,
    linked_data,
    multibase,
    proof,
    verification,
)
from mmapp.credentials.baking import BadgeImage, BakingError, badge_image, bake, unbake
from mmapp.credentials.credential import (
    Achievement,
    CredentialInput,
    Evidence,
    Issuer,
    build_credential,
    identity_hash,
    recipient_matches,
)
from mmapp.credentials.did import did_document, did_web, method_id, resolve_own_keys
from mmapp.credentials.issuing import issue_due
from mmapp.credentials.keys import SigningKey, rotate, signing_key
from mmapp.credentials.linked_data import UndefinedTermError, UnknownContextError
from mmapp.credentials.proof import VerificationMethod, VerifyResult, sign, verify
from mmapp.credentials.verification import Verification, verify_credential, verify_file

__all__ = [
    "Achievement",
    "BadgeImage",
    "BakingError",
    "CredentialInput",
    "Evidence",
    "Issuer",
    "SigningKey",
    "UndefinedTermError",
    "UnknownContextError",
    "Verification",
    "VerificationMethod",
    "VerifyResult",
    "achievements",
    "badge_image",
    "bake",
    "baking",
    "build_credential",
    "credential",
    "criteria",
    "did",
    "did_document",
    "did_web",
    "identity_hash",
    "issue_due",
    "issuing",
    "keys",
    "ledger",
    "linked_data",
    "method_id",
    "multibase",
    "proof",
    "recipient_matches",
    "resolve_own_keys",
    "rotate",
    "sign",
    "signing_key",
    "unbake",
    "verification",
    "verify",
    "verify_credential",
    "verify_file",
]
