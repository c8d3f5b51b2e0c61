"""Messages to a phone: reminders and announcements by Web Push.

Owns VAPID keys, subscriptions and their endpoints, sending and retrying
deliveries (each in its recipient's language) and their reports, commute reminders
and work check-ins and their scheduler, cohort announcements, and mentoring's pushes
(requests, acceptances, sessions about to start or just over, actions on their day).
"""

from __future__ import annotations

from mmapp.push import (
    announcements,
    deliveries,
    endpoints,
    mentoring_pushes,
    reminder_times,
    reminders,
    reports,
    scheduler,
    sender,
    subscriptions,
    vapid,
    work_checkins,
)
from mmapp.push.announcements import announce, notify_cohort, release_to_cohort, topic_for
from mmapp.push.deliveries import claim_due, enqueue, run_due
from mmapp.push.endpoints import Endpoint, check_endpoint, check_keys, host_allowed
from mmapp.push.reminder_times import (
    WINDOW,
    DueSlot,
    due_slots,
    in_quiet_hours,
    next_due_at,
    reschedule,
)
from mmapp.push.reminders import plan_out, plan_reminders, save_plan
from mmapp.push.scheduler import ensure_vapid_key, run_forever
from mmapp.push.sender import (
    Outcome,
    PayloadTooLargeError,
    SendOptions,
    Target,
    encode_payload,
    retry_after_seconds,
    send_all,
)
from mmapp.push.subscriptions import subscribe, subscriptions_of, unsubscribe
from mmapp.push.vapid import VapidSigner, audience, b64url, load_vapid
from mmapp.push.work_checkins import checkin_at, plan_checkins

__all__ = [
    "WINDOW",
    "DueSlot",
    "Endpoint",
    "Outcome",
    "PayloadTooLargeError",
    "SendOptions",
    "Target",
    "VapidSigner",
    "announce",
    "announcements",
    "audience",
    "b64url",
    "check_endpoint",
    "check_keys",
    "checkin_at",
    "claim_due",
    "deliveries",
    "due_slots",
    "encode_payload",
    "endpoints",
    "enqueue",
    "ensure_vapid_key",
    "host_allowed",
    "in_quiet_hours",
    "load_vapid",
    "mentoring_pushes",
    "next_due_at",
    "notify_cohort",
    "plan_checkins",
    "plan_out",
    "plan_reminders",
    "release_to_cohort",
    "reminder_times",
    "reminders",
    "reports",
    "reschedule",
    "retry_after_seconds",
    "run_due",
    "run_forever",
    "save_plan",
    "scheduler",
    "send_all",
    "sender",
    "subscribe",
    "subscriptions",
    "subscriptions_of",
    "topic_for",
    "unsubscribe",
    "vapid",
    "work_checkins",
]
