"""What devices pull: published nugget versions, the learner's progress, pages of changes.

`NuggetSnapshot` is what a published version freezes (answers are graded against it);
`DeviceNugget` is that version as a phone receives it, its Markdown parts turned into
sanitised HTML. Field order is the order devices have always received.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Literal

from pydantic import Field, model_serializer
from pydantic_core.core_schema import SerializerFunctionWrapHandler

from mmapp.models import QuizKind
from mmapp.schemas.badges import CredentialOut
from mmapp.schemas.base import IsoTime, Out
from mmapp.schemas.push import ReminderSlot
from mmapp.schemas.reviews import ReviewCardOut
from mmapp.schemas.skills import SkillStanding, WorkEventOut
from mmapp.schemas.teachbacks import ColleagueOut, TeachBackOut
from mmapp.schemas.words import Words


class SkillRef(Out):
    """The micro-skill a nugget belongs to."""

    id: uuid.UUID
    slug: str
    name: str


class SnapshotQuizItem(Out):
    """A quiz item as published (with the answer key: devices grade offline)."""

    id: uuid.UUID
    kind: QuizKind
    prompt: str
    options: list[str]
    correct: list[int]
    accepted_answers: list[str]
    explanation: str


class NuggetSnapshot(Out):
    """One published version of a nugget, as stored (Markdown parts)."""

    id: uuid.UUID
    slug: str
    version: int
    title: str
    summary: str
    minutes: int
    skill: SkillRef | None
    context: str
    way_in: str
    practice_steps: list[str]
    payoff: str
    quiz: list[SnapshotQuizItem]
    # Added later: snapshots stored before them read as level 1 with no prerequisites.
    level: int = 1
    prerequisites: list[str] = Field(default_factory=list)


class DeviceQuizItem(Out):
    """A quiz item as devices get it: its explanation as safe HTML."""

    id: uuid.UUID
    kind: QuizKind
    prompt: str
    options: list[str]
    correct: list[int]
    accepted_answers: list[str]
    explanation_html: str


class DeviceAssignment(Out):
    """When the learner's cohort got the nugget, when it is due, and its place."""

    release_at: IsoTime
    due_at: IsoTime | None
    position: int


class DeviceNugget(Out):
    """A nugget version as devices store it: parts as sanitised HTML, plus its assignment."""

    id: uuid.UUID
    slug: str
    version: int
    title: str
    summary: str
    minutes: int
    skill: SkillRef | None
    practice_steps: list[str]
    quiz: list[DeviceQuizItem]
    context_html: str
    way_in_html: str
    payoff_html: str
    assignment: DeviceAssignment
    level: int = Field(default=1, description="The step of its skill's 0-4 scale (1-4).")
    prerequisites: list[str] = Field(
        default_factory=list, description="Slugs of the nuggets to take first (any skill)."
    )


class QuizScore(Out):
    """First-try quiz result on one nugget (the latest version answered)."""

    answered: int
    correct: int
    total: int


class SkillProgress(Out):
    """How many of a skill's given nuggets the learner finished, and the level reached."""

    slug: str
    name: str
    done: int
    total: int
    level: Literal["", "started", "practised", "proficient", "mastered"] = Field(
        description='"" before any nugget is done (`mmapp.progress.mastery`).'
    )
    level_label: str = Field(
        description='The level in English ("Not started", "Started", ...): the phone words `level`.'
    )
    next_step: str = Field(description="What the next level needs (English); empty once mastered.")
    next_step_words: Words | None = Field(
        default=None, description="The next step for the phone to word (None once mastered)."
    )
    recall: float = Field(
        description="Average predicted recall today (0-1) over the skill's items with a card."
    )


class StreakBase(Out):
    """The streak at the start of the recent window, for a phone to walk on from."""

    start: dt.date = Field(description="First local day of the window.")
    streak: int
    freezes_held: int
    freezes_used: list[dt.date] = Field(description="Days frozen in that streak so far.")


class ProgressOut(Out):
    """A learner's progress, projected from their events (days in their timezone)."""

    completed: dict[uuid.UUID, dt.date] = Field(
        description="Each finished nugget and the day it was first finished."
    )
    nuggets_done: int
    minutes: int
    streak: int
    last_active_day: dt.date | None
    today: dt.date
    timezone: str
    scores: dict[uuid.UUID, QuizScore]
    skills: list[SkillProgress]
    events_stored: int
    goal_minutes: int = Field(description="Daily goal (mmapp.progress.streaks has the rule).")
    today_minutes: int
    goal_met_today: bool
    freezes_held: int
    freezes_used: list[dt.date] = Field(description="Days a freeze kept the current streak.")
    recent_minutes: dict[dt.date, int] = Field(
        description="Minutes of each of the last 14 local days (reviews included)."
    )
    recent_reviews: dict[dt.date, int] = Field(
        description="Reviews counted in each of those days (30 s each)."
    )
    streak_base: StreakBase
    standing: list[SkillStanding] = Field(
        default_factory=list,
        description="Where the learner stands in each skill of their nuggets, by skill name.",
    )
    commute_slots: list[ReminderSlot] = Field(
        default_factory=list,
        description="The learner's commute times (Reminders page): the week plan's slots.",
    )
    work: list[WorkEventOut] = Field(
        default_factory=list,
        description="The learner's work-practice commitments and reflections, in time order.",
    )
    credentials: list[CredentialOut] = Field(
        default_factory=list,
        description="The learner's issued credentials, newest first (the pull fills it).",
    )
    teachbacks: list[TeachBackOut] = Field(
        default_factory=list,
        description="Teach-backs I asked for and was asked to, newest first (the pull fills it).",
    )
    colleagues: list[ColleagueOut] = Field(
        default_factory=list,
        description="Whom I may ask to hear me teach back, by name (the pull fills it).",
    )


class PullOut(Out):
    """One page of content changes since a cursor."""

    reset: bool = Field(description="Replace the device's nuggets with what follows.")
    nuggets: list[DeviceNugget]
    tombstones: list[uuid.UUID] = Field(description="Nuggets the device must drop.")
    cursor: str = Field(description="Opaque: send it back as `cursor` on the next pull.")
    has_more: bool
    progress: ProgressOut | None = Field(
        default=None, description="On the last page only (the key is absent otherwise)."
    )
    reviews: list[ReviewCardOut] | None = Field(
        default=None,
        description=(
            "Review cards changed since `reviews_after` (all of them when `reviews_full`);"
            " on the last page only (absent otherwise)."
        ),
    )
    reviews_version: int | None = Field(
        default=None,
        description="Send it back as `reviews_after` on the next pull (last page only).",
    )
    reviews_full: bool | None = Field(
        default=None,
        description="Replace the device's cards with `reviews` (else merge them by item).",
    )

    # No return annotation on purpose: one would make pydantic document the whole
    # page as a free-form object instead of these fields (so mypy is told to let it be).
    @model_serializer(mode="wrap")
    def _omit_progress(self, handler: SerializerFunctionWrapHandler):  # type: ignore[no-untyped-def]
        data = handler(self)
        if self.progress is None:
            data.pop("progress", None)
        if self.reviews is None:
            for key in ("reviews", "reviews_version", "reviews_full"):
                data.pop(key, None)
        return data
