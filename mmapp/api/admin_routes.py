"""Coordinator and admin views over the API: device health, the audit log, accounts."""

from __future__ import annotations

import uuid

from fastapi import APIRouter, Request, Response

from mmapp import audit, routes
from mmapp.accounts import admin, devices
from mmapp.api.deps import UserDep, request_locale
from mmapp.api.errors import ERROR_RESPONSES, responses
from mmapp.api.openapi import csv_file, download
from mmapp.clock import get_clock
from mmapp.db import session_scope
from mmapp.schemas import (
    AccountRow,
    AuditOut,
    DeviceHealth,
    DisabledIn,
    ResetLinkOut,
    RoleIn,
)

router = APIRouter(prefix="/admin", tags=["admin"], responses={**ERROR_RESPONSES, **responses(403)})


@router.get("/devices", summary="Learner devices: last sync and missing events")
def list_devices(user: UserDep) -> list[DeviceHealth]:
    """Devices of learners in the caller's cohorts (all devices for admins)."""
    with session_scope(read_only=True) as session:
        return devices.device_health(session=session, viewer=user)


@router.get("/audit", summary="The audit log, newest first", responses=responses(422))
def audit_log(user: UserDep, action: str | None = None) -> list[AuditOut]:
    """Coordinator and admin actions (admins only); `action` keeps one kind."""
    with session_scope(read_only=True) as session:
        return audit.entries(session=session, viewer=user, action=action)


@router.get(
    "/audit.csv",
    summary="The audit log as CSV",
    response_class=Response,
    responses={**download("text/csv"), **responses(422)},
)
def audit_csv(request: Request, user: UserDep, action: str | None = None) -> Response:
    """The same entries as `/admin/audit`, as a spreadsheet (header in the asked language)."""
    with session_scope(read_only=True) as session:
        rows = audit.entries(session=session, viewer=user, action=action)
        return csv_file(audit.to_csv(rows, request_locale(request, user)), "audit")


@router.get("/accounts", summary="Accounts, searched by email")
def accounts(user: UserDep, search: str = "") -> list[AccountRow]:
    """Up to 200 accounts whose email contains `search` (admins only)."""
    with session_scope(read_only=True) as session:
        return admin.list_accounts(session=session, viewer=user, search=search[:254])


@router.put("/accounts/{user_id}/role", summary="Change a role", responses=responses(404, 409, 422))
def set_role(user_id: uuid.UUID, body: RoleIn, user: UserDep) -> AccountRow:
    """learner, coordinator or admin; the last enabled admin stays an admin."""
    with session_scope() as session:
        return admin.set_role(session=session, viewer=user, user_id=user_id, role=body.role)


@router.put(
    "/accounts/{user_id}/disabled",
    summary="Disable or enable an account",
    responses=responses(404, 409),
)
def set_disabled(user_id: uuid.UUID, body: DisabledIn, user: UserDep) -> AccountRow:
    """A disabled account cannot sign in, sync or open the workspace."""
    with session_scope() as session:
        return admin.set_disabled(
            session=session,
            viewer=user,
            user_id=user_id,
            disabled=body.disabled,
            now=get_clock().now(),
        )


@router.post(
    "/accounts/{user_id}/reset-link",
    status_code=201,
    summary="Make a one-time password-reset link",
    responses=responses(404),
)
def reset_link(user_id: uuid.UUID, user: UserDep) -> ResetLinkOut:
    """Shown once: pass it on. It works once, for 24 hours."""
    now = get_clock().now()
    with session_scope() as session:
        token = admin.make_reset_link(session=session, viewer=user, user_id=user_id, now=now)
    return ResetLinkOut(path=routes.reset_path(token), expires_at=now + admin.RESET_TTL)
