"""Sync API v1: content and progress down by cursor, learner events up in batches."""

from __future__ import annotations

from typing import Annotated, Any

import anyio
from fastapi import APIRouter, Header, Query
from sqlalchemy.exc import IntegrityError, OperationalError

from mmapp.api.deps import UserDep, current_auth
from mmapp.db import session_scope
from mmapp.schemas import PushIn, PushOut
from mmapp.services import sync_pull, sync_push
from mmapp.services.errors import UnavailableError, ValidationError
from mmapp.settings import get_settings

router = APIRouter(prefix="/sync", tags=["sync"])
# A concurrent writer of the same event ids loses the race on a unique key; running
# the batch again then finds those events stored and reports them as duplicates.
_ATTEMPTS = 3


@router.get("/pull", summary="Content and progress changed since a cursor (paged)")
def pull(
    user: UserDep,
    cursor: Annotated[str | None, Query(max_length=200)] = None,
) -> dict[str, Any]:
    """Return one page of changes; call again with `cursor` while `has_more` is true.

    An unknown or missing cursor starts a full resync (`reset: true`).
    """
    with session_scope() as session:
        return sync_pull.pull(
            session=session,
            user=user,
            cursor_token=cursor,
            page_size=get_settings().pull_page_size,
        )


# Writes to one SQLite file happen one at a time anyway; a few worker threads for
# ingest keep 40 threads from fighting over the GIL and the writer lock (measured:
# more events/s and a shorter tail with 500 devices reconnecting at once).
_INGEST_THREADS = anyio.CapacityLimiter(4)


@router.post("/push", summary="Store a batch of learner events, once each")
async def push(body: PushIn, authorization: Annotated[str | None, Header()] = None) -> PushOut:
    """Apply events idempotently by `event_id`; every event gets a status.

    Events for nuggets never assigned to the learner refuse the whole batch (403,
    with their ids) so that nothing of it is stored.
    """
    settings = get_settings()
    if len(body.events) > settings.max_batch_events:
        raise ValidationError(
            "too_many_events",
            f"A batch holds at most {settings.max_batch_events} events; "
            f"this one has {len(body.events)}.",
        )
    # Sign-in check and batch in one worker-thread hop, not one per dependency.
    return await anyio.to_thread.run_sync(_push_batch, authorization, body, limiter=_INGEST_THREADS)


def _push_batch(authorization: str | None, body: PushIn) -> PushOut:
    user, _ = current_auth(authorization)
    settings = get_settings()
    last_error: Exception | None = None
    for _ in range(_ATTEMPTS):
        try:
            with session_scope(write=True) as session:
                return sync_push.apply_batch(
                    session=session,
                    user=user,
                    device_id=body.device_id,
                    events=body.events,
                    max_string_chars=settings.max_string_chars,
                )
        except (IntegrityError, OperationalError) as exc:
            last_error = exc
    raise UnavailableError("busy", f"Could not store the batch, please retry ({last_error}).")
