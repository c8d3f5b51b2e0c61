"""The API alone under granian (Reflex's production server) on a free loopback port."""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator

from tests.support.app_server import ROOT, free_port

START_TIMEOUT_S = 60


@contextlib.contextmanager
def running_api(
    db_url: str, *, workers: int = 2, env: dict[str, str] | None = None
) -> Iterator[str]:
    """Serve `mmapp.api` with `workers` processes on `db_url`; yield its base URL.

    The database must already hold the schema. The server stops when the block ends.
    """
    port = free_port()
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "granian",
            "--interface",
            "asgi",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--workers",
            str(workers),
            "--log-level",
            "warning",
            "--factory",
            "mmapp.api:create_api",
        ],
        cwd=ROOT,
        env={**os.environ, "MM_DATABASE_URL": db_url, "MM_SCHEDULER_IN_APP": "0", **(env or {})},
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + START_TIMEOUT_S
        while not _healthy(base):
            if server.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"the API did not start (exit code {server.poll()})")
            time.sleep(0.2)
        yield base
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(timeout=10)


def _healthy(base: str) -> bool:
    try:
        with urllib.request.urlopen(base + "/api/v1/health", timeout=1) as reply:
            return reply.status == 200
    except OSError:
        return False
