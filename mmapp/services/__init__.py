"""Domain logic in plain Python: explicit sessions, no reflex import."""

from mmapp.services.errors import (
    AuthError,
    ConflictError,
    ForbiddenError,
    NotFoundError,
    ServiceError,
    UnavailableError,
    ValidationError,
)

__all__ = [
    "AuthError",
    "ConflictError",
    "ForbiddenError",
    "NotFoundError",
    "ServiceError",
    "UnavailableError",
    "ValidationError",
]
