"""The HTTP API under /api/v1 (FastAPI, OpenAPI at /api/v1/openapi.json)."""

from __future__ import annotations

from fastapi import FastAPI

from mmapp.api.admin_routes import router as admin_router
from mmapp.api.auth_routes import router as auth_router
from mmapp.api.coach_routes import router as coach_router
from mmapp.api.errors import install_error_handlers
from mmapp.api.limits import BodyLimitMiddleware
from mmapp.api.push_routes import router as push_router
from mmapp.api.sync_routes import router as sync_router
from mmapp.settings import get_settings

API_PREFIX = "/api/v1"


def create_api() -> FastAPI:
    """Build the API app; Reflex mounts its own app beneath it via `api_transformer`."""
    api = FastAPI(
        title="Micromastery API",
        version="1",
        description=(
            "Sign-in, content pull, learner event push, Web Push subscriptions and "
            "reminders for Micromastery devices."
        ),
        openapi_url=f"{API_PREFIX}/openapi.json",
        docs_url=f"{API_PREFIX}/docs",
        redoc_url=None,
    )
    install_error_handlers(api)
    api.include_router(auth_router, prefix=API_PREFIX)
    api.include_router(sync_router, prefix=API_PREFIX)
    api.include_router(admin_router, prefix=API_PREFIX)
    api.include_router(push_router, prefix=API_PREFIX)
    api.include_router(coach_router, prefix=API_PREFIX)

    @api.get(f"{API_PREFIX}/health", tags=["ops"], summary="Liveness check")
    def health() -> dict[str, str]:
        return {"status": "ok"}

    api.add_middleware(BodyLimitMiddleware, max_bytes=get_settings().max_body_bytes)
    return api


__all__ = ["API_PREFIX", "create_api"]
