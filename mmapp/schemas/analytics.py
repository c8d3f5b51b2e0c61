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
