"""Sign-in throttling: per (account, address), per account and per address, in the DB."""

from __future__ import annotations

import datetime as dt
import hashlib
from concurrent.futures import ThreadPoolExecutor

import pytest
from fastapi.testclient import TestClient
from sqlmodel import select

from mmapp.api import create_api
from mmapp.clock import FixedClock, use_clock
from mmapp.db import session_scope
from mmapp.demo.seed import DEMO_COORDINATOR, DEMO_LEARNER
from mmapp.models import SignInFailure
from tests.api.conftest import DEVICE

START = dt.datetime(2030, 3, 4, 8, 0, tzinfo=dt.UTC)
WINDOW = dt.timedelta(minutes=15)
WRONG = {"error": "wrong_credentials", "reason": "That email and password don't match."}


@pytest.fixture
def clock():
    fixed = FixedClock(START)
    use_clock(fixed)
    yield fixed
    use_clock(None)


@pytest.fixture
def at(client):
    """A client calling from a given address (`client` has loaded the demo data)."""
    return lambda address: TestClient(create_api(), client=(address, 50000))


def sign_in(client: TestClient, email: str, password: str, device: str = DEVICE):
    return client.post(
        "/api/v1/auth/token", json={"email": email, "password": password, "device_id": device}
    )


def key(email: str) -> str:
    return hashlib.sha256(email.strip().lower().encode()).hexdigest()


def stored() -> list[tuple[str, str, dt.datetime]]:
    with session_scope(read_only=True) as s:
        rows = s.exec(select(SignInFailure).order_by(SignInFailure.id))
        return [(r.account_key, r.address, r.failed_at) for r in rows]


def fail(client: TestClient, clock: FixedClock, email: str, times: int) -> None:
    for _ in range(times):
        r = sign_in(client, email, "not-the-password")
        assert (r.status_code, r.json()) == (401, WRONG)
        clock.advance(dt.timedelta(seconds=1))


def plant(clock: FixedClock, email: str, addresses: list[str], each: int) -> None:
    """Store failures as the API records them (the API path is timed in other tests)."""
    with session_scope() as s:
        for address in addresses:
            for _ in range(each):
                s.add(SignInFailure(account_key=key(email), address=address, failed_at=clock.now()))
                clock.advance(dt.timedelta(seconds=1))


def assert_throttled(r, retry_after: int) -> None:
    assert r.status_code == 429
    assert r.headers["retry-after"] == str(retry_after)
    minutes = -(-retry_after // 60)
    assert r.json() == {
        "error": "too_many_attempts",
        "reason": f"Too many sign-in attempts. Please wait {minutes} minute"
        f"{'s' if minutes != 1 else ''} and try again.",
    }


def test_ten_failures_lock_the_pair_until_the_window_slides_on(at, clock):
    phone = at("198.51.100.7")
    email, password = DEMO_LEARNER
    fail(phone, clock, email, 10)  # at START+0s .. START+9s; the clock shows START+10s
    assert stored() == [
        (key(email), "198.51.100.7", START + dt.timedelta(seconds=i)) for i in range(10)
    ]
    assert_throttled(sign_in(phone, email, "still-wrong"), 15 * 60 - 10)
    # The right password is no bypass, and refused attempts are not counted.
    assert_throttled(sign_in(phone, email.upper(), password), 15 * 60 - 10)
    assert len(stored()) == 10
    clock.set(START + WINDOW - dt.timedelta(seconds=1))
    assert_throttled(sign_in(phone, email, password), 1)
    clock.set(START + WINDOW)  # the oldest failure has left the window
    r = sign_in(phone, email, password)
    assert r.status_code == 200 and r.json()["user"]["email"] == email
    assert stored() == []  # a success forgets this address's failures for this account


def test_unknown_email_is_throttled_exactly_like_a_wrong_password(at, clock):
    known, unknown = at("198.51.100.1"), at("198.51.100.2")
    answers = {"known": [], "unknown": []}
    for _ in range(12):
        for name, client, email in (
            ("known", known, DEMO_LEARNER[0]),
            ("unknown", unknown, "nobody-here@demo.micromastery.app"),
        ):
            r = sign_in(client, email, "guess-guess")
            answers[name].append((r.status_code, r.headers.get("retry-after"), r.json()))
        clock.advance(dt.timedelta(seconds=3))
    assert answers["known"] == answers["unknown"]
    assert [a[0] for a in answers["known"]] == [401] * 10 + [429] * 2
    assert {(k, a) for k, a, _ in stored()} == {
        (key(DEMO_LEARNER[0]), "198.51.100.1"),
        (key("nobody-here@demo.micromastery.app"), "198.51.100.2"),
    }
    assert "nobody-here" not in repr(stored())  # typed emails are not kept


def test_one_address_does_not_lock_the_owner_out_elsewhere(at, clock):
    email, password = DEMO_LEARNER
    attacker, owner = at("203.0.113.66"), at("192.0.2.10")
    fail(attacker, clock, email, 10)
    assert sign_in(attacker, email, "guess").status_code == 429
    assert sign_in(owner, email, password).status_code == 200
    # The per-account cap: 30 failures from all addresses lock everyone out ...
    plant(clock, email, ["203.0.113.67", "203.0.113.68"], 10)
    assert len(stored()) == 30
    assert_throttled(sign_in(owner, email, password), 15 * 60 - 30)
    assert_throttled(sign_in(at("192.0.2.11"), email, password), 15 * 60 - 30)
    # ... for that account only, and only until the window has slid past them.
    assert sign_in(owner, *DEMO_COORDINATOR, device="device-coach-1").status_code == 200
    clock.advance(WINDOW)
    assert sign_in(owner, email, password).status_code == 200


def test_one_address_spraying_many_accounts_is_capped(at, clock):
    sprayer, elsewhere = at("203.0.113.99"), at("192.0.2.50")
    for n in range(2):
        plant(clock, f"person{n}@example.org", ["203.0.113.99"], 10)
    fail(sprayer, clock, "person2@example.org", 10)
    assert_throttled(sign_in(sprayer, *DEMO_LEARNER), 15 * 60 - 30)
    assert sign_in(elsewhere, *DEMO_LEARNER).status_code == 200
    assert {a for _, a, _ in stored()} == {"203.0.113.99"} and len(stored()) == 30


def test_a_success_resets_only_its_own_pair(at, clock):
    email, password = DEMO_LEARNER
    phone = at("198.51.100.20")
    fail(phone, clock, "someone-else@example.org", 5)
    fail(phone, clock, email, 9)
    assert sign_in(phone, email, password).status_code == 200
    assert [(k, a) for k, a, _ in stored()] == [
        (key("someone-else@example.org"), "198.51.100.20")
    ] * 5
    fail(phone, clock, email, 9)  # a fresh count: nine more are still plain 401s
    assert len(stored()) == 14


def test_old_failures_are_pruned_when_new_ones_are_recorded(at, clock):
    fail(at("198.51.100.30"), clock, "a@example.org", 3)
    clock.advance(WINDOW)
    fail(at("198.51.100.31"), clock, "b@example.org", 1)
    assert [(k, a) for k, a, _ in stored()] == [(key("b@example.org"), "198.51.100.31")]


def test_parallel_guesses_do_not_overshoot_the_limit(at, clock):
    phone = at("198.51.100.40")
    with ThreadPoolExecutor(max_workers=8) as pool:
        codes = list(
            pool.map(lambda _: sign_in(phone, DEMO_LEARNER[0], "x").status_code, range(16))
        )
    assert sorted(codes) == [401] * 10 + [429] * 6
    assert len(stored()) == 10
