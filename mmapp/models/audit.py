"""The audit log of coordinator and admin actions, and one-time password-reset links.

An `AuditEntry` is written in the same transaction as the action it records, so an
action that is refused (or rolled back) leaves no entry. A `PasswordReset` stores only
the SHA-256 of its token; the admin sees the link once.
"""

from __future__ import annotations

import datetime as dt
import enum
import uuid

from sqlmodel import Field, SQLModel

from mmapp.models.core import _ts, utcnow


class AuditAction(enum.StrEnum):
    """What a coordinator or admin did."""

    cohort_created = "cohort_created"
    cohort_changed = "cohort_changed"
    member_added = "member_added"
    member_removed = "member_removed"
    nugget_published = "nugget_published"
    nugget_retracted = "nugget_retracted"
    nugget_released = "nugget_released"
    cohort_notified = "cohort_notified"
    cohort_shared = "cohort_shared"
    cohort_unshared = "cohort_unshared"
    nugget_shared = "nugget_shared"
    targets_set = "targets_set"
    role_changed = "role_changed"
    account_disabled = "account_disabled"
    account_enabled = "account_enabled"
    reset_link_made = "reset_link_made"
    password_reset = "password_reset"  # noqa: S105 (an action's name)
    achievement_set = "achievement_set"
    credential_revoked = "credential_revoked"


class AuditEntry(SQLModel, table=True):
    """One action: who, when, what, on which thing, and a short detail (no secrets)."""

    # A counter, not a UUID: entries made at the same instant keep their order.
    id: int | None = Field(default=None, primary_key=True)
    at: dt.datetime = _ts(default_factory=utcnow, index=True)
    actor_id: uuid.UUID | None = Field(default=None, foreign_key="user.id")
    actor_email: str = Field(default="", max_length=254)
    action: str = Field(max_length=40, index=True)
    subject_type: str = Field(max_length=20)
    subject_id: str = Field(max_length=64)
    detail: str = Field(default="", max_length=300)


class PasswordReset(SQLModel, table=True):
    """A one-time link to set a new password: 24 hours, single use, hash only."""

    token_hash: str = Field(primary_key=True, max_length=64)
    user_id: uuid.UUID = Field(foreign_key="user.id", index=True)
    created_by: uuid.UUID = Field(foreign_key="user.id")
    created_at: dt.datetime = _ts(default_factory=utcnow)
    expires_at: dt.datetime = _ts()
    used_at: dt.datetime | None = _ts(default=None)


__all__ = ["AuditAction", "AuditEntry", "PasswordReset"]
