"""A cohort's mentoring in figures, per skill: what asking for help led to.

`skill_outcomes` is pure: it takes the rows (`gather` reads them in a few queries) and
a moment, and returns the figures. For the cohort's members as learners and one skill:

- `requests`: the help requests they asked in the skill.
- `matches`: those a mentor accepted (accepted, booked or done now, or with a session).
- `sessions_held`: booked (not cancelled) sessions of those requests, over by `now`.
- `median_rating`: the median of the learners' own ratings of those sessions.
- `good_fit_share`: of the reflections on them (both people's), the share saying the fit
  was good.
- `actions_planned`, `actions_done_in_time`: the learners' actions from those sessions,
  and those answered "done" (at any point) by 14 days after their due day (UTC days).
- `ratings`: per learner, at their first request in the skill whose 14 days are over,
  the latest `skill_rated` level at or before the request, and the latest at or
  before 14 days after it (None when there was none); `median_before` and
  `median_after` over the learners with both.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import statistics
import uuid
from collections.abc import Collection, Iterable, Sequence
from typing import Protocol

from sqlmodel import Session, col, select

from mmapp.clock import plausible_time
from mmapp.models import (
    ActionAnswer,
    HelpRequest,
    LearnerEvent,
    MentoringSession,
    PlannedAction,
    SessionReflection,
)
from mmapp.progress.projections import snapshots

WINDOW = dt.timedelta(days=14)
MATCHED = ("accepted", "booked", "done")


class RequestRow(Protocol):
    """The columns of a help request read here."""

    @property
    def id(self) -> uuid.UUID: ...
    @property
    def mentee_id(self) -> uuid.UUID: ...
    @property
    def skill_id(self) -> uuid.UUID: ...
    @property
    def status(self) -> str: ...
    @property
    def created_at(self) -> dt.datetime: ...


class SessionRow(Protocol):
    """The columns of a session read here."""

    @property
    def id(self) -> uuid.UUID: ...
    @property
    def request_id(self) -> uuid.UUID: ...
    @property
    def mentee_id(self) -> uuid.UUID: ...
    @property
    def start_at(self) -> dt.datetime: ...
    @property
    def minutes(self) -> int: ...
    @property
    def status(self) -> str: ...


class ReflectionRow(Protocol):
    """The columns of a reflection read here."""

    @property
    def session_id(self) -> uuid.UUID: ...
    @property
    def user_id(self) -> uuid.UUID: ...
    @property
    def rating(self) -> int: ...
    @property
    def fit(self) -> str: ...


class ActionRow(Protocol):
    """The columns of a planned action read here."""

    @property
    def id(self) -> uuid.UUID: ...
    @property
    def session_id(self) -> uuid.UUID: ...
    @property
    def due_on(self) -> dt.date: ...


class AnswerRow(Protocol):
    """The columns of an action's answer read here."""

    @property
    def action_id(self) -> uuid.UUID: ...
    @property
    def answer(self) -> str: ...
    @property
    def answered_at(self) -> dt.datetime: ...


@dataclasses.dataclass(frozen=True)
class Rating:
    """A learner's self-rating of the skill (a `skill_rated` event), and when."""

    user_id: uuid.UUID
    level: int
    at: dt.datetime


@dataclasses.dataclass(frozen=True)
class RatingChange:
    """One learner's self-rating before their request and 14 days after it."""

    mentee_id: uuid.UUID
    before: int | None
    after: int | None


@dataclasses.dataclass(frozen=True)
class Inputs:
    """The rows the figures come from (`gather` reads them)."""

    requests: Sequence[RequestRow]
    sessions: Sequence[SessionRow]
    reflections: Sequence[ReflectionRow]
    actions: Sequence[ActionRow]
    answers: Sequence[AnswerRow]
    ratings: Sequence[Rating]


@dataclasses.dataclass(frozen=True)
class SkillOutcomes:
    """One skill's mentoring figures for a cohort (the module docstring says each)."""

    requests: int
    matches: int
    sessions_held: int
    median_rating: float | None
    good_fit_share: float | None
    actions_planned: int
    actions_done_in_time: int
    ratings: list[RatingChange]
    median_before: float | None
    median_after: float | None


def _median(values: Iterable[int]) -> float | None:
    values = list(values)
    return float(statistics.median(values)) if values else None


def _latest(ratings: Iterable[Rating], by: dt.datetime) -> int | None:
    upto = [r for r in ratings if r.at <= by]
    return max(upto, key=lambda r: r.at).level if upto else None


def _rating_changes(
    requests: Sequence[RequestRow], ratings: Sequence[Rating], now: dt.datetime
) -> list[RatingChange]:
    first: dict[uuid.UUID, RequestRow] = {}
    for r in sorted(requests, key=lambda r: (r.created_at, str(r.id))):
        first.setdefault(r.mentee_id, r)
    out = []
    for mentee_id, request in first.items():
        if request.created_at + WINDOW > now:
            continue  # its 14 days are not over yet
        own = [r for r in ratings if r.user_id == mentee_id]
        before = _latest(own, request.created_at)
        out.append(RatingChange(mentee_id, before, _latest(own, request.created_at + WINDOW)))
    return out


def skill_outcomes(
    *, members: Collection[uuid.UUID], skill_id: uuid.UUID, rows: Inputs, now: dt.datetime
) -> SkillOutcomes:
    """The figures for the members' mentoring in the skill, at `now`.

    Args:
        members: The cohort's members (rows of anyone else are left out).
        skill_id: The skill (requests in other skills are left out).
        rows: The rows to count.
        now: The moment (sessions over, 14-day windows closed).
    """
    requests = [r for r in rows.requests if r.mentee_id in members and r.skill_id == skill_id]
    asked = {r.id for r in requests}
    with_session = {s.request_id for s in rows.sessions}
    held = {
        s.id: s
        for s in rows.sessions
        if s.request_id in asked
        and s.status == "booked"
        and s.start_at + dt.timedelta(minutes=s.minutes) <= now
    }
    reflections = [r for r in rows.reflections if r.session_id in held]
    mentees = [r for r in reflections if r.user_id == held[r.session_id].mentee_id]
    actions = {a.id: a for a in rows.actions if a.session_id in held}
    done_in_time = {
        a.action_id
        for a in rows.answers
        if a.action_id in actions
        and a.answer == "done"
        and a.answered_at.date() <= actions[a.action_id].due_on + WINDOW
    }
    changes = _rating_changes(requests, rows.ratings, now)
    both = [c for c in changes if c.before is not None and c.after is not None]
    return SkillOutcomes(
        requests=len(requests),
        matches=sum(1 for r in requests if r.status in MATCHED or r.id in with_session),
        sessions_held=len(held),
        median_rating=_median(r.rating for r in mentees),
        good_fit_share=(
            sum(1 for r in reflections if r.fit == "good") / len(reflections)
            if reflections
            else None
        ),
        actions_planned=len(actions),
        actions_done_in_time=len(done_in_time),
        ratings=changes,
        median_before=_median(c.before for c in both if c.before is not None),
        median_after=_median(c.after for c in both if c.after is not None),
    )


def ratings_by_skill(
    *, session: Session, members: Collection[uuid.UUID]
) -> dict[uuid.UUID, list[Rating]]:
    """The members' self-ratings (`skill_rated`), by the skill of the nugget rated."""
    rated = session.exec(
        select(LearnerEvent).where(
            col(LearnerEvent.user_id).in_(list(members)), LearnerEvent.type == "skill_rated"
        )
    ).all()
    snaps = snapshots(session, {(e.nugget_id, e.nugget_version) for e in rated})
    out: dict[uuid.UUID, list[Rating]] = {}
    for e in rated:
        skill = (snaps.get((e.nugget_id, e.nugget_version)) or {}).get("skill") or {}
        if skill.get("id"):
            at = plausible_time(e.client_ts, e.received_at)
            rating = Rating(e.user_id, int(e.payload["level"]), at)
            out.setdefault(uuid.UUID(str(skill["id"])), []).append(rating)
    return out


def gather(
    *,
    session: Session,
    members: Collection[uuid.UUID],
    skill_id: uuid.UUID,
    ratings: dict[uuid.UUID, list[Rating]] | None = None,
) -> Inputs:
    """The rows `skill_outcomes` counts (`ratings`: `ratings_by_skill`, if read already)."""
    ids = list(members)
    requests = session.exec(
        select(HelpRequest).where(
            col(HelpRequest.mentee_id).in_(ids), HelpRequest.skill_id == skill_id
        )
    ).all()
    sessions = session.exec(
        select(MentoringSession).where(
            col(MentoringSession.request_id).in_([r.id for r in requests])
        )
    ).all()
    session_ids = [s.id for s in sessions]
    reflections = session.exec(
        select(SessionReflection).where(col(SessionReflection.session_id).in_(session_ids))
    ).all()
    actions = session.exec(
        select(PlannedAction).where(col(PlannedAction.session_id).in_(session_ids))
    ).all()
    answers = session.exec(
        select(ActionAnswer).where(col(ActionAnswer.action_id).in_([a.id for a in actions]))
    ).all()
    if ratings is None:
        ratings = ratings_by_skill(session=session, members=members)
    return Inputs(requests, sessions, reflections, actions, answers, ratings.get(skill_id, []))


__all__ = [
    "Inputs",
    "Rating",
    "RatingChange",
    "SkillOutcomes",
    "gather",
    "ratings_by_skill",
    "skill_outcomes",
]
