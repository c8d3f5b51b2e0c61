"""Mentoring: who may mentor which skills, and who sees which requests and sessions.

A request is its learner's; the mentor it is offered to (or who accepted it) sees it
too. A session is its two people's, and so is reflecting on it; the takeaway and the
actions are the learner's to write, and an action is the learner's alone to answer.
Anyone else is told there is no such thing (404), coordinators and admins included:
mentoring is between the two.
"""

from __future__ import annotations

import uuid
from collections.abc import Collection

from sqlmodel import Session

from mmapp.access.roles import is_staff
from mmapp.errors import ForbiddenError, NotFoundError, ValidationError
from mmapp.i18n import N_
from mmapp.models import HelpRequest, MentoringSession, PlannedAction, Role, User


def may_mentor(
    user: User, skill_ids: Collection[uuid.UUID], teachable: Collection[uuid.UUID]
) -> bool:
    """Mentors and staff may offer any skill; a learner only those they can teach.

    Args:
        user: Who offers.
        skill_ids: The skills they offer to help with.
        teachable: The skills the learner rates or shows at level 4 ("I can teach it").
    """
    if user.role == Role.mentor or is_staff(user):
        return True
    return set(skill_ids) <= set(teachable)


def require_mentor_skills(
    user: User, skill_ids: Collection[uuid.UUID], teachable: Collection[uuid.UUID]
) -> None:
    """Raises ForbiddenError unless `may_mentor`."""
    if not may_mentor(user, skill_ids, teachable):
        raise ForbiddenError(
            "not_teachable",
            N_('Learners can mentor a skill once they can teach it (level 4, "I can teach it").'),
        )


def own_request(*, session: Session, viewer: User, request_id: uuid.UUID) -> HelpRequest:
    """A request the viewer asked (as the learner); else 404."""
    request = session.get(HelpRequest, request_id)
    if request is None or request.mentee_id != viewer.id:
        raise NotFoundError("request_not_found", N_("No such request of yours."))
    return request


def offer_for(*, session: Session, viewer: User, request_id: uuid.UUID) -> HelpRequest:
    """A request offered to (or accepted by) the viewer as its mentor; else 404.

    Its learner included: answering an offer is the mentor's, so to them it is no offer.
    """
    request = session.get(HelpRequest, request_id)
    if request is None or request.offered_to != viewer.id:
        raise NotFoundError("offer_not_found", N_("No such offer for you."))
    return request


def own_session(*, session: Session, viewer: User, session_id: uuid.UUID) -> MentoringSession:
    """A session the viewer is in (mentor or learner); else 404."""
    found = session.get(MentoringSession, session_id)
    if found is None or viewer.id not in (found.mentor_id, found.mentee_id):
        raise NotFoundError("session_not_found", N_("No such session of yours."))
    return found


def own_action(*, session: Session, viewer: User, action_id: uuid.UUID) -> PlannedAction:
    """An action the viewer planned (as the session's learner); else 404."""
    found = session.get(PlannedAction, action_id)
    if found is None or found.mentee_id != viewer.id:
        raise NotFoundError("action_not_found", N_("No such action of yours."))
    return found


def require_plan_writer(*, viewer: User, booking: MentoringSession, writes_plan: bool) -> None:
    """Only the session's learner writes a takeaway and actions.

    Raises:
        ValidationError: `mentee_only`, the mentor sent a takeaway or actions.
    """
    if writes_plan and viewer.id != booking.mentee_id:
        raise ValidationError(
            "mentee_only",
            N_(
                "Only the learner writes a takeaway and actions. "
                "As the mentor, rate the session and say how the fit was."
            ),
        )


__all__ = [
    "may_mentor",
    "offer_for",
    "own_action",
    "own_request",
    "own_session",
    "require_mentor_skills",
    "require_plan_writer",
]
