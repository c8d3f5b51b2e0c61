"""Errors services raise; each carries a stable code and a readable reason."""

from __future__ import annotations


class ServiceError(Exception):
    """Base error with a machine-readable `code` and a human `reason`."""

    status = 400

    def __init__(self, code: str, reason: str) -> None:
        super().__init__(reason)
        self.code = code
        self.reason = reason


class ValidationError(ServiceError):
    """Input is malformed or breaks a rule."""

    status = 422


class AuthError(ServiceError):
    """Credentials or token are missing, wrong or expired."""

    status = 401


class ForbiddenError(ServiceError):
    """The caller is known but may not do this."""

    status = 403


class NotFoundError(ServiceError):
    """The thing asked for does not exist."""

    status = 404


class UnavailableError(ServiceError):
    """A transient failure: the client should retry later (it keeps its data)."""

    status = 503


class ConflictError(ServiceError):
    """The request clashes with stored data."""

    status = 409


class TooManyAttemptsError(ServiceError):
    """Too many recent failures: the client must wait `retry_after` seconds."""

    status = 429

    def __init__(self, reason: str, *, retry_after: int) -> None:
        super().__init__("too_many_attempts", reason)
        self.retry_after = retry_after
