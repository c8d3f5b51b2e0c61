"""Achievement and credential shapes: the coordinator's editor, revocation, the learner's list.

`AchievementIn`/`AchievementOut` are `/coach/skills/{id}/achievements`; `RevokeIn` is a
coordinator's revocation; `CredentialOut` rides in the pull (`PullOut.credentials`) so
Progress lists a learner's credentials offline.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Annotated

from pydantic import Field, StringConstraints

from mmapp.schemas.base import IsoTime, Out, Strict, View

Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=120)]
Description = Annotated[str, StringConstraints(strip_whitespace=True, max_length=1000)]
Reason = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=500)]


class AchievementIn(Strict):
    """An achievement for one level of a skill, and its criteria numbers."""

    level: int = Field(ge=1, le=4, description="The skill level it certifies (1-4).")
    name: Name
    description: Description = ""
    min_score: int = Field(default=80, ge=0, le=100, description="First-try score, percent.")
    min_recall: float = Field(default=0.8, ge=0, le=1, description="Mean predicted recall.")
    min_days: int = Field(default=30, ge=0, le=365, description="Days after the last one.")
    min_teachbacks: int = Field(
        default=0, ge=0, le=20, description="Confirmed teach-backs that count, on the skill."
    )


class AchievementOut(Out):
    """An achievement with its criteria in words (generated from the numbers)."""

    id: uuid.UUID
    skill_id: uuid.UUID
    skill_name: str
    level: int
    name: str
    description: str
    min_score: int
    min_recall: float
    min_days: int
    min_teachbacks: int = 0
    criteria: str = Field(description="The rule in plain words (criteria.narrative).")
    issued: int = Field(description="Credentials issued for it (revoked ones included).")


class RevokeIn(Strict):
    """Why a credential is revoked (verifiers see it)."""

    reason: Reason


class CredentialOut(Out):
    """One of the learner's credentials, as Progress lists it."""

    id: uuid.UUID
    name: str
    skill: str
    issued_at: dt.datetime
    revoked: bool
    revoked_reason: str | None
    verify_url: str
    image_url: str
    issuer_name: str


class IssuedOut(Out):
    """An issued credential in the coordinator's list (their skills only)."""

    id: uuid.UUID
    achievement: str
    skill: str
    learner: str
    issued_on: str = Field(description="The issue day, YYYY-MM-DD (UTC).")
    issued_at: IsoTime = Field(description="The instant it was issued.")
    revoked_reason: str = Field(description='"" while valid.')


class CredentialRow(View):
    """One credential on Progress ("Your credentials"), built by mm-views.js."""

    id: str
    image_url: str = Field(description="The badge image's path (cached on the phone).")
    name: str
    skill: str
    issued: str = Field(description="The issue day, YYYY-MM-DD.")
    status: str = Field(description='"" when valid; "Revoked: <reason>" otherwise.')
    verify_url: str
    png_url: str
    json_url: str
    linkedin_url: str = Field(description="LinkedIn's add-certification link (values encoded).")


__all__ = ["AchievementIn", "AchievementOut", "CredentialOut", "CredentialRow", "RevokeIn"]
