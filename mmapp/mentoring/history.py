"""After the sessions, as the learner sees them: their actions and who helped with what.

Also every reflection and answer a person stored, for "Download my data".
"""

from __future__ import annotations

import collections
import datetime as dt
import uuid
from typing import Any

from sqlmodel import Session, col, select

from mmapp.mentoring.reflections import ends_at
from mmapp.models import (
    ActionAnswer,
    ActionState,
    HelpRequest,
    MentoringSession,
    PlannedAction,
    SessionReflection,
    SessionStatus,
    Skill,
    User,
)
from mmapp.schemas.reflections import (
    ActionOut,
    ExportAction,
    ExportAnswer,
    ExportReflection,
    HeldSessionOut,
    SkillHistoryOut,
)

# How many open actions, closed actions and past sessions the overview lists.
OPEN_LISTED = 150
CLOSED_LISTED = 50
HELD_LISTED = 200


def _with_names(query: Any) -> Any:
    """`query` (over actions or sessions) joined to its skill's and its mentor's names."""
    return (
        query.join(HelpRequest, col(HelpRequest.id) == MentoringSession.request_id)
        .join(User, col(User.id) == MentoringSession.mentor_id)
        .outerjoin(Skill, col(Skill.id) == HelpRequest.skill_id)
    )


def action_rows(*, session: Session, mentee_id: uuid.UUID) -> list[ActionOut]:
    """The learner's actions: open ones by due day, then the latest answered ones."""
    base = _with_names(
        select(PlannedAction, HelpRequest.skill_id, Skill.name, User.display_name).join(
            MentoringSession, col(MentoringSession.id) == PlannedAction.session_id
        )
    ).where(PlannedAction.mentee_id == mentee_id)
    is_open = col(PlannedAction.state) == ActionState.open
    open_rows = session.exec(
        base.where(is_open)
        .order_by(col(PlannedAction.due_on), col(PlannedAction.position))
        .limit(OPEN_LISTED)
    ).all()
    closed_rows = session.exec(
        base.where(~is_open).order_by(col(PlannedAction.answered_at).desc()).limit(CLOSED_LISTED)
    ).all()
    return [
        ActionOut(
            id=a.id,
            session_id=a.session_id,
            skill_id=skill_id,
            skill_name=skill_name or "",
            mentor_name=mentor_name,
            text=a.text,
            due_on=a.due_on,
            state=a.state,
            asked_on=a.asked_on,
            answered_at=a.answered_at,
        )
        for a, skill_id, skill_name, mentor_name in [*open_rows, *closed_rows]
    ]


def skill_history(
    *, session: Session, mentee_id: uuid.UUID, now: dt.datetime
) -> list[SkillHistoryOut]:
    """Per skill, the mentors who helped the learner and their sessions, newest first.

    Sessions held: booked (not cancelled) and over by `now`. Skills are ordered by
    their newest session.
    """
    rows = session.exec(
        _with_names(select(MentoringSession, HelpRequest.skill_id, Skill.name, User.display_name))
        .where(
            MentoringSession.mentee_id == mentee_id,
            MentoringSession.status == SessionStatus.booked,
            col(MentoringSession.start_at) <= now,
        )
        .order_by(col(MentoringSession.start_at).desc())
        .limit(HELD_LISTED)
    ).all()
    by_skill: dict[uuid.UUID, list[HeldSessionOut]] = collections.defaultdict(list)
    skill_name: dict[uuid.UUID, str] = {}
    for held, skill_id, name, mentor_name in rows:
        if ends_at(held) > now:
            continue
        skill_name[skill_id] = name or ""
        by_skill[skill_id].append(
            HeldSessionOut(
                session_id=held.id,
                mentor_name=mentor_name,
                start_at=held.start_at,
                minutes=held.minutes,
            )
        )
    return [
        SkillHistoryOut(
            skill_id=skill_id,
            skill_name=skill_name[skill_id],
            mentors=list(dict.fromkeys(s.mentor_name for s in sessions)),
            sessions=sessions,
        )
        for skill_id, sessions in by_skill.items()
    ]


def export_reflections(*, session: Session, user_id: uuid.UUID) -> list[ExportReflection]:
    """Every reflection the person stored, oldest first."""
    rows = session.exec(
        select(SessionReflection)
        .where(SessionReflection.user_id == user_id)
        .order_by(col(SessionReflection.created_at))
    )
    return [ExportReflection.model_validate(r, from_attributes=True) for r in rows]


def export_actions(*, session: Session, user_id: uuid.UUID) -> list[ExportAction]:
    """Every action the person planned, with every answer to it, oldest first."""
    actions = session.exec(
        select(PlannedAction)
        .where(PlannedAction.mentee_id == user_id)
        .order_by(col(PlannedAction.created_at), col(PlannedAction.position))
    ).all()
    answers: dict[uuid.UUID, list[ExportAnswer]] = collections.defaultdict(list)
    ids = [a.id for a in actions]
    for row in session.exec(
        select(ActionAnswer)
        .where(col(ActionAnswer.action_id).in_(ids))
        .order_by(col(ActionAnswer.seq))
    ):
        answers[row.action_id].append(
            ExportAnswer(id=row.id, answer=row.answer, answered_at=row.answered_at)
        )
    return [
        ExportAction(
            id=a.id,
            session_id=a.session_id,
            text=a.text,
            due_on=a.due_on,
            state=a.state,
            answers=answers[a.id],
        )
        for a in actions
    ]


__all__ = ["action_rows", "export_actions", "export_reflections", "skill_history"]
