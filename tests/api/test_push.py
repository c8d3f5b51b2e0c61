"""Web Push end to end against a real protocol receiver on loopback (TLS, VAPID, aes128gcm)."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import uuid
import zoneinfo

import pytest
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
from py_vapid import Vapid
from sqlmodel import select

from mmapp import accounts, cohorts, settings
from mmapp.db import session_scope
from mmapp.demo.seed import DEMO_COORDINATOR, DEMO_LEARNER
from mmapp.models import (
    Cohort,
    DeliveryStatus,
    Nugget,
    PushDelivery,
    PushMessage,
    PushSubscription,
    User,
    utcnow,
)
from mmapp.push import deliveries, scheduler, sender
from mmapp.push.reminders import REMINDER_TTL_SECONDS
from tests.api.conftest import make_event, other_coordinator_headers
from tests.support.app_server import ROOT
from tests.support.push_receiver import b64url

LONDON = zoneinfo.ZoneInfo("Europe/London")


def subscribe(client, auth, sub) -> None:
    r = client.post("/api/v1/push/subscriptions", headers=auth, json=sub.info)
    assert r.status_code == 201, r.text


def sign_in(client, email, password, device="device-push-test") -> dict[str, str]:
    r = client.post(
        "/api/v1/auth/token", json={"email": email, "password": password, "device_id": device}
    )
    assert r.status_code == 200, r.text
    return {"Authorization": f"Bearer {r.json()['token']}"}


def plan_now(client, auth, goal=10) -> dt.datetime:
    """A reminder slot at this very minute, London time; returns now."""
    now = utcnow()
    local = now.astimezone(LONDON)
    slot = {"weekday": local.weekday(), "time": local.strftime("%H:%M")}
    body = {"timezone": "Europe/London", "slots": [slot], "daily_goal_minutes": goal}
    r = client.put("/api/v1/reminders", headers=auth, json=body)
    assert r.status_code == 200, r.text
    return now


def next_monday_at(hour: int, minute: int) -> dt.datetime:
    """That London wall-clock time on the first Monday after today, in UTC."""
    today = utcnow().astimezone(LONDON).date()
    monday = today + dt.timedelta(days=7 - today.weekday())  # 1 to 7 days ahead
    return dt.datetime.combine(monday, dt.time(hour, minute), LONDON).astimezone(dt.UTC)


def test_a_reminder_at_a_slot_arrives_once_and_decrypts(client, auth, receiver):
    phone = receiver.subscribe()
    subscribe(client, auth, phone)
    body = {
        "timezone": "Europe/London",
        "slots": [{"weekday": 0, "time": "08:10"}, {"weekday": 0, "time": "17:40"}],
        "quiet_start": "22:00",
        "quiet_end": "07:00",
        "daily_goal_minutes": 10,
    }
    r = client.put("/api/v1/reminders", headers=auth, json=body)
    assert r.status_code == 200 and r.json() == {"enabled": True, **body}

    # The coming Monday, not a fixed date: the demo's nuggets are given from today on.
    monday_0812 = next_monday_at(8, 12)
    for minute in (dt.timedelta(0), dt.timedelta(minutes=1), dt.timedelta(minutes=5)):
        scheduler.tick(now=lambda m=minute: monday_0812 + m)
    [got] = receiver.for_subscriber(phone)
    with session_scope() as s:
        nugget = s.get(Nugget, uuid.UUID(got.payload["nugget_id"]))
        assert (
            nugget.title in got.payload["title"]
            and f"{nugget.minutes} minutes" in got.payload["title"]
        )
    # The body says why the week plan put this nugget here (the pathway's reason).
    reason, left = got.payload["body"].split(" · ")
    assert reason and left == "10 of your 10 minutes left today."
    assert got.payload["url"] == f"/nugget?id={nugget.id}"
    assert (got.ttl, got.urgency, got.topic) == (REMINDER_TTL_SECONDS, "normal", "reminder")
    assert got.claims["aud"] == receiver.origin
    assert got.claims["sub"] == settings.get_settings().vapid_subject

    # Before the slot, after its window, and on Tuesday: nothing more.
    for moment in (
        next_monday_at(8, 9),
        next_monday_at(8, 31),
        next_monday_at(8, 12) + dt.timedelta(days=1),
    ):
        scheduler.tick(now=lambda m=moment: m)
    assert len(receiver.received) == 1


def test_no_reminder_once_the_daily_goal_is_met(client, auth, receiver, nuggets):
    subscribe(client, auth, phone := receiver.subscribe())
    now = plan_now(client, auth, goal=10)
    done = 0
    for seq, nugget in enumerate(nuggets, start=1):
        if done >= 10:
            break
        event = make_event(nugget, seq, "nugget_completed", client_ts=now.isoformat())
        r = client.post(
            "/api/v1/sync/push",
            headers=auth,
            json={"device_id": "device-api-test-1", "events": [event]},
        )
        assert r.status_code == 200 and r.json()["results"][0]["status"] == "applied"
        done += nugget["minutes"]
    assert scheduler.tick()["reminders"] == 0
    assert receiver.for_subscriber(phone) == []


@pytest.mark.wall_clock  # the worker processes read the real clock
def test_two_worker_processes_racing_send_one_reminder(client, auth, receiver, db_url):
    subscribe(client, auth, phone := receiver.subscribe())
    plan_now(client, auth)
    env = {
        **os.environ,
        "MM_DATABASE_URL": db_url,
        "MM_PUSH_ALLOWED_HOSTS": f"127.0.0.1:{receiver.port}",
        "MM_PUSH_CA_BUNDLE": receiver.ca_file,
    }
    command = [sys.executable, "-m", "mmapp.cli", "worker", "--once"]
    workers = [subprocess.Popen(command, cwd=ROOT, env=env) for _ in range(3)]
    assert [w.wait(timeout=60) for w in workers] == [0, 0, 0]
    assert len(receiver.for_subscriber(phone)) == 1


def test_cohort_announcement_reaches_members_and_a_gone_phone_is_removed(client, auth, receiver):
    with session_scope() as s:
        cohort = s.exec(select(Cohort).where(Cohort.invite_code == "COMMUTE1")).one()
        for name in ("ana", "ben"):
            user = accounts.create_user(
                session=s, email=f"{name}@example.org", password="commutes-daily", display_name=name
            )
            cohorts.add_member(session=s, cohort=cohort, user=user)
        nugget = s.exec(select(Nugget).where(Nugget.slug == "per-what")).one()
        cohort_id, nugget_id = cohort.id, nugget.id
    phones = {
        "learner": receiver.subscribe(),
        "ana": receiver.subscribe(410),
        "ben": receiver.subscribe(),
    }
    subscribe(client, auth, phones["learner"])
    for name in ("ana", "ben"):
        login = sign_in(client, f"{name}@example.org", "commutes-daily", device=f"device-{name}-1")
        subscribe(client, login, phones[name])

    coach = sign_in(client, *DEMO_COORDINATOR, device="device-coach-1")
    url = f"/api/v1/cohorts/{cohort_id}/notify"
    r = client.post(url, headers=coach, json={"nugget_id": str(nugget_id)})
    assert r.status_code == 202, r.text
    report = client.get(f"/api/v1/push/messages/{r.json()['message_id']}", headers=coach).json()
    assert {k: report[k] for k in ("total", "sent", "expired", "failed", "waiting")} == {
        "total": 3,
        "sent": 2,
        "expired": 1,
        "failed": 0,
        "waiting": 0,
    }
    for name in ("learner", "ben"):
        [got] = receiver.for_subscriber(phones[name])
        assert got.payload["title"] == 'New nugget: Ask "per what?"'
        assert got.ttl == 86400 and got.topic == "n" + nugget_id.hex[:24]
    with session_scope() as s:
        endpoints = set(s.exec(select(PushSubscription.endpoint)))
    assert phones["ana"].endpoint not in endpoints and phones["ben"].endpoint in endpoints

    # Once per version; "again" is explicit. Learners and other cohorts' coaches may not.
    assert client.post(url, headers=coach, json={"nugget_id": str(nugget_id)}).status_code == 409
    again = client.post(url + "?again=true", headers=coach, json={"nugget_id": str(nugget_id)})
    assert again.status_code == 202
    assert client.post(url, headers=auth, json={"nugget_id": str(nugget_id)}).status_code == 403
    other = other_coordinator_headers(client)
    # Another coordinator: no such cohort among theirs (its existence does not leak).
    assert client.post(url, headers=other, json={"nugget_id": str(nugget_id)}).status_code == 404
    report_url = f"/api/v1/push/messages/{r.json()['message_id']}"
    assert client.get(report_url, headers=other).status_code == 404


def _enqueue(user_ids, payload=None):
    with session_scope() as s:
        return deliveries.enqueue(
            session=s,
            dedupe_key=f"test:{uuid.uuid4()}",
            kind="test",
            payload=payload or {"title": "hello"},
            user_ids=user_ids,
            topic="test",
            ttl_seconds=600,
        )


def _learner_id() -> uuid.UUID:
    with session_scope() as s:
        return s.exec(select(User).where(User.email == DEMO_LEARNER[0])).one().id


def test_rate_limits_server_errors_and_refusals_are_each_handled(client, auth, receiver):
    phones = {
        "limited": receiver.subscribe((429, {"Retry-After": "120"})),
        "flaky": receiver.subscribe(503),
        "bad": receiver.subscribe(400),
        "big": receiver.subscribe(413),
    }
    for phone in phones.values():
        subscribe(client, auth, phone)
    message = _enqueue({_learner_id()})
    start = utcnow()
    totals = deliveries.run_due(scope=lambda: session_scope(), settings=settings.get_settings())
    assert totals == {"sent": 1, "failed": 2, "retry": 1}
    tries = {
        name: [st for sid, st in receiver.requests if sid == p.id] for name, p in phones.items()
    }
    assert tries == {"limited": [429], "flaky": [503, 201], "bad": [400], "big": [413]}
    with session_scope() as s:
        rows = {
            r.subscription_id: r
            for r in s.exec(select(PushDelivery).where(PushDelivery.message_id == message.id))
        }
        subs = {p.endpoint: p.id for p in s.exec(select(PushSubscription))}
    limited = rows[subs[phones["limited"].endpoint]]
    assert limited.status == DeliveryStatus.pending
    assert dt.timedelta(seconds=115) < limited.next_attempt_at - start < dt.timedelta(seconds=130)
    assert rows[subs[phones["bad"].endpoint]].status == DeliveryStatus.failed
    # Due again after Retry-After: sent then, once.
    later = utcnow() + dt.timedelta(minutes=3)
    assert deliveries.run_due(
        scope=lambda: session_scope(), settings=settings.get_settings(), now=lambda: later
    ) == {"sent": 1}
    assert len(receiver.for_subscriber(phones["limited"])) == 1


def test_a_crashed_sender_resumes_without_notifying_twice(client, auth, receiver):
    phones = [receiver.subscribe(), receiver.subscribe()]
    for phone in phones:
        subscribe(client, auth, phone)
    _enqueue({_learner_id()})
    with session_scope() as s:  # a process claims the deliveries, then dies
        assert len(deliveries.claim_due(session=s, now=utcnow())) == 2

    def run_at(moment):
        return deliveries.run_due(
            scope=lambda: session_scope(),
            settings=settings.get_settings(),
            now=lambda: moment,
        )

    assert run_at(utcnow()) == {}  # the dead process's lease still holds
    after_lease = utcnow() + deliveries.LEASE + dt.timedelta(seconds=1)
    assert run_at(after_lease) == {"sent": 2}
    assert run_at(after_lease) == {}
    assert [len(receiver.for_subscriber(p)) for p in phones] == [1, 1]


def test_a_payload_over_the_limit_is_refused_before_sending(client, auth, receiver):
    subscribe(client, auth, receiver.subscribe())
    filler = "x" * (sender.MAX_PAYLOAD_BYTES - len('{"title":""}'))
    assert len(sender.encode_payload({"title": filler})) == 3993
    with pytest.raises(sender.PayloadTooLargeError):
        sender.encode_payload({"title": filler + "x"})
    with pytest.raises(sender.PayloadTooLargeError):
        _enqueue({_learner_id()}, payload={"title": filler + "x"})
    with session_scope() as s:
        assert s.exec(select(PushMessage)).first() is None
    assert receiver.requests == []


@pytest.mark.parametrize(
    ("endpoint", "keys", "error"),
    [
        ("https://evil.example/push/1", None, "endpoint_not_allowed"),
        ("https://127.0.0.2/push/1", None, "endpoint_not_allowed"),
        ("http://127.0.0.1/push/1", None, "endpoint_not_https"),
        ("https://user:pw@fcm.googleapis.com/x", None, "endpoint_invalid"),
        (None, {"p256dh": "AAAA", "auth": None}, "invalid_key"),
        (None, {"p256dh": None, "auth": "c2hvcnQ"}, "invalid_key"),
        (None, {"p256dh": "!!not-base64!!", "auth": None}, "invalid_key"),
    ],
)
def test_subscriptions_are_checked_before_they_are_stored(
    client, auth, receiver, endpoint, keys, error
):
    sub = receiver.subscribe().info
    if endpoint:
        sub["endpoint"] = endpoint
    if keys:
        sub["keys"] = {k: v or sub["keys"][k] for k, v in keys.items()}
    r = client.post("/api/v1/push/subscriptions", headers=auth, json=sub)
    assert r.status_code == 422 and r.json()["error"] == error, r.text
    with session_scope() as s:
        assert s.exec(select(PushSubscription)).first() is None
    assert (
        client.post("/api/v1/push/subscriptions", json=receiver.subscribe().info).status_code == 401
    )


def test_vapid_key_is_made_once_and_can_come_from_the_environment(client, receiver, monkeypatch):
    first = client.get("/api/v1/push/vapid-public-key").json()["public_key"]
    assert client.get("/api/v1/push/vapid-public-key").json()["public_key"] == first
    assert len(first) == 87  # 65 bytes, base64url unpadded
    own = Vapid()
    own.generate_keys()
    monkeypatch.setenv("MM_VAPID_PRIVATE_KEY", own.private_pem().decode())
    settings.get_settings.cache_clear()
    served = client.get("/api/v1/push/vapid-public-key").json()["public_key"]
    assert served != first and served == b64url(
        own.public_key.public_bytes(Encoding.X962, PublicFormat.UncompressedPoint)
    )


def test_releasing_a_nugget_to_a_cohort_announces_it_when_it_is_released(client, auth, receiver):
    from mmapp import content
    from tests.factories import nugget_in

    with session_scope() as s:
        coach_id = s.exec(select(User).where(User.email == DEMO_COORDINATOR[0])).one().id
        fresh = content.save_nugget(
            session=s,
            data=nugget_in(slug="fresh-one", title="Fresh one", skill="reading-charts"),
            author_id=coach_id,
        )
        content.publish(session=s, nugget=fresh)
        cohort_id, fresh_id = (
            s.exec(select(Cohort).where(Cohort.invite_code == "COMMUTE1")).one().id,
            fresh.id,
        )
    subscribe(client, auth, phone := receiver.subscribe())
    coach = sign_in(client, *DEMO_COORDINATOR, device="device-coach-1")
    url = f"/api/v1/cohorts/{cohort_id}/assignments"
    body = {
        "nugget_id": str(fresh_id),
        "release_at": (utcnow() + dt.timedelta(hours=1)).isoformat(),
    }
    assert client.post(url, headers=auth, json=body).status_code == 403  # learners may not
    r = client.post(url, headers=coach, json=body)
    assert r.status_code == 201, r.text
    assert receiver.for_subscriber(phone) == []  # not before its release
    later = utcnow() + dt.timedelta(hours=1, minutes=1)
    deliveries.run_due(
        scope=lambda: session_scope(), settings=settings.get_settings(), now=lambda: later
    )
    [got] = receiver.for_subscriber(phone)
    assert got.payload["title"] == "New nugget: Fresh one" and got.payload["nugget_id"] == str(
        fresh_id
    )
    naive = {"nugget_id": str(fresh_id), "release_at": "2026-11-23T07:30:00"}
    r = client.post(url, headers=coach, json=naive)
    assert r.status_code == 422 and "timezone" in r.text


def test_unsubscribing_stops_pushes_to_that_browser_only(client, auth, receiver):
    kept, dropped = receiver.subscribe(), receiver.subscribe()
    subscribe(client, auth, kept)
    subscribe(client, auth, dropped)
    r = client.request(
        "DELETE", "/api/v1/push/subscriptions", headers=auth, json={"endpoint": dropped.endpoint}
    )
    assert r.status_code == 204
    _enqueue({_learner_id()})
    deliveries.run_due(scope=lambda: session_scope(), settings=settings.get_settings())
    assert len(receiver.for_subscriber(kept)) == 1 and receiver.for_subscriber(dropped) == []
    # Another account cannot remove this learner's subscription.
    other = sign_in(client, *DEMO_COORDINATOR, device="device-coach-1")
    client.request(
        "DELETE", "/api/v1/push/subscriptions", headers=other, json={"endpoint": kept.endpoint}
    )
    with session_scope() as s:
        assert [p.endpoint for p in s.exec(select(PushSubscription))] == [kept.endpoint]


def test_saving_commute_times_moves_the_learner_to_the_phones_timezone(client, auth):
    """The week plan reads the slots in the same zone as the learner's days, on both sides."""
    body = {"timezone": "America/New_York", "slots": [{"weekday": 0, "time": "08:10"}]}
    assert client.put("/api/v1/reminders", headers=auth, json=body).status_code == 200
    progress = client.get("/api/v1/sync/pull", headers=auth).json()["progress"]
    assert progress["timezone"] == "America/New_York"
    assert progress["commute_slots"] == [{"weekday": 0, "time": "08:10"}]
