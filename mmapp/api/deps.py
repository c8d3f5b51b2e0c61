"""Request dependencies: the bearer-token user, resolved in a short read transaction."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Header, Request

from mmapp.accounts import user_for_token
from mmapp.db import session_scope
from mmapp.errors import AuthError
from mmapp.i18n import N_, effective_locale, negotiate
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
        return AuthError(
            "missing_token", N_("Sign in first: send 'Authorization: Bearer <token>'.")
        )
    return token.strip()


async def current_user(auth: Annotated[tuple[User, AuthToken], Depends(current_auth)]) -> User:
    """The signed-in user (async: picking from a tuple needs no worker thread)."""
    return auth[0]


def request_locale(request: Request, user: User | None = None) -> str:
    """The language to answer in: what the request asks for, else the account's, else English.

    Args:
        request: The request (its Accept-Language header, when it has one).
        user: The signed-in account, if any (its choice, then its device's language).
    """
    asked = request.headers.get("accept-language")
    if asked or user is None:
        return negotiate(asked)
    return effective_locale(user.locale, user.device_locale)


AuthDep = Annotated[tuple[User, AuthToken], Depends(current_auth)]
UserDep = Annotated[User, Depends(current_user)]
