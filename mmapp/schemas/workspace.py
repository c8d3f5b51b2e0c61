"""The coordinator workspace's shapes: cohorts, members, drip schedules."""

from __future__ import annotations

from pydantic import (
    Field,
    model_validator,
)

from mmapp.schemas.base import HHMM, Day, Short, Strict


class CohortIn(Strict):
    """A new cohort."""

    name: Short
    timezone: str = Field(default="UTC", max_length=64)


class CohortPatch(Strict):
    """Rename, archive or restore a cohort, or move its timezone."""

    name: Short | None = None
    archived: bool | None = None
    timezone: str | None = Field(default=None, max_length=64)


class MemberIn(Strict):
    """Add an existing account to a cohort."""

    email: str = Field(min_length=3, max_length=254)


class DripIn(Strict):
    """Release nuggets to a cohort one per chosen day, in order, at a local time."""

    slugs: list[str] = Field(min_length=1, max_length=60)
    start_date: Day
    time: HHMM = "07:30"
    weekdays: list[int] = Field(default_factory=lambda: [0, 1, 2, 3, 4], min_length=1, max_length=7)
    due_after_days: int | None = Field(default=None, ge=1, le=60)
    notify: bool = True

    @model_validator(mode="after")
    def _check(self) -> DripIn:
        if any(not 0 <= d <= 6 for d in self.weekdays):
            raise ValueError("weekdays are 0 (Monday) to 6 (Sunday)")
        if len(set(self.slugs)) != len(self.slugs):
            raise ValueError("a nugget is listed twice")
        return self
