"""The coordinator's skills view of a 200-learner cohort, vs each member's own progress.

On a SQLite file with the demo content (12 nuggets, 3 skills, every release past),
200 learners each rate the three skills and finish two nuggets (their quiz answered),
pushed through the real ingest. It times `progress.cohort_skills.cohort_skills` (all
members' standing in a fixed number of queries) beside the baseline of calling
`compute_progress` once per member, the same run, and counts the SQL statements of each.
"""

from __future__ import annotations

import datetime as dt
import os
import pathlib
import tempfile
import time
import uuid

LEARNERS, RUNS = 200, 5
NOW = dt.datetime(2026, 11, 21, 9, 0, tzinfo=dt.UTC)


def _world(s, clock):  # type: ignore[no-untyped-def]
    from sqlmodel import select

    from mmapp import accounts, cohorts
    from mmapp.demo.history import answer_payload
    from mmapp.demo.seed import DEMO_COORDINATOR, seed_demo
    from mmapp.models import Assignment, Cohort, Nugget, NuggetRevision, User
    from mmapp.schemas import EventIn
    from mmapp.sync import ingest

    clock.set(NOW - dt.timedelta(days=30))
    seed_demo(session=s)
    for a in s.exec(select(Assignment)):
        a.release_at = NOW - dt.timedelta(days=30)
        s.add(a)
    cohort = s.exec(select(Cohort)).one()
    nuggets = list(s.exec(select(Nugget).order_by(Nugget.slug)))
    quiz = {
        r.nugget_id: r.snapshot["quiz"] for r in s.exec(select(NuggetRevision)) if r.version == 1
    }
    by_skill = {n.skill_id: n for n in nuggets}
    clock.set(NOW - dt.timedelta(days=2))
    for i in range(LEARNERS):
        user = accounts.create_user(
            session=s, email=f"l{i}@b.example", password="learn-pass-1", display_name=f"L{i:03d}"
        )
        cohorts.add_member(session=s, cohort=cohort, user=user)
        accounts.register_device(session=s, user=user, device_id=f"bench-phone-{i}")
        events: list[EventIn] = []

        def event(nugget, type_, payload, seq):  # type: ignore[no-untyped-def]
            return EventIn(
                event_id=uuid.uuid4(),
                device_seq=seq,
                type=type_,
                nugget_id=nugget.id,
                nugget_version=nugget.version,
                payload=payload,
                client_ts=NOW - dt.timedelta(days=2),
            )

        for n in by_skill.values():
            events.append(event(n, "skill_rated", {"level": i % 5}, len(events) + 1))
        for n in nuggets[i % 10 : i % 10 + 2]:
            for item in quiz[n.id]:
                payload = answer_payload(item, i % 3 > 0)
                events.append(event(n, "quiz_answered", payload, len(events) + 1))
            events.append(event(n, "nugget_completed", {}, len(events) + 1))
        out = ingest.apply_batch(session=s, user=user, device_id=f"bench-phone-{i}", events=events)
        assert {r.status for r in out.results} == {"applied"}, out
    coach = s.exec(select(User).where(User.email == DEMO_COORDINATOR[0])).one()
    return coach, cohort


def _timed(fn, engine):  # type: ignore[no-untyped-def]
    import sqlalchemy as sa

    seen: list[str] = []

    def note(conn, cursor, statement, *rest):  # type: ignore[no-untyped-def]
        seen.append(statement)

    sa.event.listen(engine, "before_cursor_execute", note)
    try:
        fn()
    finally:
        sa.event.remove(engine, "before_cursor_execute", note)
    best = float("inf")
    for _ in range(RUNS):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best * 1000, len(seen)


def main() -> None:
    """Print the view's time and queries beside the per-member baseline."""
    from mmapp import db
    from mmapp.clock import FixedClock, use_clock
    from mmapp.models import User
    from mmapp.progress.analytics import current_members
    from mmapp.progress.cohort_skills import cohort_skills
    from mmapp.progress.projections import compute_progress

    folder = pathlib.Path(tempfile.mkdtemp(prefix="mm-bench-skills-"))
    engine = db.make_engine(f"sqlite:///{folder / 'bench.db'}")
    db.create_schema(engine)
    clock = FixedClock(NOW)
    use_clock(clock)
    try:
        with db.session_scope(engine) as s:
            coach, cohort = _world(s, clock)
            coach_id, cohort_id = coach.id, cohort.id
        clock.set(NOW)
        with db.session_scope(engine, read_only=True) as s:
            viewer = s.get(User, coach_id)
            assert viewer is not None
            people = list(current_members(s, cohort_id).values())
            view_ms, view_q = _timed(
                lambda: cohort_skills(session=s, viewer=viewer, cohort_id=cohort_id, now=NOW),
                engine,
            )
            base_ms, base_q = _timed(
                lambda: [compute_progress(session=s, user=u, now=NOW) for u in people], engine
            )
        print(f"skills view, {len(people)} members: {view_ms:.0f} ms, {view_q} queries")
        print(f"compute_progress per member (baseline): {base_ms:.0f} ms, {base_q} queries")
        print(f"ratio view/baseline: {view_ms / base_ms:.2f}")
    finally:
        use_clock(None)
        engine.dispose()
        for p in folder.iterdir():
            os.remove(p)
        folder.rmdir()


if __name__ == "__main__":
    main()
