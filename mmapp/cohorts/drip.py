"""Drip schedules: a cohort gets an ordered sequence of nuggets, one per chosen day.

Release times are wall-clock times in the cohort's timezone (07:30 stays 07:30
across DST); each release is announced to members' phones when it happens.
"""

from __future__ import annotations

import datetime as dt
import uuid
import zoneinfo

from sqlmodel import Session

from mmapp import access
from mmapp.models import User
from mmapp.push import announcements
from mmapp.schemas import DripIn, DripRelease


def release_days(start: dt.date, weekdays: list[int], count: int) -> list[dt.date]:
    """The first `count` dates from `start` (inclusive) that fall on `weekdays`."""
    days: list[dt.date] = []
    day = start
    while len(days) < count:
        if day.weekday() in weekdays:
            days.append(day)
        day += dt.timedelta(days=1)
    return days


def schedule(
    *, session: Session, viewer: User, cohort_id: uuid.UUID, plan: DripIn
) -> list[DripRelease]:
    """Assign the nuggets in order, one per release day; returns the schedule.

    Raises:
        NotFoundError: The cohort or a nugget is not the viewer's.
        NotFoundError: A nugget is not published yet.
    """
    cohort = access.managed_cohort(session=session, viewer=viewer, cohort_id=cohort_id)
    nuggets = [access.editable_nugget(session=session, viewer=viewer, slug=s) for s in plan.slugs]
    tz = zoneinfo.ZoneInfo(cohort.timezone)
    hours, minutes = map(int, plan.time.split(":"))
    out: list[DripRelease] = []
    for position, (nugget, day) in enumerate(
        zip(nuggets, release_days(plan.start_date, plan.weekdays, len(nuggets)), strict=True)
    ):
        release = dt.datetime.combine(day, dt.time(hours, minutes), tzinfo=tz)
        due = release + dt.timedelta(days=plan.due_after_days) if plan.due_after_days else None
        announcements.release_to_cohort(
            session=session,
            viewer=viewer,
            cohort_id=cohort.id,
            nugget_id=nugget.id,
            release_at=release,
            due_at=due,
            position=position,
            notify=plan.notify,
        )
        out.append(
            DripRelease(slug=nugget.slug, title=nugget.title, release_at=release, due_at=due)
        )
    return out
