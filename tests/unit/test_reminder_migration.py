"""Migration d1f3a5c7e9b2 gives plans saved before it their next due instant."""

from __future__ import annotations

import uuid

import pytest
import sqlalchemy as sa

from mmapp import db, migrations, settings
from tests.conftest import FIXED_NOW  # Saturday 21 November 2026, 09:00 UTC


@pytest.fixture
def empty_db(tmp_path, monkeypatch):
    monkeypatch.setenv("MM_DATABASE_URL", f"sqlite:///{tmp_path / 'migrate.db'}")
    settings.get_settings.cache_clear()
    db.get_engine.cache_clear()
    yield db.get_engine()
    db.get_engine().dispose()
    db.get_engine.cache_clear()
    settings.get_settings.cache_clear()


def test_plans_from_before_next_due_get_it_from_their_slots(empty_db):
    migrations.upgrade("c0e2a4b6d8f1")  # the last revision without `next_due_at`
    tables = sa.MetaData()
    tables.reflect(empty_db)
    people = {name: uuid.uuid4() for name in ("monday", "in_window", "off", "quiet", "bad_zone")}
    monday = [{"weekday": 0, "time": "08:10"}, {"weekday": 0, "time": "17:40"}]
    saturday = [{"weekday": 5, "time": "08:50"}]  # 10 minutes before the migration runs
    plans = {
        "monday": {"timezone": "Europe/London", "slots": monday},
        "in_window": {"timezone": "UTC", "slots": saturday},
        "off": {"timezone": "UTC", "slots": monday, "enabled": False},
        "quiet": {"timezone": "UTC", "slots": monday, "quiet_start": "08:00", "quiet_end": "18:00"},
        "bad_zone": {"timezone": "Mars/Olympus", "slots": monday},
    }
    with empty_db.begin() as conn:
        for name, uid in people.items():
            conn.execute(
                tables.tables["user"].insert(),
                {
                    "id": uid.hex,
                    "email": f"{name}@x.io",
                    "display_name": name,
                    "role": "learner",
                    "password_hash": "x",
                    "timezone": "UTC",
                    "created_at": FIXED_NOW,
                    "memberships_seq": 0,
                    "reviews_version": 0,
                },
            )
            row = {"enabled": True, "quiet_start": None, "quiet_end": None} | plans[name]
            conn.execute(
                tables.tables["reminderplan"].insert(),
                {"user_id": uid.hex, "daily_goal_minutes": 10, "updated_at": FIXED_NOW} | row,
            )
    migrations.upgrade()
    with empty_db.connect() as conn:
        got = dict(conn.execute(sa.text("SELECT user_id, next_due_at FROM reminderplan")).all())
    due = {name: got[uid.hex] for name, uid in people.items()}
    assert due == {
        "monday": "2026-11-23 08:10:00.000000",
        "in_window": "2026-11-21 08:50:00.000000",  # its window is still open: it rings
        "off": None,
        "quiet": None,
        "bad_zone": None,
    }
    with empty_db.connect() as conn:
        indexes = {i["name"] for i in sa.inspect(conn).get_indexes("reminderplan")}
    assert "ix_reminderplan_next_due_at" in indexes
