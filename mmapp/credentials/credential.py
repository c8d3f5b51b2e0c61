"""Open Badges 3.0 `OpenBadgeCredential`s, built from typed input (unsigned).

The learner is identified by a salted SHA-256 of their email (`IdentityObject`,
`identityHash = "sha256$" + hex(sha256(email + salt))`, as the OB 3.0 getting-started
guide computes it), never by the plain email; the salt is random per credential, so two
credentials of one learner cannot be linked by the hash alone. Sign the result with
`proof.sign`.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import secrets
from typing import Any

from mmapp.credentials.linked_data import CREDENTIAL_CONTEXT
from mmapp.credentials.proof import xsd_datetime

CREDENTIAL_TYPES = ["VerifiableCredential", "OpenBadgeCredential"]


@dataclasses.dataclass(frozen=True)
class Issuer:
    """The issuer `Profile`: its DID, display name and website."""

    did: str
    name: str
    url: str


@dataclasses.dataclass(frozen=True)
class Achievement:
    """What was achieved.

    Attributes:
        id: A URL naming the achievement (one per skill and level).
        name: Its name, also the badge image's alt text.
        description: One or two sentences for people.
        criteria: The rule, in plain words (`criteria.narrative`).
        image_url: The badge image.
        achievement_type: An OB 3.0 `AchievementType` (a skill level is a competency).
    """

    id: str
    name: str
    description: str
    criteria: str
    image_url: str
    achievement_type: str = "Competency"


@dataclasses.dataclass(frozen=True)
class Evidence:
    """What was done, in words (never private answers)."""

    name: str
    narrative: str
    id: str | None = None


@dataclasses.dataclass(frozen=True)
class CredentialInput:
    """Everything one credential says.

    Attributes:
        id: The credential's id (a `urn:uuid:` or its verification URL).
        issuer: Who issues it.
        recipient_email: The learner's email; only its salted hash goes in.
        achievement: What it certifies.
        valid_from: When it was awarded (aware).
        evidence: What the learner did.
        valid_until: When it stops being valid, if ever.
    """

    id: str
    issuer: Issuer
    recipient_email: str
    achievement: Achievement
    valid_from: dt.datetime
    evidence: tuple[Evidence, ...] = ()
    valid_until: dt.datetime | None = None


def new_salt() -> str:
    """A fresh random salt for one credential's identity hash."""
    return secrets.token_urlsafe(16)


def identity_hash(email: str, salt: str) -> str:
    """`sha256$<hex>` of the trimmed, lower-cased email followed by the salt."""
    digest = hashlib.sha256((email.strip().lower() + salt).encode()).hexdigest()
    return f"sha256${digest}"


def build_credential(data: CredentialInput, *, salt: str | None = None) -> dict[str, Any]:
    """The unsigned `OpenBadgeCredential` for `data`.

    Args:
        data: What the credential says.
        salt: The identity-hash salt (tests pass one; otherwise a random one).

    Returns:
        Compacted JSON-LD with the exact OB 3.0 `@context` list.
    """
    salt = salt if salt is not None else new_salt()
    achievement = data.achievement
    credential: dict[str, Any] = {
        "@context": list(CREDENTIAL_CONTEXT),
        "id": data.id,
        "type": list(CREDENTIAL_TYPES),
        "issuer": {
            "id": data.issuer.did,
            "type": ["Profile"],
            "name": data.issuer.name,
            "url": data.issuer.url,
        },
        "validFrom": xsd_datetime(data.valid_from),
        "name": achievement.name,
        "credentialSubject": {
            "type": ["AchievementSubject"],
            "identifier": [
                {
                    "type": "IdentityObject",
                    "identityType": "emailAddress",
                    "hashed": True,
                    "identityHash": identity_hash(data.recipient_email, salt),
                    "salt": salt,
                }
            ],
            "achievement": {
                "id": achievement.id,
                "type": ["Achievement"],
                "achievementType": achievement.achievement_type,
                "name": achievement.name,
                "description": achievement.description,
                "criteria": {"narrative": achievement.criteria},
                "image": {
                    "id": achievement.image_url,
                    "type": "Image",
                    "caption": achievement.name,
                },
            },
        },
    }
    if data.valid_until is not None:
        credential["validUntil"] = xsd_datetime(data.valid_until)
    if data.evidence:
        credential["evidence"] = [_evidence(item) for item in data.evidence]
    return credential


def _evidence(item: Evidence) -> dict[str, Any]:
    entry: dict[str, Any] = {"type": ["Evidence"], "name": item.name, "narrative": item.narrative}
    if item.id is not None:
        entry = {"id": item.id, **entry}
    return entry


def recipient_matches(credential: dict[str, Any], email: str) -> bool:
    """Whether `email` is the one a credential's hashed identifier was made from."""
    subject = credential.get("credentialSubject")
    identifiers = subject.get("identifier", []) if isinstance(subject, dict) else []
    for entry in identifiers if isinstance(identifiers, list) else []:
        if isinstance(entry, dict) and entry.get("identityType") == "emailAddress":
            salt = entry.get("salt")
            if isinstance(salt, str) and entry.get("identityHash") == identity_hash(email, salt):
                return True
    return False
