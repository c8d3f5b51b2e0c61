"""Error responses: every 4xx carries a stable `error` code and a readable `reason`."""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse

from mmapp.services.errors import ServiceError, TooManyAttemptsError
from mmapp.services.sync_push import NotAssignedError


def _describe(errors: list[dict]) -> str:
    parts = []
    for err in errors[:5]:
        where = ".".join(str(p) for p in err.get("loc", ()) if p != "body")
        parts.append(f"{where or 'body'}: {err.get('msg', 'invalid')}")
    more = f" (and {len(errors) - 5} more)" if len(errors) > 5 else ""
    return "; ".join(parts) + more


async def _validation(_: Request, exc: RequestValidationError) -> JSONResponse:
    errors = list(exc.errors())
    if any(e.get("type") == "json_invalid" for e in errors):
        return JSONResponse(
            {"error": "malformed_json", "reason": "The request body is not valid JSON."},
            status_code=400,
        )
    detail = [{"loc": list(e.get("loc", ())), "msg": e.get("msg")} for e in errors[:20]]
    return JSONResponse(
        {"error": "invalid_request", "reason": _describe(errors), "detail": detail},
        status_code=422,
    )


async def _service(_: Request, exc: ServiceError) -> JSONResponse:
    body: dict = {"error": exc.code, "reason": exc.reason}
    if isinstance(exc, NotAssignedError):
        body["event_ids"] = [str(e) for e in exc.event_ids]
    headers = {"WWW-Authenticate": "Bearer"} if exc.status == 401 else None
    if isinstance(exc, TooManyAttemptsError):
        headers = {"Retry-After": str(exc.retry_after)}
    return JSONResponse(body, status_code=exc.status, headers=headers)


def install_error_handlers(app: FastAPI) -> None:
    """Register the handlers that turn errors into readable JSON."""
    app.add_exception_handler(RequestValidationError, _validation)
    app.add_exception_handler(ServiceError, _service)
