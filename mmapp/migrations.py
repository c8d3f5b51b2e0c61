"""Schema migrations: the alembic folder Reflex manages, applied to our engine.

`reflex db init` created `alembic.ini` and `alembic/`, and new revisions come from
`reflex db makemigrations` (Reflex autogenerates them from the shared SQLModel
metadata our tables live on). Applying them is done here, against this process's
own engine, with the same alembic steps Reflex's `migrate` takes, so the result
never depends on which config Reflex happened to cache in this process.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

import alembic.config
import alembic.script
import sqlalchemy as sa
from alembic.migration import MigrationContext
from alembic.runtime.environment import EnvironmentContext
from alembic.runtime.migration import MigrationStep
from sqlmodel import SQLModel

from mmapp import models
from mmapp.db import get_engine
from mmapp.settings import PROJECT_ROOT

ALEMBIC_INI = PROJECT_ROOT / "alembic.ini"
UPGRADE_HINT = "run `.venv/bin/mmapp db-upgrade`"


class SchemaOutOfDateError(RuntimeError):
    """The database is not at the schema this code needs; the message says what to do."""


def register_models() -> None:
    """Make sure Reflex's alembic (`reflex db makemigrations`) sees every table of ours.

    Reflex pre-registers `rx.Model`, whose metadata is the shared `SQLModel.metadata`
    our tables are declared on; registering them again would make Reflex merge copies
    of that metadata. So importing `models` is all it takes; checked here.

    Raises:
        RuntimeError: Reflex's registry does not resolve to our metadata.
    """
    from reflex.model import ModelRegistry

    if ModelRegistry.get_metadata() is not SQLModel.metadata or (
        models.User.__tablename__ not in SQLModel.metadata.tables
    ):
        raise RuntimeError("Reflex's model registry does not see Micromastery's tables")


def _script(ini: Path) -> tuple[alembic.config.Config, alembic.script.ScriptDirectory]:
    if not ini.exists():
        msg = f"no alembic.ini at {ini}; run from a Micromastery checkout"
        raise RuntimeError(msg)
    config = alembic.config.Config(str(ini))
    config.set_main_option("script_location", str(ini.parent / "alembic"))
    return config, alembic.script.ScriptDirectory.from_config(config)


def head_revision(ini: Path = ALEMBIC_INI) -> str:
    """The newest schema revision this code knows."""
    head = _script(ini)[1].get_current_head()
    if head is None:
        raise RuntimeError("the alembic folder has no revisions")
    return head


def current_revision(engine: sa.Engine | None = None) -> str | None:
    """The revision the database is stamped with (`None`: never migrated)."""
    with (engine or get_engine()).connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def check_schema(engine: sa.Engine | None = None, ini: Path = ALEMBIC_INI) -> None:
    """Refuse to serve from a database whose schema is not this code's newest.

    Raises:
        SchemaOutOfDateError: Behind (or never migrated), or at a revision this
            code does not know; the message is one line saying what to do.
    """
    head, current = head_revision(ini), current_revision(engine)
    if current == head:
        return
    known = {rev.revision for rev in _script(ini)[1].walk_revisions()}
    if current is None or current in known:
        behind = f"the database schema is behind; {UPGRADE_HINT}"  # for the operator
        raise SchemaOutOfDateError(behind)
    msg = (
        f"the database schema is at revision {current}, which this code does not know "
        "(made by a newer version?); run that version, or restore a matching database"
    )
    raise SchemaOutOfDateError(msg)


def check_schema_or_exit() -> None:
    """The server's start-up check: on a stale schema, print one line and exit.

    It runs as the first lifespan task of each server worker. It ends the process
    with `os._exit`: an exception there is logged by Starlette as a long traceback
    under the one line that matters, and the worker stops all the same.
    """
    try:
        check_schema()
    except SchemaOutOfDateError as exc:
        print(f"error: {exc}", file=sys.stderr, flush=True)
        os._exit(1)


def stamp_head(engine: sa.Engine, ini: Path = ALEMBIC_INI) -> None:
    """Mark a database made by `create_all` (tests, benchmarks) as at the newest revision.

    Any stamp already there is replaced (a reused test database may carry another).
    """
    _run(engine, ini, lambda script, revision: script._stamp_revs("head", revision), purge=True)


def upgrade(to_revision: str = "head", ini: Path = ALEMBIC_INI) -> None:
    """Bring the configured database to `to_revision`.

    Raises:
        RuntimeError: The alembic files are missing (not a project checkout).
    """
    _run(get_engine(), ini, lambda script, revision: script._upgrade_revs(to_revision, revision))


_Plan = Callable[[alembic.script.ScriptDirectory, str], Sequence[MigrationStep]]


def _run(engine: sa.Engine, ini: Path, plan: _Plan, *, purge: bool = False) -> None:
    config, script = _script(ini)

    def steps(revision: str, _context: object) -> Sequence[MigrationStep]:
        # Private alembic helpers, used the same way by Reflex's own `migrate`.
        return plan(script, revision)

    with engine.connect() as connection:
        with EnvironmentContext(config, script, fn=steps, purge=purge) as env:
            env.configure(connection=connection, target_metadata=SQLModel.metadata)
            env.run_migrations()
        connection.commit()
