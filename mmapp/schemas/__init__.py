"""Typed shapes every layer exchanges: request bodies in, results and views out (Pydantic).

One module per area; import them from here.
"""

from __future__ import annotations

from mmapp.schemas.base import (
    EARLIEST,
    HHMM,
    LATEST,
    MAX_DEPTH,
    MOMENT,
    Day,
    ErrorOut,
    Moment,
    Short,
    Strict,
    Text,
)
from mmapp.schemas.content import NuggetIn, QuizItemIn, SkillIn
from mmapp.schemas.push import (
    NotifyIn,
    ReleaseIn,
    ReminderPlanIn,
    ReminderSlot,
    SubscriptionIn,
    SubscriptionKeys,
    UnsubscribeIn,
)
from mmapp.schemas.sync import (
    EventIn,
    EventResult,
    EventType,
    JoinIn,
    LimitsOut,
    PushIn,
    PushOut,
    TokenIn,
)
from mmapp.schemas.views import (
    CLIENT_VIEWS,
    AppView,
    FormView,
    PlayerView,
    ProgressView,
    RemindersView,
    SessionView,
    SyncView,
    TodayView,
)
from mmapp.schemas.workspace import CohortIn, CohortPatch, DripIn, MemberIn

__all__ = [
    "CLIENT_VIEWS",
    "EARLIEST",
    "HHMM",
    "LATEST",
    "MAX_DEPTH",
    "MOMENT",
    "AppView",
    "CohortIn",
    "CohortPatch",
    "Day",
    "DripIn",
    "ErrorOut",
    "EventIn",
    "EventResult",
    "EventType",
    "FormView",
    "JoinIn",
    "LimitsOut",
    "MemberIn",
    "Moment",
    "NotifyIn",
    "NuggetIn",
    "PlayerView",
    "ProgressView",
    "PushIn",
    "PushOut",
    "QuizItemIn",
    "ReleaseIn",
    "ReminderPlanIn",
    "ReminderSlot",
    "RemindersView",
    "SessionView",
    "Short",
    "SkillIn",
    "Strict",
    "SubscriptionIn",
    "SubscriptionKeys",
    "SyncView",
    "Text",
    "TodayView",
    "TokenIn",
    "UnsubscribeIn",
]
