"""Sync API v1: content and progress down by cursor, learner events up in batches."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Header, Query
from sqlmodel import Session

from mmapp.api.deps import UserDep, bearer_token
from mmapp.db import session_scope
from mmapp.group_commit import GroupCommitter
from mmapp.schemas import PushIn, PushOut
from mmapp.services import accounts, sync_pull, sync_push
from mmapp.services.errors import AuthError, ValidationError
from mmapp.settings import get_settings

router = APIRouter(prefix="/sync", tags=["sync"])


@router.get("/pull", summary="Content and progress changed since a cursor (paged)")
def pull(
    user: UserDep,
    cursor: Annotated[str | None, Query(max_length=200)] = None,
) -> dict[str, Any]:
    """Return one page of changes; call again with `cursor` while `has_more` is true.

    An unknown or missing cursor starts a full resync (`reset: true`).
    """
    with session_scope(read_only=True) as session:
        return sync_pull.pull(
            session=session,
            user=user,
            cursor_token=cursor,
            page_size=get_settings().pull_page_size,
        )


def _push_group(session: Session, pushes: list[tuple[str | None, PushIn]]) -> list[Any]:
    """Sign in and apply a group of pushes: one outcome (PushOut or error) per push."""
    tokens = [bearer_token(authorization) for authorization, _ in pushes]
    signed_in = accounts.users_for_tokens(
        session=session, tokens=[t for t in tokens if isinstance(t, str)]
    )
    users = iter(signed_in)
    outcomes: list[Any] = [t if isinstance(t, AuthError) else next(users) for t in tokens]
    batches = [
        sync_push.Batch(outcome[0].id, body.device_id, body.events)
        for outcome, (_, body) in zip(outcomes, pushes, strict=True)
        if not isinstance(outcome, AuthError)
    ]
    applied = iter(
        sync_push.apply_batches(
            session=session, batches=batches, max_string_chars=get_settings().max_string_chars
        )
    )
    return [o if isinstance(o, AuthError) else next(applied) for o in outcomes]


# Ingest commits in groups: one writer thread per process, one transaction for the
# pushes that queued meanwhile (measured: 500 devices reconnecting at once).
_COMMITTER = GroupCommitter(_push_group)


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
    return await _COMMITTER.run((authorization, body))
