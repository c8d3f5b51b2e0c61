"""A few weeks of past learning for the demo learner, stored through the real ingest path.

The demo learner should open the app to due reviews on Today and levels on Progress,
so the seed can give them a history: a skills audit first (a `skill_rated` per skill,
on the skill's first nugget by cohort position), nuggets completed over the last
weeks with their quiz answered (mostly right), review sessions on later days
answering the cards that were due then, and two "Try it at work" commitments (one
reflected "well", one whose day was yesterday, still open). Every event goes through
`sync.ingest.apply_batches` at its own time (the clock seam stands at each answer, so
`received_at` is that moment), from one device, `demo-history`. A fixed seed and times
relative to `now` make it the same history on every run.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import random
import uuid
from typing import Any

from sqlmodel import Session, col, select

from mmapp import accounts
from mmapp.clock import FixedClock, get_clock, use_clock
from mmapp.content.nuggets import next_content_seq
from mmapp.models import (
    Assignment,
    Device,
    LearnerEvent,
    Nugget,
    NuggetRevision,
    ReminderPlan,
    User,
)
from mmapp.push.reminder_times import reschedule
from mmapp.reviews import cards
from mmapp.reviews.scheduler import local_date
from mmapp.schemas import EventIn, PushOut
from mmapp.sync.ingest import Batch, apply_batches

HISTORY_DEVICE = "demo-history"
SEED = 12
# Days before `now` on which a nugget was completed, and on which a review session ran.
COMPLETED_ON = (-26, -23, -20, -16, -12, -8, -5, -3)
REVIEWED_ON = (-21, -17, -13, -10, -7, -4, -2)
RIGHT_IN_QUIZ, RIGHT_IN_REVIEW = 0.8, 0.85
# The learner is strong at the first skill (cohort order): its quizzes are all right
# first time, so with the reviews since, its level-2 achievement (`demo.seed`) is met
# and the first pull after `make run` issues that credential.
STRONG_SKILL = 0
# The audit's day, and the levels rated, skill by skill in cohort order.
AUDIT_ON = -27
AUDIT_LEVELS = (1, 2, 1)
COMMUTES = ("07:40", "17:50")  # the demo learner's trips, Monday to Friday
# "Try it at work": what the demo learner planned, and their note on the first.
WORK_PLANS = ("In Monday's stand-up", "When I reply to the supplier")
WORK_NOTE = "They asked a follow-up question, which felt like a good sign."


def history_device(learner: User) -> str:
    """The device a learner's seeded history comes from (one per learner).

    Its id and its events' ids differ per learner, so several learners (the demo's, a
    test's) can each have a history in one database.
    """
    return f"{HISTORY_DEVICE}-{learner.id.hex[:12]}"


def answer_payload(item: dict[str, Any], right: bool) -> dict[str, Any]:
    """An answer to a quiz item (as the snapshot stores it) that grades as `right` or not."""
    if item["kind"] == "short_answer":
        answer: dict[str, Any] = {"text": item["accepted_answers"][0] if right else "no idea"}
    else:
        wrong = [i for i in range(len(item["options"])) if i not in item["correct"]]
        answer = {"choices": list(item["correct"]) if right else wrong[:1]}
    return {"item_id": item["id"], "answer": answer}


@dataclasses.dataclass
class HistoryDevice:
    """Stores events from one device at given times, one batch per call."""

    session: Session
    user: User
    clock: FixedClock
    seq: int = 0

    @property
    def device_id(self) -> str:
        """This learner's own history device."""
        return history_device(self.user)

    def event_id(self, seq: int) -> uuid.UUID:
        """The deterministic id of this device's `seq`-th event."""
        return uuid.uuid5(uuid.NAMESPACE_URL, f"{self.device_id}/{seq}")

    def push(self, at: dt.datetime, events: list[tuple[str, Nugget, dict[str, Any]]]) -> None:
        batch = []
        for type_, nugget, payload in events:
            self.seq += 1
            batch.append(
                EventIn(
                    event_id=self.event_id(self.seq),
                    device_seq=self.seq,
                    type=type_,  # type: ignore[arg-type]
                    nugget_id=nugget.id,
                    nugget_version=nugget.version,
                    payload=payload,
                    client_ts=at,
                )
            )
        self.clock.set(at)
        (outcome,) = apply_batches(
            session=self.session, batches=[Batch(self.user.id, self.device_id, batch)]
        )
        if not isinstance(outcome, PushOut) or any(r.status != "applied" for r in outcome.results):
            raise RuntimeError(f"demo history was not stored: {outcome}")


def _snapshot(session: Session, nugget: Nugget) -> dict[str, Any]:
    """The published version of `nugget` as devices answer it (with the quiz's answers)."""
    revision = session.exec(
        select(NuggetRevision).where(
            NuggetRevision.nugget_id == nugget.id, NuggetRevision.version == nugget.version
        )
    ).one()
    return dict(revision.snapshot)


def seed_history(*, session: Session, learner: User, cohort_id: uuid.UUID, now: dt.datetime) -> int:
    """Give `learner` a few weeks of deterministic history ending the day before `now`.

    Does nothing when the history device already has events (the seed is idempotent).
    The cohort's assignments are released from before the first day, so the answers
    are accepted at their times.

    Returns:
        How many events were stored.

    """
    device_id = history_device(learner)
    if session.exec(select(LearnerEvent).where(LearnerEvent.device_id == device_id)).first():
        return 0
    rng = random.Random(SEED)  # noqa: S311 -- a repeatable demo, not a secret
    morning = now.replace(hour=7, minute=40, second=0, microsecond=0)
    start = morning + dt.timedelta(days=min(COMPLETED_ON) - 2)
    assignments = list(
        session.exec(
            select(Assignment)
            .where(Assignment.cohort_id == cohort_id, col(Assignment.removed_at).is_(None))
            .order_by(col(Assignment.position))
        )
    )
    for a in assignments:
        if a.release_at > start:
            a.release_at, a.change_seq = start, next_content_seq(session=session)
            session.add(a)
    if session.get(Device, device_id) is None:
        accounts.register_device(session=session, user=learner, device_id=device_id)
    if session.get(ReminderPlan, learner.id) is None:
        # Commute times, so "Your week" and the reminders have trips to plan.
        slots = [{"weekday": d, "time": t} for d in range(5) for t in COMMUTES]
        plan = ReminderPlan(user_id=learner.id, timezone=learner.timezone, slots=slots)
        reschedule(plan, now=now)
        session.add(plan)
    session.flush()
    nuggets = {n.id: n for n in session.exec(select(Nugget))}
    done = [nuggets[a.nugget_id] for a in assignments][: len(COMPLETED_ON)]
    firsts: dict[uuid.UUID, Nugget] = {}
    for a in assignments:
        firsts.setdefault(nuggets[a.nugget_id].skill_id, nuggets[a.nugget_id])
    strong = list(firsts)[STRONG_SKILL] if firsts else None
    previous = get_clock()
    clock = FixedClock(start)
    use_clock(clock)
    device = HistoryDevice(session, learner, clock)
    try:
        ratings = zip(firsts.values(), AUDIT_LEVELS * len(firsts), strict=False)
        audit = [("skill_rated", nugget, {"level": level}) for nugget, level in ratings]
        device.push(morning + dt.timedelta(days=AUDIT_ON), audit)
        for day in sorted(COMPLETED_ON + REVIEWED_ON):
            at = morning + dt.timedelta(days=day, minutes=rng.randint(0, 50))
            if day in COMPLETED_ON:
                nugget = done[COMPLETED_ON.index(day)]
                sure = nugget.skill_id == strong
                _complete(device, rng, at, nugget, _snapshot(session, nugget), sure=sure)
            if day in REVIEWED_ON:
                _review(device, rng, at, nuggets)
        _work(device, morning, done)
    finally:
        use_clock(previous)
    return device.seq


def _work(device: HistoryDevice, morning: dt.datetime, done: list[Nugget]) -> None:
    """Tried at work: the first nugget done went well; the one before last was due yesterday.

    The open commitment's day is yesterday (the learner's local date), so Today asks.
    """
    tz = device.user.timezone
    first, second = done[0], done[-2]
    committed = morning + dt.timedelta(days=COMPLETED_ON[0], hours=2)
    day = local_date(committed + dt.timedelta(days=1), tz).isoformat()
    device.push(committed, [("work_committed", first, {"on": day, "plan": WORK_PLANS[0]})])
    reflected = committed + dt.timedelta(days=2)
    ref = str(device.event_id(device.seq))
    payload = {"commitment": ref, "tried": True, "went": "well", "note": WORK_NOTE}
    device.push(reflected, [("work_reflected", first, payload)])
    at = morning + dt.timedelta(days=-3, hours=3)
    yesterday = local_date(morning - dt.timedelta(days=1), tz).isoformat()
    device.push(at, [("work_committed", second, {"on": yesterday, "plan": WORK_PLANS[1]})])


def _complete(
    device: HistoryDevice,
    rng: random.Random,
    at: dt.datetime,
    nugget: Nugget,
    snap: dict[str, Any],
    *,
    sure: bool = False,
) -> None:
    """Start `nugget`, do its practice steps, answer its quiz and complete it, at `at`.

    `sure`: every answer right (the draws are made all the same, so the rest of the
    history does not shift).
    """
    events: list[tuple[str, Nugget, dict[str, Any]]] = [("nugget_started", nugget, {})]
    events += [("step_done", nugget, {"step": i}) for i in range(len(snap["practice_steps"]))]
    events += [
        ("quiz_answered", nugget, answer_payload(item, (rng.random() < RIGHT_IN_QUIZ) or sure))
        for item in snap["quiz"]
    ]
    events.append(("nugget_completed", nugget, {}))
    device.push(at, events)


def _review(device: HistoryDevice, rng: random.Random, at: dt.datetime, nuggets: dict) -> None:
    """Answer every card due by `at`'s day in one review session."""
    today = local_date(at, device.user.timezone)
    due = [
        c
        for c in cards.cards_of(session=device.session, user=device.user)
        if c.due_on is not None and c.due_on <= today
    ]
    items: dict[uuid.UUID, dict[str, Any]] = {}
    for nugget_id in {c.nugget_id for c in due}:
        quiz = _snapshot(device.session, nuggets[nugget_id])["quiz"]
        items |= {uuid.UUID(i["id"]): i for i in quiz}
    events = [
        (
            "review_answered",
            nuggets[c.nugget_id],
            answer_payload(items[c.item_id], rng.random() < RIGHT_IN_REVIEW),
        )
        for c in due
    ]
    if events:
        device.push(at, events)


__all__ = [
    "AUDIT_LEVELS",
    "AUDIT_ON",
    "HISTORY_DEVICE",
    "STRONG_SKILL",
    "answer_payload",
    "history_device",
    "seed_history",
]
