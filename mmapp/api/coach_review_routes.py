"""Coordinator API for a cohort's spaced review: predicted recall, overdue reviews, reviews done.

Mounted under the workspace's `/coach` router (`coach_routes`); the cohort is checked
through `mmapp.access` exactly as the cohort analytics are (404 if not yours).
"""

from __future__ import annotations

import uuid

from fastapi import APIRouter, Request, Response

from mmapp.api.deps import UserDep, request_locale
from mmapp.api.errors import unknown_table
from mmapp.api.openapi import csv_file, download
from mmapp.db import session_scope
from mmapp.progress import analytics, review_analytics
from mmapp.schemas import ReviewAnalytics

router = APIRouter()


@router.get("/cohorts/{cohort_id}/reviews", summary="How members hold what they learned")
def cohort_reviews(cohort_id: uuid.UUID, user: UserDep) -> ReviewAnalytics:
    """Predicted recall per skill and item, overdue reviews, reviews per day (28 days)."""
    with session_scope(read_only=True) as session:
        return review_analytics.cohort_reviews(session=session, viewer=user, cohort_id=cohort_id)


@router.get(
    "/cohorts/{cohort_id}/reviews/{table}.csv",
    summary="One review table as CSV",
    response_class=Response,
    responses=download("text/csv"),
)
def reviews_csv(cohort_id: uuid.UUID, table: str, user: UserDep, request: Request) -> Response:
    """`recall_skills`, `recall_items`, `overdue` or `reviews`."""
    if table not in review_analytics.TABLES:
        raise unknown_table(review_analytics.TABLES)
    with session_scope(read_only=True) as session:
        tables = review_analytics.cohort_reviews(session=session, viewer=user, cohort_id=cohort_id)
    return csv_file(analytics.to_csv(tables.rows(table), request_locale(request, user)), table)
