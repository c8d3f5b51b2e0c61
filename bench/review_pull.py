"""The last pull page for a learner with a year of history, vs replaying their cards.

On a SQLite file, one learner gets 75 nuggets x 4 quiz items (published, assigned)
and 5,000 answers over 365 days (a quiz when each nugget arrives, reviews after),
pushed through the real ingest (`sync.ingest.apply_batches`) a day at a time with
the clock seam standing at each day's answers. At 1,000 / 2,500 / 5,000 events it
times the device's "nothing new" pull (its last page carries progress and the
stored review cards), beside replaying every card from the log
(`reviews.cards.replayed`), the same run. It also times folding one push of 20
answers into the cards (`reviews.cards.note_events`) beside the whole push.
Goal: the pull < 50 ms at 5,000 events; over it, a profile says what dominates.
"""

from __future__ import annotations

import cProfile
import datetime as dt
import io
import os
import pathlib
import pstats
import random
import tempfile
import time
import uuid
from collections.abc import Callable
from typing import Any

SIZES = (1000, 2500, 5000)
NUGGETS, RUNS, GOAL_MS = 75, 50, 50.0
END = dt.datetime(2026, 11, 21, 7, 0, tzinfo=dt.UTC)
START = END - dt.timedelta(days=365)
DEVICE = "bench-year-phone"


def _content(s: Any, clock: Any) -> tuple[Any, list[Any], dict[tuple[uuid.UUID, int], dict]]:
    """A coach, a learner in a cohort, and NUGGETS published nuggets assigned before START."""
    from sqlmodel import select

    from mmapp import accounts, cohorts, content
    from mmapp.models import NuggetRevision, Role
    from mmapp.schemas import NuggetIn, SkillIn

    clock.set(START - dt.timedelta(days=1))
    coach = accounts.create_user(
        session=s,
        email="coach@b.example",
        password="coach-pass-1",
        display_name="C",
        role=Role.coordinator,
        timezone="Europe/London",
    )
    learner = accounts.create_user(
        session=s,
        email="year@b.example",
        password="learn-pass-1",
        display_name="L",
        role=Role.learner,
        timezone="Europe/London",
    )
    cohort = cohorts.create_cohort(session=s, name="Year", owner=coach, timezone="Europe/London")
    cohorts.add_member(session=s, cohort=cohort, user=learner)
    accounts.register_device(session=s, user=learner, device_id=DEVICE)
    content.upsert_skill(
        session=s, data=SkillIn(slug="year", name="A year", description="d"), owner_id=coach.id
    )
    choice = {"kind": "single_choice", "options": ["a", "b", "c"], "correct": [1]}
    truth = {"kind": "true_false", "correct": [0]}
    nuggets = []
    for i in range(NUGGETS):
        quiz = [
            {"prompt": f"q{i}.{j}", "explanation": "e", **(choice, truth)[j % 2]} for j in range(4)
        ]
        spec = NuggetIn(
            slug=f"year-{i:03d}",
            skill="year",
            title=f"N{i}",
            summary="s",
            minutes=5,
            context="c",
            way_in="w",
            practice_steps=["p"],
            payoff="p",
            quiz=quiz,
        )
        nugget = content.save_nugget(session=s, data=spec, author_id=coach.id)
        content.publish(session=s, nugget=nugget)
        content.assign(session=s, cohort=cohort, nugget=nugget, position=i)
        nuggets.append(nugget)
    snaps = {(r.nugget_id, r.version): r.snapshot for r in s.exec(select(NuggetRevision))}
    return learner, nuggets, snaps


def _plan(nuggets: list[Any], snaps: dict) -> list[tuple[dt.datetime, str, Any, dict]]:
    """5,000 answers in time order: each nugget's quiz on its day, reviews of earlier items."""
    from mmapp.demo.history import answer_payload

    rng = random.Random(5000)
    items = [(n, item) for n in nuggets for item in snaps[(n.id, n.version)]["quiz"]]
    arrive = {n.id: int(k * 360 / NUGGETS) for k, n in enumerate(nuggets)}
    plan = []
    for n, item in items:
        at = START + dt.timedelta(days=arrive[n.id], minutes=40)
        plan.append((at, "quiz_answered", n, answer_payload(item, rng.random() < 0.8)))
    while len(plan) < SIZES[-1]:
        n, item = rng.choice(items)
        day = rng.randint(arrive[n.id] + 1, 364)
        at = START + dt.timedelta(days=day, minutes=rng.randint(0, 600))
        plan.append((at, "review_answered", n, answer_payload(item, rng.random() < 0.85)))
    return sorted(plan, key=lambda p: p[0])


def _ingest(user_id: uuid.UUID, plan: list, first_seq: int, clock: Any) -> None:
    """Push `plan` one day per batch, each received at its last answer's time."""
    from mmapp import db
    from mmapp.schemas import EventIn
    from mmapp.sync.ingest import Batch, apply_batches

    by_day: dict[dt.date, list] = {}
    for p in plan:
        by_day.setdefault(p[0].date(), []).append(p)
    seq = first_seq
    for day_plan in by_day.values():
        events = []
        for at, type_, nugget, payload in day_plan:
            seq += 1
            events.append(
                EventIn(
                    event_id=uuid.uuid4(),
                    device_seq=seq,
                    type=type_,
                    nugget_id=nugget.id,
                    nugget_version=nugget.version,
                    payload=payload,
                    client_ts=at,
                )
            )
        clock.set(day_plan[-1][0] + dt.timedelta(seconds=1))
        with db.session_scope() as s:
            (out,) = apply_batches(session=s, batches=[Batch(user_id, DEVICE, events)])
            assert all(r.status == "applied" for r in out.results), out  # type: ignore[union-attr]


def _times(fn: Callable[[], object], runs: int = RUNS) -> list[float]:
    fn()  # warm: statements compiled, caches filled
    out = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        out.append((time.perf_counter() - start) * 1000)
    return sorted(out)


def _pct(ms: list[float], p: float) -> float:
    return ms[min(len(ms) - 1, int(p * len(ms)))]


def main() -> None:
    from mmapp import db, settings
    from mmapp.clock import FixedClock, get_clock, use_clock
    from mmapp.models import User
    from mmapp.progress.projections import compute_progress
    from mmapp.reviews import cards
    from mmapp.reviews.device_cards import cards_since
    from mmapp.sync import changes

    previous, clock = get_clock(), FixedClock(START)
    use_clock(clock)
    rows: list[tuple[int, int, float, float, float, float, float]] = []
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["MM_DATABASE_URL"] = f"sqlite:///{pathlib.Path(tmp) / 'year.db'}"
        settings.get_settings.cache_clear()
        db.get_engine.cache_clear()
        db.create_schema(db.get_engine())
        with db.session_scope() as s:
            learner, nuggets, snaps = _content(s, clock)
            user_id = learner.id
        plan, done = _plan(nuggets, snaps), 0
        for size in SIZES:
            _ingest(user_id, plan[done:size], done, clock)
            done = size
            clock.set(plan[size - 1][0] + dt.timedelta(hours=1))
            with db.session_scope(read_only=True) as s:
                user = s.get(User, user_id)
                first = changes.pull(session=s, user=user, cursor_token=None, page_size=100)
            cursor, version = first.cursor, first.reviews_version
            n_cards = len(first.reviews or [])

            # The phone's "nothing new" pull: its cursor and the reviews version it holds.
            def pull(cursor: str = cursor, version: int | None = version) -> Any:
                with db.session_scope(read_only=True) as s:
                    return changes.pull(
                        session=s,
                        user=s.get(User, user_id),
                        cursor_token=cursor,
                        page_size=100,
                        reviews_after=version,
                    )

            def replay() -> Any:
                with db.session_scope(read_only=True) as s:
                    return cards.replayed(s, s.get(User, user_id))

            # Every stored card, as a fresh phone gets them.
            def stored() -> Any:
                with db.session_scope(read_only=True) as s:
                    return cards_since(session=s, user=s.get(User, user_id), after=None)

            def progress() -> Any:
                with db.session_scope(read_only=True) as s:
                    return compute_progress(session=s, user=s.get(User, user_id))

            pulled, replayed = _times(pull), _times(replay, RUNS // 5)
            parts = _pct(_times(stored), 0.5), _pct(_times(progress, RUNS // 5), 0.5)
            p50, p99 = _pct(pulled, 0.5), _pct(pulled, 0.99)
            rows.append((size, n_cards, p50, p99, *parts, _pct(replayed, 0.5)))
        fold, push = _fold_cost(user_id, plan, snaps, clock)
        profile = _profile(pull) if rows[-1][2] > GOAL_MS else ""
        db.get_engine().dispose()
    use_clock(previous)
    _report(rows, fold, push, profile)


def _fold_cost(user_id: uuid.UUID, plan: list, snaps: dict, clock: Any) -> tuple[float, float]:
    """p50 ms of `note_events` alone for 20 review answers, and of the whole push; rolled back."""
    from sqlmodel import Session

    from mmapp import db
    from mmapp.reviews import cards
    from mmapp.schemas import EventIn
    from mmapp.sync.ingest import Batch, apply_batches

    at = plan[-1][0] + dt.timedelta(hours=2)
    clock.set(at)
    answers = [p for p in plan if p[1] == "review_answered"][-20:]

    def events() -> list[EventIn]:
        return [
            EventIn(
                event_id=uuid.uuid4(),
                device_seq=10_000 + i,
                type="review_answered",
                nugget_id=n.id,
                nugget_version=n.version,
                payload=payload,
                client_ts=at,
            )
            for i, (_, _, n, payload) in enumerate(answers)
        ]

    def rows() -> list[dict]:
        return [
            {**e.model_dump(), "user_id": user_id, "received_at": at, "device_id": DEVICE}
            for e in events()
        ]

    def rolled_back(fn: Callable[[Session], object]) -> Callable[[], None]:
        def run() -> None:
            with Session(db.get_engine()) as s:
                fn(s)
                s.rollback()

        return run

    fold = _times(rolled_back(lambda s: cards.note_events(session=s, rows=rows(), snapshots=snaps)))
    push = _times(
        rolled_back(lambda s: apply_batches(session=s, batches=[Batch(user_id, DEVICE, events())]))
    )
    return _pct(fold, 0.5), _pct(push, 0.5)


def _profile(fn: Callable[[], object]) -> str:
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(5):
        fn()
    profiler.disable()
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(12)
    return out.getvalue()


def _report(rows: list, fold: float, push: float, profile: str) -> None:
    print(f"\n== Review pull: one learner, a year of answers, {NUGGETS * 4} items, SQLite ==")
    print(
        "last pull page = progress + stored review cards; baseline: replay every card from the log"
    )
    head = ("events", "cards", "pull p50", "p99", "cards p50", "progress p50", "replay p50")
    print(f"{head[0]:>7} {head[1]:>6} " + " ".join(f"{h:>12}" for h in head[2:]) + "  cards/replay")
    for size, n_cards, *ms in rows:
        cells = " ".join(f"{m:10.1f}ms" for m in ms)
        print(f"{size:7,d} {n_cards:6d} {cells}  {ms[2] / ms[4]:12.3f}")
    first, last = rows[0], rows[-1]
    k = (last[0] - first[0]) / 1000
    growth = [(last[i] - first[i]) / k for i in (2, 4, 5, 6)]
    print(
        "ms per 1,000 more events: pull {:.1f}, cards {:.2f}, progress {:.1f}, "
        "replay {:.1f}".format(*growth)
    )
    print(f"pull at {last[0]:,d} events: p50 {last[2]:.1f} ms (goal < {GOAL_MS:.0f} ms)")
    print(
        f"fold 20 review answers into cards (note_events) p50 {fold:.1f} ms;"
        f" whole push of them p50 {push:.1f} ms; ratio {fold / push:.2f}"
    )
    if profile:
        print("pull over the goal; cProfile of 5 pulls at the largest size (cumulative):")
        print(profile)


if __name__ == "__main__":
    main()
