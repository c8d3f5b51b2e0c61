"""Coordinator API for what mentoring and teach-back did for a cohort, per skill.

Mounted under the workspace's `/coach` router (`coach_routes`); the cohort is checked
through `mmapp.access` exactly as the cohort analytics are (404 if not yours).
"""

from __future__ import annotations

import uuid

from fastapi import APIRouter, Request, Response

from mmapp.api.deps import UserDep, request_locale
from mmapp.api.errors import unknown_table
from mmapp.api.openapi import csv_file, download
from mmapp.clock import get_clock
from mmapp.cohorts import mentoring_outcomes
from mmapp.db import session_scope
from mmapp.progress import analytics
from mmapp.schemas import MentoringOutcomes

router = APIRouter()


@router.get("/cohorts/{cohort_id}/mentoring", summary="What mentoring and teach-back did")
def cohort_mentoring(cohort_id: uuid.UUID, user: UserDep) -> MentoringOutcomes:
    """Per skill: requests, matches, sessions, ratings, fits, actions, self-ratings, teach-backs."""
    with session_scope(read_only=True) as session:
        return mentoring_outcomes.cohort_outcomes(
            session=session, viewer=user, cohort_id=cohort_id, now=get_clock().now()
        )


@router.get(
    "/cohorts/{cohort_id}/mentoring/{table}.csv",
    summary="The mentoring outcomes as CSV",
    response_class=Response,
    responses=download("text/csv"),
)
def mentoring_csv(cohort_id: uuid.UUID, table: str, user: UserDep, request: Request) -> Response:
    """`mentoring`: one row per skill."""
    if table not in mentoring_outcomes.TABLES:
        raise unknown_table(mentoring_outcomes.TABLES)
    with session_scope(read_only=True) as session:
        tables = mentoring_outcomes.cohort_outcomes(
            session=session, viewer=user, cohort_id=cohort_id, now=get_clock().now()
        )
    return csv_file(analytics.to_csv(tables.rows(table), request_locale(request, user)), table)
