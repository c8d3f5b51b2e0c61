"""The coordinator workspace's shapes: cohorts, members, nuggets, drips, sharing."""

from __future__ import annotations

import uuid

from pydantic import (
    Field,
    model_validator,
)

from mmapp.models import NuggetStatus
from mmapp.schemas.base import HHMM, Day, IsoTime, Out, Short, Strict
from mmapp.schemas.content import NuggetIn


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


class CohortRow(Out):
    """One of the viewer's cohorts, with its current member count."""

    id: uuid.UUID
    name: str
    invite_code: str
    timezone: str
    archived: bool
    members: int


class CohortCreated(Out):
    """A new cohort and the code learners join it with."""

    id: uuid.UUID
    invite_code: str


class CohortUpdated(Out):
    """A cohort after a rename, archive or restore."""

    id: uuid.UUID
    name: str
    archived: bool


class PersonOut(Out):
    """Someone in the workspace: a coordinator a cohort is shared with."""

    id: uuid.UUID
    name: str
    email: str


class MemberRow(PersonOut):
    """A current member of a cohort."""

    joined_at: IsoTime


class DripRelease(Out):
    """One release of a drip schedule (times in the cohort's timezone)."""

    slug: str
    title: str
    release_at: IsoTime
    due_at: IsoTime | None


class NuggetRow(Out):
    """One of the viewer's nuggets."""

    slug: str
    title: str
    status: NuggetStatus
    version: int = Field(description="The latest published version (0: never published).")
    skill: str = Field(description="The skill's name.")
    minutes: int


class VersionRow(Out):
    """One published version of a nugget."""

    version: int
    title: str
    published_at: IsoTime


class NuggetDetail(Out):
    """A nugget's working copy as written, its status and its published versions."""

    nugget: NuggetIn
    status: NuggetStatus
    versions: list[VersionRow] = Field(description="Newest first.")


class NuggetState(Out):
    """Where a nugget stands after an import or a retraction."""

    slug: str
    status: NuggetStatus


class NuggetSaved(NuggetState):
    """A saved working copy (learners keep `version` until the next publish)."""

    version: int


class NuggetPublished(Out):
    """The version a publish made."""

    slug: str
    version: int


class ImportOut(Out):
    """The nuggets an archive import saved."""

    imported: list[str] = Field(description="Their slugs.")
