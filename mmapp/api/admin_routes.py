"""Coordinator and admin views over the API (more arrive with the workspace)."""

from __future__ import annotations

from fastapi import APIRouter

from mmapp.accounts import devices
from mmapp.api.deps import UserDep
from mmapp.api.errors import ERROR_RESPONSES, responses
from mmapp.db import session_scope
from mmapp.schemas import DeviceHealth

router = APIRouter(prefix="/admin", tags=["admin"], responses={**ERROR_RESPONSES, **responses(403)})


@router.get("/devices", summary="Learner devices: last sync and missing events")
def list_devices(user: UserDep) -> list[DeviceHealth]:
    """Devices of learners in the caller's cohorts (all devices for admins)."""
    with session_scope(read_only=True) as session:
        return devices.device_health(session=session, viewer=user)
