"""Typed shapes every layer exchanges (Pydantic), one module per area: import them from here."""

from __future__ import annotations

from mmapp.schemas.account import AccountOut, CohortRef, JoinOut, LocaleOut, TokenOut
from mmapp.schemas.admin import AccountRow, AuditOut, DisabledIn, ResetIn, ResetLinkOut, RoleIn
from mmapp.schemas.analytics import (
    CohortAnalytics,
    CompletionRow,
    DeviceHealth,
    DeviceRow,
    HourRow,
    ItemRecallRow,
    ItemRow,
    LearnerRef,
    LearnerRow,
    OverdueRow,
    ReviewAnalytics,
    ReviewDayRow,
    SkillRecallRow,
)
from mmapp.schemas.app_views import AppView, RemindersView
from mmapp.schemas.badges import AchievementIn, AchievementOut, CredentialOut, IssuedOut, RevokeIn
from mmapp.schemas.base import (
    EARLIEST,
    HHMM,
    LATEST,
    MAX_DEPTH,
    MOMENT,
    Day,
    ErrorOut,
    IdOut,
    IsoTime,
    Moment,
    Out,
    Short,
    StatusOut,
    Strict,
    Text,
)
from mmapp.schemas.cohort_skills import (
    CohortSkills,
    GoalAtRisk,
    LearnerSkills,
    MemberName,
    SkillCell,
    SkillColumn,
    SkillCsvRow,
    SkillGap,
    TargetField,
)
from mmapp.schemas.content import NuggetIn, QuizItemIn, SkillIn
from mmapp.schemas.mentoring import (
    BookIn,
    FeedOut,
    HelpRequestIn,
    HelpRequestOut,
    MatchOut,
    MentoringOut,
    MentorProfileIn,
    MentorProfileOut,
    MentorSkill,
    SessionOut,
    SkillChoiceOut,
    SlotsOut,
    Window,
)
from mmapp.schemas.mydata import (
    DeleteAccountIn,
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
from mmapp.schemas.profile import ProfileOut, ProfileShareView, ProfileSkill, ProfileView, ShareOut
from mmapp.schemas.pull import (
    DeviceAssignment,
    DeviceNugget,
    DeviceQuizItem,
    NuggetSnapshot,
    ProgressOut,
    PullOut,
    QuizScore,
    SkillProgress,
    SkillRef,
    SnapshotQuizItem,
    StreakBase,
)
from mmapp.schemas.push import (
    DeliveryFailure,
    DeliveryReport,
    NotifyIn,
    ReleaseIn,
    ReleaseOut,
    ReminderPlanIn,
    ReminderPlanOut,
    ReminderSlot,
    SubscriptionIn,
    SubscriptionKeys,
    SubscriptionOut,
    UnsubscribeIn,
    VapidKeyOut,
)
from mmapp.schemas.reflections import (
    ActionIn,
    ActionOut,
    AnswerIn,
    AnswerOut,
    HeldSessionOut,
    PlannedOut,
    ReflectionIn,
    ReflectionOut,
    SkillHistoryOut,
)
from mmapp.schemas.reviews import CardStateOut, ReviewCardOut, ReviewDayOut
from mmapp.schemas.skills import (
    SkillStanding,
    TargetIn,
    TargetOut,
    TargetsIn,
    TargetsOut,
    WorkEventOut,
)
from mmapp.schemas.sync import (
    EventIn,
    EventResult,
    EventType,
    JoinIn,
    LimitsOut,
    LocaleIn,
    PushIn,
    PushOut,
    TokenIn,
)
from mmapp.schemas.teachbacks import ColleagueOut, TeachBackOut, TeachBacksOut, TeachGuide
from mmapp.schemas.views import (
    CLIENT_VIEWS,
    FormView,
    MyDataView,
    PlayerView,
    ProgressView,
    SessionView,
    SyncView,
    TodayView,
)
from mmapp.schemas.words import DayParam, Words
from mmapp.schemas.workspace import (
    CohortCreated,
    CohortIn,
    CohortPatch,
    CohortRow,
    CohortUpdated,
    DripIn,
    DripRelease,
    ImportOut,
    MemberIn,
    MemberRow,
    NuggetDetail,
    NuggetPublished,
    NuggetRow,
    NuggetSaved,
    NuggetState,
    PersonOut,
    VersionRow,
)

# One line per few names: the list is long, and every name is imported above.
# fmt: off
__all__ = [
    "CLIENT_VIEWS", "EARLIEST", "HHMM", "LATEST", "MAX_DEPTH", "MOMENT", "AccountOut",
    "AccountRow", "AchievementIn", "AchievementOut", "ActionIn", "ActionOut", "AnswerIn",
    "AnswerOut", "AppView", "AuditOut", "BookIn",
    "CardStateOut", "CohortAnalytics", "CohortCreated", "CohortIn", "CohortPatch", "CohortRef",
    "CohortRow", "CohortSkills", "CohortUpdated", "ColleagueOut", "CompletionRow",
    "CredentialOut", "Day", "DayParam",
    "DeleteAccountIn", "DeliveryFailure", "DeliveryReport", "DeviceAssignment", "DeviceHealth",
    "DeviceNugget", "DeviceQuizItem", "DeviceRow", "DisabledIn", "DripIn", "DripRelease",
    "ErrorOut", "EventIn", "EventResult", "EventType", "ExportAccount", "ExportAuditEntry",
    "ExportDelivery", "ExportDevice", "ExportEvent", "ExportGrant", "ExportMade",
    "ExportMembership", "ExportRef", "ExportReminderPlan", "ExportResetLink",
    "ExportReviewCard", "ExportSignIn", "ExportSubscription", "ExportTarget", "FeedOut",
    "FormView", "GoalAtRisk", "HeldSessionOut", "HelpRequestIn", "HelpRequestOut", "HourRow",
    "IdOut",
    "ImportOut", "IsoTime", "IssuedOut", "ItemRecallRow", "ItemRow", "JoinIn", "JoinOut",
    "LearnerRef", "LearnerRow", "LearnerSkills", "LimitsOut", "LocaleIn", "LocaleOut",
    "MatchOut", "MemberIn", "MemberName", "MemberRow", "MentorProfileIn", "MentorProfileOut",
    "MentorSkill",
    "MentoringOut", "Moment", "MyDataExport", "MyDataView", "NotifyIn", "NuggetDetail",
    "NuggetIn", "NuggetPublished", "NuggetRow", "NuggetSaved", "NuggetSnapshot", "NuggetState",
    "Out", "OverdueRow", "PersonOut", "PlannedOut", "PlayerView", "ProfileOut",
    "ProfileShareView",
    "ProfileSkill", "ProfileView", "ProgressOut", "ProgressView", "PullOut", "PushIn",
    "PushOut", "QuizItemIn", "QuizScore", "ReflectionIn", "ReflectionOut", "ReleaseIn",
    "ReleaseOut", "ReminderPlanIn",
    "ReminderPlanOut", "ReminderSlot", "RemindersView", "ResetIn", "ResetLinkOut",
    "ReviewAnalytics", "ReviewCardOut", "ReviewDayOut", "ReviewDayRow", "RevokeIn", "RoleIn",
    "SessionOut", "SessionView", "ShareOut", "Short", "SkillCell", "SkillChoiceOut",
    "SkillColumn", "SkillCsvRow", "SkillGap", "SkillHistoryOut", "SkillIn", "SkillProgress",
    "SkillRecallRow", "SkillRef", "SkillStanding",
    "SlotsOut", "SnapshotQuizItem", "StatusOut", "StreakBase", "Strict", "SubscriptionIn",
    "SubscriptionKeys", "SubscriptionOut", "SyncView", "TargetField", "TargetIn", "TargetOut",
    "TargetsIn", "TargetsOut", "TeachBackOut",
    "TeachBacksOut", "TeachGuide", "Text", "TodayView", "TokenIn", "TokenOut", "UnsubscribeIn",
    "VapidKeyOut", "VersionRow", "Window", "Words", "WorkEventOut",
]
# fmt: on
