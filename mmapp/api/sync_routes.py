"""Sync API v1: content and progress down by cursor, learner events up in batches."""

from __future__ import annotations

import datetime as dt
from collections.abc import Hashable
from typing import Annotated, Any

import pydantic
from fastapi import APIRouter, Header, Query, Request
from sqlmodel import Session

from mmapp import accounts
from mmapp.api.deps import UserDep, bearer_token
from mmapp.api.errors import ERROR_RESPONSES, request_error, responses
from mmapp.api.openapi import json_body
from mmapp.clock import get_clock
from mmapp.credentials import issuing
from mmapp.credentials.ledger import credentials_of
from mmapp.db import session_scope
from mmapp.errors import AuthError, ServiceError, ValidationError
from mmapp.i18n import N_
from mmapp.models import User
from mmapp.schemas import LimitsOut, PullOut, PushIn, PushOut
from mmapp.settings import get_settings
from mmapp.sync import changes, ingest
from mmapp.sync.group_commit import GroupCommitter

router = APIRouter(prefix="/sync", tags=["sync"], responses=ERROR_RESPONSES)


@router.get("/pull", summary="Content and progress changed since a cursor (paged)")
def pull(
    user: UserDep,
    cursor: Annotated[str | None, Query(max_length=200)] = None,
    reviews_after: Annotated[int | None, Query(ge=0, le=2**53)] = None,
) -> PullOut:
    """Return one page of changes; call again with `cursor` while `has_more` is true.

    On the last page (the one carrying progress), credentials the learner has earned
    are issued and ride in its progress (`credentials.issuing`); the check runs only
    when something it depends on moved since this learner's last check
    (`credentials.issuing.state_key`), so a "nothing new" pull does not pay for it.
    An unknown or missing cursor starts a full resync (`reset: true`). The last page
    also carries the review cards changed since `reviews_after` (the `reviews_version`
    of the device's previous pull; all cards without it).
    """
    now = get_clock().now()
    with session_scope(read_only=True) as session:
        page = changes.pull(
            session=session,
            user=user,
            cursor_token=cursor,
            page_size=get_settings().pull_page_size,
            reviews_after=reviews_after,
            now=now,
        )
        if page.progress is None:
            return page
        key = issuing.state_key(session=session, user=user, now=now)
    if not issuing.needs_check(user.id, key):
        return page
    return _with_issued(page, user, now, key)


def _with_issued(page: PullOut, user: User, now: dt.datetime, key: Hashable) -> PullOut:
    """Issue what the learner has earned; the page with their credentials refreshed."""
    assert page.progress is not None
    with session_scope(read_only=True) as session:
        due = issuing.due_achievements(session=session, user=user, now=now)
    if due:  # a short write transaction, only when a credential was earned
        with session_scope() as session:
            issuing.issue_due(session=session, user=user, now=now)
        with session_scope(read_only=True) as session:
            mine = credentials_of(session=session, user=user)
        page = page.model_copy(
            update={"progress": page.progress.model_copy(update={"credentials": mine})}
        )
    issuing.checked(user.id, key)
    return page


@router.get("/limits", summary="The sizes a push may have")
def limits(user: UserDep) -> LimitsOut:
    """Tell the device this server's push limits instead of letting it assume them.

    The device splits its outbox into batches of at most `max_batch_events` events
    whose JSON body is at most `max_body_bytes` bytes. Signed-in callers only.
    """
    del user  # the dependency only checks the caller is signed in
    settings = get_settings()
    return LimitsOut(
        max_batch_events=settings.max_batch_events,
        max_body_bytes=settings.max_body_bytes,
        max_string_chars=settings.max_string_chars,
    )


def _push_group(session: Session, pushes: list[tuple[str, bytes]]) -> list[Any]:
    """Sign in, then read and apply a group of pushes: one outcome per push.

    Authentication comes first: a body is parsed only for a valid token, so an
    anonymous or signed-out caller learns nothing about what the API accepts.
    """
    signed_in = iter(
        accounts.users_for_tokens(session=session, tokens=[token for token, _ in pushes])
    )
    outcomes: list[Any] = []
    batches: list[ingest.Batch] = []
    for _, raw in pushes:
        found = next(signed_in)
        body = found if isinstance(found, AuthError) else parse_push(raw)
        outcomes.append(body)
        if isinstance(body, PushIn) and not isinstance(found, AuthError):
            batches.append(ingest.Batch(found[0].id, body.device_id, body.events))
    applied = iter(
        ingest.apply_batches(
            session=session, batches=batches, max_string_chars=get_settings().max_string_chars
        )
    )
    return [next(applied) if isinstance(o, PushIn) else o for o in outcomes]


def parse_push(raw: bytes) -> PushIn | ServiceError:
    """Read a push body: the batch, or the 400/422 error that refuses it whole."""
    try:
        body = PushIn.model_validate_json(raw)
    except pydantic.ValidationError as exc:
        return request_error(exc.errors())
    limit = get_settings().max_batch_events
    if len(body.events) > limit:
        return ValidationError(
            "too_many_events",
            N_("A batch holds at most {limit} events; this one has {n}."),
            limit=limit,
            n=len(body.events),
        )
    return body


# Ingest commits in groups: one writer thread per process, one transaction for the
# pushes that queued meanwhile (measured: 500 devices reconnecting at once).
_COMMITTER = GroupCommitter(_push_group)


@router.post(
    "/push",
    summary="Store a batch of learner events, once each",
    openapi_extra={"requestBody": json_body(PushIn)},
    responses=responses(403),
)
async def push(request: Request, authorization: Annotated[str | None, Header()] = None) -> PushOut:
    """Apply events idempotently by `event_id`; every event gets a status.

    The bearer token is checked before the body is read. Events for nuggets never
    assigned to the learner refuse the whole batch (403, with their ids) so that
    nothing of it is stored.
    """
    token = bearer_token(authorization)
    if isinstance(token, AuthError):
        raise token
    return await _COMMITTER.run((token, await request.body()))
