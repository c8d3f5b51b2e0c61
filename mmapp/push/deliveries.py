"""Push messages and their deliveries: claim once, fan out, record every outcome.

`enqueue` claims a message by its dedupe key (a unique row: among racing processes
exactly one succeeds) and writes one delivery per subscription. `report` (in
`reports`) says how far a message got. `run_due` claims
due deliveries with a lease, sends them with `sender`, and records outcomes:
404/410 delete the subscription, retries are rescheduled with backoff and capped.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import itertools
import logging
import uuid
from collections import Counter
from collections.abc import Callable, Mapping
from contextlib import AbstractContextManager
from typing import Any

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, or_, select

from mmapp.i18n import DEFAULT_LOCALE
from mmapp.models import DeliveryStatus, PushDelivery, PushMessage, PushSubscription, utcnow
from mmapp.push import sender, subscriptions
from mmapp.push.reports import report
from mmapp.push.vapid import VapidSigner, load_vapid
from mmapp.settings import Settings

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 5
LEASE = dt.timedelta(minutes=2)
CLAIM_BATCH = 2000


def enqueue(
    *,
    session: Session,
    dedupe_key: str,
    kind: str,
    payload: dict[str, Any],
    user_ids: set[uuid.UUID],
    topic: str,
    localized: Mapping[str, dict[str, Any]] | None = None,
    locales: Mapping[uuid.UUID, str] | None = None,
    ttl_seconds: int,
    urgency: str = "normal",
    cohort_id: uuid.UUID | None = None,
    nugget_id: uuid.UUID | None = None,
    created_by: uuid.UUID | None = None,
    not_before: dt.datetime | None = None,
) -> PushMessage | None:
    """Create a message and its deliveries, unless `dedupe_key` was claimed already.

    Deliveries become due at `not_before` (now by default), e.g. a nugget's release.
    `payload` is the English text; `localized` holds it in other languages by locale,
    and each recipient (`locales`: their language by user id) gets theirs, else English.

    Returns:
        The new message, or None when another call (or process) claimed the key.

    Raises:
        PayloadTooLargeError: The payload is over the Web Push limit; nothing is stored.
    """
    localized = dict(localized or {})
    for each in (payload, *localized.values()):
        sender.encode_payload(each)  # refuse before anything is stored or sent
    message = PushMessage(
        dedupe_key=dedupe_key,
        kind=kind,
        topic=topic,
        urgency=urgency,
        ttl_seconds=ttl_seconds,
        payload=payload,
        localized=localized,
        cohort_id=cohort_id,
        nugget_id=nugget_id,
        created_by=created_by,
    )
    try:
        with session.begin_nested():
            session.add(message)
    except IntegrityError:
        return None
    subs = subscriptions.subscriptions_of(session=session, user_ids=user_ids)
    if subs:  # one executemany, not an ORM object per subscription
        now = utcnow()
        due = max(now, not_before) if not_before else now
        language = {u: lang for u, lang in (locales or {}).items() if lang in localized}
        session.execute(
            sa.insert(PushDelivery),
            [
                {
                    "message_id": message.id,
                    "subscription_id": sub.id,
                    "user_id": sub.user_id,
                    "locale": language.get(sub.user_id, DEFAULT_LOCALE),
                    "status": DeliveryStatus.pending,
                    "attempts": 0,
                    "next_attempt_at": due,
                    "reason": "",
                    "updated_at": now,
                }
                for sub in subs
            ],
        )
    session.flush()
    return message


def claim_due(
    *, session: Session, now: dt.datetime, limit: int = CLAIM_BATCH
) -> list[PushDelivery]:
    """Take due deliveries (and ones whose sender died mid-lease) for this process."""
    query = (
        select(PushDelivery)
        .where(
            or_(
                (col(PushDelivery.status) == DeliveryStatus.pending)
                & (col(PushDelivery.next_attempt_at) <= now),
                (col(PushDelivery.status) == DeliveryStatus.sending)
                & (col(PushDelivery.lease_until) < now),
            )
        )
        .order_by(col(PushDelivery.id))
        .limit(limit)
        .with_for_update(skip_locked=True)
    )
    rows = list(session.exec(query))
    if rows:
        session.execute(
            sa.update(PushDelivery)
            .where(col(PushDelivery.id).in_([r.id for r in rows]))
            .values(status=DeliveryStatus.sending, lease_until=now + LEASE, updated_at=now)
        )
    return rows


def record(*, session: Session, outcomes: list[sender.Outcome], now: dt.datetime) -> None:
    """Store outcomes: sent, expired (subscription deleted), failed, or rescheduled."""
    ids = [o.delivery_id for o in outcomes]
    rows = {
        r.id: r for r in session.exec(select(PushDelivery).where(col(PushDelivery.id).in_(ids)))
    }
    # Most outcomes are alike ("sent", 201): write them grouped, a statement per group.
    groups: dict[tuple[Any, ...], list[int]] = {}
    sent_subs, gone_subs = [], []
    for outcome in outcomes:
        row = rows[outcome.delivery_id]
        attempts, reason = row.attempts + 1, outcome.reason[:300]
        next_at = None
        if outcome.status == "sent":
            status = DeliveryStatus.sent
            sent_subs.append(row.subscription_id)
        elif outcome.status == "expired":
            status = DeliveryStatus.expired
            gone_subs.append(row.subscription_id)
        elif outcome.status == "retry" and attempts < MAX_ATTEMPTS:
            status = DeliveryStatus.pending
            wait = outcome.retry_after or 30 * 2 ** (attempts - 1)
            next_at = now + dt.timedelta(seconds=wait)
        else:
            status = DeliveryStatus.failed
            if outcome.status == "retry":
                reason = f"gave up after {attempts} attempts: {reason}"[:300]
        key = (status, attempts, outcome.http_status, reason, next_at or row.next_attempt_at)
        groups.setdefault(key, []).append(outcome.delivery_id)
    for (status, attempts, http_status, reason, next_at), group in groups.items():
        session.execute(
            sa.update(PushDelivery)
            .where(col(PushDelivery.id).in_(group))
            .values(
                status=status,
                attempts=attempts,
                http_status=http_status,
                reason=reason,
                next_attempt_at=next_at,
                lease_until=None,
                updated_at=now,
            )
        )
    if sent_subs:
        session.execute(
            sa.update(PushSubscription)
            .where(col(PushSubscription.id).in_(sent_subs))
            .values(last_success_at=now)
        )
    if gone_subs:
        session.execute(sa.delete(PushSubscription).where(col(PushSubscription.id).in_(gone_subs)))
    session.expire_all()


def run_due(
    *,
    scope: Callable[[], AbstractContextManager[Session]],
    settings: Settings,
    now: Callable[[], dt.datetime] = utcnow,
) -> Counter[str]:
    """Send every due delivery, batch by batch, until none is left.

    Args:
        scope: Opens a write transaction (e.g. `lambda: session_scope()`).
        settings: Push settings (subject, CA bundle, concurrency, key override).
        now: Clock, for tests.

    Returns:
        How many deliveries ended in each outcome.
    """
    totals: Counter[str] = Counter()
    for _ in range(1000):  # bounded; each round takes up to CLAIM_BATCH deliveries
        with scope() as session:
            claimed = claim_due(session=session, now=now())
            if not claimed:
                return totals
            vapid, _ = load_vapid(session=session, override_pem=settings.vapid_private_key)
            work = _group_by_message(session, claimed)
        signer = VapidSigner(vapid, settings.vapid_subject)
        outcomes: list[sender.Outcome] = []
        for message, payload, targets in work:
            outcomes += _send_message(message, payload, targets, signer, settings)
        with scope() as session:
            record(session=session, outcomes=outcomes, now=now())
        totals.update(o.status for o in outcomes)
    return totals


def _send_message(
    message: PushMessage,
    payload: dict[str, Any],
    targets: list[sender.Target],
    signer: VapidSigner,
    settings: Settings,
) -> list[sender.Outcome]:
    """One message, in one language (`payload`), to its targets; an early error retries all.

    Each target's own errors are its outcome already (`sender.send_all`); what
    is left can only stop the whole message (a stored payload or urgency that is no
    longer accepted, an unreadable CA file), and must not stop the other messages.
    """
    try:
        options = sender.SendOptions(
            ttl=message.ttl_seconds,
            allowed_hosts=settings.push_allowed_hosts,
            urgency=message.urgency,
            topic=message.topic,
            concurrency=settings.push_concurrency,
            ca_bundle=settings.push_ca_bundle,
        )
        data = sender.encode_payload(payload)
        return asyncio.run(sender.send_all(targets, data, signer, options))
    except Exception as exc:
        log.warning("push message %s not sent", message.id, exc_info=True)
        reason = f"not sent: {exc.__class__.__name__}: {exc}"
        return [sender.Outcome(t.delivery_id, "retry", None, reason) for t in targets]


def _group_by_message(
    session: Session, claimed: list[PushDelivery]
) -> list[tuple[PushMessage, dict[str, Any], list[sender.Target]]]:
    """The claimed deliveries by message and language, each group with its payload."""
    subs = {
        s.id: s
        for s in session.exec(
            select(PushSubscription).where(
                col(PushSubscription.id).in_({d.subscription_id for d in claimed})
            )
        )
    }
    work: list[tuple[PushMessage, dict[str, Any], list[sender.Target]]] = []
    ordered = sorted(claimed, key=lambda d: (str(d.message_id), d.locale))
    by_message = itertools.groupby(ordered, key=lambda d: (d.message_id, d.locale))
    for (message_id, locale), deliveries in by_message:
        message = session.get(PushMessage, message_id)
        if message is None:  # a delivery's foreign key keeps its message
            raise RuntimeError(f"push message {message_id} is gone")
        targets = []
        for d in deliveries:
            sub = subs.get(d.subscription_id)
            if sub is None:  # unsubscribed since: nothing to send to
                d.status, d.reason, d.lease_until = DeliveryStatus.expired, "unsubscribed", None
                session.add(d)
                continue
            if d.id is None:  # claimed rows come from the database with their ids
                raise RuntimeError("a claimed delivery has no id")
            targets.append(sender.Target(d.id, sub.endpoint, sub.p256dh, sub.auth))
        work.append((message, message.localized.get(locale, message.payload), targets))
    return work


__all__ = ["claim_due", "enqueue", "record", "report", "run_due"]
