"""Download my data: everything stored about one account; deleting the account."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any, Literal

from pydantic import Field

from mmapp.models import Role
from mmapp.schemas.badges import CredentialOut
from mmapp.schemas.base import IsoTime, Out, Strict
from mmapp.schemas.mentoring import ExportMentoring
from mmapp.schemas.pull import ProgressOut
from mmapp.schemas.teachbacks import TeachBacksOut


class DeleteAccountIn(Strict):
    """Deleting one's own account: the password again, and `confirm` set to true."""

    password: str = Field(min_length=1, max_length=1000)
    confirm: Literal[True] = Field(
        description="Must be `true`: the client asked the person and they said yes."
    )


class ExportAccount(Out):
    """The account row (never its password hash)."""

    id: uuid.UUID
    email: str
    display_name: str
    role: Role
    timezone: str
    created_at: IsoTime
    disabled_at: IsoTime | None = Field(description="When an admin disabled the account.")
    locale: str | None = Field(
        None, description="The language chosen in Settings (null: the device's)."
    )
    device_locale: str | None = Field(
        None, description="The language the account's device last asked for."
    )


class ExportMembership(Out):
    """A cohort joined (and maybe left)."""

    id: int
    cohort_id: uuid.UUID
    cohort_name: str
    joined_at: IsoTime
    left_at: IsoTime | None


class ExportDevice(Out):
    """A phone or browser signed in to the account, with its sync health."""

    id: str
    label: str
    created_at: IsoTime
    last_sync_at: IsoTime | None
    max_seq: int
    missing_seqs: list[tuple[int, int]] = Field(description="Runs of answers never received.")


class ExportSignIn(Out):
    """A sign-in (bearer token); the token itself is never stored, so never shown."""

    device_id: str | None
    created_at: IsoTime
    expires_at: IsoTime
    revoked_at: IsoTime | None


class ExportEvent(Out):
    """One thing the learner did, as the phone recorded it and the server stored it."""

    seq: int
    event_id: uuid.UUID
    type: str
    device_id: str
    device_seq: int
    nugget_id: uuid.UUID
    nugget_version: int
    payload: dict[str, Any]
    client_ts: IsoTime
    received_at: IsoTime


class ExportReviewCard(Out):
    """A spaced-review card for one quiz item (a projection of the answers)."""

    item_id: uuid.UUID
    nugget_id: uuid.UUID
    reps: int
    stability: float | None
    difficulty: float | None
    due_on: dt.date | None
    last_review_on: dt.date | None
    best_interval: int
    days: list[dict[str, Any]]


class ExportReminderPlan(Out):
    """The commute reminders the learner set."""

    enabled: bool
    timezone: str
    slots: list[dict[str, Any]]
    quiet_start: str | None
    quiet_end: str | None
    daily_goal_minutes: int
    updated_at: IsoTime


class ExportSubscription(Out):
    """A browser's Web Push subscription: where it points, never its keys."""

    id: uuid.UUID
    endpoint_host: str
    user_agent: str
    created_at: IsoTime
    last_success_at: IsoTime | None


class ExportDelivery(Out):
    """A notification sent (or tried) to the learner."""

    id: int
    message_id: uuid.UUID
    status: str
    attempts: int
    http_status: int | None
    updated_at: IsoTime


class ExportGrant(Out):
    """Workspace access given to this account, or given by it to someone else."""

    id: int
    cohort_id: uuid.UUID | None
    nugget_id: uuid.UUID | None
    created_at: IsoTime


class ExportAuditEntry(Out):
    """Something this account did, as the audit log recorded it (the organisation's record)."""

    id: int
    at: IsoTime
    action: str
    subject_type: str
    subject_id: str
    detail: str
    actor_email: str = Field(description="This account's email when it did it.")


class ExportResetLink(Out):
    """A one-time password-reset link: only its dates (the token is never stored)."""

    created_at: IsoTime
    expires_at: IsoTime
    used_at: IsoTime | None


class ExportRef(Out):
    """Something this account made or set that stays with the cohort (named by id)."""

    id: str
    name: str = ""


class ExportTarget(Out):
    """A skill target this account set for a cohort."""

    cohort_id: uuid.UUID
    skill_id: uuid.UUID
    level: int
    by: dt.date | None


class ExportMade(Out):
    """What a coordinator made: kept when the account is deleted (it is the cohort's)."""

    cohorts: list[ExportRef]
    skills: list[ExportRef]
    nuggets: list[ExportRef]
    skill_targets: list[ExportTarget]
    messages: list[ExportRef]
    grants_given: list[ExportGrant]
    reset_links: list[ExportResetLink] = Field(
        description="Reset links this account made for others as an admin."
    )
    achievements: list[ExportRef] = Field(default_factory=list)
    revocations: list[ExportRef] = Field(
        default_factory=list, description="Credentials this account revoked (name: the reason)."
    )


class ExportSkillsProfile(Out):
    """The skills profile's share state (never the link: only its hash is stored)."""

    shared: bool
    created_at: IsoTime
    shared_at: IsoTime | None
    revoked_at: IsoTime | None


class MyDataExport(Out):
    """Everything stored about one account (`GET /api/v1/me/export`, as mydata.json)."""

    format: Literal["micromastery-my-data/1"] = "micromastery-my-data/1"
    exported_at: IsoTime
    account: ExportAccount
    memberships: list[ExportMembership]
    devices: list[ExportDevice]
    sign_ins: list[ExportSignIn]
    events: list[ExportEvent]
    progress: ProgressOut
    review_cards: list[ExportReviewCard]
    credentials: list[CredentialOut] = Field(default_factory=list)
    reminder_plan: ExportReminderPlan | None
    skills_profile: ExportSkillsProfile | None = None
    push_subscriptions: list[ExportSubscription]
    notifications: list[ExportDelivery]
    staff_grants: list[ExportGrant]
    password_resets: list[ExportResetLink] = Field(
        description="Reset links an admin made for this account."
    )
    audit_entries: list[ExportAuditEntry] = Field(
        description="What this account did as a coordinator or admin (and its own resets)."
    )
    made_by_you: ExportMade
    mentoring: ExportMentoring = Field(default_factory=ExportMentoring)
    teachbacks: TeachBacksOut = Field(
        default_factory=lambda: TeachBacksOut(asked_by_me=[], asked_of_me=[]),
        description="Every teach-back asked by this account, and of it.",
    )


__all__ = [
    "DeleteAccountIn",
    "ExportAccount",
    "ExportAuditEntry",
    "ExportDelivery",
    "ExportDevice",
    "ExportEvent",
    "ExportGrant",
    "ExportMade",
    "ExportMembership",
    "ExportRef",
    "ExportReminderPlan",
    "ExportResetLink",
    "ExportReviewCard",
    "ExportSignIn",
    "ExportSkillsProfile",
    "ExportSubscription",
    "ExportTarget",
    "MyDataExport",
]
