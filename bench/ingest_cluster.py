"""Ingest through two app processes on PostgreSQL, next to one process, same run (ratio).

The 500-device reconnect of bench/ingest_500.py (20 events each, 50 requests in
flight from bench/http_load.py), each device another learner's, against the API on
PostgreSQL: first one server process (granian, 1 worker), then two separate server
processes on the same database with the devices split evenly between them, as a
load balancer would. Each
configuration starts from a fresh demo database and is warmed up with 50 pushes.

BENCH_POSTGRES_URL names the database (its tables are dropped); by default the
test database of MM_TEST_POSTGRES_URL. Without PostgreSQL it says so and skips.
"""

from __future__ import annotations

import contextlib
import os
import time
from concurrent.futures import ThreadPoolExecutor

import sqlalchemy as sa

from bench.http_load import Reply, send_all
from bench.ingest_500 import CONCURRENCY, DEVICES, PER_DEVICE, prepare, push_requests
from bench.sync_throughput import _events
from tests.support.api_server import running_api

URL = os.environ.get(
    "BENCH_POSTGRES_URL",
    os.environ.get("MM_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"),
)


def _reachable(url: str) -> bool:
    engine = sa.create_engine(url)
    try:
        with engine.connect():
            return True
    except sa.exc.OperationalError:
        return False
    finally:
        engine.dispose()


def _port(base: str) -> int:
    return int(base.rsplit(":", 1)[1])


def _spread(ports: list[int], requests: list[list[bytes]]) -> list[Reply]:
    """Send each server its share at once, CONCURRENCY connections in all."""
    per_server = CONCURRENCY // len(ports)
    with ThreadPoolExecutor(len(ports)) as pool:
        shares = pool.map(
            lambda port, share: send_all("127.0.0.1", port, share, per_server), ports, requests
        )
        return [reply for share in shares for reply in share]


def ingest(processes: int) -> tuple[float, float]:
    """Events/s and p99 latency (ms) of the 500-device reconnect through `processes` servers."""
    nugget, devices = prepare(URL, own_learners=True)
    batches = {d: _events(nugget, 1, PER_DEVICE) for d, _ in devices}
    with contextlib.ExitStack() as stack:
        bases = [stack.enter_context(running_api(URL, workers=1)) for _ in range(processes)]
        ports = [_port(base) for base in bases]
        warm, measured = devices[DEVICES:], devices[:DEVICES]

        def shares(group: list[tuple[str, str]]) -> list[list[bytes]]:
            return [
                push_requests(port, group[n::processes], batches) for n, port in enumerate(ports)
            ]

        assert all(r.status == 200 for r in _spread(ports, shares(warm)))
        start = time.perf_counter()
        replies = _spread(ports, shares(measured))
        wall = time.perf_counter() - start
    assert len(replies) == DEVICES and all(r.status == 200 for r in replies)
    latencies = sorted(r.seconds for r in replies)
    return DEVICES * PER_DEVICE / wall, latencies[int(0.99 * len(latencies))] * 1000


def main() -> None:
    print(f"\n== Ingest through 1 and 2 app processes, PostgreSQL, {DEVICES} devices ==")
    if not _reachable(URL):
        print(f"skipped: PostgreSQL not reachable at {URL}")
        return
    one_rate, one_p99 = ingest(1)
    two_rate, two_p99 = ingest(2)
    print(f"1 process        {one_rate:10,.0f} events/s   p99 {one_p99:6.0f} ms")
    print(f"2 processes      {two_rate:10,.0f} events/s   p99 {two_p99:6.0f} ms")
    ratio = two_rate / one_rate
    print(f"ratio 2/1        {ratio:10.2f}x   ({os.cpu_count()} cores; devices split evenly)")


if __name__ == "__main__":
    main()
