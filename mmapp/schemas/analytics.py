"""What coordinators see of learners: cohort analytics tables and device sync health.

Analytics rows are flat (ready for a chart, a table on screen or a CSV file), so
their values are plain: days as ISO dates, a never-synced device as "".
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from pydantic import Field

from mmapp.schemas.base import IsoTime, Out


class LearnerRow(Out):
    """A member's pace: released nuggets finished, overdue, and whether they are behind."""

    learner: str
    email: str
    done: int
    released: int
    overdue: int
    behind: bool = Field(description="Anything overdue, or three or more released not done.")
    status: str = Field(description='"behind" or "on track".')


class CompletionRow(Out):
    """Nuggets first completed on a day (cohort timezone), and the running total."""

    day: dt.date
    completed: int
    cumulative: int


class ItemRow(Out):
    """How one quiz item went at the first try."""

    nugget: str
    prompt: str
    answered: int
    correct: int
    share_correct: float
    right_first_time: str = Field(description='The share as a percentage, "75%".')
    most_chosen_wrong: str


class HourRow(Out):
    """Minutes of nuggets completed in one hour of the day (cohort timezone)."""

    hour: int
    minutes: int


class DeviceRow(Out):
    """A member's device and its last sync."""

    learner: str
    device: str = Field(description="Its label, or its id when unlabelled.")
    last_sync_at: str = Field(description="ISO time of the last sync; empty if never.")
    max_seq: int


class CohortAnalytics(Out):
    """Every analytics table of one cohort."""

    learners: list[LearnerRow]
    completion: list[CompletionRow]
    items: list[ItemRow]
    hours: list[HourRow]
    devices: list[DeviceRow]

    def rows(self, table: str) -> list[dict[str, Any]]:
        """One table as plain rows (JSON values), for a CSV file or a page's state."""
        return [row.model_dump(mode="json") for row in getattr(self, table)]


class LearnerRef(Out):
    """Whose device it is."""

    id: uuid.UUID
    email: str
    name: str


class DeviceHealth(Out):
    """A learner device: last sync, highest event number, and events never received."""

    device_id: str
    label: str
    learner: LearnerRef
    last_sync_at: IsoTime | None
    max_seq: int
    missing_seqs: list[tuple[int, int]] = Field(description="Inclusive ranges of gaps.")
    missing_count: int


class SkillRecallRow(Out):
    """Predicted recall today of one skill's quiz items, over the members with cards."""

    skill: str
    items: int = Field(description="Quiz items with at least one member's card.")
    learners: int = Field(description="Members with a card for any of them.")
    recall: float = Field(description="Average retrievability (0-1) over those cards.")
    recall_pct: str = Field(description='The average as a percentage, "85%".')


class ItemRecallRow(Out):
    """Predicted recall today of one quiz item, over the members with a card for it."""

    skill: str
    nugget: str
    prompt: str
    learners: int
    recall: float
    recall_pct: str


class OverdueRow(Out):
    """A member with reviews overdue: due before their local today."""

    learner: str
    email: str
    overdue: int = Field(description="Cards due before the learner's local today.")
    oldest_due: dt.date


class ReviewDayRow(Out):
    """Review answers on one day: card days answered in a review session (local dates)."""

    day: dt.date
    reviews: int


class ReviewAnalytics(Out):
    """How a cohort's current members hold what they learned (spaced review)."""

    recall_skills: list[SkillRecallRow]
    recall_items: list[ItemRecallRow]
    overdue: list[OverdueRow]
    reviews: list[ReviewDayRow] = Field(description="The last 28 days, oldest first.")

    def rows(self, table: str) -> list[dict[str, Any]]:
        """One table as plain rows (JSON values), for a CSV file or a page's state."""
        return [row.model_dump(mode="json") for row in getattr(self, table)]


class MentoringOutcomeRow(Out):
    """What mentoring and teach-back did for a cohort's members in one skill."""

    skill: str
    requests: int = Field(description="Help requests the members asked in the skill.")
    matches: int = Field(description="Of those, the ones a mentor accepted.")
    sessions_held: int = Field(description="Booked sessions of those requests that are over.")
    median_rating: float | None = Field(description="The learners' median rating (1-4).")
    good_fit_share: float | None = Field(description="Reflections saying the fit was good (0-1).")
    good_fit_pct: str = Field(description='The same share as a percentage, "75%".')
    actions_planned: int = Field(description="Actions the learners planned after sessions.")
    actions_done_14d: int = Field(description="Of those, done within 14 days of their day.")
    rated_learners: int = Field(description="Learners with a self-rating before and after.")
    rating_before: float | None = Field(description="Their median self-rating when asking.")
    rating_after: float | None = Field(description="Their median self-rating 14 days later.")
    teachbacks_asked: int = Field(description="Teach-backs the members asked colleagues for.")
    teachbacks_confirmed: int = Field(description="Of those, the ones the colleague confirmed.")


class MentoringOutcomes(Out):
    """A cohort's mentoring and teach-back outcomes, one row per skill."""

    mentoring: list[MentoringOutcomeRow]

    def rows(self, table: str) -> list[dict[str, Any]]:
        """One table as plain rows (JSON values), for a CSV file or a page's state."""
        return [row.model_dump(mode="json") for row in getattr(self, table)]
