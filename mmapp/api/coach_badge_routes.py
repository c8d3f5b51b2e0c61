"""Coordinator API for achievements (per skill level) and revoking issued credentials.

Mounted under the workspace's `/coach` router (`coach_routes`); access goes through
`mmapp.access.managed_skill` (the skill's owner or an admin): 403 for learners, 404
for a skill that is not yours.
"""

from __future__ import annotations

import uuid

from fastapi import APIRouter

from mmapp.api.deps import UserDep
from mmapp.api.errors import responses
from mmapp.clock import get_clock
from mmapp.credentials import achievements, ledger
from mmapp.db import session_scope
from mmapp.schemas import AchievementIn, AchievementOut, RevokeIn, StatusOut

router = APIRouter()


@router.get("/skills/{skill_id}/achievements", summary="A skill's achievements")
def skill_achievements(skill_id: uuid.UUID, user: UserDep) -> list[AchievementOut]:
    """One per level at most, with the criteria in words and how many were issued."""
    with session_scope(read_only=True) as session:
        return achievements.list_achievements(session=session, viewer=user, skill_id=skill_id)


@router.post(
    "/skills/{skill_id}/achievements",
    summary="Add an achievement to a skill level",
    status_code=201,
    responses=responses(409),
)
def add_achievement(skill_id: uuid.UUID, body: AchievementIn, user: UserDep) -> AchievementOut:
    """409 if the skill already has an achievement at that level."""
    with session_scope() as session:
        return achievements.save_achievement(
            session=session, viewer=user, skill_id=skill_id, body=body, now=get_clock().now()
        )


@router.put(
    "/skills/{skill_id}/achievements/{achievement_id}",
    summary="Change an achievement",
    responses=responses(409),
)
def change_achievement(
    skill_id: uuid.UUID, achievement_id: uuid.UUID, body: AchievementIn, user: UserDep
) -> AchievementOut:
    """New numbers apply to credentials issued from now on; issued ones never change."""
    with session_scope() as session:
        return achievements.save_achievement(
            session=session,
            viewer=user,
            skill_id=skill_id,
            body=body,
            now=get_clock().now(),
            achievement_id=achievement_id,
        )


@router.post(
    "/credentials/{credential_id}/revoke",
    summary="Revoke an issued credential",
    responses=responses(409),
)
def revoke_credential(credential_id: uuid.UUID, body: RevokeIn, user: UserDep) -> StatusOut:
    """The verification page and `mmapp verify-badge` then say it is revoked, and why."""
    with session_scope() as session:
        ledger.revoke(
            session=session,
            viewer=user,
            credential_id=credential_id,
            reason=body.reason,
            now=get_clock().now(),
        )
    return StatusOut(status="revoked")
