"""500 devices reconnecting at once: HTTP ingest events/s and latency percentiles.

The API runs under granian (Reflex's production server) on loopback with a SQLite
file; 500 devices each push one batch of 20 events, 50 at a time over keep-alive
connections from a light raw-socket client (bench/http_load.py). Printed beside
raw `sqlite3.executemany` of the same rows, same run.

The server first takes 50 pushes from 50 other devices, as a server that has been
running has (its first requests compile statements and warm caches); their
latency is printed too, as "just started".
BENCH_DATABASE_URL points it at Postgres instead.
Goal (issue 3): >= 5,000 events/s and p99 <= 100 ms on this 2-core machine.
"""

from __future__ import annotations

import json
import os
import pathlib
import tempfile
import time

from bench.demo_db import fresh_demo_db
from bench.http_load import post_json, send_all
from bench.sync_throughput import _events, raw_sqlite
from tests.support.api_server import running_api

DEVICES, PER_DEVICE, CONCURRENCY, WARMUP = 500, 20, 50, 50
WORKERS = int(os.environ.get("BENCH_WORKERS", "2"))
# BENCH_DATABASE_URL=postgresql+psycopg://... runs it on Postgres (its tables are dropped).
DATABASE = "Postgres" if "postgres" in os.environ.get("BENCH_DATABASE_URL", "") else "SQLite"
ROOT = pathlib.Path(__file__).resolve().parents[1]


def prepare(
    url: str, devices_wanted: int = DEVICES + WARMUP, *, own_learners: bool = False
) -> tuple[dict, list[tuple[str, str]]]:
    """A fresh demo database with `devices_wanted` signed-in devices.

    The devices are the demo learner's, or with `own_learners` each another learner's
    of the demo cohort (as a morning's reconnects are: many people, a phone each).

    Returns:
        A nugget of the learner's (as the pull gives it) and each device's id and token.

    """
    fresh_demo_db(url).close()
    from sqlmodel import select

    from mmapp import accounts, cohorts, db
    from mmapp.demo.seed import DEMO_COHORT_CODE, DEMO_LEARNER
    from mmapp.models import Cohort, User
    from mmapp.sync import changes

    devices = []
    with db.session_scope() as s:
        user = s.exec(select(User).where(User.email == DEMO_LEARNER[0])).one()
        page = changes.pull(session=s, user=user, cursor_token=None, page_size=1)
        nugget = page.nuggets[0].model_dump(mode="json")
        cohort = s.exec(select(Cohort).where(Cohort.invite_code == DEMO_COHORT_CODE)).one()
        for i in range(devices_wanted):
            device_id = f"bench-device-{i:04d}"
            owner = user
            if own_learners:  # the demo learner's password hash: no Argon2 run per account
                owner = User(
                    email=f"bench-{i:04d}@example.org",
                    display_name=f"Bench {i}",
                    password_hash=user.password_hash,
                )
                s.add(owner)
                cohorts.add_member(session=s, cohort=cohort, user=owner)
            accounts.register_device(session=s, user=owner, device_id=device_id)
            token, _ = accounts.issue_token(session=s, user=owner, device_id=device_id, ttl_days=1)
            devices.append((device_id, token))
    db.get_engine().dispose()
    return nugget, devices


def push_requests(
    port: int, devices: list[tuple[str, str]], batches: dict[str, list[dict]]
) -> list[bytes]:
    """One raw sync push per device (its batch, its bearer token) for the server on `port`."""
    return [
        post_json(
            "127.0.0.1",
            port,
            "/api/v1/sync/push",
            {"device_id": device_id, "events": batches[device_id]},
            {"Authorization": f"Bearer {token}"},
        )
        for device_id, token in devices
    ]


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        url = os.environ.get("BENCH_DATABASE_URL") or f"sqlite:///{pathlib.Path(tmp) / 'ing.db'}"
        nugget, devices = prepare(url)
        with running_api(url, workers=WORKERS) as base:
            port = int(base.rsplit(":", 1)[1])
            batches = {d: _events(nugget, 1, PER_DEVICE) for d, _ in devices}
            requests = push_requests(port, devices, batches)
            warm_replies = send_all("127.0.0.1", port, requests[DEVICES:], CONCURRENCY)
            assert all(r.status == 200 for r in warm_replies)
            warm = sorted(r.seconds for r in warm_replies)
            requests = requests[:DEVICES]
            cpu_start, start = time.process_time(), time.perf_counter()
            replies = send_all("127.0.0.1", port, requests, CONCURRENCY)
            wall = time.perf_counter() - start
            client_cpu = time.process_time() - cpu_start
            bad = [r for r in replies if r.status != 200]
            assert len(replies) == DEVICES and not bad, bad[:1]
            applied = sum(
                [x["status"] for x in json.loads(r.body)["results"]].count("applied")
                for r in replies
            )
            assert applied == DEVICES * PER_DEVICE, applied
            latencies = [r.seconds for r in replies]
            if os.environ.get("BENCH_DEBUG"):
                print([round(x * 1000) for x in latencies])
        all_events = [{**e, "_device": d} for d, _ in devices[:DEVICES] for e in batches[d]]
        raw = raw_sqlite(pathlib.Path(tmp) / "raw.db", all_events)
    latencies.sort()
    total = DEVICES * PER_DEVICE

    def pct(p: float) -> float:
        return latencies[min(len(latencies) - 1, int(p * len(latencies)))] * 1000

    print(
        f"\n== Ingest: {DEVICES} devices x {PER_DEVICE} events, {CONCURRENCY} at once, "
        f"granian {WORKERS} workers, {DATABASE} =="
    )
    print(f"HTTP ingest      {total / wall:10,.0f} events/s   (goal >= 5,000)")
    print(f"raw sqlite3      {total / raw:10,.0f} events/s   ratio {raw / wall:.3f}")
    print(f"request latency  p50 {pct(0.5):6.0f} ms   p99 {pct(0.99):6.0f} ms   (goal p99 <= 100)")
    print(f"load generator   {client_cpu / wall:10.0%} of one core")
    print(f"just started     first {WARMUP} pushes: slowest {warm[-1] * 1000:.0f} ms (not above)")


if __name__ == "__main__":
    main()
