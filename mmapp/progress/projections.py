"""A learner's progress, rebuilt deterministically from their event log.

Completion, first-try quiz scores, minutes, the daily goal and streak (in the
learner's own timezone; the rule is in `mmapp.progress.streaks`) and per-skill
progress are projections of `LearnerEvent` rows and the review cards folded from
them: nothing here is stored, so the same events always give the same answer.
"""

from __future__ import annotations

import datetime as dt
import uuid
import zoneinfo
from collections import Counter, defaultdict
from collections.abc import Collection, Iterable
from typing import Any, Protocol

import sqlalchemy as sa
from sqlmodel import Session, col, func, select

from mmapp.clock import plausible_time
from mmapp.content.assignments import Given, given_nuggets
from mmapp.content.grading import grade
from mmapp.models import (
    LearnerEvent,
    NuggetRevision,
    ReminderPlan,
    ReviewCard,
    Skill,
    User,
    utcnow,
)
from mmapp.progress.mastery import skill_level
from mmapp.progress.standing import STANDING_TYPES, cohort_targets, latest_marks, skill_standing
from mmapp.progress.streaks import (
    DEFAULT_GOAL_MINUTES,
    day_minutes,
    streak_state,
    window,
)
from mmapp.progress.work import WORK_TYPES, tried_at_work, work_log
from mmapp.reviews.cards import LEARNER_LOG, cards_of
from mmapp.schemas import ProgressOut, QuizScore, ReminderSlot, SkillProgress, StreakBase
from mmapp.teachback.evidence import taught_nuggets

# Published snapshots (`NuggetRevision.snapshot`) by (nugget id, version).
Snapshots = dict[tuple[uuid.UUID, int], dict[str, Any]]


class EventRow(Protocol):
    """The columns of a `LearnerEvent` the projections read (an ORM row or a Core row)."""

    type: str
    nugget_id: uuid.UUID
    nugget_version: int
    payload: dict[str, Any]
    client_ts: dt.datetime
    received_at: dt.datetime


def activity_time(event: EventRow) -> dt.datetime:
    """When an event most plausibly happened (`clock.plausible_time`)."""
    return plausible_time(event.client_ts, event.received_at)


def snapshots(session: Session, keys: set[tuple[uuid.UUID, int]]) -> Snapshots:
    """Frozen snapshots of the given (nugget id, version) pairs, in one query.

    Only those versions are read (each is a JSON document to parse), not every
    version of those nuggets.
    """
    if not keys:
        return {}
    wanted = sa.tuple_(col(NuggetRevision.nugget_id), col(NuggetRevision.version)).in_(sorted(keys))
    rows = session.exec(select(NuggetRevision).where(wanted))
    return {(r.nugget_id, r.version): r.snapshot for r in rows}


# The events progress reads: completions and quiz answers (reviews come from cards).
PROGRESS_TYPES = ["nugget_completed", "quiz_answered"]


def quiz_scores(events: Iterable[EventRow], snaps: Snapshots) -> dict[uuid.UUID, QuizScore]:
    """First-try score per nugget, on the latest version the learner answered."""
    answers: dict[tuple[uuid.UUID, int], list[EventRow]] = defaultdict(list)
    latest: dict[uuid.UUID, int] = {}
    for e in events:
        if e.type == "quiz_answered":
            answers[(e.nugget_id, e.nugget_version)].append(e)
            latest[e.nugget_id] = max(latest.get(e.nugget_id, 0), e.nugget_version)
    scores: dict[uuid.UUID, QuizScore] = {}
    for nugget_id, version in latest.items():
        snap = snaps.get((nugget_id, version))
        if snap is None:
            continue
        items = {i["id"]: i for i in snap["quiz"]}
        first: dict[str, bool] = {}
        for e in answers[(nugget_id, version)]:  # in log order: the first answer counts
            item = items.get(e.payload.get("item_id"))
            if item is not None and item["id"] not in first:
                first[item["id"]] = grade(item, e.payload.get("answer", {}))
        scores[nugget_id] = QuizScore(
            answered=len(first), correct=sum(first.values()), total=len(items)
        )
    return scores


def goal_minutes(session: Session, user_id: uuid.UUID) -> int:
    """The learner's daily goal: their reminder plan's, or the default."""
    plan = session.get(ReminderPlan, user_id)
    return plan.daily_goal_minutes if plan is not None else DEFAULT_GOAL_MINUTES


def commute_slots(session: Session, user_id: uuid.UUID) -> list[ReminderSlot]:
    """The learner's commute slots from their reminder plan (whether reminders ring or not)."""
    plan = session.get(ReminderPlan, user_id)
    return [ReminderSlot.model_validate(s) for s in plan.slots] if plan is not None else []


def reviews_per_day(cards: Iterable[ReviewCard]) -> Counter[dt.date]:
    """Reviews per local day, from the learner's cards (one per item per day)."""
    counts: Counter[dt.date] = Counter()
    for card in cards:
        for record in card.days:
            if record.get("review"):
                counts[dt.date.fromisoformat(record["on"])] += 1
    return counts


def first_completions(events: Iterable[EventRow]) -> dict[uuid.UUID, EventRow]:
    """Each nugget's first `nugget_completed` event, in log order."""
    first: dict[uuid.UUID, EventRow] = {}
    for e in events:
        if e.type == "nugget_completed":
            first.setdefault(e.nugget_id, e)
    return first


def _minutes_per_day(
    completed: dict[uuid.UUID, EventRow],
    snaps: Snapshots,
    reviews: Counter[dt.date],
    tz: dt.tzinfo,
) -> dict[dt.date, int]:
    """Each local day's minutes (`streaks.day_minutes`): nuggets first done + reviews."""
    nuggets: Counter[dt.date] = Counter()
    for e in completed.values():
        day = activity_time(e).astimezone(tz).date()
        nuggets[day] += snaps.get((e.nugget_id, e.nugget_version), {}).get("minutes", 0)
    return {d: day_minutes(nuggets[d], reviews[d]) for d in set(nuggets) | set(reviews)}


def skill_items(
    current: Snapshots, given: dict[uuid.UUID, Given], skills: Collection[uuid.UUID]
) -> dict[uuid.UUID, set[uuid.UUID]]:
    """Each skill's quiz item ids: those of its given nuggets' current versions."""
    items: dict[uuid.UUID, set[uuid.UUID]] = {}
    for nugget_id, g in given.items():
        if g.nugget.skill_id in skills:
            quiz = current.get((nugget_id, g.nugget.version), {}).get("quiz", [])
            items.setdefault(g.nugget.skill_id, set()).update(uuid.UUID(i["id"]) for i in quiz)
    return items


def _per_skill(
    current: Snapshots,
    given: dict[uuid.UUID, Given],
    skills: dict[uuid.UUID, Skill],
    cards: list[ReviewCard],
    completed: set[uuid.UUID],
    today: dt.date,
) -> tuple[list[SkillProgress], dict[uuid.UUID, set[uuid.UUID]]]:
    """Each skill of the given nuggets: done of total, the level (`mastery`); its items."""
    done_total: dict[uuid.UUID, tuple[int, int]] = {}
    for nugget_id, g in given.items():
        if g.nugget.skill_id in skills:
            done, total = done_total.get(g.nugget.skill_id, (0, 0))
            done_total[g.nugget.skill_id] = (done + (nugget_id in completed), total + 1)
    items = skill_items(current, given, skills)
    rows: list[SkillProgress] = []
    for k, (done, total) in done_total.items():
        level = skill_level(done=done, given=total, items=items[k], cards=cards, today=today)
        rows.append(
            SkillProgress(
                slug=skills[k].slug,
                name=skills[k].name,
                done=done,
                total=total,
                level=level.level,
                level_label=level.label,
                next_step=level.next_step,
                next_step_words=level.next_step_words,
                recall=round(level.recall, 3),
            )
        )
    return rows, items


def compute_progress(
    *, session: Session, user: User, now: dt.datetime | None = None
) -> ProgressOut:
    """Project the learner's events into the progress the app shows.

    Only completions, quiz answers, skill ratings, goals and work practice
    (`mmapp.progress.work`) are read from the log, in one query;
    reviews come from the learner's cards, so thousands of review answers cost one
    small query. Skill standing (`mmapp.progress.standing`) reuses what is loaded here.

    Returns:
        Completed nuggets, scores, minutes, goal, streak, per-skill counts and standing.

    """
    now = now or utcnow()
    tz = zoneinfo.ZoneInfo(user.timezone)
    types = [*PROGRESS_TYPES, *STANDING_TYPES, *WORK_TYPES]
    events: list[Any] = list(session.execute(LEARNER_LOG, {"user_id": user.id, "types": types}))
    stored = session.exec(
        select(func.count()).select_from(LearnerEvent).where(LearnerEvent.user_id == user.id)
    ).one()
    given = given_nuggets(session=session, user_id=user.id, now=now)
    # One read of every version needed: those answered, and those given now.
    wanted = {(e.nugget_id, e.nugget_version) for e in events}
    snaps = snapshots(session, wanted | {(n, g.nugget.version) for n, g in given.items()})
    cards = cards_of(session=session, user=user)
    completed = first_completions(events)
    days = {activity_time(e).astimezone(tz).date() for e in completed.values()}
    today = now.astimezone(tz).date()
    minutes = sum(
        snaps.get((e.nugget_id, e.nugget_version), {}).get("minutes", 0) for e in completed.values()
    )
    reviews = reviews_per_day(cards)
    per_day = _minutes_per_day(completed, snaps, reviews, tz)
    goal = goal_minutes(session, user.id)
    state = streak_state(per_day, goal, today)
    first, base = window(per_day, goal, today)
    recent = [first + dt.timedelta(days=i) for i in range((today - first).days + 1)]

    skills = {s.id: s for s in session.exec(select(Skill))}
    per_skill, items = _per_skill(snaps, given, skills, cards, set(completed), today)
    scores = quiz_scores(events, snaps)
    return ProgressOut(
        completed={n: activity_time(e).astimezone(tz).date() for n, e in completed.items()},
        nuggets_done=len(completed),
        minutes=minutes,
        streak=state.streak,
        last_active_day=max(days) if days else None,
        today=today,
        timezone=user.timezone,
        scores=scores,
        skills=sorted(per_skill, key=lambda s: s.name),
        events_stored=stored,
        goal_minutes=goal,
        today_minutes=per_day.get(today, 0),
        goal_met_today=per_day.get(today, 0) >= goal,
        freezes_held=state.freezes,
        freezes_used=list(state.used),
        recent_minutes={d: per_day[d] for d in recent if per_day.get(d)},
        recent_reviews={d: reviews[d] for d in recent if reviews.get(d)},
        streak_base=StreakBase(
            start=first, streak=base.streak, freezes_held=base.freezes, freezes_used=list(base.used)
        ),
        standing=skill_standing(
            skills=skills,
            levels={n: (g.nugget.skill_id, g.nugget.level) for n, g in given.items()},
            items=items,
            cards=cards,
            completed=set(completed),
            scores=scores,
            marks=latest_marks(events, snaps),
            targets=cohort_targets(session, user.id) if given else [],
            tz=tz,
            today=today,
            tried=tried_at_work(events),
            taught=taught_nuggets(session=session, user_ids=[user.id])[user.id],
        ),
        commute_slots=commute_slots(session, user.id),
        work=work_log(events),
    )


def minutes_on(*, session: Session, user_id: uuid.UUID, day: dt.date, tz: dt.tzinfo) -> int:
    """A day's minutes toward the daily goal (`streaks.day_minutes`), `day` in `tz`.

    Completions are placed in `tz`; reviews on the days their cards recorded (the
    learner's timezone, normally the same zone).
    """
    user = session.get(User, user_id)
    if user is None:
        return 0
    rows: list[EventRow] = list(
        session.execute(LEARNER_LOG, {"user_id": user_id, "types": PROGRESS_TYPES}).all()
    )
    completed = first_completions(rows)
    on_day = {n: e for n, e in completed.items() if activity_time(e).astimezone(tz).date() == day}
    snaps = snapshots(session, {(e.nugget_id, e.nugget_version) for e in on_day.values()})
    reviews = reviews_per_day(cards_of(session=session, user=user))
    return _minutes_per_day(on_day, snaps, Counter({day: reviews[day]}), tz).get(day, 0)
