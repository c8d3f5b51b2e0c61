"""Typed shapes every layer exchanges: request bodies in, results out (Pydantic).

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
from mmapp.schemas.workspace import CohortIn, CohortPatch, DripIn, MemberIn

__all__ = [
    "EARLIEST",
    "HHMM",
    "LATEST",
    "MAX_DEPTH",
    "MOMENT",
    "CohortIn",
    "CohortPatch",
    "Day",
    "DripIn",
    "ErrorOut",
    "EventIn",
    "EventResult",
    "EventType",
    "JoinIn",
    "LimitsOut",
    "MemberIn",
    "Moment",
    "NotifyIn",
    "NuggetIn",
    "PushIn",
    "PushOut",
    "QuizItemIn",
    "ReleaseIn",
    "ReminderPlanIn",
    "ReminderSlot",
    "Short",
    "SkillIn",
    "Strict",
    "SubscriptionIn",
    "SubscriptionKeys",
    "Text",
    "TokenIn",
    "UnsubscribeIn",
]
