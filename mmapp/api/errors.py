"""Error responses: every 4xx carries a stable `error` code and a readable `reason`."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException

from mmapp.errors import NotFoundError, ServiceError, TooManyAttemptsError, ValidationError
from mmapp.i18n import N_, negotiate
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

    def __init__(self, reason: str, detail: list[dict[str, Any]], **params: object) -> None:
        super().__init__("invalid_request", reason, **params)
        self.detail = detail


def unknown_table(tables: Sequence[str]) -> NotFoundError:
    """The 404 for a CSV download of a table that does not exist: it names the real ones."""
    return NotFoundError("unknown_table", N_("Tables: {tables}."), tables=", ".join(tables))


class MalformedJson(ServiceError):
    """The body is not JSON at all."""

    status = 400


def request_error(errors: Sequence[Any]) -> ServiceError:
    """The 400 (not JSON) or 422 (fields) error for a list of Pydantic errors."""
    broken = [e for e in errors if e.get("type") == "json_invalid"]
    if broken:
        where = str(broken[0].get("ctx", {}).get("error", "")).strip()
        if where:
            return MalformedJson(
                "malformed_json", N_("The request body is not valid JSON ({where})."), where=where
            )
        return MalformedJson("malformed_json", N_("The request body is not valid JSON."))
    detail = [{"loc": list(e.get("loc", ())), "msg": e.get("msg")} for e in errors[:20]]
    if len(errors) > 5:
        return InvalidRequest(
            N_("{fields} (and {more} more)"), detail, fields=_describe(errors), more=len(errors) - 5
        )
    return InvalidRequest("{fields}", detail, fields=_describe(errors))


def _describe(errors: Sequence[Any]) -> str:
    """`field: message` for the first five errors (Pydantic's words, for developers)."""
    parts = []
    for err in errors[:5]:
        where = ".".join(str(p) for p in err.get("loc", ()) if p != "body")
        parts.append(f"{where or 'body'}: {err.get('msg', 'invalid')}")
    return "; ".join(parts)


async def _validation(request: Request, exc: RequestValidationError) -> JSONResponse:
    return await _service(request, request_error(list(exc.errors())))


async def _service(request: Request, exc: ServiceError) -> JSONResponse:
    """The error as JSON, its reason in the language the request asks for."""
    locale = negotiate(request.headers.get("accept-language"))
    body: dict[str, Any] = {"error": exc.code, "reason": exc.translated(locale)}
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
