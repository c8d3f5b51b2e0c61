"""Push API: the VAPID key, subscriptions, reminder plans, and cohort notifications."""

from __future__ import annotations

import uuid

from fastapi import APIRouter, BackgroundTasks, Request, Response

from mmapp import access, accounts
from mmapp.api.deps import UserDep
from mmapp.api.errors import ERROR_RESPONSES, responses
from mmapp.db import session_scope
from mmapp.models import ReminderPlan
from mmapp.push import announcements, deliveries, reminders, subscriptions
from mmapp.push.vapid import load_vapid
from mmapp.schemas import (
    DeliveryReport,
    NotifyIn,
    ReleaseIn,
    ReleaseOut,
    ReminderPlanIn,
    ReminderPlanOut,
    SubscriptionIn,
    SubscriptionOut,
    UnsubscribeIn,
    VapidKeyOut,
)
from mmapp.settings import get_settings

router = APIRouter(tags=["push"], responses=ERROR_RESPONSES)
# Announcing and releasing: for those who manage the cohort, once per nugget version.
_COHORT_ERRORS = responses(403, 404, 409)


def _send_now() -> None:
    # Deliver a coordinator's announcement right away instead of at the next tick.
    deliveries.run_due(scope=lambda: session_scope(), settings=get_settings())


@router.get("/push/vapid-public-key", summary="The key browsers subscribe with")
def vapid_public_key() -> VapidKeyOut:
    """The server's VAPID public key (base64url), for `pushManager.subscribe`."""
    with session_scope() as session:
        _, public = load_vapid(session=session, override_pem=get_settings().vapid_private_key)
    return VapidKeyOut(public_key=public)


@router.post("/push/subscriptions", status_code=201, summary="Send pushes to this browser")
def subscribe(body: SubscriptionIn, user: UserDep, request: Request) -> SubscriptionOut:
    """Store a browser subscription; the endpoint must be on a known push service."""
    with session_scope() as session:
        accounts.record_device_locale(
            session=session, user=user, accept_language=request.headers.get("accept-language")
        )
        row = subscriptions.subscribe(
            session=session,
            user=user,
            data=body,
            allowed_hosts=get_settings().push_allowed_hosts,
            user_agent=request.headers.get("user-agent", ""),
        )
        return SubscriptionOut(id=row.id, endpoint=row.endpoint)


@router.delete(
    "/push/subscriptions",
    status_code=204,
    response_class=Response,
    summary="Stop pushes to this browser",
)
def unsubscribe(body: UnsubscribeIn, user: UserDep) -> None:
    """Forget a subscription of the caller's (unknown endpoints are ignored)."""
    with session_scope() as session:
        subscriptions.unsubscribe(session=session, user=user, endpoint=body.endpoint)


@router.get("/reminders", summary="The caller's commute reminder plan")
def get_plan(user: UserDep) -> ReminderPlanOut:
    """Slots, timezone, quiet hours and daily goal (a disabled default if none yet)."""
    with session_scope(read_only=True) as session:
        plan = session.get(ReminderPlan, user.id)
        return reminders.plan_out(plan, timezone=user.timezone)


@router.put("/reminders", summary="Set the caller's commute reminder plan")
def put_plan(body: ReminderPlanIn, user: UserDep) -> ReminderPlanOut:
    """Replace the plan; times are local to `timezone` and follow its DST changes."""
    with session_scope() as session:
        plan = reminders.save_plan(session=session, user=user, data=body)
        return reminders.plan_out(plan, timezone=user.timezone)


@router.post(
    "/cohorts/{cohort_id}/notify",
    status_code=202,
    summary="Announce a nugget to a cohort",
    responses=_COHORT_ERRORS,
)
def notify(
    cohort_id: uuid.UUID,
    body: NotifyIn,
    user: UserDep,
    tasks: BackgroundTasks,
    again: bool = False,
) -> DeliveryReport:
    """Push "New nugget: <title>" to every member's devices.

    Once per nugget version unless `again`; the response holds the message id and
    the delivery report so far (`GET /push/messages/{id}` follows it).
    """
    with session_scope() as session:
        message = announcements.notify_cohort(
            session=session, viewer=user, cohort_id=cohort_id, nugget_id=body.nugget_id, again=again
        )
        result = deliveries.report(session=session, message_id=message.id)
    tasks.add_task(_send_now)
    return result


@router.post(
    "/cohorts/{cohort_id}/assignments",
    status_code=201,
    summary="Release a nugget to a cohort (and announce it)",
    responses=_COHORT_ERRORS,
)
def release(
    cohort_id: uuid.UUID, body: ReleaseIn, user: UserDep, tasks: BackgroundTasks
) -> ReleaseOut:
    """Give a published nugget to the cohort from `release_at` (now by default).

    With `notify` (the default) members get "New nugget: <title>" when it is released;
    devices receive the nugget on their next sync either way.
    """
    with session_scope() as session:
        assignment, message = announcements.release_to_cohort(
            session=session,
            viewer=user,
            cohort_id=cohort_id,
            nugget_id=body.nugget_id,
            release_at=body.release_at,
            due_at=body.due_at,
            position=body.position,
            notify=body.notify,
        )
        result = ReleaseOut(
            nugget_id=assignment.nugget_id,
            release_at=assignment.release_at,
            message_id=message.id if message else None,
        )
    tasks.add_task(_send_now)
    return result


@router.get(
    "/push/messages/{message_id}",
    summary="Delivery report of an announcement",
    responses=responses(404),
)
def message_report(message_id: uuid.UUID, user: UserDep) -> DeliveryReport:
    """Sent, expired/removed, failed (with reasons) and still waiting.

    For whoever manages the cohort it went to (owner, co-coordinators, admins);
    anyone else is told there is no such announcement.
    """
    with session_scope(read_only=True) as session:
        message = access.readable_message(session=session, viewer=user, message_id=message_id)
        return deliveries.report(session=session, message_id=message.id)
