"""Production mode: two app processes on PostgreSQL and Redis, serving one build.

Started with `scripts/serve_cluster.sh` (build once, then `process PORT` twice), a
balancer in front as the reverse proxy. Each process runs its own scheduler
(`MM_SCHEDULER_IN_APP=1`, every second): the harder case for "sent once".
Figures are printed: events stored once, page state kept, reminders delivered.
"""

from __future__ import annotations

import datetime as dt
import itertools
import os
import time
import uuid
import zoneinfo
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest
import redis
from playwright.sync_api import expect

from mmapp import accounts, db
from mmapp.demo.seed import DEMO_COORDINATOR, DEMO_LEARNER
from mmapp.models import Role
from tests.conftest import POSTGRES_URL, _postgres_available
from tests.e2e.conftest import ARTIFACTS
from tests.support.cluster import Cluster, running_cluster
from tests.support.push_receiver import PushReceiver

pytestmark = [pytest.mark.e2e, pytest.mark.postgres, pytest.mark.wall_clock]

REDIS_URL = os.environ.get("MM_TEST_REDIS_URL", "redis://127.0.0.1:6379/1")
DEVICES, BATCHES, PER_BATCH = 4, 5, 10
LONDON = zoneinfo.ZoneInfo("Europe/London")
PASSWORD = "commutes-daily"
SEARCH = "learner@demo"
LATE_LEARNER = "late-learner@demo.micromastery.app"


def _needs(service: str, reachable: bool) -> None:
    if reachable:
        return
    if os.environ.get("CI"):
        pytest.fail(f"{service} is not reachable (the cluster test needs it)")
    pytest.skip(f"{service} is not reachable")


def _redis_available() -> bool:
    try:
        return bool(redis.Redis.from_url(REDIS_URL, socket_timeout=2).ping())
    except redis.RedisError:
        return False


@pytest.fixture(scope="module")
def cluster(tmp_path_factory, push_receiver: PushReceiver) -> Iterator[Cluster]:
    _needs(f"PostgreSQL at {POSTGRES_URL}", _postgres_available())
    _needs(f"Redis at {REDIS_URL}", _redis_available())
    env = {
        "MM_PUSH_ALLOWED_HOSTS": f"127.0.0.1:{push_receiver.port}",
        "MM_PUSH_CA_BUNDLE": push_receiver.ca_file,
        "MM_SCHEDULER_IN_APP": "1",
        "MM_SCHEDULER_INTERVAL_SECONDS": "1",
    }
    folder = tmp_path_factory.mktemp("cluster")
    try:
        with running_cluster(
            db_url=POSTGRES_URL, redis_url=REDIS_URL, folder=folder, env=env
        ) as running:
            yield running
    finally:
        (ARTIFACTS / "cluster").mkdir(parents=True, exist_ok=True)
        for log in folder.glob("*.log"):
            (ARTIFACTS / "cluster" / log.name).write_text(log.read_text())


def _sign_in(base: str, email: str, password: str, device: str) -> dict[str, str]:
    r = httpx.post(
        base + "/api/v1/auth/token",
        json={"email": email, "password": password, "device_id": device},
        timeout=30,
    )
    assert r.status_code == 200, r.text
    return {"Authorization": f"Bearer {r.json()['token']}"}


def _first_nugget(base: str, auth: dict[str, str]) -> dict:
    r = httpx.get(base + "/api/v1/sync/pull", headers=auth, timeout=30)
    assert r.status_code == 200, r.text
    return r.json()["nuggets"][0]


def _batches(device: str, nugget: dict) -> list[dict]:
    """The device's outbox: BATCHES pushes of PER_BATCH events, device_seq 1, 2, ..."""
    seqs = itertools.count(1)
    return [
        {
            "device_id": device,
            "events": [
                {
                    "event_id": str(uuid.uuid4()),
                    "device_seq": next(seqs),
                    "type": "nugget_started",
                    "nugget_id": nugget["id"],
                    "nugget_version": nugget["version"],
                    "payload": {},
                    "client_ts": "2026-11-21T08:10:00+00:00",
                }
                for _ in range(PER_BATCH)
            ],
        }
        for _ in range(BATCHES)
    ]


def test_sync_through_both_processes_stores_every_event_once(cluster: Cluster) -> None:
    a, b = cluster.urls["A"], cluster.urls["B"]
    devices = [f"cluster-device-{n}-{uuid.uuid4().hex[:8]}" for n in range(DEVICES)]
    # Each device signs in through one process and pushes through both.
    auths = {d: _sign_in((a, b)[n % 2], *DEMO_LEARNER, d) for n, d in enumerate(devices)}
    nugget = _first_nugget(b, auths[devices[0]])
    outboxes = {d: _batches(d, nugget) for d in devices}

    def send(base: str, device: str, batch: dict) -> tuple[int, list[dict]]:
        r = httpx.post(base + "/api/v1/sync/push", headers=auths[device], json=batch, timeout=60)
        return r.status_code, (r.json()["results"] if r.status_code == 200 else [])

    # Per batch: the same push to A and B at the same moment (a retry racing the
    # original after a lost response), then a late resend through the other process.
    # Devices run side by side, so the processes see every device's pushes interleaved.
    def device_run(n: int, device: str) -> list[tuple[int, list[dict]]]:
        replies = []
        for k, batch in enumerate(outboxes[device]):
            first, second = (a, b) if (n + k) % 2 == 0 else (b, a)
            with ThreadPoolExecutor(2) as race:
                replies += list(race.map(send, (first, second), [device] * 2, [batch] * 2))
            replies.append(send(second, device, batch))
        return replies

    with ThreadPoolExecutor(DEVICES) as pool:
        replies = [r for rs in pool.map(device_run, range(DEVICES), devices) for r in rs]

    assert [status for status, _ in replies] == [200] * (DEVICES * BATCHES * 3)
    outcomes: dict[str, Counter[str]] = {}
    for _, results in replies:
        for result in results:
            outcomes.setdefault(result["event_id"], Counter())[result["status"]] += 1
    sent = {e["event_id"] for d in devices for batch in outboxes[d] for e in batch["events"]}
    assert set(outcomes) == sent
    # Each event: applied by exactly one of its three sends, acknowledged as a duplicate by
    # the other two; never rejected.
    assert all(c == Counter(applied=1, duplicate=2) for c in outcomes.values()), outcomes
    [(stored,)] = cluster.query(
        "SELECT count(*) FROM learnerevent WHERE device_id = ANY(:devices)", devices=devices
    )
    distinct = cluster.query(
        "SELECT count(DISTINCT event_id) FROM learnerevent WHERE device_id = ANY(:devices)",
        devices=devices,
    )[0][0]
    assert stored == distinct == len(sent) == DEVICES * BATCHES * PER_BATCH
    print(f"\ncluster sync: events stored once: {stored} of {len(sent)} (3 sends each, no 5xx)")


def test_one_reminder_with_a_scheduler_in_each_process(
    cluster: Cluster, push_receiver: PushReceiver
) -> None:
    a, b = cluster.urls["A"], cluster.urls["B"]
    auth = _sign_in(a, *DEMO_LEARNER, f"cluster-phone-{uuid.uuid4().hex[:8]}")
    phone = push_receiver.subscribe()
    r = httpx.post(b + "/api/v1/push/subscriptions", headers=auth, json=phone.info, timeout=30)
    assert r.status_code == 201, r.text
    local = dt.datetime.now(dt.UTC).astimezone(LONDON)
    plan = {
        "timezone": "Europe/London",
        "slots": [{"weekday": local.weekday(), "time": local.strftime("%H:%M")}],
        "daily_goal_minutes": 10,
    }
    r = httpx.put(a + "/api/v1/reminders", headers=auth, json=plan, timeout=30)
    assert r.status_code == 200, r.text

    # Both schedulers tick every second; wait for the first delivery, then give
    # them several more ticks to send a second one if they were going to.
    wait_s, settle_s = 60.0, 5.0
    deadline = time.monotonic() + wait_s
    while not push_receiver.for_subscriber(phone) and time.monotonic() < deadline:
        time.sleep(0.25)
    time.sleep(settle_s)
    delivered = push_receiver.for_subscriber(phone)
    assert len(delivered) == 1, delivered
    assert delivered[0].topic == "reminder"
    print(f"\ncluster push: reminders delivered: {len(delivered)} (2 schedulers running)")


def _add_account(cluster: Cluster, email: str, role: Role) -> None:
    engine = db.make_engine(cluster.db_url)
    try:
        with db.session_scope(engine) as s:
            accounts.create_user(
                session=s, email=email, password=PASSWORD, display_name="Cluster", role=role
            )
    finally:
        engine.dispose()


def test_a_workspace_page_keeps_its_state_when_its_socket_moves(cluster: Cluster, browser) -> None:
    """The admin's account search, made on process A, still filters after the move to B.

    Reflex runs a page's on_load again on every socket (re)connect, so B reloads the
    list itself; it can only keep the search if it reads the page's state from Redis
    (with a per-process state manager B starts from an empty search: every account).
    """
    admin_email = f"admin-{uuid.uuid4().hex[:8]}@example.org"
    _add_account(cluster, admin_email, Role.admin)
    token = _sign_in(cluster.urls["B"], admin_email, PASSWORD, "cluster-desk")["Authorization"]
    context = browser.new_context(
        base_url=cluster.public_url, viewport={"width": 1280, "height": 900}
    )
    context.add_init_script(
        f"localStorage.setItem('mm_staff_token', {token.removeprefix('Bearer ')!r})"
    )
    page = context.new_page()
    listed = page.get_by_role("table", name="Accounts").locator("tbody tr")
    balancer = cluster.balancer
    balancer.route_to("A")
    page.goto("/coach/accounts")
    expect(listed.filter(has_text=DEMO_COORDINATOR[0])).to_have_count(1, timeout=30_000)
    page.fill("#account-search", SEARCH)
    page.get_by_role("button", name="Search", exact=True).click()
    expect(listed).to_have_count(1, timeout=15_000)  # process A applied the search
    expect(listed.first).to_contain_text(DEMO_LEARNER[0])
    on_a = balancer.connections["A"]

    # A second matching account appears; then the proxy sends every new connection to
    # B and drops the open ones: the page's socket reconnects to B with its token.
    _add_account(cluster, LATE_LEARNER, Role.learner)
    balancer.route_to("B")
    balancer.drop_all()
    deadline = time.monotonic() + 30
    while balancer.connections["B"] == 0 and time.monotonic() < deadline:
        time.sleep(0.2)
    assert balancer.connections["B"] >= 1
    # B reloaded the list (the new account shows) with the search made on A.
    expect(listed.filter(has_text=LATE_LEARNER)).to_have_count(1, timeout=30_000)
    expect(listed).to_have_count(2)
    assert listed.filter(has_text=DEMO_COORDINATOR[0]).count() == 0
    assert balancer.connections["A"] == on_a  # nothing reached A after the move
    (ARTIFACTS / "cluster").mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "cluster" / "accounts-after-move.png"), full_page=True)
    context.close()
    print("\ncluster workspace: state kept: the search made on process A filters on process B")
