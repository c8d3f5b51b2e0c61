"""Download my data: everything stored about one account (the ZIP: `export_files`).

`COVERAGE` names, for every column that holds a user id, the export section that
carries those rows and the field that identifies each one; a test enumerates the
tables and fails when a new one is not covered. Secrets never leave: no password
hash, no token (only hashes are stored anyway: a reset link shows its dates only),
no push keys (a subscription shows its endpoint's host only).
"""

from __future__ import annotations

import datetime as dt
import urllib.parse

from sqlalchemy import ColumnElement
from sqlmodel import Session, col, select

from mmapp.credentials.ledger import credentials_of
from mmapp.mentoring.views import export_of as mentoring_export
from mmapp.models import (
    Achievement,
    AuditEntry,
    AuthToken,
    Cohort,
    CohortMembership,
    Device,
    DeviceSeqGap,
    IssuedCredential,
    LearnerEvent,
    Nugget,
    PasswordReset,
    PushDelivery,
    PushMessage,
    PushSubscription,
    ReminderPlan,
    ReviewCard,
    Skill,
    SkillsProfile,
    SkillTarget,
    StaffGrant,
    User,
)
from mmapp.progress.projections import compute_progress
from mmapp.schemas import (
    ExportAccount,
    ExportAuditEntry,
    ExportDelivery,
    ExportDevice,
    ExportEvent,
    ExportGrant,
    ExportMade,
    ExportMembership,
    ExportRef,
    ExportReminderPlan,
    ExportResetLink,
    ExportReviewCard,
    ExportSignIn,
    ExportSubscription,
    ExportTarget,
    MyDataExport,
)
from mmapp.schemas.mydata import ExportSkillsProfile
from mmapp.teachback.views import teachbacks_of

# (table, user-id column) -> (section of the export, field naming the row there).
COVERAGE: dict[tuple[str, str], tuple[str, str]] = {
    ("user", "id"): ("account", "id"),
    ("authtoken", "user_id"): ("sign_ins", "device_id"),
    ("cohortmembership", "user_id"): ("memberships", "id"),
    ("device", "user_id"): ("devices", "id"),
    ("learnerevent", "user_id"): ("events", "event_id"),
    ("reviewcard", "user_id"): ("review_cards", "item_id"),
    ("reminderplan", "user_id"): ("reminder_plan", "updated_at"),
    ("pushsubscription", "user_id"): ("push_subscriptions", "id"),
    ("pushdelivery", "user_id"): ("notifications", "id"),
    ("staffgrant", "user_id"): ("staff_grants", "id"),
    ("passwordreset", "user_id"): ("password_resets", "created_at"),
    ("auditentry", "actor_id"): ("audit_entries", "id"),
    ("staffgrant", "granted_by"): ("made_by_you.grants_given", "id"),
    ("cohort", "owner_id"): ("made_by_you.cohorts", "id"),
    ("skill", "owner_id"): ("made_by_you.skills", "id"),
    ("nugget", "created_by"): ("made_by_you.nuggets", "id"),
    ("skilltarget", "set_by"): ("made_by_you.skill_targets", "skill_id"),
    ("pushmessage", "created_by"): ("made_by_you.messages", "id"),
    ("passwordreset", "created_by"): ("made_by_you.reset_links", "created_at"),
    ("issuedcredential", "user_id"): ("credentials", "id"),
    ("achievement", "updated_by"): ("made_by_you.achievements", "id"),
    ("issuedcredential", "revoked_by"): ("made_by_you.revocations", "id"),
    ("skillsprofile", "user_id"): ("skills_profile", "created_at"),
    ("mentorprofile", "user_id"): ("mentoring.profile", "user_id"),
    ("helprequest", "mentee_id"): ("mentoring.asked", "id"),
    ("helprequest", "offered_to"): ("mentoring.offered_to_you", "id"),
    ("mentoringsession", "mentor_id"): ("mentoring.sessions_as_mentor", "id"),
    ("mentoringsession", "mentee_id"): ("mentoring.sessions_as_learner", "id"),
    ("sessionhold", "user_id"): ("mentoring.holds", "cell_at"),
    ("calendarfeed", "user_id"): ("mentoring.calendar_feed", "created_at"),
    ("sessionreflection", "user_id"): ("mentoring.reflections", "id"),
    ("plannedaction", "mentee_id"): ("mentoring.actions", "id"),
    ("teachback", "teacher_id"): ("teachbacks.asked_by_me", "nugget_id"),
    ("teachback", "peer_id"): ("teachbacks.asked_of_me", "nugget_id"),
}


def _grant(g: StaffGrant) -> ExportGrant:
    return ExportGrant(
        id=g.id or 0, cohort_id=g.cohort_id, nugget_id=g.nugget_id, created_at=g.created_at
    )


def _resets(session: Session, which: ColumnElement[bool]) -> list[ExportResetLink]:
    """Reset links (`which`: made for or by the account), by their dates only."""
    query = select(PasswordReset).where(which)
    return [
        ExportResetLink(created_at=r.created_at, expires_at=r.expires_at, used_at=r.used_at)
        for r in session.exec(query.order_by(col(PasswordReset.created_at)))
    ]


def _made(session: Session, user: User) -> ExportMade:
    uid = user.id
    return ExportMade(
        cohorts=[
            ExportRef(id=str(c.id), name=c.name)
            for c in session.exec(select(Cohort).where(col(Cohort.owner_id) == uid))
        ],
        skills=[
            ExportRef(id=str(s.id), name=s.name)
            for s in session.exec(select(Skill).where(col(Skill.owner_id) == uid))
        ],
        nuggets=[
            ExportRef(id=str(n.id), name=n.title)
            for n in session.exec(select(Nugget).where(col(Nugget.created_by) == uid))
        ],
        skill_targets=[
            ExportTarget.model_validate(t, from_attributes=True)
            for t in session.exec(select(SkillTarget).where(col(SkillTarget.set_by) == uid))
        ],
        messages=[
            ExportRef(id=str(m.id), name=m.kind)
            for m in session.exec(select(PushMessage).where(col(PushMessage.created_by) == uid))
        ],
        grants_given=[
            _grant(g)
            for g in session.exec(select(StaffGrant).where(col(StaffGrant.granted_by) == uid))
        ],
        reset_links=_resets(session, col(PasswordReset.created_by) == uid),
        achievements=[
            ExportRef(id=str(a.id), name=a.name)
            for a in session.exec(select(Achievement).where(col(Achievement.updated_by) == uid))
        ],
        revocations=[
            ExportRef(id=str(c.id), name=c.revoked_reason or "")
            for c in session.exec(
                select(IssuedCredential).where(col(IssuedCredential.revoked_by) == uid)
            )
        ],
    )


def _devices(session: Session, user: User) -> list[ExportDevice]:
    devices = list(
        session.exec(
            select(Device).where(Device.user_id == user.id).order_by(col(Device.created_at))
        )
    )
    gaps: dict[str, list[tuple[int, int]]] = {}
    if devices:
        query = select(DeviceSeqGap).where(col(DeviceSeqGap.device_id).in_([d.id for d in devices]))
        for gap in session.exec(query.order_by(col(DeviceSeqGap.first_seq))):
            gaps.setdefault(gap.device_id, []).append((gap.first_seq, gap.last_seq))
    return [
        ExportDevice(
            id=d.id,
            label=d.label,
            created_at=d.created_at,
            last_sync_at=d.last_sync_at,
            max_seq=d.max_seq,
            missing_seqs=gaps.get(d.id, []),
        )
        for d in devices
    ]


def _memberships(session: Session, user: User) -> list[ExportMembership]:
    query = (
        select(CohortMembership, Cohort)
        .join(Cohort, col(Cohort.id) == CohortMembership.cohort_id)
        .where(CohortMembership.user_id == user.id)
        .order_by(col(CohortMembership.joined_at))
    )
    return [
        ExportMembership(
            id=m.id or 0,
            cohort_id=c.id,
            cohort_name=c.name,
            joined_at=m.joined_at,
            left_at=m.left_at,
        )
        for m, c in session.exec(query)
    ]


def _plan(session: Session, user: User) -> ExportReminderPlan | None:
    p = session.get(ReminderPlan, user.id)
    return None if p is None else ExportReminderPlan.model_validate(p, from_attributes=True)


def _profile(session: Session, user: User) -> ExportSkillsProfile | None:
    p = session.get(SkillsProfile, user.id)
    if p is None:
        return None
    return ExportSkillsProfile(
        shared=p.token_hash is not None,
        created_at=p.created_at,
        shared_at=p.shared_at,
        revoked_at=p.revoked_at,
    )


def export_account(*, session: Session, user: User, now: dt.datetime) -> MyDataExport:
    """Everything stored about `user`, read in the caller's (read) transaction."""
    uid = user.id
    events = session.exec(
        select(LearnerEvent).where(LearnerEvent.user_id == uid).order_by(col(LearnerEvent.seq))
    )
    cards = session.exec(
        select(ReviewCard).where(ReviewCard.user_id == uid).order_by(col(ReviewCard.item_id))
    )
    tokens = session.exec(
        select(AuthToken).where(AuthToken.user_id == uid).order_by(col(AuthToken.created_at))
    )
    subs = session.exec(select(PushSubscription).where(PushSubscription.user_id == uid))
    deliveries = session.exec(
        select(PushDelivery).where(PushDelivery.user_id == uid).order_by(col(PushDelivery.id))
    )
    grants = session.exec(
        select(StaffGrant).where(StaffGrant.user_id == uid).order_by(col(StaffGrant.id))
    )
    actions = session.exec(
        select(AuditEntry).where(AuditEntry.actor_id == uid).order_by(col(AuditEntry.id))
    )
    return MyDataExport(
        exported_at=now,
        account=ExportAccount(
            id=uid,
            email=user.email,
            display_name=user.display_name,
            role=user.role,
            timezone=user.timezone,
            created_at=user.created_at,
            disabled_at=user.disabled_at,
            locale=user.locale,
            device_locale=user.device_locale,
        ),
        memberships=_memberships(session, user),
        devices=_devices(session, user),
        sign_ins=[
            ExportSignIn(
                device_id=t.device_id,
                created_at=t.created_at,
                expires_at=t.expires_at,
                revoked_at=t.revoked_at,
            )
            for t in tokens
        ],
        events=[ExportEvent.model_validate(e, from_attributes=True) for e in events],
        progress=compute_progress(session=session, user=user, now=now),
        review_cards=[ExportReviewCard.model_validate(c, from_attributes=True) for c in cards],
        credentials=credentials_of(session=session, user=user),
        reminder_plan=_plan(session, user),
        skills_profile=_profile(session, user),
        push_subscriptions=[
            ExportSubscription(
                id=s.id,
                endpoint_host=urllib.parse.urlsplit(s.endpoint).hostname or "",
                user_agent=s.user_agent,
                created_at=s.created_at,
                last_success_at=s.last_success_at,
            )
            for s in subs
        ],
        notifications=[ExportDelivery.model_validate(d, from_attributes=True) for d in deliveries],
        staff_grants=[_grant(g) for g in grants],
        password_resets=_resets(session, col(PasswordReset.user_id) == uid),
        audit_entries=[ExportAuditEntry.model_validate(a, from_attributes=True) for a in actions],
        made_by_you=_made(session, user),
        mentoring=mentoring_export(session=session, user=user),
        teachbacks=teachbacks_of(session=session, user=user, limit=None),
    )


__all__ = ["COVERAGE", "export_account"]
