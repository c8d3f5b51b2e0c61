"""Schema migrations: the alembic folder Reflex manages, applied to our engine.

`reflex db init` created `alembic.ini` and `alembic/`, and new revisions come from
`reflex db makemigrations` (Reflex autogenerates them from the shared SQLModel
metadata our tables live on). Applying them is done here, against this process's
own engine, with the same alembic steps Reflex's `migrate` takes, so the result
never depends on which config Reflex happened to cache in this process.
"""

from __future__ import annotations

from pathlib import Path

import alembic.config
import alembic.script
from alembic.runtime.environment import EnvironmentContext
from sqlmodel import SQLModel

from mmapp import models
from mmapp.db import get_engine
from mmapp.settings import PROJECT_ROOT

ALEMBIC_INI = PROJECT_ROOT / "alembic.ini"


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


def upgrade(to_revision: str = "head", ini: Path = ALEMBIC_INI) -> None:
    """Bring the configured database to `to_revision`.

    Raises:
        RuntimeError: The alembic files are missing (not a project checkout).
    """
    if not ini.exists():
        msg = f"no alembic.ini at {ini}; run from a Micromastery checkout"
        raise RuntimeError(msg)
    config = alembic.config.Config(str(ini))
    config.set_main_option("script_location", str(ini.parent / "alembic"))
    script = alembic.script.ScriptDirectory.from_config(config)

    def steps(revision: str, _context: object) -> list:
        # A private alembic helper, used the same way by Reflex's own `migrate`.
        return script._upgrade_revs(to_revision, revision)

    with get_engine().connect() as connection:
        with EnvironmentContext(config, script, fn=steps) as env:
            env.configure(connection=connection, target_metadata=SQLModel.metadata)
            env.run_migrations()
        connection.commit()
