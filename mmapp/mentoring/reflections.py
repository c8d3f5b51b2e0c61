"""Reflecting on a session and answering its actions: append-only, safe to replay.

Both people of a session reflect once, after its end: a 1-4 rating and the fit. The
learner also writes a takeaway and up to three actions, each due from the session's
day to `DUE_SPAN_DAYS` after (days in the learner's timezone). An action is answered
"done", "not_yet" or "drop", as often as the learner likes; its state is its latest
answer. "Not yet" keeps it open and asks again `NOT_YET_DAYS` after the answer's day
(never before the due day), once per answer.

Replays: the phone makes the ids and may send the same thing twice. The same id with
the same content answers as the first time and stores nothing; the same id with other
content is refused (409 `id_reused`). Two sends racing: one insert wins, the other
meets the unique key, reads the winner, and answers as a replay or a refusal.
"""

from __future__ import annotations

import datetime as dt
import uuid
import zoneinfo
from collections.abc import Sequence

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from mmapp import access
from mmapp.errors import ConflictError, ValidationError
from mmapp.i18n import N_
from mmapp.models import (
    ActionAnswer,
    ActionState,
    MentoringSession,
    PlannedAction,
    SessionReflection,
    SessionStatus,
    User,
)
from mmapp.schemas.reflections import (
    ACTION_TEXT_MAX,
    AnswerIn,
    AnswerOut,
    PlannedOut,
    ReflectionIn,
    ReflectionOut,
)

DUE_SPAN_DAYS = 60
NOT_YET_DAYS = 2
STATE_OF = {"done": ActionState.done, "not_yet": ActionState.open, "drop": ActionState.dropped}
# An action as stored (id, text, due day); a reflection's content: rating, fit,
# takeaway and its actions (what a resend must repeat).
Planned = list[tuple[uuid.UUID, str, dt.date]]
Content = tuple[int, str, str, Planned]


def ends_at(booking: MentoringSession) -> dt.datetime:
    """When the session's time is over."""
    return booking.start_at + dt.timedelta(minutes=booking.minutes)


def local_day(moment: dt.datetime, timezone: str) -> dt.date:
    """The calendar day of `moment` in `timezone` (UTC if it is not a known zone)."""
    try:
        zone = zoneinfo.ZoneInfo(timezone)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        zone = zoneinfo.ZoneInfo("UTC")
    return moment.astimezone(zone).date()


def _clean(text: str) -> str:
    return " ".join(text.split())


def _reused() -> ConflictError:
    return ConflictError(
        "id_reused", N_("This id was already used for something else. Send it with a new id.")
    )


def reflection_out(*, session: Session, reflection: SessionReflection) -> ReflectionOut:
    """The reflection as it was stored, with its actions as planned."""
    actions = session.exec(
        select(PlannedAction)
        .where(PlannedAction.reflection_id == reflection.id)
        .order_by(col(PlannedAction.position))
    )
    return ReflectionOut(
        id=reflection.id,
        session_id=reflection.session_id,
        rating=reflection.rating,
        fit=reflection.fit,
        takeaway=reflection.takeaway,
        actions=[PlannedOut(id=a.id, text=a.text, due_on=a.due_on) for a in actions],
        created_at=reflection.created_at,
    )


def _replay(
    session: Session, key: uuid.UUID, booking: MentoringSession, user: User, content: Content
) -> ReflectionOut | None:
    """The stored reflection if this resends it; None if the id is new (`id_reused`: other)."""
    stored = session.get(SessionReflection, key, populate_existing=True)
    if stored is None:
        return None
    out = reflection_out(session=session, reflection=stored)
    actions = [(a.id, a.text, a.due_on) for a in out.actions]
    same = content == (out.rating, out.fit, out.takeaway, actions)
    if not same or (stored.session_id, stored.user_id) != (booking.id, user.id):
        raise _reused()
    return out


def _check_new(
    session: Session, booking: MentoringSession, user: User, planned: Planned, now: dt.datetime
) -> None:
    """The rules a new reflection must meet (`reflect` says which error each is)."""
    if booking.status != SessionStatus.booked:
        raise ConflictError("session_cancelled", N_("This session was cancelled."))
    if now < ends_at(booking):
        raise ConflictError("session_not_over", N_("You can reflect once the session is over."))
    if any(not text for _, text, _ in planned):
        raise ValidationError(
            "bad_action", N_("Say what you will try in 1 to {n} characters."), n=ACTION_TEXT_MAX
        )
    mentee = session.get(User, booking.mentee_id)
    first = local_day(booking.start_at, mentee.timezone if mentee else "UTC")
    last = first + dt.timedelta(days=DUE_SPAN_DAYS)
    if any(not first <= due <= last for _, _, due in planned):
        raise ValidationError(
            "bad_due_on",
            N_("Pick a day for each action from the session's day, {first}, to {last}."),
            first=first.isoformat(),
            last=last.isoformat(),
        )
    mine = select(SessionReflection.id).where(
        SessionReflection.session_id == booking.id, SessionReflection.user_id == user.id
    )
    if session.exec(mine).first() is not None:
        raise ConflictError("already_reflected", N_("You have reflected on this session already."))
    ids = [a for a, _, _ in planned]
    if ids and session.exec(select(PlannedAction.id).where(col(PlannedAction.id).in_(ids))).first():
        raise _reused()


def reflect(
    *,
    session: Session,
    booking: MentoringSession,
    user: User,
    data: ReflectionIn,
    now: dt.datetime,
) -> tuple[ReflectionOut, bool]:
    """Store the person's reflection on the session (the caller checked they are in it).

    Returns:
        The reflection, and whether this call stored it (False: an identical resend).

    Raises:
        ValidationError: The mentor sent a takeaway or actions (`mentee_only`), an
            action is blank (`bad_action`) or due outside the allowed days (`bad_due_on`).
        ConflictError: `id_reused`, `session_cancelled`, `session_not_over`,
            `already_reflected` (by this person, under another id).
    """
    takeaway = _clean(data.takeaway)
    planned = [(a.id, _clean(a.text), a.due_on) for a in data.actions]
    content = (data.rating, data.fit, takeaway, planned)
    replay = _replay(session, data.id, booking, user, content)
    if replay is not None:
        return replay, False
    access.require_plan_writer(viewer=user, booking=booking, writes_plan=bool(takeaway or planned))
    _check_new(session, booking, user, planned, now)
    row = SessionReflection(
        id=data.id,
        session_id=booking.id,
        user_id=user.id,
        rating=data.rating,
        fit=data.fit,
        takeaway=takeaway,
        created_at=now,
    )
    try:
        with session.begin_nested():
            session.add(row)
            session.flush()
            for position, (action_id, text, due) in enumerate(planned):
                session.add(
                    PlannedAction(
                        id=action_id,
                        reflection_id=row.id,
                        session_id=booking.id,
                        mentee_id=user.id,
                        position=position,
                        text=text,
                        due_on=due,
                        asked_on=due,
                        created_at=now,
                    )
                )
            session.flush()
    except IntegrityError:  # the same send at the same moment, or a taken id
        replay = _replay(session, data.id, booking, user, content)
        if replay is not None:
            return replay, False
        _check_new(session, booking, user, planned, now)
        raise _reused() from None
    return reflection_out(session=session, reflection=row), True


def state_after(
    answers: Sequence[tuple[str, dt.date]], due_on: dt.date
) -> tuple[ActionState, dt.date | None]:
    """An action's state and the day a push asks next, from its answers in order.

    Args:
        answers: Each answer ("done", "not_yet", "drop") and its local day, oldest first.
        due_on: The action's due day.
    """
    if not answers:
        return ActionState.open, due_on
    answer, day = answers[-1]
    state = STATE_OF[answer]
    if state != ActionState.open:
        return state, None
    return state, max(due_on, day + dt.timedelta(days=NOT_YET_DAYS))


def _answer_out(row: ActionAnswer, action: PlannedAction, user: User) -> AnswerOut:
    day = local_day(row.answered_at, user.timezone)
    state, asked = state_after([(row.answer, day)], action.due_on)
    return AnswerOut(
        id=row.id,
        action_id=row.action_id,
        answer=row.answer,
        state=state.value,
        asked_on=asked,
        answered_at=row.answered_at,
    )


def _answer_replay(
    session: Session, data: AnswerIn, action: PlannedAction, user: User
) -> AnswerOut | None:
    stored = session.exec(
        select(ActionAnswer)
        .where(ActionAnswer.id == data.id)
        .execution_options(populate_existing=True)
    ).first()
    if stored is None:
        return None
    if (stored.action_id, stored.answer) != (action.id, data.answer):
        raise _reused()
    return _answer_out(stored, action, user)


def answer(
    *, session: Session, action: PlannedAction, user: User, data: AnswerIn, now: dt.datetime
) -> tuple[AnswerOut, bool]:
    """Store the learner's answer to their action (the caller checked it is theirs).

    Returns:
        What this answer made of the action, and whether this call stored it.

    Raises:
        ConflictError: `id_reused`, the id names another answer.
    """
    replay = _answer_replay(session, data, action, user)
    if replay is not None:
        return replay, False
    # Answers to one action queue on its row, so the latest stored is the latest answer.
    query = select(PlannedAction).where(PlannedAction.id == action.id).with_for_update()
    action = session.exec(query.execution_options(populate_existing=True)).one()
    row = ActionAnswer(id=data.id, action_id=action.id, answer=data.answer, answered_at=now)
    try:
        with session.begin_nested():
            session.add(row)
            session.flush()
    except IntegrityError:
        replay = _answer_replay(session, data, action, user)
        if replay is not None:
            return replay, False
        raise _reused() from None
    out = _answer_out(row, action, user)
    action.state, action.asked_on = out.state, out.asked_on
    action.last_answer_id, action.answered_at = row.id, now
    session.add(action)
    return out, True


__all__ = [
    "DUE_SPAN_DAYS",
    "NOT_YET_DAYS",
    "answer",
    "ends_at",
    "local_day",
    "reflect",
    "reflection_out",
    "state_after",
]
