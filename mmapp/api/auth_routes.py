"""Sign-in, sign-out, the signed-in account, and joining a cohort."""

from __future__ import annotations

from fastapi import APIRouter, Request
from sqlmodel import Session

from mmapp import accounts, cohorts
from mmapp.accounts import throttle
from mmapp.api.deps import AuthDep, UserDep
from mmapp.api.errors import ERROR_RESPONSES, responses
from mmapp.clock import get_clock
from mmapp.db import session_scope
from mmapp.i18n import effective_locale
from mmapp.models import User
from mmapp.schemas import (
    AccountOut,
    CohortRef,
    JoinIn,
    JoinOut,
    LocaleIn,
    LocaleOut,
    StatusOut,
    TokenIn,
    TokenOut,
)
from mmapp.settings import get_settings

router = APIRouter(tags=["auth"], responses=ERROR_RESPONSES)


def _issue(session: Session, user: User, body: TokenIn, accept_language: str | None) -> TokenOut:
    user = session.get(User, user.id) or user
    accounts.record_device_locale(session=session, user=user, accept_language=accept_language)
    accounts.register_device(
        session=session, user=user, device_id=body.device_id, label=body.device_label
    )
    token, row = accounts.issue_token(
        session=session, user=user, device_id=body.device_id, ttl_days=get_settings().token_ttl_days
    )
    return TokenOut(
        token=token,
        expires_at=row.expires_at,
        user=cohorts.describe_account(session=session, user=user),
        locale=user.locale,
    )


@router.post(
    "/auth/token",
    summary="Sign in a device and get a bearer token",
    responses=responses(403, 429),
)
def sign_in(body: TokenIn, request: Request) -> TokenOut:
    """Check email and password, register the device, and return a bearer token.

    Failed sign-ins are throttled per account and per client address (the rule is in
    `mmapp.accounts.throttle`): past a limit the answer is 429 with `Retry-After`.
    """
    now = get_clock().now()
    address = request.client.host if request.client else "unknown"
    with session_scope() as session:
        # Counted as a failure before the password is checked, in one short write: a
        # burst of parallel guesses cannot overshoot the limits, and the slow Argon2
        # check below holds no writer lock (on SQLite every push would wait on it).
        throttle.check(session=session, email=body.email, address=address, now=now)
        throttle.record_failure(session=session, email=body.email, address=address, now=now)
    with session_scope(read_only=True) as session:
        user = accounts.authenticate(session=session, email=body.email, password=body.password)
    with session_scope() as session:
        throttle.record_success(session=session, email=body.email, address=address)
        return _issue(session, user, body, request.headers.get("accept-language"))


@router.post("/auth/signout", summary="Revoke this device's token")
def sign_out(request: Request, auth: AuthDep) -> StatusOut:
    """Revoke the token that made this request."""
    token = request.headers["authorization"].partition(" ")[2].strip()
    with session_scope() as session:
        accounts.revoke_token(session=session, token=token)
    return StatusOut(status="signed_out")


@router.get("/me", summary="The signed-in account and its cohorts")
def me(user: UserDep) -> AccountOut:
    """Describe the account behind the token."""
    with session_scope(read_only=True) as session:
        return cohorts.describe_account(session=session, user=user)


@router.put("/me/locale", summary="Choose the account's language, or follow the device")
def put_locale(body: LocaleIn, user: UserDep, request: Request) -> LocaleOut:
    """`locale` "en" or "de" (null: the device's language); pushes and downloads follow it.

    The request's Accept-Language is the device's language again: after "Automatic"
    the phone asks in its browser's language, which pushes then follow.
    """
    with session_scope() as session:
        accounts.record_device_locale(
            session=session, user=user, accept_language=request.headers.get("accept-language")
        )
        row = accounts.set_locale(session=session, user=user, locale=body.locale)
        return LocaleOut(
            locale=row.locale, effective=effective_locale(row.locale, row.device_locale)
        )


@router.post(
    "/cohorts/join", summary="Join a cohort with an invite code", responses=responses(404, 409)
)
def join(body: JoinIn, user: UserDep) -> JoinOut:
    """Add the signed-in learner to the cohort with this invite code."""
    with session_scope() as session:
        cohort = cohorts.join_by_code(session=session, user=user, code=body.invite_code)
        return JoinOut(cohort=CohortRef(id=cohort.id, name=cohort.name))
