"""Schema migrations through Reflex's alembic integration (`alembic/` in the repo).

Our tables are plain SQLModel, so they are registered with Reflex's model registry
here, at the edge, rather than by subclassing `rx.Model` in `models.py`.
"""

from __future__ import annotations

import os
from pathlib import Path

from sqlmodel import SQLModel

from mmapp import models
from mmapp.settings import get_settings

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def register_models() -> None:
    """Make sure Reflex's alembic sees every table of ours.

    Reflex pre-registers `rx.Model`, whose metadata is the shared `SQLModel.metadata`
    that our tables are declared on; registering them again would make Reflex merge
    copies of that metadata. So importing `models` is all it takes; checked here.

    Raises:
        RuntimeError: Reflex's registry does not resolve to our metadata.

    """
    from reflex.model import ModelRegistry

    if ModelRegistry.get_metadata() is not SQLModel.metadata or (
        models.User.__tablename__ not in SQLModel.metadata.tables
    ):
        raise RuntimeError("Reflex's model registry does not see Micromastery's tables")


def upgrade() -> bool:
    """Bring the configured database to the newest revision.

    Returns:
        True when migrations ran.

    Raises:
        RuntimeError: The alembic folder is missing (not a project checkout).

    """
    ini = PROJECT_ROOT / "alembic.ini"
    if not ini.exists():
        msg = f"no alembic.ini at {ini}; run from a Micromastery checkout"
        raise RuntimeError(msg)
    os.environ.setdefault("ALEMBIC_CONFIG", str(ini))
    # rxconfig.py reads this; pass the absolute URL our own engine uses.
    os.environ["MM_DATABASE_URL"] = get_settings().database_url
    previous = Path.cwd()
    os.chdir(PROJECT_ROOT)  # Reflex reads rxconfig.py and alembic paths from the cwd
    try:
        import reflex.model

        register_models()
        return bool(reflex.model.migrate(autogenerate=False))
    finally:
        os.chdir(previous)
