"""Start the real app (`reflex run --env prod`) on a free loopback port, with its own DB."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import pathlib
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator

import sqlalchemy as sa
from sqlmodel import select

from mmapp import db
from mmapp.demo.history import seed_history
from mmapp.demo.seed import DEMO_COHORT_CODE
from mmapp.models import Cohort, User

ROOT = pathlib.Path(__file__).resolve().parents[2]
START_TIMEOUT_S = 600
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
]
PHONE = {
    "viewport": {"width": 390, "height": 844},
    "is_mobile": True,
    "has_touch": True,
    "device_scale_factor": 2,
}


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _ready(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as r:
            return r.status == 200
    except OSError:
        return False


class AppServer:
    """A running production build with its own SQLite database."""

    def __init__(self, base_url: str, db_url: str, process: subprocess.Popen) -> None:
        self.base_url, self.db_url, self.process = base_url, db_url, process
        self.engine = sa.create_engine(db_url)

    def kill(self) -> None:
        """Kill the server abruptly (SIGKILL), as a crash would."""
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=20)

    def query(self, sql: str, **params) -> list[tuple]:
        """Rows of a SQL query against the app's database."""
        with self.engine.connect() as conn:
            return [tuple(r) for r in conn.execute(sa.text(sql), params)]


@contextlib.contextmanager
def running_app(
    folder: pathlib.Path,
    log: pathlib.Path,
    port: int | None = None,
    extra_env: dict[str, str] | None = None,
) -> Iterator[AppServer]:
    """Migrate, seed (first time only) and serve the app until the block ends.

    Run it again with the same folder and port to restart the same server: same
    database, same origin (so the browser keeps its service worker and storage).
    `extra_env` adds settings, e.g. a loopback push receiver on the allowlist.
    """
    db_path = folder / "app.db"
    env = {
        **os.environ,
        "MM_DATABASE_URL": f"sqlite:///{db_path}",
        "REFLEX_USE_SYSTEM_BUN": "1",
        **(extra_env or {}),
    }
    cli = [sys.executable, "-m", "mmapp.cli"]
    subprocess.run([*cli, "db-upgrade"], env=env, check=True, cwd=ROOT, capture_output=True)
    subprocess.run(
        [*cli, "seed-demo", "--if-empty"], env=env, check=True, cwd=ROOT, capture_output=True
    )
    port = port or free_port()
    log.parent.mkdir(parents=True, exist_ok=True)
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "reflex",
            "run",
            "--env",
            "prod",
            "--single-port",
            "--frontend-port",
            str(port),
            "--backend-port",
            str(port),
            "--loglevel",
            "info",
        ],
        cwd=ROOT,
        env=env,
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + START_TIMEOUT_S
    try:
        while not (_ready(base + "/api/v1/health") and _ready(base + "/")):
            if proc.poll() is not None or time.monotonic() > deadline:
                msg = f"app did not start; see {log}:\n{log.read_text()[-3000:]}"
                raise RuntimeError(msg)
            time.sleep(1)
        yield AppServer(base, f"sqlite:///{db_path}", proc)
    finally:
        stop_server(proc)


def stop_server(proc: subprocess.Popen) -> None:
    """Stop the server and everything it started (workers, frontend)."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGTERM)
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)


def create_learner(
    db_url: str, email: str, password: str, name: str, cohort: str | None = "COMMUTE1"
) -> tuple[str, str]:
    """Create a learner through the operator CLI (as an admin would); returns credentials."""
    join = ["--cohort-code", cohort] if cohort else []
    subprocess.run(
        [
            sys.executable,
            "-m",
            "mmapp.cli",
            "create-user",
            "--email",
            email,
            "--password",
            password,
            "--name",
            name,
            *join,
        ],
        cwd=ROOT,
        check=True,
        capture_output=True,
        env={**os.environ, "MM_DATABASE_URL": db_url},
    )
    return email, password


def give_history(app: AppServer, email: str) -> None:
    """Seed the demo's few weeks of history for a learner of the demo cohort.

    With it the learner opens to due reviews, levels on Progress and (on the first
    sync) the demo's credential.

    Args:
        app: The running app whose database gets the history.
        email: The learner's email address (a member of the demo cohort).

    Raises:
        RuntimeError: The learner already had the demo history.
    """
    engine = db.make_engine(app.db_url)
    try:
        with db.session_scope(engine) as s:
            learner = s.exec(select(User).where(User.email == email)).one()
            cohort = s.exec(select(Cohort).where(Cohort.invite_code == DEMO_COHORT_CODE)).one()
            now = dt.datetime.now(dt.UTC)  # app servers run on the wall clock
            if not seed_history(session=s, learner=learner, cohort_id=cohort.id, now=now):
                raise RuntimeError(f"{email} already has the demo history")
    finally:
        engine.dispose()


# No network at all, from the first request of every worker: all traffic, loopback
# included, goes to a proxy port where nothing listens.
TUNNEL_FLAGS = ["--proxy-server=http://127.0.0.1:9", "--proxy-bypass-list=<-loopback>"]


def launch_phone(
    playwright,
    profile: pathlib.Path,
    base_url: str,
    *,
    tunnel: bool = False,
    debugging_port: int | None = None,
):
    """Chromium with a persistent profile at phone size (installability needs one).

    Args:
        playwright: The Playwright instance.
        profile: Profile folder (reopen it to restart the browser).
        base_url: The app's URL.
        tunnel: Start with no network, service worker included.
        debugging_port: Also listen for DevTools clients (Lighthouse) on this
            loopback port.
    """
    debugging = [f"--remote-debugging-port={debugging_port}"] if debugging_port else []
    return playwright.chromium.launch_persistent_context(
        str(profile),
        executable_path=shutil.which("chromium"),
        args=CHROMIUM_FLAGS + (TUNNEL_FLAGS if tunnel else []) + debugging,
        base_url=base_url,
        **PHONE,
    )


def wait_until(page, expression: str, arg: object = None, timeout: float = 10_000) -> None:
    """Wait until `expression` (awaited, if a promise) is truthy in the page.

    Playwright's `wait_for_function` builds its polling predicate with `eval`, which the
    app's Content-Security-Policy (no 'unsafe-eval') refuses; `evaluate` runs through
    the DevTools protocol, which the policy does not govern. Bounded by `timeout` (ms).
    """
    deadline = time.monotonic() + timeout / 1000
    while not page.evaluate(expression, arg):
        if time.monotonic() > deadline:
            raise AssertionError(f"not true after {timeout / 1000:.0f} s: {expression}")
        time.sleep(0.1)
