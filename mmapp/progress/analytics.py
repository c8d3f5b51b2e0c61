"""What a coordinator sees of a cohort: who is learning what, what is hard, when.

All projections of the append-only event log (graded on the version answered),
in the cohort's timezone. Each table is a list of flat rows, ready for a chart,
a table on screen or a CSV file.
"""

from __future__ import annotations

import collections
import csv
import datetime as dt
import io
import uuid
import zoneinfo
from collections.abc import Mapping, Sequence
from typing import Any

from sqlmodel import Session, col, select

from mmapp import access
from mmapp.content.grading import grade
from mmapp.i18n.columns import header
from mmapp.models import (
    Assignment,
    CohortMembership,
    Device,
    LearnerEvent,
    Nugget,
    User,
    utcnow,
)
from mmapp.progress.projections import Snapshots, activity_time, snapshots
from mmapp.schemas import (
    CohortAnalytics,
    CompletionRow,
    DeviceRow,
    HourRow,
    ItemRow,
    LearnerRow,
)

TABLES = ("learners", "completion", "items", "hours", "devices")


def current_members(session: Session, cohort_id: uuid.UUID) -> dict[uuid.UUID, User]:
    """A cohort's members now (not those who left), by id."""
    return {
        u.id: u
        for u in session.exec(
            select(User)
            .join(CohortMembership, col(CohortMembership.user_id) == User.id)
            .where(CohortMembership.cohort_id == cohort_id, col(CohortMembership.left_at).is_(None))
        )
    }


def cohort_analytics(
    *, session: Session, viewer: User, cohort_id: uuid.UUID, now: dt.datetime | None = None
) -> CohortAnalytics:
    """Every analytics table for one of the viewer's cohorts."""
    cohort = access.managed_cohort(session=session, viewer=viewer, cohort_id=cohort_id)
    now, tz = now or utcnow(), zoneinfo.ZoneInfo(cohort.timezone)
    people = current_members(session, cohort.id)
    assignments = [
        a
        for a in session.exec(select(Assignment).where(Assignment.cohort_id == cohort.id))
        if a.removed_at is None
    ]
    nugget_ids = {a.nugget_id for a in assignments}
    titles = {
        n.id: n.title for n in session.exec(select(Nugget).where(col(Nugget.id).in_(nugget_ids)))
    }
    events = list(
        session.exec(
            select(LearnerEvent)
            .where(
                col(LearnerEvent.user_id).in_(people), col(LearnerEvent.nugget_id).in_(nugget_ids)
            )
            .order_by(col(LearnerEvent.seq))
        )
    )
    snaps = snapshots(session, {(e.nugget_id, e.nugget_version) for e in events})
    done: dict[tuple[uuid.UUID, uuid.UUID], LearnerEvent] = {}
    for e in events:
        if e.type == "nugget_completed":
            done.setdefault((e.user_id, e.nugget_id), e)
    return CohortAnalytics(
        learners=_learners(people, assignments, done, now),
        completion=_completion(done, tz),
        items=_items(events, titles, snaps),
        hours=_hours(done, tz, snaps),
        devices=_devices(session, people),
    )


# Each learner's first completion of each nugget, by (user id, nugget id).
_Done = Mapping[tuple[uuid.UUID, uuid.UUID], LearnerEvent]


def _learners(
    people: Mapping[uuid.UUID, User],
    assignments: Sequence[Assignment],
    done: _Done,
    now: dt.datetime,
) -> list[LearnerRow]:
    released = [a for a in assignments if a.release_at <= now]
    rows: list[LearnerRow] = []
    for uid, user in sorted(people.items(), key=lambda p: p[1].display_name):
        finished = sum((uid, a.nugget_id) in done for a in released)
        overdue = sum(
            1 for a in released if a.due_at and a.due_at < now and (uid, a.nugget_id) not in done
        )
        behind = overdue > 0 or len(released) - finished >= 3
        rows.append(
            LearnerRow(
                learner=user.display_name,
                email=user.email,
                done=finished,
                released=len(released),
                overdue=overdue,
                behind=behind,
                status="behind" if behind else "on track",
            )
        )
    return rows


def _completion(done: _Done, tz: dt.tzinfo) -> list[CompletionRow]:
    per_day = collections.Counter(activity_time(e).astimezone(tz).date() for e in done.values())
    total = 0
    rows: list[CompletionRow] = []
    for day in sorted(per_day):
        total += per_day[day]
        rows.append(CompletionRow(day=day, completed=per_day[day], cumulative=total))
    return rows


def _items(
    events: Sequence[LearnerEvent], titles: Mapping[uuid.UUID, str], snaps: Snapshots
) -> list[ItemRow]:
    first: dict[tuple[uuid.UUID, str], tuple[dict[str, Any], dict[str, Any]]] = {}
    for e in events:
        item_id = str(e.payload.get("item_id"))
        if e.type != "quiz_answered" or (e.user_id, item_id) in first:
            continue
        snap = snaps.get((e.nugget_id, e.nugget_version)) or {}
        item = next((i for i in snap.get("quiz", []) if i["id"] == item_id), None)
        if item is not None:
            first[(e.user_id, item_id)] = (item, {**e.payload, "nugget_id": e.nugget_id})
    stats: dict[str, dict[str, Any]] = {}
    for item, payload in first.values():
        row = stats.setdefault(
            item["id"],
            {
                "nugget": titles.get(payload["nugget_id"], ""),
                "prompt": item["prompt"],
                "answered": 0,
                "correct": 0,
                "wrong": collections.Counter(),
            },
        )
        row["answered"] += 1
        if grade(item, payload.get("answer", {})):
            row["correct"] += 1
        else:
            row["wrong"][_answer_text(item, payload.get("answer", {}))] += 1
    rows = []
    for row in stats.values():
        wrong = row.pop("wrong")
        share = round(row["correct"] / row["answered"], 2)
        rows.append(
            ItemRow(
                **row,
                share_correct=share,
                right_first_time=f"{round(100 * share)}%",
                most_chosen_wrong=wrong.most_common(1)[0][0] if wrong else "",
            )
        )
    return sorted(rows, key=lambda r: (r.share_correct, -r.answered))


def _answer_text(item: dict[str, Any], answer: dict[str, Any]) -> str:
    if item["kind"] == "short_answer":
        return str(answer.get("text", "")).strip()
    options = item.get("options", [])
    return " + ".join(options[c] for c in answer.get("choices", []) if 0 <= c < len(options))


def _hours(done: _Done, tz: dt.tzinfo, snaps: Snapshots) -> list[HourRow]:
    per_hour: collections.Counter[int] = collections.Counter()
    for e in done.values():
        snap = snaps.get((e.nugget_id, e.nugget_version)) or {}
        per_hour[activity_time(e).astimezone(tz).hour] += snap.get("minutes", 0)
    return [HourRow(hour=h, minutes=per_hour.get(h, 0)) for h in range(24)]


def _devices(session: Session, people: Mapping[uuid.UUID, User]) -> list[DeviceRow]:
    rows = session.exec(
        select(Device).where(col(Device.user_id).in_(people)).order_by(col(Device.id))
    )
    return [
        DeviceRow(
            learner=people[d.user_id].display_name,
            device=d.label or d.id,
            last_sync_at=d.last_sync_at.isoformat() if d.last_sync_at else "",
            max_seq=d.max_seq,
        )
        for d in rows
    ]


# A cell starting with one of these is a formula to a spreadsheet (OWASP "CSV injection").
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: Any) -> Any:
    """A value as a spreadsheet may open it: text that would run as a formula gets a quote."""
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value


def to_csv(rows: Sequence[Mapping[str, Any]], locale: str | None = None) -> str:
    """One table as CSV (header from the first row's keys), from `CohortAnalytics.rows`.

    Text that a spreadsheet would run as a formula (a learner named "=HYPERLINK(…)") is
    written with a leading apostrophe; numbers are written as they are. The header is
    in `locale` (English, the default: the field names).
    """
    out = io.StringIO()
    if rows:
        columns = list(rows[0])
        writer = csv.DictWriter(out, fieldnames=columns)
        writer.writerow(dict(zip(columns, header(locale, columns), strict=True)))
        writer.writerows({k: _cell(v) for k, v in row.items()} for row in rows)
    return out.getvalue()
