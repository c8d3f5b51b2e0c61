"""Which browsers may be sent pushes: validated subscriptions on allowlisted hosts.

The server only ever POSTs to a subscription's endpoint, so an endpoint is the one
address a client can make the server call. It must be https on a known push
service (settings `push_allowed_hosts`), and its keys must be real P-256 / 16-byte
values, so a bad subscription fails here with a reason, not at send time.
"""

from __future__ import annotations

import base64
import binascii
import fnmatch
import uuid
from urllib.parse import urlsplit

from sqlmodel import Session, select

from mmapp.models import PushSubscription, User
from mmapp.schemas import SubscriptionIn
from mmapp.services.errors import ValidationError


def _b64url_bytes(value: str, field: str) -> bytes:
    try:
        return base64.urlsafe_b64decode(value + "=" * (-len(value) % 4))
    except (binascii.Error, ValueError) as exc:
        raise ValidationError("invalid_key", f"{field} is not base64url") from exc


def host_allowed(endpoint: str, allowed: tuple[str, ...]) -> bool:
    """Whether `endpoint`'s host (or host:port) matches an allowlist pattern."""
    parts = urlsplit(endpoint)
    host = (parts.hostname or "").lower()
    with_port = f"{host}:{parts.port}" if parts.port else host
    return any(
        fnmatch.fnmatchcase(with_port if ":" in pattern else host, pattern) for pattern in allowed
    )


def validate(data: SubscriptionIn, *, allowed_hosts: tuple[str, ...]) -> None:
    """Check a subscription before storing it.

    Raises:
        ValidationError: Not https, host not allowlisted, or malformed keys.
    """
    parts = urlsplit(data.endpoint)
    if parts.scheme != "https" or not parts.hostname or parts.username or parts.password:
        raise ValidationError("endpoint_not_https", "The push endpoint must be an https URL.")
    if not host_allowed(data.endpoint, allowed_hosts):
        raise ValidationError(
            "endpoint_not_allowed",
            f"{parts.hostname} is not a known push service; reminders can't be sent there.",
        )
    point = _b64url_bytes(data.keys.p256dh, "p256dh")
    if len(point) != 65 or point[0] != 4:
        raise ValidationError("invalid_key", "p256dh must be an uncompressed P-256 point")
    if len(_b64url_bytes(data.keys.auth, "auth")) != 16:
        raise ValidationError("invalid_key", "auth must be 16 bytes")


def subscribe(
    *,
    session: Session,
    user: User,
    data: SubscriptionIn,
    allowed_hosts: tuple[str, ...],
    user_agent: str = "",
) -> PushSubscription:
    """Store (or move to this user) a browser's subscription.

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
    query = select(PushSubscription).where(PushSubscription.user_id.in_(user_ids))
    return list(session.exec(query))
