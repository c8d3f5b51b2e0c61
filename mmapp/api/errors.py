"""Error responses: every 4xx carries a stable `error` code and a readable `reason`."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException

from mmapp.errors import ServiceError, TooManyAttemptsError, ValidationError
from mmapp.schemas import ErrorOut
from mmapp.sync.ingest import NotAssignedError

_ERRORS = {
    400: "Malformed JSON",
    401: "Not signed in",
    403: "Not allowed for this account",
    404: "Not found (or not yours)",
    409: "Clashes with what is stored",
    413: "Body over the size limit",
    422: "Fields that break a rule",
    429: "Too many failed attempts (wait `Retry-After` seconds)",
}


def responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """The OpenAPI `responses` declaring these error statuses (each body an `ErrorOut`)."""
    return {status: {"model": ErrorOut, "description": _ERRORS[status]} for status in statuses}


# What every route may answer besides its 2xx (declared in the OpenAPI document).
ERROR_RESPONSES = responses(400, 401, 413, 422)


class InvalidRequest(ValidationError):
    """Fields of a request break the schema; `detail` says which."""

    def __init__(self, reason: str, detail: list[dict[str, Any]]) -> None:
        super().__init__("invalid_request", reason)
        self.detail = detail


class MalformedJson(ServiceError):
    """The body is not JSON at all."""

    status = 400


def request_error(errors: Sequence[Any]) -> ServiceError:
    """The 400 (not JSON) or 422 (fields) error for a list of Pydantic errors."""
    broken = [e for e in errors if e.get("type") == "json_invalid"]
    if broken:
        where = str(broken[0].get("ctx", {}).get("error", "")).strip()
        detail = f" ({where})" if where else ""
        return MalformedJson("malformed_json", f"The request body is not valid JSON{detail}.")
    detail = [{"loc": list(e.get("loc", ())), "msg": e.get("msg")} for e in errors[:20]]
    return InvalidRequest(_describe(errors), detail)


def _describe(errors: Sequence[Any]) -> str:
    parts = []
    for err in errors[:5]:
        where = ".".join(str(p) for p in err.get("loc", ()) if p != "body")
        parts.append(f"{where or 'body'}: {err.get('msg', 'invalid')}")
    more = f" (and {len(errors) - 5} more)" if len(errors) > 5 else ""
    return "; ".join(parts) + more


async def _validation(_: Request, exc: RequestValidationError) -> JSONResponse:
    return await _service(_, request_error(list(exc.errors())))


async def _service(_: Request, exc: ServiceError) -> JSONResponse:
    body: dict[str, Any] = {"error": exc.code, "reason": exc.reason}
    if isinstance(exc, NotAssignedError):
        body["event_ids"] = [str(e) for e in exc.event_ids]
    if isinstance(exc, InvalidRequest):
        body["detail"] = exc.detail
    headers = {"WWW-Authenticate": "Bearer"} if exc.status == 401 else None
    if isinstance(exc, TooManyAttemptsError):
        headers = {"Retry-After": str(exc.retry_after)}
    return JSONResponse(body, status_code=exc.status, headers=headers)


async def _http(_: Request, exc: HTTPException) -> JSONResponse:
    """Framework errors (unknown path, wrong method, unreadable body) in the same shape."""
    code = _HTTP_CODES.get(exc.status_code, f"http_{exc.status_code}")
    return JSONResponse(
        {"error": code, "reason": str(exc.detail)}, status_code=exc.status_code, headers=exc.headers
    )


_HTTP_CODES = {400: "bad_request", 404: "not_found", 405: "method_not_allowed"}


def install_error_handlers(app: FastAPI) -> None:
    """Register the handlers that turn errors into readable JSON."""
    app.add_exception_handler(RequestValidationError, _validation)
    app.add_exception_handler(ServiceError, _service)
    app.add_exception_handler(HTTPException, _http)
