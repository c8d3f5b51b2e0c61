"""Shared fixtures: a real database (SQLite file, or Postgres when asked) per test."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator

import pytest
import sqlalchemy as sa
from sqlmodel import Session, SQLModel

from mmapp import db, settings
from mmapp.clock import FixedClock, use_clock
from mmapp.demo.seed import seed_demo

POSTGRES_URL = os.environ.get(
    "MM_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)


# The unit and API tiers run at this instant, whatever today's date is: the server's
# "now" (received_at, releases, token expiry, reminders) comes from the clock seam.
FIXED_NOW = dt.datetime(2026, 11, 21, 9, 0, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def clock(request) -> Iterator[FixedClock | None]:
    """A clock standing at FIXED_NOW (tests/e2e overrides it: a real server, a real clock).

    A test marked `wall_clock` (it runs server processes of its own, which read the
    real clock) gets none: the whole test then lives on the wall clock.
    """
    if request.node.get_closest_marker("wall_clock"):
        yield None
        return
    fixed = FixedClock(FIXED_NOW)
    use_clock(fixed)
    yield fixed
    use_clock(None)


def _postgres_available() -> bool:
    try:
        engine = sa.create_engine(POSTGRES_URL)
        with engine.connect():
            pass
        engine.dispose()
        return True
    except Exception:
        return False


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db_url(request, tmp_path, monkeypatch) -> Iterator[str]:
    """A fresh, empty database for one test, configured as the app's database."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'test.db'}"
    else:
        if not _postgres_available():
            if os.environ.get("CI"):
                pytest.fail(f"PostgreSQL not reachable at {POSTGRES_URL}")
            pytest.skip("PostgreSQL not reachable")
        url = POSTGRES_URL
        engine = sa.create_engine(url)
        SQLModel.metadata.drop_all(engine)
        engine.dispose()
    monkeypatch.setenv("MM_DATABASE_URL", url)
    settings.get_settings.cache_clear()
    db.get_engine.cache_clear()
    db.create_schema(db.get_engine())
    yield url
    db.get_engine().dispose()
    db.get_engine.cache_clear()
    settings.get_settings.cache_clear()


@pytest.fixture
def engine(db_url) -> sa.Engine:
    """The configured engine for the test database."""
    return db.get_engine()


@pytest.fixture
def session(engine) -> Iterator[Session]:
    """A session for the whole test, committed at its end.

    Deliberately a plain (deferred) transaction rather than `session_scope()`: a write
    scope holds the writer lock for its whole life, and the test may open others
    (fixtures, services) meanwhile.
    """
    with Session(engine, expire_on_commit=False) as s:
        yield s
        s.commit()


@pytest.fixture
def seeded(engine) -> None:
    """Demo content, accounts and cohort loaded."""
    with db.session_scope(engine) as s:
        seed_demo(session=s)
