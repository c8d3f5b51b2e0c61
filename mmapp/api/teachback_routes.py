"""Peer teach-back: my asks and the asks made of me (with the guide), and whom I may ask.

Asking and confirming are learner events through the sync API (`teachback_asked`,
`teachback_confirmed`: offline first, stored once); these routes only read. Who sees
whom is `mmapp.access.teachbacks`' rule: colleagues of my own cohorts, by name only.
"""

from __future__ import annotations

import uuid

from fastapi import APIRouter

from mmapp.api.deps import UserDep
from mmapp.api.errors import ERROR_RESPONSES, responses
from mmapp.db import session_scope
from mmapp.schemas import ColleagueOut, TeachBacksOut
from mmapp.teachback import views

router = APIRouter(prefix="/teachbacks", tags=["teachbacks"], responses=ERROR_RESPONSES)


@router.get("", summary="Teach-backs I asked for, and those asked of me (with the guide)")
def mine(user: UserDep) -> TeachBacksOut:
    """The newest 50 of each, newest ask first; each says whether it was confirmed.

    An ask of me carries its guide: the nugget's Way in and Payoff at the version
    asked (safe HTML) and three prompts in my language.
    """
    with session_scope(read_only=True) as session:
        return views.teachbacks_of(session=session, user=user)


@router.get("/peers", summary="Colleagues I may ask to hear me teach", responses=responses(409))
def peers(user: UserDep, nugget_id: uuid.UUID | None = None) -> list[ColleagueOut]:
    """Current members of my cohorts, but me, by name (id and display name only).

    With `nugget_id`, 409 `nugget_not_completed` until I completed that nugget.
    """
    with session_scope(read_only=True) as session:
        return views.colleagues_of(session=session, user=user, nugget_id=nugget_id)
