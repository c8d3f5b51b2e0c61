"""Coordinator workspace API: cohorts, members, nuggets, versions, files, analytics.

Every endpoint checks the caller on the server through `mmapp.access`: coordinators
reach their own and shared cohorts and nuggets, admins everything, learners and
strangers nothing.
"""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Body, Request, Response

from mmapp import access, content
from mmapp.api.coach_badge_routes import router as badge_router
from mmapp.api.coach_mentoring_routes import router as mentoring_router
from mmapp.api.coach_review_routes import router as review_router
from mmapp.api.coach_skill_routes import router as skill_router
from mmapp.api.deps import UserDep, request_locale
from mmapp.api.errors import ERROR_RESPONSES, responses, unknown_table
from mmapp.api.openapi import csv_file, download
from mmapp.cohorts import drip, workspace
from mmapp.content import archives
from mmapp.content.files import NuggetFileError, parse_markdown, to_markdown
from mmapp.db import session_scope
from mmapp.errors import ValidationError
from mmapp.i18n import N_
from mmapp.models import NuggetStatus
from mmapp.progress import analytics
from mmapp.schemas import (
    CohortAnalytics,
    CohortCreated,
    CohortIn,
    CohortPatch,
    CohortRow,
    CohortUpdated,
    DripIn,
    DripRelease,
    IdOut,
    ImportOut,
    MemberIn,
    MemberRow,
    NuggetDetail,
    NuggetIn,
    NuggetPublished,
    NuggetRow,
    NuggetSaved,
    NuggetState,
    PersonOut,
)

router = APIRouter(
    prefix="/coach",
    tags=["coordinator workspace"],
    responses={**ERROR_RESPONSES, **responses(403, 404)},
)


@router.get("/cohorts", summary="Your cohorts")
def cohorts(user: UserDep) -> list[CohortRow]:
    """Cohorts you own (all for admins), with member counts."""
    with session_scope(read_only=True) as session:
        return workspace.list_cohorts(session=session, viewer=user)


@router.post("/cohorts", status_code=201, summary="Create a cohort")
def create_cohort(body: CohortIn, user: UserDep) -> CohortCreated:
    """A new cohort with a fresh invite code, owned by you."""
    with session_scope() as session:
        cohort = workspace.create_cohort(
            session=session, viewer=user, name=body.name, timezone=body.timezone
        )
        return CohortCreated(id=cohort.id, invite_code=cohort.invite_code)


@router.patch("/cohorts/{cohort_id}", summary="Rename, archive or restore a cohort")
def update_cohort(cohort_id: uuid.UUID, body: CohortPatch, user: UserDep) -> CohortUpdated:
    """Change what was sent; archived cohorts no longer accept their invite code."""
    with session_scope() as session:
        cohort = workspace.update_cohort(
            session=session, viewer=user, cohort_id=cohort_id, **body.model_dump(exclude_none=True)
        )
        return CohortUpdated(id=cohort.id, name=cohort.name, archived=cohort.archived)


@router.get("/cohorts/{cohort_id}/members", summary="A cohort's members")
def members(cohort_id: uuid.UUID, user: UserDep) -> list[MemberRow]:
    """Current members, by name."""
    with session_scope(read_only=True) as session:
        return workspace.members(session=session, viewer=user, cohort_id=cohort_id)


@router.post("/cohorts/{cohort_id}/members", status_code=201, summary="Add a member")
def add_member(cohort_id: uuid.UUID, body: MemberIn, user: UserDep) -> IdOut:
    """Add an existing account by email (others join with the invite code)."""
    with session_scope() as session:
        member = workspace.add_member(
            session=session, viewer=user, cohort_id=cohort_id, email=body.email
        )
        return IdOut(id=member.id)


@router.delete(
    "/cohorts/{cohort_id}/members/{user_id}",
    status_code=204,
    response_class=Response,
    summary="Remove",
)
def remove_member(cohort_id: uuid.UUID, user_id: uuid.UUID, user: UserDep) -> None:
    """Take a learner out; their phones drop the cohort's nuggets on the next sync."""
    with session_scope() as session:
        workspace.remove_member(session=session, viewer=user, cohort_id=cohort_id, user_id=user_id)


@router.post("/cohorts/{cohort_id}/drip", status_code=201, summary="Schedule a drip of nuggets")
def drip_schedule(cohort_id: uuid.UUID, body: DripIn, user: UserDep) -> list[DripRelease]:
    """One nugget per chosen weekday at a local time, in order, with optional due dates."""
    with session_scope() as session:
        return drip.schedule(session=session, viewer=user, cohort_id=cohort_id, plan=body)


@router.get("/cohorts/{cohort_id}/analytics", summary="Who is learning what")
def cohort_analytics(cohort_id: uuid.UUID, user: UserDep) -> CohortAnalytics:
    """Learners (behind flagged), completion, hard items, minutes by hour, devices."""
    with session_scope(read_only=True) as session:
        return analytics.cohort_analytics(session=session, viewer=user, cohort_id=cohort_id)


@router.get(
    "/cohorts/{cohort_id}/analytics/{table}.csv",
    summary="One analytics table as CSV",
    response_class=Response,
    responses=download("text/csv"),
)
def analytics_csv(cohort_id: uuid.UUID, table: str, user: UserDep, request: Request) -> Response:
    """`learners`, `completion`, `items`, `hours` or `devices`."""
    if table not in analytics.TABLES:
        raise unknown_table(analytics.TABLES)
    with session_scope(read_only=True) as session:
        tables = analytics.cohort_analytics(session=session, viewer=user, cohort_id=cohort_id)
    return csv_file(analytics.to_csv(tables.rows(table), request_locale(request, user)), table)


@router.get("/nuggets", summary="Your nuggets")
def nuggets(user: UserDep) -> list[NuggetRow]:
    """Nuggets you wrote (all for admins): status and published version."""
    with session_scope(read_only=True) as session:
        return workspace.list_nuggets(session=session, viewer=user)


@router.get("/nuggets/{slug}", summary="A nugget as written, with its versions")
def nugget(slug: str, user: UserDep) -> NuggetDetail:
    """The working copy and the history of published versions."""
    with session_scope(read_only=True) as session:
        row = access.editable_nugget(session=session, viewer=user, slug=slug)
        return NuggetDetail(
            nugget=content.authored(session=session, nugget=row),
            status=row.status,
            versions=workspace.history(session=session, viewer=user, slug=slug),
        )


@router.put("/nuggets/{slug}", summary="Save a nugget's working copy")
def save(slug: str, body: NuggetIn, user: UserDep) -> NuggetSaved:
    """Create or edit; learners keep the published version until you publish."""
    if body.slug != slug:
        raise ValidationError("slug_mismatch", N_("The body's slug must match the URL."))
    with session_scope() as session:
        row = workspace.save_nugget(session=session, viewer=user, data=body)
        return NuggetSaved(slug=row.slug, status=row.status, version=row.version)


@router.post("/nuggets/{slug}/publish", summary="Publish the working copy as a new version")
def publish(slug: str, user: UserDep) -> NuggetPublished:
    """Devices get the new version on their next sync; past answers keep theirs."""
    with session_scope() as session:
        row = access.editable_nugget(session=session, viewer=user, slug=slug)
        revision = content.publish(session=session, nugget=row, actor=user)
        return NuggetPublished(slug=slug, version=revision.version)


@router.post("/nuggets/{slug}/retract", summary="Withdraw a nugget from every device")
def retract(slug: str, user: UserDep) -> NuggetState:
    """Devices remove it on their next sync; answers already given are kept."""
    with session_scope() as session:
        content.retract(
            session=session,
            nugget=access.editable_nugget(session=session, viewer=user, slug=slug),
            actor=user,
        )
        return NuggetState(slug=slug, status=NuggetStatus.retracted)


@router.get(
    "/nuggets/{slug}/export.md",
    summary="A nugget as a Markdown file",
    response_class=Response,
    responses=download("text/markdown"),
)
def export_markdown(slug: str, user: UserDep) -> Response:
    """Front matter (metadata and quiz) and the four parts; imports back unchanged."""
    with session_scope(read_only=True) as session:
        row = access.editable_nugget(session=session, viewer=user, slug=slug)
        text = to_markdown(content.authored(session=session, nugget=row))
    return Response(
        text,
        media_type="text/markdown",
        headers={"Content-Disposition": f'attachment; filename="{slug}.md"'},
    )


@router.post("/nuggets/import.md", status_code=201, summary="Import a Markdown nugget file")
def import_markdown(
    user: UserDep, text: Annotated[str, Body(media_type="text/markdown")]
) -> NuggetState:
    """Saved as a working copy; every problem is reported with its line number."""
    try:
        data = parse_markdown(text)
    except NuggetFileError as exc:
        raise ValidationError("invalid_file", "{problems}", problems=exc.translated) from None
    with session_scope() as session:
        row = workspace.save_nugget(session=session, viewer=user, data=data)
        return NuggetState(slug=row.slug, status=row.status)


@router.get("/cohorts/{cohort_id}/shares", summary="Coordinators a cohort is shared with")
def cohort_shares(cohort_id: uuid.UUID, user: UserDep) -> list[PersonOut]:
    """Who besides the owner manages this cohort."""
    with session_scope(read_only=True) as session:
        return workspace.cohort_shares(session=session, viewer=user, cohort_id=cohort_id)


@router.post("/cohorts/{cohort_id}/shares", status_code=201, summary="Share a cohort")
def share_cohort(cohort_id: uuid.UUID, body: MemberIn, user: UserDep) -> IdOut:
    """Let another coordinator (by email) manage this cohort; owners and admins only."""
    with session_scope() as session:
        other = workspace.share_cohort(
            session=session, viewer=user, cohort_id=cohort_id, email=body.email
        )
        return IdOut(id=other.id)


@router.delete(
    "/cohorts/{cohort_id}/shares/{user_id}",
    status_code=204,
    response_class=Response,
    summary="Stop sharing a cohort",
)
def unshare_cohort(cohort_id: uuid.UUID, user_id: uuid.UUID, user: UserDep) -> None:
    """The coordinator no longer manages this cohort."""
    with session_scope() as session:
        workspace.unshare_cohort(session=session, viewer=user, cohort_id=cohort_id, user_id=user_id)


@router.post("/nuggets/{slug}/shares", status_code=201, summary="Share a nugget")
def share_nugget(slug: str, body: MemberIn, user: UserDep) -> IdOut:
    """Let another coordinator (by email) edit this nugget; its author and admins only."""
    with session_scope() as session:
        other = workspace.share_nugget(session=session, viewer=user, slug=slug, email=body.email)
        return IdOut(id=other.id)


@router.get(
    "/skills/{slug}/export.zip",
    summary="A skill and your nuggets in it, as a zip",
    response_class=Response,
    responses=download("application/zip", binary=True),
)
def export_skill(slug: str, user: UserDep) -> Response:
    """`skill.yaml` and `nuggets/NN-<slug>.md`; imports back unchanged."""
    access.require_staff(user)
    with session_scope(read_only=True) as session:
        data = archives.export_skill(session=session, skill_slug=slug, viewer=user)
    return Response(
        data,
        media_type="application/zip",
        headers={"Content-Disposition": f'attachment; filename="{slug}.zip"'},
    )


@router.post("/import.zip", status_code=201, summary="Import a skill archive")
def import_archive(
    user: UserDep, data: Annotated[bytes, Body(media_type="application/zip")]
) -> ImportOut:
    """All or nothing: every problem is reported as `file line N: ...`.

    Refused (nothing imported) if it would overwrite someone else's nugget or change
    the name or description of a skill that is not yours.
    """
    access.require_staff(user)
    with session_scope() as session:
        slugs = archives.import_archive(session=session, data=data, author=user)
    return ImportOut(imported=slugs)


router.include_router(review_router)
router.include_router(mentoring_router)
router.include_router(skill_router)
router.include_router(badge_router)
