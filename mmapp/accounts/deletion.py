"""Deleting one's own account: personal data and events go, a tombstone row stays.

Why a tombstone and not a deleted row: coordinators' cohorts, skills, nuggets,
targets, announcements and the grants they gave point at `user.id`, and what a
coordinator made is kept for the cohort (an admin manages it). Deleting the row
would mean rewriting or dropping those; a tombstone keeps every foreign key valid
and holds nothing personal: a random unusable email (so the same address can sign
up again), no name, no password, `deleted_at` set, no role beyond learner.

The tokens are kept, revoked and detached from their devices (only their SHA-256
hashes were ever stored): a phone that syncs later with answers still queued then
hears `401 account_deleted` (`mmapp.accounts.tokens`), not a vague "sign in again",
and stores nothing, since the account has no devices left to store them under.

Mentoring leaves with the person (`mmapp.mentoring.leaving`), and so do their
teach-backs: asks they made, and their confirmations of others' (`mmapp.teachback.ledger`).

Password-reset links made for the account are deleted: a pending one must not let
anyone set a password on the tombstone (links it made for others as an admin stay,
they are those people's). The audit log is the organisation's record and is kept,
but the person leaves it: their entries' actor becomes "Deleted account", and their
email is replaced by the same words wherever an entry's detail names them.

A disabled account cannot delete itself: it cannot sign in, and an admin who
disabled it may need what it holds. Enabled again, it can.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import secrets

import sqlalchemy as sa
from sqlmodel import Session, col, select

from mmapp import access
from mmapp.audit.log import DETAIL_MAX
from mmapp.errors import ConflictError, ForbiddenError
from mmapp.i18n import N_
from mmapp.mentoring.leaving import forget_person
from mmapp.models import (
    AuditEntry,
    AuthToken,
    CohortMembership,
    Device,
    DeviceSeqGap,
    IssuedCredential,
    LearnerEvent,
    PasswordReset,
    PushDelivery,
    PushSubscription,
    ReminderPlan,
    ReviewCard,
    Role,
    SkillsProfile,
    StaffGrant,
    User,
)
from mmapp.teachback import ledger as teachbacks

TOMBSTONE_NAME = "Deleted account"
TOMBSTONE_DOMAIN = "deleted.invalid"  # RFC 2606: can never be a real mailbox
UNUSABLE_PASSWORD = "!deleted"  # noqa: S105 - not an Argon2 hash: no password matches it
DISABLED_REASON = N_(
    "This account is disabled, so it cannot be deleted. "
    "Ask an admin to enable it again, then delete it."
)


@dataclasses.dataclass(frozen=True)
class DeletionReport:
    """How many rows of each kind went (tokens: how many were revoked)."""

    events: int
    review_cards: int
    devices: int
    memberships: int
    subscriptions: int
    tokens_revoked: int
    reset_links: int
    audit_entries_anonymised: int


def _count(session: Session, statement: sa.Delete | sa.Update) -> int:
    return int(session.exec(statement).rowcount or 0)


def _leave_the_audit_log(session: Session, user: User) -> int:
    """Name the account "Deleted account" in the audit log (call before the email goes).

    Its email is replaced only as a whole address: `ann@x.org` must not eat into
    `joann@x.org` or `ann@x.org.uk`, which are other people.
    """
    acted = _count(
        session,
        sa.update(AuditEntry)
        .where(col(AuditEntry.actor_id) == user.id)
        .values(actor_email=TOMBSTONE_NAME),
    )
    address = re.compile(
        rf"(?<![\w.!#$%&'*+/=?^`{{|}}~-]){re.escape(user.email)}(?![\w-]|\.\w)", re.IGNORECASE
    )
    naming = select(AuditEntry).where(col(AuditEntry.detail).icontains(user.email, autoescape=True))
    for entry in session.exec(naming):
        detail = address.sub(TOMBSTONE_NAME, entry.detail)[:DETAIL_MAX]
        if detail != entry.detail:
            entry.detail = detail
            session.add(entry)
    return acted


def delete_account(*, session: Session, user: User, now: dt.datetime) -> DeletionReport:
    """Remove the account's personal data and events, and leave a tombstone row.

    Call it in a write transaction after the password was checked. The account's
    devices are locked first, in id order as ingest locks them: a push in flight for
    this account either commits before (and its events are deleted here) or waits
    and then finds no device to store under.

    Raises:
        ForbiddenError: `account_disabled`, an admin disabled the account.
        ConflictError: `last_admin`, the only admin left cannot delete their account.

    """
    if access.is_disabled(user):
        raise ForbiddenError("account_disabled", DISABLED_REASON)
    refusal = access.may_delete_own_account(session=session, user=user)
    if refusal is not None:
        raise ConflictError("last_admin", refusal)
    uid = user.id
    devices = list(
        session.exec(
            select(Device.id)
            .where(Device.user_id == uid)
            .order_by(col(Device.id))
            .with_for_update()
        )
    )
    events = _count(session, sa.delete(LearnerEvent).where(col(LearnerEvent.user_id) == uid))
    if devices:
        _count(session, sa.delete(DeviceSeqGap).where(col(DeviceSeqGap.device_id).in_(devices)))
    cards = _count(session, sa.delete(ReviewCard).where(col(ReviewCard.user_id) == uid))
    _count(session, sa.delete(PushDelivery).where(col(PushDelivery.user_id) == uid))
    subs = _count(session, sa.delete(PushSubscription).where(col(PushSubscription.user_id) == uid))
    _count(session, sa.delete(ReminderPlan).where(col(ReminderPlan.user_id) == uid))
    # Mentoring leaves too: sessions ahead cancelled, requests withdrawn or passed on.
    forget_person(session=session, user_id=uid, now=now)
    teachbacks.forget_person(session=session, user_id=uid)
    # The skills profile goes with its link (which then answers 404).
    _count(session, sa.delete(SkillsProfile).where(col(SkillsProfile.user_id) == uid))
    members = _count(
        session, sa.delete(CohortMembership).where(col(CohortMembership.user_id) == uid)
    )
    # Access given to this person goes; grants they gave others stay (granted_by).
    _count(session, sa.delete(StaffGrant).where(col(StaffGrant.user_id) == uid))
    tokens = _count(
        session,
        sa.update(AuthToken)
        .where(col(AuthToken.user_id) == uid)
        .values(revoked_at=sa.func.coalesce(AuthToken.revoked_at, now), device_id=None),
    )
    _count(session, sa.delete(Device).where(col(Device.user_id) == uid))
    resets = _count(session, sa.delete(PasswordReset).where(col(PasswordReset.user_id) == uid))
    audited = _leave_the_audit_log(session, user)
    # Each credential issued to this account gets its revocation recorded, so
    # verifiers see it; the credential rows themselves stay.
    session.execute(
        sa.update(IssuedCredential)
        .where(col(IssuedCredential.user_id) == uid, col(IssuedCredential.revoked_at).is_(None))
        .values(revoked_at=now, revoked_reason="account deleted")
    )
    user.email = f"deleted-{secrets.token_hex(16)}@{TOMBSTONE_DOMAIN}"
    user.display_name = TOMBSTONE_NAME
    user.password_hash = UNUSABLE_PASSWORD
    user.role = Role.learner
    user.timezone = "UTC"
    user.locale = user.device_locale = None
    user.deleted_at = now
    session.add(user)
    session.flush()
    return DeletionReport(
        events=events,
        review_cards=cards,
        devices=len(devices),
        memberships=members,
        subscriptions=subs,
        tokens_revoked=tokens,
        reset_links=resets,
        audit_entries_anonymised=audited,
    )


__all__ = ["DeletionReport", "delete_account"]
