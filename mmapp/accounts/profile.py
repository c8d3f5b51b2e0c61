"""The skills profile: private by default, shared by an unlisted link the learner revokes.

The rules:

- Sharing makes a new random token (32 bytes, URL-safe) and stores only its SHA-256
  (`SkillsProfile.token_hash`); the URL `/p/<token>` is returned once. Sharing again
  replaces the link (the old one stops working).
- Stopping sharing empties the hash; a revoked, replaced or unknown link, and the link
  of a deleted or disabled account, all answer the same `profile_not_found` (no oracle).
- The public view names the person by display name only (never the email); lists each
  skill of their nuggets with the current level (`standing.current`) in the scale's
  words and as a number, "goal met" when a target is set and reached; and their
  valid credentials (revoked ones are left out) with their verify links.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

from sqlmodel import Session, col, select

from mmapp import access
from mmapp.credentials.ledger import credentials_of
from mmapp.errors import NotFoundError
from mmapp.i18n import N_
from mmapp.models import SkillsProfile, User
from mmapp.progress.projections import compute_progress
from mmapp.schemas.profile import ProfileOut, ProfileSkill, ProfileView, ShareOut
from mmapp.settings import get_settings

TOKEN_BYTES = 32


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def profile_url(token: str) -> str:
    """The public address of a profile link."""
    return f"{get_settings().public_url}/p/{token}"


def profile_view(*, session: Session, user: User, now: dt.datetime) -> ProfileView:
    """What the profile shows of `user` (the public page and the learner's preview)."""
    standing = compute_progress(session=session, user=user, now=now).standing
    skills = [
        ProfileSkill(
            name=s.name,
            level=s.current,
            level_words=s.scale[s.current] if s.current < len(s.scale) else "",
            target=s.target,
            goal_met=s.target is not None and s.current >= s.target,
        )
        for s in standing
    ]
    valid = [c for c in credentials_of(session=session, user=user) if not c.revoked]
    return ProfileView(display_name=user.display_name, skills=skills, credentials=valid)


def my_profile(*, session: Session, user: User, now: dt.datetime) -> ProfileOut:
    """The learner's own view: the profile and its share state (never the token)."""
    row = session.get(SkillsProfile, user.id)
    shared = row is not None and row.token_hash is not None
    return ProfileOut(
        shared=shared,
        shared_at=row.shared_at if row is not None and shared else None,
        profile=profile_view(session=session, user=user, now=now),
    )


def share(*, session: Session, user: User, now: dt.datetime) -> ShareOut:
    """Make (or replace) the unlisted link; the token is returned here and nowhere else."""
    token = secrets.token_urlsafe(TOKEN_BYTES)
    row = session.get(SkillsProfile, user.id, with_for_update=True)
    if row is None:
        row = SkillsProfile(user_id=user.id, created_at=now)
    row.token_hash, row.shared_at, row.revoked_at = _hash(token), now, None
    session.add(row)
    session.flush()
    return ShareOut(url=profile_url(token), shared_at=now)


def stop_sharing(*, session: Session, user: User, now: dt.datetime) -> None:
    """Revoke the link (nothing to do when none is shared): it then answers 404."""
    row = session.get(SkillsProfile, user.id, with_for_update=True)
    if row is not None and row.token_hash is not None:
        row.token_hash, row.revoked_at = None, now
        session.add(row)


def shared_user(*, session: Session, token: str) -> User:
    """The account a link shares, if the link is current and the account can be shown.

    Raises:
        NotFoundError: `profile_not_found`, whatever the reason.

    """
    missing = NotFoundError("profile_not_found", N_("No such profile."))
    if not token or len(token) > 100:
        raise missing
    row = session.exec(
        select(SkillsProfile).where(col(SkillsProfile.token_hash) == _hash(token))
    ).first()
    user = session.get(User, row.user_id) if row is not None else None
    if user is None or user.deleted_at is not None or access.is_disabled(user):
        raise missing
    return user


__all__ = [
    "TOKEN_BYTES",
    "my_profile",
    "profile_url",
    "profile_view",
    "share",
    "shared_user",
    "stop_sharing",
]
