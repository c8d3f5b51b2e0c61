"""The skills profile: the learner's own view and share link, and the public page.

`/api/v1/me/profile…` need the bearer token; `/p/<token>` is public (unlisted, no
sign-in, `noindex`). The rules are `mmapp.accounts.profile`'s.
"""

from __future__ import annotations

from fastapi import APIRouter, Request, Response
from fastapi.responses import HTMLResponse

from mmapp.accounts import profile
from mmapp.api.deps import UserDep
from mmapp.api.errors import ERROR_RESPONSES, responses
from mmapp.api.openapi import download
from mmapp.api.profile_page import render_profile
from mmapp.clock import get_clock
from mmapp.db import session_scope
from mmapp.i18n import negotiate
from mmapp.schemas import ProfileOut, ShareOut, StatusOut
from mmapp.settings import get_settings

router = APIRouter(tags=["skills profile"], responses=ERROR_RESPONSES)
public_router = APIRouter(tags=["skills profile"])
NO_STORE = {"Cache-Control": "no-store"}


@router.get("/me/profile", summary="My skills profile and whether a link shares it")
def my_profile(user: UserDep, response: Response) -> ProfileOut:
    """What the public page shows, and the share state (the link itself is never re-sent)."""
    response.headers.update(NO_STORE)
    with session_scope(read_only=True) as session:
        return profile.my_profile(session=session, user=user, now=get_clock().now())


@router.post("/me/profile/share", summary="Make (or replace) the unlisted link")
def share(user: UserDep, response: Response) -> ShareOut:
    """A new link: returned once (only its hash is kept); any older link stops working."""
    response.headers.update(NO_STORE)
    with session_scope() as session:
        return profile.share(session=session, user=user, now=get_clock().now())


@router.delete("/me/profile/share", summary="Stop sharing: the link then answers 404")
def stop_sharing(user: UserDep) -> StatusOut:
    """Revoke the link (also fine when none is shared)."""
    with session_scope() as session:
        profile.stop_sharing(session=session, user=user, now=get_clock().now())
    return StatusOut(status="private")


@public_router.get(
    "/p/{token}",
    summary="A shared skills profile (public, unlisted)",
    response_class=Response,
    responses={**download("text/html"), **responses(404, 422)},
)
def public_profile(token: str, request: Request) -> Response:
    """Display name, skills with levels, goals met and credentials; 404 if not shared."""
    with session_scope(read_only=True) as session:
        user = profile.shared_user(session=session, token=token)
        view = profile.profile_view(session=session, user=user, now=get_clock().now())
    html = render_profile(
        view,
        page_url=f"{get_settings().public_url}/p/{token}",
        locale=negotiate(request.headers.get("accept-language")),
    )
    return HTMLResponse(
        html, headers={"X-Robots-Tag": "noindex, nofollow", "Cache-Control": "no-store"}
    )


__all__ = ["public_router", "router"]
