"""Database engines and sessions, for SQLite (default) and Postgres."""

from __future__ import annotations

import fcntl
import functools
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager

import sqlalchemy as sa
from sqlmodel import Session, SQLModel

from mmapp import models  # noqa: F401  (registers every table on SQLModel.metadata)
from mmapp.settings import get_settings


def _sqlite_pragmas(dbapi_connection: sqlite3.Connection, _record: object) -> None:
    # WAL lets readers run during a write; busy_timeout queues writers from
    # several worker processes instead of failing with "database is locked".
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()
    # Let SQLAlchemy's "begin" event issue BEGIN itself (see `_sqlite_begin`).
    dbapi_connection.isolation_level = None


def _sqlite_begin(connection: sa.Connection) -> None:
    # A write transaction takes the write lock up front (BEGIN IMMEDIATE): a deferred
    # one that read first fails with SQLITE_BUSY when another writer commits meanwhile,
    # and busy_timeout cannot help it. Reads stay deferred and never block in WAL mode.
    write = connection.get_execution_options().get("mm_write", False)
    connection.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")


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
        sa.event.listen(engine, "begin", _sqlite_begin)
        return engine
    return sa.create_engine(url, pool_pre_ping=True)


@functools.cache
def get_engine() -> sa.Engine:
    """Return this process's engine for the configured database.

    Returns:
        The shared engine.

    """
    return make_engine(get_settings().database_url)


# SQLite has one writer at a time. Writers queue on a lock instead of polling the
# database lock with busy_timeout's growing sleeps (which gave a seconds-long tail):
# threads of a process on this lock, processes on an flock beside the database file.
_sqlite_writer = threading.Lock()


_held = threading.local()


@contextmanager
def _sqlite_write_lock(engine: sa.Engine) -> Iterator[None]:
    if getattr(_held, "writing", False):
        # The lock is not re-entrant (neither is SQLite's): waiting would hang forever.
        raise RuntimeError("a write session is already open on this thread; pass it down")
    database = engine.url.database
    with _sqlite_writer, _holding():
        if not database or database == ":memory:":
            yield
            return
        with open(f"{database}.writer-lock", "a") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)


@contextmanager
def _holding() -> Iterator[None]:
    _held.writing = True
    try:
        yield
    finally:
        _held.writing = False


@contextmanager
def session_scope(engine: sa.Engine | None = None, *, read_only: bool = False) -> Iterator[Session]:
    """Open a session that commits on success and rolls back on error.

    Writes are the default: on SQLite the transaction takes the write lock at BEGIN
    (a deferred transaction that reads first and writes later fails with "database
    is locked" when another writer commits in between, and no busy timeout helps).
    A read is the exception a caller names; it never blocks a writer (WAL), and a
    write attempted in it fails loudly instead of racing.

    Args:
        engine: Engine to use; the configured one by default.
        read_only: The transaction only reads.

    Yields:
        The session.

    """
    engine = engine or get_engine()
    serial = not read_only and engine.dialect.name == "sqlite"
    lock = _sqlite_write_lock(engine) if serial else _no_lock()
    with lock, Session(engine, expire_on_commit=False) as session:
        if serial:
            session.connection(execution_options={"mm_write": True})
        if read_only:
            sa.event.listen(session, "before_flush", _refuse_flush)
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise


def _refuse_flush(session: Session, _context: object, _instances: object) -> None:
    if session.new or session.dirty or session.deleted:
        raise RuntimeError("a read-only session tried to write; open it without read_only")


@contextmanager
def _no_lock() -> Iterator[None]:
    yield


def table_of(model: type[SQLModel]) -> sa.Table:
    """The Core table a table model maps, for statements built without the ORM.

    Args:
        model: A SQLModel class declared with `table=True`.

    Returns:
        Its table (the class's `__table__`).

    Raises:
        TypeError: The class maps no table.

    """
    table = sa.inspect(model).local_table
    if not isinstance(table, sa.Table):
        raise TypeError(f"{model.__name__} maps no table")
    return table


def create_schema(engine: sa.Engine) -> None:
    """Create every table directly (tests and benchmarks; the app migrates).

    The tables are the newest schema, so the database is stamped at alembic's head:
    the server's start-up check then accepts it.

    Args:
        engine: Engine to create the tables in.

    """
    from mmapp.migrations import stamp_head  # it imports this module

    SQLModel.metadata.create_all(engine)
    stamp_head(engine)
