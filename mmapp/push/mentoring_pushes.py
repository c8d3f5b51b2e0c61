"""Mentoring pushes, each sent once, in its recipient's language, from the scheduler tick.

- "New mentoring request" to the mentor a request is offered to (the first offer, and
  each pass down the list after a decline or expiry), while the offer runs.
- "Your mentor said yes" to the learner, while the accepted request waits for a time
  (offers accepted more than `ACCEPTED_WINDOW` after they ran out are not announced).
- "Starts in 10 minutes" to both people, from 10 minutes before the start.
- "How did it go?" to both once the session is over, for `REFLECT_WINDOW`, to each
  who has not reflected yet.
- "Did you try …?" to the learner on an open action's asked day (its due day, or the
  day a "not yet" asks again), from that day's first commute slot outside quiet hours,
  else 09:00, until the day ends: the work check-ins' rule (`work_checkins`).

Each has a dedupe key (`mentoring:<kind>:…`, per recipient, per offer, per start, per
answer), so however many schedulers run, one message is made. Only people with a push
subscription are asked; each push names a page the phone opens (`/mentoring`,
`/mentoring?session=<id>`, `/mentoring?action=<id>`).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import uuid
import zoneinfo
from typing import Any

from sqlmodel import Session, and_, col, or_, select

from mmapp.i18n import N_, effective_locale, translate
from mmapp.mentoring.reflections import ends_at
from mmapp.models import (
    ActionState,
    HelpRequest,
    MentoringSession,
    PlannedAction,
    PushMessage,
    PushSubscription,
    ReminderPlan,
    RequestStatus,
    SessionReflection,
    SessionStatus,
    Skill,
    User,
)
from mmapp.push import deliveries
from mmapp.push.work_checkins import CHECKIN_TTL_SECONDS, checkin_time, learner_zone

SOON = dt.timedelta(minutes=10)
REFLECT_WINDOW = dt.timedelta(days=2)
ACCEPTED_WINDOW = dt.timedelta(days=1)
LONGEST = dt.timedelta(minutes=30)  # the longest session (`availability.LENGTHS`)
DAY_TTL = 24 * 3600
NEW_REQUEST = N_("New mentoring request")
NEW_REQUEST_BODY = N_("{name} asks for help with {skill}: {need}")
ACCEPTED = N_("Your mentor said yes")
ACCEPTED_BODY = N_("{name} will help you with {skill}. Pick a time that suits you.")
STARTS_SOON = N_("Mentoring starts in 10 minutes")
STARTS_SOON_BODY = N_("{skill} with {name} at {time}.")
HOW_DID_IT_GO = N_("How did it go?")
HOW_DID_IT_GO_BODY = N_("Your session with {name} on {skill}: a minute to rate it.")
DID_YOU_TRY = N_("Did you try “{action}”?")
DID_YOU_TRY_BODY = N_("From your session with {name} on {skill}: done, not yet, or drop it?")


@dataclasses.dataclass(frozen=True)
class Due:
    """One push due now, before its words are put in the recipient's language."""

    key: str
    user_id: uuid.UUID
    kind: str
    topic: str
    ttl: int
    title: str
    body: str
    url: str
    name_of: uuid.UUID  # whose name the words give (the other person)
    skill_id: uuid.UUID
    extra: tuple[tuple[str, str], ...] = ()
    starts: dt.datetime | None = None  # given as local "HH:MM" in the words
    urgency: str = "normal"


def _subscribed(session: Session, ids: set[uuid.UUID]) -> set[uuid.UUID]:
    query = select(PushSubscription.user_id).where(col(PushSubscription.user_id).in_(ids))
    return set(session.exec(query)) if ids else set()


def _requests(session: Session, now: dt.datetime) -> list[Due]:
    """New requests to mentors, and acceptances to learners."""
    status, expires = col(HelpRequest.status), col(HelpRequest.offer_expires_at)
    rows = session.exec(
        select(HelpRequest).where(
            or_(
                and_(status == RequestStatus.offered, expires > now),
                and_(status == RequestStatus.accepted, expires > now - ACCEPTED_WINDOW),
            ),
            col(HelpRequest.offered_to).is_not(None),
        )
    ).all()
    phones = _subscribed(session, {i for r in rows for i in (r.mentee_id, r.offered_to) if i})
    out = []
    for r in rows:
        assert r.offered_to is not None
        topic = "mq" + r.id.hex[:24]
        if r.status == RequestStatus.offered and r.offered_to in phones:
            key = f"mentoring:request:{r.id}:{r.offered_to}"
            out.append(
                Due(key, r.offered_to, "mentoring_request", topic, DAY_TTL, NEW_REQUEST,
                    NEW_REQUEST_BODY, "/mentoring", r.mentee_id, r.skill_id, (("need", r.need),))
            )  # fmt: skip
        elif r.status == RequestStatus.accepted and r.mentee_id in phones:
            out.append(
                Due(f"mentoring:accepted:{r.id}", r.mentee_id, "mentoring_accepted", topic,
                    DAY_TTL, ACCEPTED, ACCEPTED_BODY, "/mentoring", r.offered_to, r.skill_id)
            )  # fmt: skip
    return out


def _sessions(session: Session, now: dt.datetime) -> list[Due]:
    """Pushes "Starts in 10 minutes" and "How did it go?" to both people of a session."""
    rows = session.exec(
        select(MentoringSession, HelpRequest.skill_id)
        .join(HelpRequest, col(HelpRequest.id) == MentoringSession.request_id)
        .where(
            MentoringSession.status == SessionStatus.booked,
            col(MentoringSession.start_at) > now - REFLECT_WINDOW - LONGEST,
            col(MentoringSession.start_at) <= now + SOON,
        )
    ).all()
    phones = _subscribed(session, {i for s, _ in rows for i in (s.mentor_id, s.mentee_id)})
    reflected = set(
        session.exec(
            select(SessionReflection.session_id, SessionReflection.user_id).where(
                col(SessionReflection.session_id).in_([s.id for s, _ in rows])
            )
        ).all()
    )
    out = []
    for s, skill_id in rows:
        url, topic = f"/mentoring?session={s.id}", "ms" + s.id.hex[:24]
        pairs = ((s.mentor_id, s.mentee_id), (s.mentee_id, s.mentor_id))
        for me, other in pairs:
            if me not in phones:
                continue
            if now < s.start_at:
                out.append(
                    Due(f"mentoring:soon:{s.id}:{s.sequence}:{me}", me, "mentoring_soon", topic,
                        int(SOON.total_seconds()), STARTS_SOON, STARTS_SOON_BODY, url, other,
                        skill_id, starts=s.start_at, urgency="high")
                )  # fmt: skip
            elif ends_at(s) <= now < ends_at(s) + REFLECT_WINDOW and (s.id, me) not in reflected:
                out.append(
                    Due(f"mentoring:reflect:{s.id}:{me}", me, "mentoring_reflect", topic, DAY_TTL,
                        HOW_DID_IT_GO, HOW_DID_IT_GO_BODY, url, other, skill_id)
                )  # fmt: skip
    return out


def _actions(session: Session, now: dt.datetime) -> list[Due]:
    """Pushes "Did you try …?" on an open action's asked day, at the check-in time."""
    today = now.date()  # the asked day is local: anywhere on Earth, within a day of UTC's
    rows = session.exec(
        select(PlannedAction, MentoringSession.mentor_id, HelpRequest.skill_id)
        .join(MentoringSession, col(MentoringSession.id) == PlannedAction.session_id)
        .join(HelpRequest, col(HelpRequest.id) == MentoringSession.request_id)
        .where(
            PlannedAction.state == ActionState.open,
            col(PlannedAction.asked_on) >= today - dt.timedelta(days=1),
            col(PlannedAction.asked_on) <= today + dt.timedelta(days=1),
        )
    ).all()
    phones = _subscribed(session, {a.mentee_id for a, _, _ in rows})
    users = {u.id: u for u in session.exec(select(User).where(col(User.id).in_(phones)))}
    plans = {
        p.user_id: p
        for p in session.exec(select(ReminderPlan).where(col(ReminderPlan.user_id).in_(phones)))
    }
    out = []
    for a, mentor_id, skill_id in rows:
        if a.mentee_id not in users or a.asked_on is None:
            continue
        plan = plans.get(a.mentee_id)
        tz = learner_zone(plan, users[a.mentee_id])
        hours, minutes = map(int, checkin_time(plan, a.asked_on).split(":"))
        start = dt.datetime.combine(a.asked_on, dt.time(hours, minutes), tzinfo=tz)
        end = dt.datetime.combine(a.asked_on + dt.timedelta(days=1), dt.time(), tzinfo=tz)
        if not start <= now < end:
            continue
        key = f"mentoring:action:{a.id}:{a.last_answer_id or 'due'}"
        out.append(
            Due(key, a.mentee_id, "mentoring_action", "mx" + a.id.hex[:24], CHECKIN_TTL_SECONDS,
                DID_YOU_TRY, DID_YOU_TRY_BODY, f"/mentoring?action={a.id}", mentor_id, skill_id,
                (("action", a.text),))
        )  # fmt: skip
    return out


def message(due: Due, user: User, names: dict[uuid.UUID, str], skill: str) -> dict[str, Any]:
    """The push payload of `due`, in its recipient's language."""
    locale = effective_locale(user.locale, user.device_locale)
    params = {"name": names.get(due.name_of, ""), "skill": skill, **dict(due.extra)}
    if due.starts is not None:
        try:
            zone = zoneinfo.ZoneInfo(user.timezone)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            zone = zoneinfo.ZoneInfo("UTC")
        params["time"] = due.starts.astimezone(zone).strftime("%H:%M")
    return {
        "kind": due.kind,
        "title": translate(locale, due.title, **params),
        "body": translate(locale, due.body, **params),
        "url": due.url,
        "topic": due.topic,
    }


def plan_mentoring(*, session: Session, now: dt.datetime) -> list[str]:
    """Enqueue every mentoring push due now; returns the dedupe keys this call claimed."""
    due = [*_requests(session, now), *_sessions(session, now), *_actions(session, now)]
    keys = [d.key for d in due]
    sent = set(
        session.exec(select(PushMessage.dedupe_key).where(col(PushMessage.dedupe_key).in_(keys)))
    )
    due = [d for d in due if d.key not in sent]
    if not due:
        return []
    people = {i for d in due for i in (d.user_id, d.name_of)}
    users = {u.id: u for u in session.exec(select(User).where(col(User.id).in_(people)))}
    names = {i: u.display_name for i, u in users.items()}
    skill_ids = {d.skill_id for d in due}
    query = select(Skill.id, Skill.name).where(col(Skill.id).in_(skill_ids))
    skills = dict(session.exec(query).all())
    claimed = []
    for d in due:
        payload = message(d, users[d.user_id], names, skills.get(d.skill_id, ""))
        made = deliveries.enqueue(
            session=session,
            dedupe_key=d.key,
            kind=d.kind,
            payload=payload,
            user_ids={d.user_id},
            topic=d.topic,
            ttl_seconds=d.ttl,
            urgency=d.urgency,
        )
        if made is not None:
            claimed.append(d.key)
    return claimed


__all__ = [
    "ACCEPTED_WINDOW",
    "REFLECT_WINDOW",
    "SOON",
    "Due",
    "message",
    "plan_mentoring",
]
