"""Database engines and sessions, for SQLite (default) and Postgres."""

from __future__ import annotations

import functools
from collections.abc import Iterator
from contextlib import contextmanager

import sqlalchemy as sa
from sqlmodel import Session, SQLModel

from mmapp import models  # noqa: F401  (registers every table on SQLModel.metadata)
from mmapp.settings import get_settings


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    # WAL lets readers run during a write; busy_timeout queues writers from
    # several worker processes instead of failing with "database is locked".
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def make_engine(url: str) -> sa.Engine:
    """Create an engine with the settings this app relies on.

    Args:
        url: SQLAlchemy database URL.

    Returns:
        A new engine.

    """
    if url.startswith("sqlite"):
        engine = sa.create_engine(url, connect_args={"check_same_thread": False})
        sa.event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return sa.create_engine(url, pool_pre_ping=True)


@functools.cache
def get_engine() -> sa.Engine:
    """Return this process's engine for the configured database.

    Returns:
        The shared engine.

    """
    return make_engine(get_settings().database_url)


@contextmanager
def session_scope(engine: sa.Engine | None = None) -> Iterator[Session]:
    """Open a session that commits on success and rolls back on error.

    Args:
        engine: Engine to use; the configured one by default.

    Yields:
        The session.

    """
    with Session(engine or get_engine(), expire_on_commit=False) as session:
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise


def create_schema(engine: sa.Engine) -> None:
    """Create every table directly (tests and benchmarks; the app migrates).

    Args:
        engine: Engine to create the tables in.

    """
    SQLModel.metadata.create_all(engine)
