"""The skills profile: what the public page shows, and the learner's share state."""

from __future__ import annotations

import datetime as dt

from pydantic import Field

from mmapp.schemas.badges import CredentialOut
from mmapp.schemas.base import Out, View


class ProfileSkill(Out):
    """One skill on the profile: the current level as a number and in the scale's words."""

    name: str
    level: int = Field(ge=0, le=4)
    level_words: str = Field(description="The skill scale's word for the level.")
    target: int | None
    goal_met: bool = Field(description="A target is set and the current level reaches it.")


class ProfileView(Out):
    """The profile as anyone with the link sees it (no email, no private answers)."""

    display_name: str
    skills: list[ProfileSkill]
    credentials: list[CredentialOut] = Field(description="Valid credentials only (not revoked).")
    mentoring: list[str] = Field(
        default_factory=list, description="Mentoring done (empty until mentoring exists)."
    )


class ProfileOut(Out):
    """`GET /me/profile`: the profile and whether (since when) a link shares it."""

    shared: bool
    shared_at: dt.datetime | None
    profile: ProfileView


class ShareOut(Out):
    """The new unlisted link, shown this once (only its hash is stored)."""

    url: str
    shared_at: dt.datetime


class ProfileShareView(View):
    """The "Your skills profile" section of Progress (`mm_profile`, mm-views.js `profileView`)."""

    shared: bool = False
    url: str = Field(default="", description='The link, "" while private or made elsewhere.')
    busy: bool = False
    error: str = ""
    notice: str = ""


__all__ = ["ProfileOut", "ProfileShareView", "ProfileSkill", "ProfileView", "ShareOut"]
