"""Hostile subscriptions are refused with a reason; one bad target never stops a round."""

from __future__ import annotations

import asyncio
import os
import uuid

import pytest
import sqlalchemy as sa
from sqlmodel import select

from mmapp import settings
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
)
from mmapp.push import deliveries, sender
from mmapp.push.vapid import VapidSigner, load_vapid
from tests.support.push_keys import off_curve_point, real_point
from tests.support.push_receiver import b64url

SUBSCRIPTIONS = "/api/v1/push/subscriptions"


@pytest.fixture
def default_hosts(db_url, monkeypatch):
    monkeypatch.delenv("MM_PUSH_ALLOWED_HOSTS", raising=False)
    settings.get_settings.cache_clear()


def stored_subscriptions() -> int:
    with session_scope(read_only=True) as s:
        return s.exec(select(sa.func.count()).select_from(PushSubscription)).one()


def good_keys() -> dict[str, str]:
    return {"p256dh": b64url(real_point()), "auth": b64url(os.urandom(16))}


def sign_in(client, email, password, device) -> dict[str, str]:
    r = client.post(
        "/api/v1/auth/token", json={"email": email, "password": password, "device_id": device}
    )
    assert r.status_code == 200, r.text
    return {"Authorization": f"Bearer {r.json()['token']}"}


@pytest.mark.parametrize(
    ("endpoint", "error"),
    [
        ("https://fcm.googleapis.com\\@evil.example/", "endpoint_invalid"),
        ("https://evil.example\\.fcm.googleapis.com/", "endpoint_not_allowed"),
        ("https://fcm.googleapis.com./x", "endpoint_invalid"),
        ("https://%66cm.googleapis.com/x", "endpoint_invalid"),
        ("https://user:pw@fcm.googleapis.com/x", "endpoint_invalid"),
        ("https://user@fcm.googleapis.com/x", "endpoint_invalid"),
        ("https://fcm.googleapis.com:0/x", "endpoint_not_allowed"),
        ("https://fcm.googleapis.com:65536/x", "endpoint_invalid"),
        ("https://fcm.googleapis.com:99999/x", "endpoint_invalid"),
        ("https://fcm.googleapis.com:abc/x", "endpoint_invalid"),
        ("https://fcm.googleapis.com:8443/x", "endpoint_not_allowed"),
        ("https://[::1]/x", "endpoint_not_allowed"),
        ("https://[::1]:99999/x", "endpoint_invalid"),
        ("http://fcm.googleapis.com/x", "endpoint_not_https"),
        ("https://storage.googleapis.com/bucket/object", "endpoint_not_allowed"),
        ("not a url", "endpoint_invalid"),
        ("https://fcm\u3002googleapis.com/x", "endpoint_invalid"),  # a full-width dot
        ("https://fcm.googleapis.com/" + "x" * 2048, "invalid_request"),  # over 2048 chars
    ],
)
def test_hostile_endpoints_are_refused_with_a_reason_and_nothing_is_stored(
    client, auth, default_hosts, endpoint, error
):
    r = client.post(SUBSCRIPTIONS, headers=auth, json={"endpoint": endpoint, "keys": good_keys()})
    assert r.status_code == 422, r.text
    assert r.json()["error"] == error and r.json()["reason"], r.text
    assert stored_subscriptions() == 0


def test_a_real_fcm_subscription_is_stored_as_sent(client, auth, default_hosts):
    endpoint = "https://fcm.googleapis.com/fcm/send/dT1:APA91bH-x_y"
    r = client.post(SUBSCRIPTIONS, headers=auth, json={"endpoint": endpoint, "keys": good_keys()})
    assert r.status_code == 201 and r.json()["endpoint"] == endpoint, r.text
    with session_scope(read_only=True) as s:
        assert [p.endpoint for p in s.exec(select(PushSubscription))] == [endpoint]


def test_a_key_off_the_curve_is_refused_at_subscribe(client, auth, default_hosts):
    keys = {"p256dh": b64url(off_curve_point()), "auth": b64url(os.urandom(16))}
    assert len(off_curve_point()) == 65 and off_curve_point()[0] == 4
    body = {"endpoint": "https://fcm.googleapis.com/fcm/send/abc", "keys": keys}
    r = client.post(SUBSCRIPTIONS, headers=auth, json=body)
    assert r.status_code == 422 and r.json()["error"] == "invalid_key", r.text
    assert "P-256 curve" in r.json()["reason"]
    assert stored_subscriptions() == 0


def test_bad_rows_from_an_older_version_fail_alone_in_the_report(client, auth, receiver):
    """Rows stored before these checks: the good phones still get the announcement."""
    good = [receiver.subscribe(), receiver.subscribe()]
    for phone in good:
        assert client.post(SUBSCRIPTIONS, headers=auth, json=phone.info).status_code == 201
    off_curve, elsewhere = receiver.subscribe(), receiver.subscribe()
    with session_scope() as s:
        learner = s.exec(select(User).where(User.email == DEMO_LEARNER[0])).one()
        s.add(
            PushSubscription(
                user_id=learner.id,
                endpoint=off_curve.endpoint,
                p256dh=b64url(off_curve_point()),
                auth=off_curve.keys["auth"],
            )
        )
        # Allowed by the old `*.googleapis.com`, and the receiver on another port.
        for endpoint in (
            "https://storage.googleapis.com/bucket/o",
            elsewhere.endpoint.replace(f":{receiver.port}/", f":{receiver.port + 1}/"),
        ):
            s.add(PushSubscription(user_id=learner.id, endpoint=endpoint, **elsewhere.keys))
        cohort_id = s.exec(select(Cohort.id).where(Cohort.invite_code == "COMMUTE1")).one()
        nugget_id = s.exec(select(Nugget.id).where(Nugget.slug == "per-what")).one()

    coach = sign_in(client, *DEMO_COORDINATOR, device="device-coach-1")
    r = client.post(
        f"/api/v1/cohorts/{cohort_id}/notify", headers=coach, json={"nugget_id": str(nugget_id)}
    )
    assert r.status_code == 202, r.text  # and the send that followed raised nothing
    report = client.get(f"/api/v1/push/messages/{r.json()['message_id']}", headers=coach).json()
    assert {k: report[k] for k in ("total", "sent", "expired", "failed", "waiting")} == {
        "total": 5,
        "sent": 2,
        "expired": 0,
        "failed": 3,
        "waiting": 0,
    }
    reasons = sorted(f["reason"] for f in report["failures"])
    expected = [
        f"127.0.0.1 on port {receiver.port + 1} is not a known push service",
        "p256dh is not a point on the P-256 curve",
        "storage.googleapis.com is not a known push service",
    ]
    for reason, words in zip(reasons, expected, strict=True):
        assert reason.startswith("not sent: ") and words in reason, reason
    for phone in good:
        [got] = receiver.for_subscriber(phone)
        assert got.payload["title"] == 'New nugget: Ask "per what?"'
    # Nothing went to the bad rows: the receiver saw the good phones' requests only.
    assert sorted(receiver.requests) == sorted((phone.id, 201) for phone in good)


def test_anything_raised_for_one_target_is_its_outcome_only(client, receiver):
    phones = [receiver.subscribe(), receiver.subscribe()]
    targets = [sender.Target(i, p.endpoint, **p.keys) for i, p in enumerate(phones)]
    # A value no check foresaw (here a key that is not even a string) raises inside.
    targets.insert(1, sender.Target(7, phones[0].endpoint, None, "x"))  # type: ignore[arg-type]
    with session_scope() as s:
        vapid, _ = load_vapid(session=s)
    options = sender.SendOptions(
        ttl=60, allowed_hosts=(f"127.0.0.1:{receiver.port}",), ca_bundle=receiver.ca_file
    )
    payload = sender.encode_payload({"title": "hello"})
    outcomes = asyncio.run(
        sender.send_all(targets, payload, VapidSigner(vapid, "mailto:t@example.org"), options)
    )
    by_id = {o.delivery_id: o for o in outcomes}
    assert [by_id[0].status, by_id[1].status] == ["sent", "sent"]
    assert by_id[7].status == "failed" and by_id[7].reason.startswith("error: TypeError")
    assert [len(receiver.for_subscriber(p)) for p in phones] == [1, 1]


def _enqueue(user_ids: set[uuid.UUID]) -> PushMessage:
    with session_scope() as s:
        return deliveries.enqueue(
            session=s,
            dedupe_key=f"test:{uuid.uuid4()}",
            kind="test",
            payload={"title": "hello"},
            user_ids=user_ids,
            topic="test",
            ttl_seconds=600,
        )


def _learner_id() -> uuid.UUID:
    with session_scope(read_only=True) as s:
        return s.exec(select(User.id).where(User.email == DEMO_LEARNER[0])).one()


def test_a_redirect_is_an_answer_not_a_hop(client, auth, receiver):
    target = receiver.subscribe()
    redirecting = receiver.subscribe((307, {"Location": target.endpoint}))
    assert client.post(SUBSCRIPTIONS, headers=auth, json=redirecting.info).status_code == 201
    message = _enqueue({_learner_id()})
    assert deliveries.run_due(scope=lambda: session_scope(), settings=settings.get_settings()) == {
        "failed": 1
    }
    assert receiver.requests == [(redirecting.id, 307)]  # the Location was never asked
    with session_scope(read_only=True) as s:
        [row] = s.exec(select(PushDelivery).where(PushDelivery.message_id == message.id))
    assert (row.status, row.http_status) == (DeliveryStatus.failed, 307)
    assert "unexpected 307" in row.reason


def test_a_message_that_cannot_be_sent_does_not_stop_the_others(client, auth, receiver):
    phone = receiver.subscribe()
    assert client.post(SUBSCRIPTIONS, headers=auth, json=phone.info).status_code == 201
    broken, fine = _enqueue({_learner_id()}), _enqueue({_learner_id()})
    with session_scope() as s:  # a value a later version no longer accepts
        s.execute(sa.update(PushMessage).where(PushMessage.id == broken.id).values(urgency="asap"))
    totals = deliveries.run_due(scope=lambda: session_scope(), settings=settings.get_settings())
    assert totals == {"sent": 1, "retry": 1}
    with session_scope(read_only=True) as s:
        rows = {r.message_id: r for r in s.exec(select(PushDelivery))}
    assert rows[fine.id].status == DeliveryStatus.sent
    assert rows[broken.id].status == DeliveryStatus.pending  # rescheduled, capped as any retry
    assert "urgency must be one of" in rows[broken.id].reason
    assert len(receiver.for_subscriber(phone)) == 1
