"""The sync pull route with an achievement open, beside the bare pull, the same run.

On a SQLite file, the year of `bench.review_pull` (one learner, 75 nuggets, 5,000
answers) with one achievement the learner does not meet (level 4, default criteria:
the issue check finds work to evaluate and none to issue). It times the route
(`api.sync_routes.pull`: the issuing check, then the pull) for the device's
"nothing new" last page, beside `sync.changes.pull` alone; the ratio is what the
issuing check adds to every such pull.
"""

from __future__ import annotations

import datetime as dt
import os
import pathlib
import tempfile
from typing import Any

from bench.review_pull import RUNS, _content, _ingest, _pct, _plan, _times

SIZE = 5000


def main() -> None:
    from mmapp import db, settings
    from mmapp.api import sync_routes
    from mmapp.clock import FixedClock, get_clock, use_clock
    from mmapp.models import Achievement, Skill, User
    from mmapp.sync import changes

    previous, clock = get_clock(), FixedClock(dt.datetime(2025, 11, 20, tzinfo=dt.UTC))
    use_clock(clock)
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["MM_DATABASE_URL"] = f"sqlite:///{pathlib.Path(tmp) / 'badge.db'}"
        settings.get_settings.cache_clear()
        db.get_engine.cache_clear()
        db.create_schema(db.get_engine())
        with db.session_scope() as s:
            learner, nuggets, snaps = _content(s, clock)
            user_id = learner.id
            skill = s.get(Skill, nuggets[0].skill_id)
            assert skill is not None
            s.add(Achievement(skill_id=skill.id, level=4, name="A year, level 4"))
        plan = _plan(nuggets, snaps)[:SIZE]
        _ingest(user_id, plan, 0, clock)
        clock.set(plan[-1][0] + dt.timedelta(hours=1))
        with db.session_scope(read_only=True) as s:
            first = changes.pull(
                session=s, user=s.get(User, user_id), cursor_token=None, page_size=100
            )
        cursor, version = first.cursor, first.reviews_version

        def bare() -> Any:
            with db.session_scope(read_only=True) as s:
                return changes.pull(
                    session=s,
                    user=s.get(User, user_id),
                    cursor_token=cursor,
                    page_size=100,
                    reviews_after=version,
                )

        def route() -> Any:
            with db.session_scope(read_only=True) as s:
                user = s.get(User, user_id)
            return sync_routes.pull(user=user, cursor=cursor, reviews_after=version)

        got = route()
        assert got.progress is not None and not got.progress.credentials
        pulled, routed = _pct(_times(bare, RUNS), 0.5), _pct(_times(route, RUNS), 0.5)
        db.get_engine().dispose()
    use_clock(previous)
    print(f"\n== Pull route with an unmet achievement: {SIZE:,d} events, SQLite ==")
    print(f"bare pull p50 {pulled:.1f} ms; route (issuing check + pull) p50 {routed:.1f} ms;")
    print(f"route / bare {routed / pulled:.2f}")


if __name__ == "__main__":
    main()
