"""Request dependencies: the bearer-token user, resolved in a short read transaction."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Header

from mmapp.accounts import user_for_token
from mmapp.db import session_scope
from mmapp.errors import AuthError
from mmapp.models import AuthToken, User


def current_auth(
    authorization: Annotated[str | None, Header()] = None,
) -> tuple[User, AuthToken]:
    """Resolve `Authorization: Bearer <token>` to its user and token row.

    Endpoints open their own transaction (`session_scope`) so that a write is
    committed before the response is sent, never after.

    Raises:
        AuthError: Header missing or malformed, token unknown, revoked or expired.

    """
    token = bearer_token(authorization)
    if isinstance(token, AuthError):
        raise token
    with session_scope(read_only=True) as session:
        return user_for_token(session=session, token=token)


def bearer_token(authorization: str | None) -> str | AuthError:
    """The token of an `Authorization: Bearer <token>` header, or why there is none."""
    scheme, _, token = (authorization or "").partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        return AuthError("missing_token", "Sign in first: send 'Authorization: Bearer <token>'.")
    return token.strip()


async def current_user(auth: Annotated[tuple[User, AuthToken], Depends(current_auth)]) -> User:
    """The signed-in user (async: picking from a tuple needs no worker thread)."""
    return auth[0]


AuthDep = Annotated[tuple[User, AuthToken], Depends(current_auth)]
UserDep = Annotated[User, Depends(current_user)]
