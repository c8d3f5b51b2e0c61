"""Coordinator API for a cohort's skill targets: the level (and date) to reach per skill.

Mounted under the workspace's `/coach` router (`coach_routes`); the cohort is checked
through `mmapp.access` (`mmapp.cohorts.targets`): 403 for learners, 404 if not yours.
"""

from __future__ import annotations

import uuid

from fastapi import APIRouter

from mmapp.api.deps import UserDep
from mmapp.cohorts import targets
from mmapp.db import session_scope
from mmapp.schemas import TargetsIn, TargetsOut

router = APIRouter()


@router.get("/cohorts/{cohort_id}/targets", summary="A cohort's skill targets")
def cohort_targets(cohort_id: uuid.UUID, user: UserDep) -> TargetsOut:
    """Each skill's target level (1-4 on its 0-4 scale) and optional date."""
    with session_scope(read_only=True) as session:
        return targets.list_targets(session=session, viewer=user, cohort_id=cohort_id)


@router.put("/cohorts/{cohort_id}/targets", summary="Set a cohort's skill targets")
def set_cohort_targets(cohort_id: uuid.UUID, body: TargetsIn, user: UserDep) -> TargetsOut:
    """Replace the targets: skills left out lose theirs; 422 for an unknown or repeated skill."""
    with session_scope() as session:
        return targets.set_targets(
            session=session, viewer=user, cohort_id=cohort_id, targets=body.targets
        )
