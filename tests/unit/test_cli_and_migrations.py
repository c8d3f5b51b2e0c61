"""The operator CLI and the migrations, against a real database file."""

from __future__ import annotations

import concurrent.futures
import os
import subprocess
import sys

import alembic.autogenerate
import pytest
import sqlalchemy as sa
from alembic.migration import MigrationContext
from sqlmodel import SQLModel

from mmapp import cli, db, migrations, settings
from tests.support.app_server import ROOT, free_port

BEHIND = "error: the database schema is behind; run `.venv/bin/mmapp db-upgrade`\n"


@pytest.fixture
def empty_db(tmp_path, monkeypatch):
    monkeypatch.setenv("MM_DATABASE_URL", f"sqlite:///{tmp_path / 'cli.db'}")
    settings.get_settings.cache_clear()
    db.get_engine.cache_clear()
    yield db.get_engine()
    db.get_engine().dispose()
    db.get_engine.cache_clear()
    settings.get_settings.cache_clear()


def test_commands_before_migrating_say_what_to_do(empty_db, capsys):
    assert cli.main(["seed-demo"]) == 1
    assert "run `mmapp db-upgrade` first" in capsys.readouterr().err


def test_migrations_match_the_models(empty_db):
    assert cli.main(["db-upgrade"]) == 0
    with empty_db.connect() as conn:
        diff = alembic.autogenerate.compare_metadata(
            MigrationContext.configure(conn), SQLModel.metadata
        )
    assert diff == []


def test_seed_create_and_errors(empty_db, capsys):
    assert cli.main(["db-upgrade"]) == 0
    assert cli.main(["seed-demo", "--if-empty"]) == 0
    assert "12 new nuggets" in capsys.readouterr().out
    assert cli.main(["seed-demo", "--if-empty"]) == 0
    assert "not loaded" in capsys.readouterr().out
    assert (
        cli.main(
            [
                "create-user",
                "--email",
                "x@y.io",
                "--password",
                "long-enough",
                "--name",
                "X",
                "--role",
                "coordinator",
            ]
        )
        == 0
    )
    assert "Created coordinator x@y.io" in capsys.readouterr().out
    assert (
        cli.main(["create-user", "--email", "x@y.io", "--password", "long-enough", "--name", "X"])
        == 1
    )
    assert "already exists" in capsys.readouterr().err
    assert cli.main(["create-user", "--email", "z@y.io", "--password", "short", "--name", "Z"]) == 1
    assert "at least 8 characters" in capsys.readouterr().err
    assert (
        cli.main(
            ["create-cohort", "--name", "Night", "--owner", "x@y.io", "--invite-code", "night-1"]
        )
        == 0
    )
    assert "invite code NIGHT1" in capsys.readouterr().out
    assert cli.main(["create-cohort", "--name", "Dup", "--invite-code", "NIGHT1"]) == 1
    assert "already in use" in capsys.readouterr().err
    with empty_db.connect() as conn:
        assert conn.execute(sa.text("SELECT count(*) FROM user")).scalar_one() == 3


def test_bad_arguments_exit_non_zero(capsys):
    with pytest.raises(SystemExit) as exc:
        cli.main(["create-user", "--role", "wizard"])
    assert exc.value.code == 2
    assert "invalid choice: 'wizard'" in capsys.readouterr().err


def test_vapid_key_is_made_once_shown_and_rotated(empty_db, capsys, monkeypatch):
    assert cli.main(["db-upgrade"]) == 0
    capsys.readouterr()
    assert cli.main(["vapid-show"]) == 0
    first = capsys.readouterr().out.split("database): ")[1].split()[0]
    assert cli.main(["vapid-show"]) == 0
    assert first in capsys.readouterr().out
    assert cli.main(["vapid-rotate"]) == 0
    rotated = capsys.readouterr().out.split("key: ")[1].split()[0]
    assert rotated != first and len(rotated) == 87
    assert cli.main(["vapid-show"]) == 0
    assert rotated in capsys.readouterr().out
    monkeypatch.setenv("MM_VAPID_PRIVATE_KEY", "not a pem")
    from mmapp import settings

    settings.get_settings.cache_clear()
    assert cli.main(["vapid-rotate"]) == 1
    assert "MM_VAPID_PRIVATE_KEY" in capsys.readouterr().err


def _previous_revision() -> str:
    _, script = migrations._script(migrations.ALEMBIC_INI)
    return script.get_revision(migrations.head_revision()).down_revision


def _start_check(engine) -> subprocess.CompletedProcess:
    """The server's start-up check, in its own process (it exits the process)."""
    code = "from mmapp.migrations import check_schema_or_exit as c; c(); print('serving')"
    env = {**os.environ, "MM_DATABASE_URL": str(engine.url)}
    return subprocess.run(
        [sys.executable, "-c", code], env=env, cwd=ROOT, capture_output=True, text=True, timeout=60
    )


def _worker_once() -> int:
    """`mmapp worker --once` on a thread of its own: asyncio.run refuses a thread that
    already runs an event loop, as the test thread does after Playwright's sync API."""
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        return pool.submit(cli.main, ["worker", "--once"]).result(timeout=120)


def test_a_schema_behind_head_is_refused_with_one_line(empty_db, capsys):
    migrations.upgrade(_previous_revision())
    with pytest.raises(migrations.SchemaOutOfDateError):
        migrations.check_schema()
    done = _start_check(empty_db)
    assert (done.returncode, done.stdout, done.stderr) == (1, "", BEHIND)
    assert _worker_once() == 1
    assert capsys.readouterr().err == BEHIND
    assert cli.main(["db-upgrade"]) == 0
    migrations.check_schema()
    done = _start_check(empty_db)
    assert (done.returncode, done.stdout, done.stderr) == (0, "serving\n", "")
    assert _worker_once() == 0


def test_a_never_migrated_or_unknown_schema_is_refused(empty_db):
    done = _start_check(empty_db)
    assert (done.returncode, done.stderr) == (1, BEHIND)
    with empty_db.begin() as conn:
        conn.execute(sa.text("CREATE TABLE alembic_version (version_num VARCHAR(32))"))
        conn.execute(sa.text("INSERT INTO alembic_version VALUES ('0000deadbeef')"))
    with pytest.raises(migrations.SchemaOutOfDateError, match="0000deadbeef, which this code"):
        migrations.check_schema()


def test_test_databases_are_stamped_at_head(engine):
    assert migrations.current_revision(engine) == migrations.head_revision()
    migrations.check_schema(engine)


def test_the_real_server_refuses_to_start_on_a_stale_schema(empty_db):
    migrations.upgrade(_previous_revision())
    serve = ["run", "--env", "prod", "--backend-only", "--backend-port", str(free_port())]
    env = {**os.environ, "MM_DATABASE_URL": str(empty_db.url), "REFLEX_USE_SYSTEM_BUN": "1"}
    done = subprocess.run(
        [sys.executable, "-m", "reflex", *serve],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 1
    assert BEHIND in done.stderr + done.stdout
    assert "Traceback" not in done.stderr + done.stdout


def test_skills_from_before_owners_get_their_only_author(empty_db):
    import datetime as dt
    import uuid

    from mmapp import migrations

    migrations.upgrade("0e13a3d3b823")  # the last revision without skill owners
    tables = sa.MetaData()
    tables.reflect(empty_db)
    now = dt.datetime(2026, 11, 1, tzinfo=dt.UTC)
    ana, ben = uuid.uuid4(), uuid.uuid4()
    skills = {name: uuid.uuid4() for name in ("solo", "shared", "empty", "anonymous")}
    with empty_db.begin() as conn:
        for user in (ana, ben):
            conn.execute(
                tables.tables["user"].insert(),
                {
                    "id": user.hex,
                    "email": f"{user.hex[:8]}@x.io",
                    "display_name": "U",
                    "role": "coordinator",
                    "password_hash": "x",
                    "timezone": "UTC",
                    "created_at": now,
                    "memberships_seq": 0,
                },
            )
        for name, skill_id in skills.items():
            conn.execute(
                tables.tables["skill"].insert(),
                {"id": skill_id.hex, "slug": name, "name": name.title(), "description": ""},
            )
        authors = [("solo", ana), ("solo", ana), ("shared", ana), ("shared", ben)]
        authors.append(("anonymous", None))
        for n, (skill, author) in enumerate(authors):
            conn.execute(
                tables.tables["nugget"].insert(),
                {
                    "id": uuid.uuid4().hex,
                    "slug": f"n-{n}",
                    "skill_id": skills[skill].hex,
                    "title": "T",
                    "summary": "",
                    "minutes": 5,
                    "context_md": "c",
                    "way_in_md": "w",
                    "practice_steps": [],
                    "payoff_md": "p",
                    "status": "draft",
                    "version": 0,
                    "change_seq": 0,
                    "created_by": author.hex if author else None,
                    "updated_at": now,
                },
            )
    assert cli.main(["db-upgrade"]) == 0
    with empty_db.connect() as conn:
        owners = dict(conn.execute(sa.text("SELECT slug, owner_id FROM skill")).all())
    assert owners == {"solo": ana.hex, "shared": None, "empty": None, "anonymous": None}
