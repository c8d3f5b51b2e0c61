"""Coordinator API for a cohort's skills: targets per skill, and the skills view (heat map).

Mounted under the workspace's `/coach` router (`coach_routes`); the cohort is checked
through `mmapp.access` (`mmapp.cohorts.targets`, `mmapp.progress.cohort_skills`): 403
for learners, 404 if not yours.
"""

from __future__ import annotations

import uuid

from fastapi import APIRouter, Request, Response

from mmapp.api.deps import UserDep, request_locale
from mmapp.api.openapi import csv_file, download
from mmapp.cohorts import targets
from mmapp.db import session_scope
from mmapp.i18n import negotiate
from mmapp.progress import analytics, cohort_skills
from mmapp.schemas import CohortSkills, TargetsIn, TargetsOut

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


@router.get("/cohorts/{cohort_id}/skills", summary="Members' skills against the targets")
def skills_view(cohort_id: uuid.UUID, user: UserDep, request: Request) -> CohortSkills:
    """The heat map (members x skills), biggest gaps, not audited, goals at risk.

    Its words (labels, goals at risk, default scale words) are in the language the
    request accepts (`Accept-Language`).
    """
    locale = negotiate(request.headers.get("accept-language"))
    with session_scope(read_only=True) as session:
        return cohort_skills.cohort_skills(
            session=session, viewer=user, cohort_id=cohort_id, locale=locale
        )


@router.get(
    "/cohorts/{cohort_id}/skills.csv",
    summary="Members' skills as CSV",
    response_class=Response,
    responses=download("text/csv"),
)
def skills_csv(cohort_id: uuid.UUID, user: UserDep, request: Request) -> Response:
    """One row per member x skill: level, target, gap, audited, at risk."""
    with session_scope(read_only=True) as session:
        view = cohort_skills.cohort_skills(session=session, viewer=user, cohort_id=cohort_id)
    rows = [r.model_dump(mode="json") for r in view.csv_rows()]
    return csv_file(analytics.to_csv(rows, request_locale(request, user)), "skills")
