"""After a mentoring session: reflect on it, and answer the actions it planned.

Both are sent from a phone's queue and may arrive twice: the ids are the phone's, an
identical resend answers 200 with the first answer's body and stores nothing, and the
same id with other content is refused (409 `id_reused`). Who may reflect or answer is
`mmapp.access.mentoring`'s rule (anyone else gets 404).
"""

from __future__ import annotations

import uuid

from fastapi import APIRouter, Response

from mmapp import access
from mmapp.api.deps import UserDep
from mmapp.api.errors import ERROR_RESPONSES, responses
from mmapp.clock import get_clock
from mmapp.db import session_scope
from mmapp.mentoring import reflections
from mmapp.schemas import AnswerIn, AnswerOut, ReflectionIn, ReflectionOut

router = APIRouter(prefix="/mentoring", tags=["mentoring"], responses=ERROR_RESPONSES)


@router.post(
    "/sessions/{session_id}/reflection",
    status_code=201,
    summary="Reflect on a session (and, as its learner, plan actions)",
    responses=responses(404, 409),
)
def reflect(
    session_id: uuid.UUID, body: ReflectionIn, user: UserDep, response: Response
) -> ReflectionOut:
    """Once the session is over, each of its two people rates it (1-4) and says how the fit was.

    201 the first time; an identical resend answers 200 with the same body. Only the
    learner writes a takeaway and 0-3 actions, due from the session's day to 60 days
    after (422 `mentee_only` for the mentor). 409: `session_not_over`,
    `session_cancelled`, `already_reflected` (under another id), `id_reused`.
    """
    now = get_clock().now()
    with session_scope() as session:
        found = access.own_session(session=session, viewer=user, session_id=session_id)
        out, stored = reflections.reflect(
            session=session, booking=found, user=user, data=body, now=now
        )
    if not stored:
        response.status_code = 200
    return out


@router.post(
    "/actions/{action_id}/answer",
    status_code=201,
    summary="Answer one of my actions: done, not yet, or drop",
    responses=responses(404, 409),
)
def answer(action_id: uuid.UUID, body: AnswerIn, user: UserDep, response: Response) -> AnswerOut:
    """The action's state becomes this answer's; "not_yet" asks again two days later.

    201 the first time; an identical resend answers 200 with the same body.
    """
    now = get_clock().now()
    with session_scope() as session:
        action = access.own_action(session=session, viewer=user, action_id=action_id)
        out, stored = reflections.answer(
            session=session, action=action, user=user, data=body, now=now
        )
    if not stored:
        response.status_code = 200
    return out


__all__ = ["router"]
