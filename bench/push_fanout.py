"""Fan-out of one push to 10,000 subscriptions on a loopback receiver, same-run baseline.

- Ours: `push.enqueue` + `push.run_due` on a SQLite file: deliveries claimed in the
  database, one aiohttp session with a bounded pool (connections reused), VAPID
  signed once per push-service origin, aes128gcm per subscription.
- Naive: `pywebpush.webpush()` once per subscription, as its README shows (a new
  connection and a new VAPID signature each time), over the same subscriptions.
The receiver is a separate process (TLS on 127.0.0.1), so it does not share our GIL.
Goal (issue 4): 10,000 in <= 10 s.
"""

from __future__ import annotations

import dataclasses
import json
import os
import pathlib
import subprocess
import sys
import tempfile
import time
import uuid

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec

N = int(os.environ.get("BENCH_PUSH_SUBSCRIPTIONS", "10000"))
NAIVE_N = int(os.environ.get("BENCH_PUSH_NAIVE", str(N)))
ROOT = pathlib.Path(__file__).resolve().parents[1]


def _subscriptions(origin: str, n: int) -> list[dict]:
    from tests.support.push_receiver import b64url

    subs = []
    for _ in range(n):
        point = (
            ec.generate_private_key(ec.SECP256R1())
            .public_key()
            .public_bytes(serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint)
        )
        subs.append(
            {
                "endpoint": f"{origin}/push/{uuid.uuid4().hex}",
                "keys": {"p256dh": b64url(point), "auth": b64url(os.urandom(16))},
            }
        )
    return subs


def _ours(db_url: str, subs: list[dict], settings) -> tuple[float, dict]:
    from mmapp import accounts, db, push
    from mmapp.models import PushSubscription, User

    engine = db.make_engine(db_url)
    db.create_schema(engine)
    with db.session_scope(engine) as s:
        user = accounts.create_user(
            session=s, email="fan@example.org", password="bench-password", display_name="Fan"
        )
        s.add_all(
            PushSubscription(
                user_id=user.id,
                endpoint=x["endpoint"],
                p256dh=x["keys"]["p256dh"],
                auth=x["keys"]["auth"],
            )
            for x in subs
        )
        user_id = user.id
    payload = {"kind": "new_nugget", "title": "New nugget: Put the bottom line first", "url": "/"}
    start = time.perf_counter()
    with db.session_scope(engine) as s:
        push.enqueue(
            session=s,
            dedupe_key="bench",
            kind="new_nugget",
            payload=payload,
            user_ids={user_id},
            topic="bench",
            ttl_seconds=3600,
        )
    totals = push.run_due(scope=lambda: db.session_scope(engine), settings=settings)
    wall = time.perf_counter() - start
    engine.dispose()
    assert User  # imported for the table registry
    return wall, dict(totals)


def _naive(subs: list[dict], settings) -> float:
    from pywebpush import webpush

    from mmapp import db
    from mmapp.push.vapid import load_vapid

    with db.session_scope(db.make_engine(settings.database_url)) as s:
        vapid, _ = load_vapid(session=s)
    data = json.dumps({"kind": "new_nugget", "title": "New nugget", "url": "/"})
    start = time.perf_counter()
    for sub in subs:
        webpush(
            sub,
            data,
            vapid_private_key=vapid,
            vapid_claims={"sub": settings.vapid_subject},
            ttl=3600,
        )
    return time.perf_counter() - start


def main() -> None:
    from mmapp.settings import Settings

    receiver = subprocess.Popen(
        [sys.executable, "-m", "tests.support.push_receiver"],
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        info = json.loads(receiver.stdout.readline())
        origin = f"https://127.0.0.1:{info['port']}"
        with tempfile.TemporaryDirectory() as tmp:
            db_url = f"sqlite:///{pathlib.Path(tmp) / 'fanout.db'}"
            settings = dataclasses.replace(
                Settings(),
                database_url=db_url,
                push_allowed_hosts=(f"127.0.0.1:{info['port']}",),
                push_ca_bundle=info["ca_file"],
            )
            subs = _subscriptions(origin, N)
            ours, totals = _ours(db_url, subs, settings)
            os.environ["REQUESTS_CA_BUNDLE"] = info["ca_file"]  # for pywebpush's requests
            naive = _naive(subs[:NAIVE_N], settings)
        receiver.stdin.close()
        counted = json.loads(receiver.stdout.readline())["requests"]
    finally:
        receiver.kill()
        receiver.wait(timeout=10)
    naive_full = naive * N / NAIVE_N
    scaled = "" if NAIVE_N == N else f" (timed on {NAIVE_N:,}, scaled)"
    print(f"\n== Push fan-out to {N:,} subscriptions, loopback TLS receiver ==")
    print(
        f"ours (claim + aiohttp pool)  {ours:8.2f} s   {N / ours:8,.0f} msg/s   "
        f"{totals}   (goal <= 10 s)"
    )
    print(
        f"naive webpush() loop         {naive_full:8.2f} s   {N / naive_full:8,.0f} msg/s{scaled}"
    )
    print(
        f"speed-up                     {naive_full / ours:8.1f}x   "
        f"receiver counted {counted:,} requests"
    )


if __name__ == "__main__":
    main()
