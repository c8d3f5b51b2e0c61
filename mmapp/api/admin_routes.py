"""Coordinator and admin views over the API (more arrive with the workspace)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from mmapp.api.deps import UserDep
from mmapp.db import session_scope
from mmapp.services import devices

router = APIRouter(prefix="/admin", tags=["admin"])


@router.get("/devices", summary="Learner devices: last sync and missing events")
def list_devices(user: UserDep) -> list[dict[str, Any]]:
    """Devices of learners in the caller's cohorts (all devices for admins)."""
    with session_scope(read_only=True) as session:
        return devices.device_health(session=session, viewer=user)
