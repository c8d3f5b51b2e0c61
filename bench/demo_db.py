"""A fresh database (SQLite, or Postgres emptied first) with the demo content, for benchmarks."""

from __future__ import annotations

import os
import time

from sqlmodel import Session, SQLModel


def fresh_demo_db(url: str) -> Session:
    """Point the app at `url`, create the schema, seed the demo; return a session on it."""
    os.environ["MM_DATABASE_URL"] = url
    from mmapp import db, settings
    from mmapp.demo.seed import seed_demo

    settings.get_settings.cache_clear()
    db.get_engine.cache_clear()
    if not url.startswith("sqlite"):
        SQLModel.metadata.drop_all(db.get_engine())
    db.create_schema(db.get_engine())
    with db.session_scope() as s:
        seed_demo(session=s)
    time.sleep(0.01)  # demo nuggets release "now": let now pass
    return Session(db.get_engine(), expire_on_commit=False)
