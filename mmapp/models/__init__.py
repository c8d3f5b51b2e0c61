"""SQLModel tables, one import path for all: `from mmapp.models import User`.

`core` holds accounts, cohorts, content, assignments, the event log and devices;
`achievements` holds achievements per skill level and the credentials issued for them;
`badges` holds the Ed25519 keys Open Badges credentials are signed with;
`media` holds uploaded pictures;
`mentoring` holds mentor profiles, requests for help, booked sessions and their holds,
each person's secret calendar feed, and reflections, actions and their answers;
`profiles` holds each learner's skills-profile share state (the link's hash);
`push` holds Web Push keys, subscriptions, reminder plans and deliveries;
`reviews` holds each learner's spaced-review cards (a projection of answers);
`skills` holds the cohorts' skill targets (level and date);
`teachbacks` holds peer teach-backs: asks and their confirmations (a projection of events);
`throttle` holds the failed sign-ins the sign-in throttle counts;
`audit` holds the audit log of staff actions and one-time password-reset links.
"""

from mmapp.models.achievements import Achievement, IssuedCredential
from mmapp.models.audit import AuditAction, AuditEntry, PasswordReset
from mmapp.models.badges import BadgeKey
from mmapp.models.core import (
    Assignment,
    AuthToken,
    Cohort,
    CohortMembership,
    ContentSeq,
    Device,
    DeviceSeqGap,
    LearnerEvent,
    Nugget,
    NuggetRevision,
    NuggetStatus,
    QuizItem,
    QuizKind,
    Role,
    Skill,
    StaffGrant,
    User,
    UTCDateTime,
    utcnow,
)
from mmapp.models.media import MediaBlob
from mmapp.models.mentoring import (
    ActionAnswer,
    ActionState,
    CalendarFeed,
    HelpRequest,
    MentoringSession,
    MentorProfile,
    PlannedAction,
    RequestStatus,
    SessionHold,
    SessionReflection,
    SessionStatus,
)
from mmapp.models.profiles import SkillsProfile
from mmapp.models.push import (
    DeliveryStatus,
    PushDelivery,
    PushMessage,
    PushSubscription,
    ReminderPlan,
    VapidKey,
)
from mmapp.models.reviews import ReviewCard
from mmapp.models.skills import SkillTarget
from mmapp.models.teachbacks import TeachBack
from mmapp.models.throttle import SignInFailure

__all__ = [
    "Achievement",
    "ActionAnswer",
    "ActionState",
    "Assignment",
    "AuditAction",
    "AuditEntry",
    "AuthToken",
    "BadgeKey",
    "CalendarFeed",
    "Cohort",
    "CohortMembership",
    "ContentSeq",
    "DeliveryStatus",
    "Device",
    "DeviceSeqGap",
    "HelpRequest",
    "IssuedCredential",
    "LearnerEvent",
    "MediaBlob",
    "MentorProfile",
    "MentoringSession",
    "Nugget",
    "NuggetRevision",
    "NuggetStatus",
    "PasswordReset",
    "PlannedAction",
    "PushDelivery",
    "PushMessage",
    "PushSubscription",
    "QuizItem",
    "QuizKind",
    "ReminderPlan",
    "RequestStatus",
    "ReviewCard",
    "Role",
    "SessionHold",
    "SessionReflection",
    "SessionStatus",
    "SignInFailure",
    "Skill",
    "SkillTarget",
    "SkillsProfile",
    "StaffGrant",
    "TeachBack",
    "UTCDateTime",
    "User",
    "VapidKey",
    "utcnow",
]
