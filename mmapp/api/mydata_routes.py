"""The learner's own data: download everything (`GET /me/export`), delete the account."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response

from mmapp import accounts
from mmapp.accounts import throttle
from mmapp.api.deps import UserDep, request_locale
from mmapp.api.errors import ERROR_RESPONSES, responses
from mmapp.api.openapi import download
from mmapp.clock import get_clock
from mmapp.db import session_scope
from mmapp.errors import ForbiddenError, NotFoundError
from mmapp.i18n import N_
from mmapp.models import User
from mmapp.schemas import DeleteAccountIn, StatusOut

router = APIRouter(tags=["my data"], responses=ERROR_RESPONSES)


@router.get(
    "/me/export",
    summary="Download everything stored about me (a ZIP)",
    response_class=Response,
    responses=download("application/zip", binary=True),
)
def export(user: UserDep, request: Request) -> Response:
    """mydata.json (all of it), events.csv, reviews.csv and actions.csv, the caller's own."""
    now = get_clock().now()
    with session_scope(read_only=True) as session:
        data = accounts.export_account(session=session, user=user, now=now)
    name = f"micromastery-my-data-{now.date().isoformat()}.zip"
    return Response(
        accounts.export_zip(data, request_locale(request, user)),
        media_type="application/zip",
        headers={
            "Content-Disposition": f'attachment; filename="{name}"',
            "Cache-Control": "no-store",
        },
    )


@router.delete(
    "/me",
    summary="Delete my account and its data",
    responses=responses(403, 409, 429),
)
def delete_me(body: DeleteAccountIn, user: UserDep, request: Request) -> StatusOut:
    """Delete the signed-in account: the password again, and `"confirm": true`.

    Events, review cards, devices, sign-ins, subscriptions, the reminder plan,
    memberships, workspace access and password-reset links go; the account row stays
    as a tombstone with nothing personal in it, and audit-log entries stay with the
    actor "Deleted account" (`mmapp.accounts.deletion` says why). A wrong password is
    403 `wrong_password` (not 401: the sign-in itself is fine) and counts toward the
    sign-in throttle; the last admin gets 409 `last_admin`. A disabled account cannot
    sign in, so cannot get here (401 `account_disabled`; 403 if disabled meanwhile).
    Every later request with this account's tokens gets 401 `account_deleted`.
    """
    now = get_clock().now()
    address = request.client.host if request.client else "unknown"
    with session_scope() as session:
        throttle.check(session=session, email=user.email, address=address, now=now)
        throttle.record_failure(session=session, email=user.email, address=address, now=now)
    if not accounts.password_matches(user, body.password):
        raise ForbiddenError("wrong_password", N_("That password is not this account's."))
    with session_scope() as session:
        throttle.record_success(session=session, email=user.email, address=address)
        row = session.get(User, user.id, with_for_update=True)
        if row is None or row.deleted_at is not None:
            raise NotFoundError("account_deleted", N_("This account was already deleted."))
        accounts.delete_account(session=session, user=row, now=now)
    return StatusOut(status="deleted")
