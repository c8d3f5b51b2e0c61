"""Which browsers may be sent pushes: validated subscriptions on allowlisted hosts.

The server only ever POSTs to a subscription's endpoint, so an endpoint is the one
address a client can make the server call. It must be https on a known push
service (settings `push_allowed_hosts`), parsed the way browsers parse it, and its
keys must be a real P-256 point and a 16-byte secret (`endpoints`), so a bad
subscription fails here with a reason, not at send time.
"""

from __future__ import annotations

import datetime as dt
import uuid

from sqlmodel import Session, col, select

from mmapp.models import PushSubscription, ReminderPlan, User, utcnow
from mmapp.push import endpoints
from mmapp.push.reminder_times import reschedule
from mmapp.schemas import SubscriptionIn


def validate(data: SubscriptionIn, *, allowed_hosts: tuple[str, ...]) -> None:
    """Check a subscription before storing it.

    Raises:
        ValidationError: The endpoint is not a browser-form https URL on an
            allowlisted host and port, or a key is malformed (see `endpoints`).
    """
    endpoints.check_endpoint(data.endpoint, allowed_hosts)
    endpoints.check_keys(data.keys.p256dh, data.keys.auth)


def subscribe(
    *,
    session: Session,
    user: User,
    data: SubscriptionIn,
    allowed_hosts: tuple[str, ...],
    user_agent: str = "",
    now: dt.datetime | None = None,
) -> PushSubscription:
    """Store (or move to this user) a browser's subscription.

    The user's reminder plan is rescheduled from `now` (default: the clock seam's):
    the scheduler moves plans without a phone past their slots, so a phone
    subscribed during a slot's window still gets that slot's reminder.

    Raises:
        ValidationError: See `validate`.
    """
    validate(data, allowed_hosts=allowed_hosts)
    row = session.exec(
        select(PushSubscription).where(PushSubscription.endpoint == data.endpoint)
    ).first()
    if row is None:
        row = PushSubscription(user_id=user.id, endpoint=data.endpoint, p256dh="", auth="")
    # A shared phone signed into another account: the endpoint now belongs to this one.
    row.user_id, row.p256dh, row.auth = user.id, data.keys.p256dh, data.keys.auth
    row.user_agent = user_agent[:200]
    session.add(row)
    plan = session.get(ReminderPlan, user.id)
    if plan is not None:
        reschedule(plan, now=now or utcnow())
        session.add(plan)
    session.flush()
    return row


def unsubscribe(*, session: Session, user: User, endpoint: str) -> bool:
    """Forget one of the user's subscriptions; True if there was one."""
    row = session.exec(
        select(PushSubscription).where(
            PushSubscription.endpoint == endpoint, PushSubscription.user_id == user.id
        )
    ).first()
    if row is None:
        return False
    session.delete(row)
    session.flush()
    return True


def subscriptions_of(*, session: Session, user_ids: set[uuid.UUID]) -> list[PushSubscription]:
    """Every subscription of these users."""
    if not user_ids:
        return []
    query = select(PushSubscription).where(col(PushSubscription.user_id).in_(user_ids))
    return list(session.exec(query))
