"""How far a push message got: its deliveries counted by status, each failure with why."""

from __future__ import annotations

import uuid
from collections import Counter

from sqlmodel import Session, select

from mmapp.models import DeliveryStatus, PushDelivery
from mmapp.schemas import DeliveryFailure, DeliveryReport


def report(*, session: Session, message_id: uuid.UUID) -> DeliveryReport:
    """A delivery report: counts by status and each failure with its reason."""
    rows = list(session.exec(select(PushDelivery).where(PushDelivery.message_id == message_id)))
    counts = Counter(r.status.value for r in rows)
    return DeliveryReport(
        message_id=message_id,
        total=len(rows),
        sent=counts["sent"],
        expired=counts["expired"],
        failed=counts["failed"],
        waiting=counts["pending"] + counts["sending"],
        failures=[
            DeliveryFailure(user_id=r.user_id, http_status=r.http_status, reason=r.reason)
            for r in rows
            if r.status == DeliveryStatus.failed
        ],
    )
