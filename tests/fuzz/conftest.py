"""Fuzz tier fixtures (a seeded database per operation) and the summary it prints.

SQLite: the world is seeded once per run (six Argon2 password hashes, pushes,
exports) into a template file, and each operation's test gets its own copy of it.
PostgreSQL (MM_FUZZ_POSTGRES=1): seeded afresh for each operation.
"""

from __future__ import annotations

import copy
import os
import shutil
import traceback
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from fastapi.testclient import TestClient
from sqlmodel import SQLModel

from mmapp import db, settings
from mmapp.api import create_api
from mmapp.clock import FixedClock, get_clock, use_clock
from tests.conftest import FIXED_NOW, POSTGRES_URL, _postgres_available
from tests.fuzz import stats
from tests.fuzz.world import World, build_world
from tests.support.push_receiver import PushReceiver, running_receiver


def pytest_terminal_summary(terminalreporter, exitstatus, config) -> None:
    lines = stats.summary()
    if lines:
        terminalreporter.section("API fuzz summary")
        for line in lines:
            terminalreporter.write_line(line)


def _configure(mp: pytest.MonkeyPatch, url: str, receiver: PushReceiver) -> None:
    """Point the app at `url`; pushes may go to the loopback receiver only."""
    mp.setenv("MM_DATABASE_URL", url)
    mp.setenv("MM_PUSH_ALLOWED_HOSTS", f"127.0.0.1:{receiver.port}")
    mp.setenv("MM_PUSH_CA_BUNDLE", receiver.ca_file)
    settings.get_settings.cache_clear()
    db.get_engine.cache_clear()


def _close() -> None:
    db.get_engine().dispose()
    db.get_engine.cache_clear()
    settings.get_settings.cache_clear()


class CatchEscapes:
    """ASGI wrapper that keeps every exception escaping the app, then lets it go on.

    The client answers those with a 500; this also catches what escapes after the
    response was sent (background tasks such as sending an announcement).
    """

    def __init__(self, app: Any) -> None:
        self.app, self.escaped = app, []

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        try:
            await self.app(scope, receive, send)
        except Exception:
            self.escaped.append(traceback.format_exc())
            raise

    def take(self) -> list[str]:
        """The tracebacks kept since the last call."""
        out, self.escaped = self.escaped, []
        return out


def _client() -> TestClient:
    """A client that hands back a 500 as an answer instead of raising the app's error."""
    return TestClient(CatchEscapes(create_api()), raise_server_exceptions=False)


@pytest.fixture(scope="module")
def receiver(tmp_path_factory) -> Iterator[PushReceiver]:
    """The push service every announcement the fuzzer causes is sent to."""
    with running_receiver(tmp_path_factory.mktemp("push")) as r:
        yield r
        assert r.errors == []  # whatever was sent passed the protocol checks


@pytest.fixture(scope="module")
def template(receiver, tmp_path_factory) -> tuple[Path, World]:
    """A seeded SQLite file and its world, made once (on the tests' fixed clock)."""
    path = tmp_path_factory.mktemp("fuzz-template") / "seeded.db"
    before = get_clock()  # the first test's FixedClock, when it asks for this fixture
    with pytest.MonkeyPatch.context() as mp:
        _configure(mp, f"sqlite:///{path}", receiver)
        use_clock(FixedClock(FIXED_NOW))
        try:
            db.create_schema(db.get_engine())
            world = build_world(_client(), receiver)
        finally:
            use_clock(before)
            _close()
    return path, world


@pytest.fixture
def fuzz(request, receiver, tmp_path, monkeypatch) -> Iterator[tuple[TestClient, World]]:
    """A client on a freshly seeded database of its own, and that database's world."""
    if request.param == "sqlite":
        path, world = request.getfixturevalue("template")
        shutil.copy(path, tmp_path / "fuzz.db")
        _configure(monkeypatch, f"sqlite:///{tmp_path / 'fuzz.db'}", receiver)
        world = copy.deepcopy(world)
    else:
        if not _postgres_available():
            if os.environ.get("CI"):
                pytest.fail(f"PostgreSQL not reachable at {POSTGRES_URL}")
            pytest.skip("PostgreSQL not reachable")
        engine = sa.create_engine(POSTGRES_URL)
        SQLModel.metadata.drop_all(engine)
        engine.dispose()
        _configure(monkeypatch, POSTGRES_URL, receiver)
        db.create_schema(db.get_engine())
        world = build_world(_client(), receiver)
    yield _client(), world
    _close()


def pytest_generate_tests(metafunc: Any) -> None:
    """SQLite always; PostgreSQL too with MM_FUZZ_POSTGRES=1."""
    if "fuzz" in metafunc.fixturenames:
        marks = [pytest.param("postgres", marks=pytest.mark.postgres)]
        params = ["sqlite", *(marks if os.environ.get("MM_FUZZ_POSTGRES") else [])]
        metafunc.parametrize("fuzz", params, indirect=True)
