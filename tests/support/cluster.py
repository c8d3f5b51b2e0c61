"""The production mode under test: one build, several app processes, PostgreSQL and Redis.

Everything goes through `scripts/serve_cluster.sh` (`build`, then `process PORT` per
process), the commands the README gives operators, with a `Balancer` in front as
the reverse proxy.
"""

from __future__ import annotations

import contextlib
import os
import pathlib
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass

import sqlalchemy as sa
from sqlmodel import SQLModel

from mmapp import db
from mmapp.demo.seed import seed_demo
from tests.support.app_server import ROOT, _ready, free_port, stop_server
from tests.support.balancer import Balancer, running_balancer

SCRIPT = ROOT / "scripts" / "serve_cluster.sh"
BUILD_TIMEOUT_S = 600
START_TIMEOUT_S = 180


@dataclass
class Cluster:
    """Two app processes (`A`, `B`) behind a balancer, on one database and one Redis."""

    db_url: str
    processes: dict[str, subprocess.Popen]
    urls: dict[str, str]
    balancer: Balancer

    @property
    def public_url(self) -> str:
        """The origin people open: the balancer's."""
        return f"http://localhost:{self.balancer.port}"

    def query(self, sql: str, **params: object) -> list[tuple]:
        """Rows of a SQL query against the cluster's database."""
        engine = sa.create_engine(self.db_url)
        try:
            with engine.connect() as conn:
                return [tuple(r) for r in conn.execute(sa.text(sql), params)]
        finally:
            engine.dispose()


def fresh_demo_database(url: str) -> None:
    """Empty the database at `url`, create the newest schema (stamped) and seed the demo."""
    engine = db.make_engine(url)
    try:
        SQLModel.metadata.drop_all(engine)
        db.create_schema(engine)
        with db.session_scope(engine) as s:
            seed_demo(session=s)
    finally:
        engine.dispose()


@contextlib.contextmanager
def running_cluster(
    *, db_url: str, redis_url: str, folder: pathlib.Path, env: dict[str, str] | None = None
) -> Iterator[Cluster]:
    """Build once into `folder`, start processes A and B on it, and a balancer in front."""
    ports = {"A": free_port(), "B": free_port()}
    base_env = {
        **os.environ,
        "MM_DATABASE_URL": db_url,
        "REFLEX_REDIS_URL": redis_url,
        # The cluster's own build folder: the e2e journeys' `.web` stays as it is.
        "REFLEX_WEB_WORKDIR": str(folder / "web"),
        "REFLEX_USE_SYSTEM_BUN": "1",
        **(env or {}),
    }
    fresh_demo_database(db_url)
    with running_balancer(ports) as balancer:
        base_env["PUBLIC_URL"] = f"http://localhost:{balancer.port}"
        build_log = folder / "build.log"
        with build_log.open("w") as log:
            built = subprocess.run(
                [str(SCRIPT), "build"],
                cwd=ROOT,
                env=base_env,
                stdout=log,
                stderr=subprocess.STDOUT,
                timeout=BUILD_TIMEOUT_S,
                check=False,
            )
        if built.returncode != 0:
            raise RuntimeError(f"build failed:\n{build_log.read_text()[-3000:]}")
        processes: dict[str, subprocess.Popen] = {}
        try:
            for name, port in ports.items():
                processes[name] = subprocess.Popen(
                    [str(SCRIPT), "process", str(port)],
                    cwd=ROOT,
                    env={**base_env, "HOST": "127.0.0.1", "LOG_LEVEL": "info"},
                    stdout=(folder / f"process-{name}.log").open("w"),
                    stderr=subprocess.STDOUT,
                    start_new_session=True,
                )
            urls = {name: f"http://127.0.0.1:{port}" for name, port in ports.items()}
            deadline = time.monotonic() + START_TIMEOUT_S
            for name, url in urls.items():
                while not (_ready(url + "/api/v1/health") and _ready(url + "/")):
                    if processes[name].poll() is not None or time.monotonic() > deadline:
                        log_text = (folder / f"process-{name}.log").read_text()[-3000:]
                        raise RuntimeError(f"process {name} did not start:\n{log_text}")
                    time.sleep(0.5)
            yield Cluster(db_url, processes, urls, balancer)
        finally:
            for process in processes.values():
                stop_server(process)
