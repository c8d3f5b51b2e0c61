"""The skills a mentor profile may name, for the phone's "Offer to mentor" form.

Apart from `mentoring_routes` (which holds requests, slots and sessions) so each stays
small; same prefix, same bearer token.
"""

from __future__ import annotations

from fastapi import APIRouter

from mmapp.api.deps import UserDep
from mmapp.api.errors import ERROR_RESPONSES
from mmapp.clock import get_clock
from mmapp.db import session_scope
from mmapp.mentoring import profiles
from mmapp.schemas import SkillChoiceOut

router = APIRouter(prefix="/mentoring", tags=["mentoring"], responses=ERROR_RESPONSES)


@router.get("/skills", summary="Skills I could offer to mentor")
def skills(user: UserDep) -> list[SkillChoiceOut]:
    """Every skill by name; `may_offer` says which I may name.

    Mentors may name any skill; learners those they can teach (level 4).
    """
    with session_scope(read_only=True) as session:
        return profiles.skill_choices(session=session, user=user, now=get_clock().now())


__all__ = ["router"]
