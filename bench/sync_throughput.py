"""Sync push throughput (events/s) vs a raw SQLite insert of the same rows, same run.

Three ways to store N learner events on a SQLite file with the app's pragmas:
raw `sqlite3.executemany` (the floor), the push service `apply_batch`, and the
HTTP API (`POST /api/v1/sync/push` through an in-process client).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import pathlib
import sqlite3
import tempfile
import time
import uuid

from bench.demo_db import fresh_demo_db

N_EVENTS = int(os.environ.get("BENCH_EVENTS", "5000"))
BATCH = 100


def _events(nugget: dict, start_seq: int, n: int) -> list[dict]:
    ts = dt.datetime(2026, 11, 21, 8, tzinfo=dt.UTC).isoformat()
    steps = len(nugget["practice_steps"])
    return [
        {
            "event_id": str(uuid.uuid4()),
            "device_seq": start_seq + i,
            "type": "step_done",
            "nugget_id": nugget["id"],
            "nugget_version": nugget["version"],
            "payload": {"step": i % steps},
            "client_ts": ts,
        }
        for i in range(n)
    ]


def raw_sqlite(path: pathlib.Path, events: list[dict]) -> float:
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=NORMAL")
    conn.execute(
        "CREATE TABLE ev (seq INTEGER PRIMARY KEY, event_id TEXT UNIQUE, user_id TEXT,"
        " device_id TEXT, device_seq INT, type TEXT, nugget_id TEXT, nugget_version INT,"
        " payload TEXT, fingerprint TEXT, client_ts TEXT, received_at TEXT,"
        " UNIQUE(device_id, device_seq))"
    )
    start = time.perf_counter()
    for i in range(0, len(events), BATCH):
        conn.executemany(
            "INSERT INTO ev (event_id, user_id, device_id, device_seq, type, nugget_id,"
            " nugget_version, payload, fingerprint, client_ts, received_at)"
            " VALUES (?,?,?,?,?,?,?,?,?,?,?)",
            [
                (
                    e["event_id"],
                    "u",
                    e.get("_device", "d"),
                    e["device_seq"],
                    e["type"],
                    e["nugget_id"],
                    e["nugget_version"],
                    json.dumps(e["payload"]),
                    "f",
                    e["client_ts"],
                    e["client_ts"],
                )
                for e in events[i : i + BATCH]
            ],
        )
        conn.commit()
    return time.perf_counter() - start


def app_paths(tmp: pathlib.Path) -> dict[str, float]:
    fresh_demo_db(f"sqlite:///{tmp / 'app.db'}").close()
    from fastapi.testclient import TestClient
    from sqlmodel import select

    from mmapp import accounts
    from mmapp.api import create_api
    from mmapp.db import session_scope
    from mmapp.demo.seed import DEMO_LEARNER
    from mmapp.models import User
    from mmapp.schemas import EventIn
    from mmapp.sync import changes, ingest

    with session_scope() as s:
        user = s.exec(select(User).where(User.email == DEMO_LEARNER[0])).one()
        accounts.register_device(session=s, user=user, device_id="bench-service")
        page = changes.pull(session=s, user=user, cursor_token=None, page_size=1)
        nugget = page.nuggets[0].model_dump(mode="json")
    events = _events(nugget, 1, N_EVENTS)
    start = time.perf_counter()
    for i in range(0, N_EVENTS, BATCH):
        with session_scope() as s:
            ingest.apply_batch(
                session=s,
                user=user,
                device_id="bench-service",
                events=[EventIn(**e) for e in events[i : i + BATCH]],
            )
    service = time.perf_counter() - start

    client = TestClient(create_api())
    token = client.post(
        "/api/v1/auth/token",
        json={"email": DEMO_LEARNER[0], "password": DEMO_LEARNER[1], "device_id": "bench-http"},
    ).json()
    headers = {"Authorization": f"Bearer {token['token']}"}
    events = _events(nugget, 1, N_EVENTS)
    start = time.perf_counter()
    for i in range(0, N_EVENTS, BATCH):
        r = client.post(
            "/api/v1/sync/push",
            headers=headers,
            json={"device_id": "bench-http", "events": events[i : i + BATCH]},
        )
        assert r.status_code == 200, r.text
    http = time.perf_counter() - start
    return {"service": service, "http": http, "events": events}


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = pathlib.Path(tmp)
        measured = app_paths(tmp_path)
        raw = raw_sqlite(tmp_path / "raw.db", measured["events"])
    rate = lambda seconds: N_EVENTS / seconds  # noqa: E731
    print(f"\n== Sync push throughput: {N_EVENTS} events in batches of {BATCH}, SQLite file ==")
    print(f"{'path':34} {'events/s':>10} {'vs raw':>8}")
    print(f"{'raw sqlite3 executemany (floor)':34} {rate(raw):10,.0f} {1:8.2f}")
    print(
        f"{'push service (apply_batch)':34} {rate(measured['service']):10,.0f} "
        f"{raw / measured['service']:8.3f}"
    )
    print(
        f"{'HTTP POST /api/v1/sync/push':34} {rate(measured['http']):10,.0f} "
        f"{raw / measured['http']:8.3f}"
    )


if __name__ == "__main__":
    main()
