"""Issuing: a learner whose evidence meets an achievement gets one signed credential.

`issue_due` reads the learner's log with the `progress` projections (first
completions, first-try scores) and their review cards (`reviews.recall`), applies
each achievement's rule (`criteria.evaluate`) and, for each one met and never issued
to them, builds the `OpenBadgeCredential`, signs it with the current key and stores it.
The unique (user, achievement) constraint makes it idempotent: a process that loses the
race skips that one. A revoked credential is not issued again by itself.

Where it runs: the pull is read-only and the push commits in groups, so the sync API
calls it in its own short write transaction on the last page of a learner's pull,
only when something it depends on moved since their last check (`state_key`) and
`due_achievements` (read-only) finds work; and `mmapp issue-badges` runs it for
everyone (for learners who do not open the app; cron it daily).

The pull's gate: whether a learner meets an achievement depends on their log (and the review cards
made from it), their colleagues' teach-back confirmations, the published content, the
achievements' numbers, their time zone and the date (recall decays; the `min_days` wait
matures by date). `state_key` reads those in a few small queries; the pull route runs the full check
(`due_achievements`) only when the key differs from the one its last check
for that learner saw. The memory is per process and bounded, so a restart or another
worker costs one extra check, never a missed one: a met achievement is still issued
on the learner's next pull. `mmapp issue-badges` checks everyone, without the gate.
"""

from __future__ import annotations

import collections
import datetime as dt
import threading
import uuid
import zoneinfo
from collections.abc import Hashable
from typing import Any

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, func, select

from mmapp.access import member_cohort_ids
from mmapp.content.assignments import given_nuggets
from mmapp.content.nuggets import current_content_seq
from mmapp.credentials.achievements import rule_of
from mmapp.credentials.credential import Achievement as AchievementData
from mmapp.credentials.credential import CredentialInput, Issuer, build_credential
from mmapp.credentials.criteria import NuggetRecord, Outcome, evaluate, narrative
from mmapp.credentials.did import did_web, method_id
from mmapp.credentials.keys import signing_key
from mmapp.credentials.proof import sign
from mmapp.models import (
    Achievement,
    Assignment,
    IssuedCredential,
    LearnerEvent,
    Nugget,
    NuggetStatus,
    Skill,
    User,
)
from mmapp.progress.projections import (
    PROGRESS_TYPES,
    activity_time,
    first_completions,
    quiz_scores,
    snapshots,
)
from mmapp.reviews.cards import LEARNER_LOG, cards_of
from mmapp.reviews.recall import card_state, retrievability
from mmapp.settings import get_settings
from mmapp.teachback.evidence import confirmations_seen, counted_by_skill


def verify_url(credential_id: uuid.UUID) -> str:
    """The public page of a credential (also its `id`)."""
    return f"{get_settings().public_url}/badges/{credential_id}"


def achievement_url(achievement_id: uuid.UUID) -> str:
    """The URL naming an achievement; `.png` after it is its badge image."""
    return f"{get_settings().public_url}/badges/achievements/{achievement_id}"


def _open_achievements(session: Session, user: User) -> list[Achievement]:
    issued = select(IssuedCredential.achievement_id).where(IssuedCredential.user_id == user.id)
    return list(session.exec(select(Achievement).where(col(Achievement.id).not_in(issued))))


def evaluate_all(
    *, session: Session, user: User, achievements: list[Achievement], now: dt.datetime
) -> list[tuple[Achievement, Outcome]]:
    """Each achievement's outcome for the learner, from their log and cards."""
    if not achievements:
        return []
    tz = zoneinfo.ZoneInfo(user.timezone)
    today = now.astimezone(tz).date()
    events: list[Any] = list(
        session.execute(LEARNER_LOG, {"user_id": user.id, "types": PROGRESS_TYPES})
    )
    skills = {a.skill_id for a in achievements}
    nuggets = list(
        session.exec(
            select(Nugget).where(
                col(Nugget.skill_id).in_(skills), Nugget.status == NuggetStatus.published
            )
        )
    )
    current = {(n.id, n.version) for n in nuggets}
    snaps = snapshots(session, current | {(e.nugget_id, e.nugget_version) for e in events})
    done = first_completions(events)
    # A learner answers for the nuggets they are given (or did): another cohort's
    # nugget in the same skill does not hold their credential back.
    given = given_nuggets(session=session, user_id=user.id, now=now)
    nuggets = [n for n in nuggets if n.id in given or n.id in done]
    scores = quiz_scores(events, snaps)
    recall = {
        c.item_id: retrievability(card_state(c), today)
        for c in cards_of(session=session, user=user)
        if card_state(c) is not None
    }
    taught = counted_by_skill(session=session, user_id=user.id)
    out: list[tuple[Achievement, Outcome]] = []
    for achievement in achievements:
        records = []
        for n in (n for n in nuggets if n.skill_id == achievement.skill_id):
            quiz = snaps.get((n.id, n.version), {}).get("quiz", [])
            score = scores.get(n.id)
            first = done.get(n.id)
            records.append(
                NuggetRecord(
                    title=n.title,
                    level=n.level,
                    completed_on=activity_time(first).astimezone(tz).date() if first else None,
                    correct=score.correct if score else 0,
                    total=score.total if score else len(quiz),
                    items=frozenset(uuid.UUID(i["id"]) for i in quiz),
                )
            )
        skill = session.get(Skill, achievement.skill_id)
        assert skill is not None
        rule = rule_of(achievement, skill)
        outcome = evaluate(rule, records, recall, today, taught[achievement.skill_id])
        out.append((achievement, outcome))
    return out


def due_achievements(
    *, session: Session, user: User, now: dt.datetime
) -> list[tuple[Achievement, Outcome]]:
    """The achievements the learner meets now and was never issued, with the evidence."""
    if user.deleted_at is not None:
        return []
    open_ = _open_achievements(session, user)
    judged = evaluate_all(session=session, user=user, achievements=open_, now=now)
    return [(a, outcome) for a, outcome in judged if outcome.met]


def _document(
    session: Session,
    user: User,
    row: IssuedCredential,
    achievement: Achievement,
    outcome: Outcome,
    now: dt.datetime,
) -> dict[str, Any]:
    settings = get_settings()
    skill = session.get(Skill, achievement.skill_id)
    assert skill is not None
    did = did_web(settings.public_url)
    data = CredentialInput(
        id=verify_url(row.id),
        issuer=Issuer(did=did, name=settings.badge_issuer_name, url=settings.public_url),
        recipient_email=user.email,
        achievement=AchievementData(
            id=achievement_url(achievement.id),
            name=achievement.name,
            description=achievement.description or f"{skill.name}, level {achievement.level}.",
            criteria=narrative(rule_of(achievement, skill)),
            image_url=achievement_url(achievement.id) + ".png",
        ),
        valid_from=now,
        evidence=outcome.evidence,
    )
    key = signing_key(session=session, now=now, override_pem=settings.badge_private_key)
    return sign(
        build_credential(data),
        key=key.private_key,
        verification_method=method_id(did, key.number),
        created=now,
    )


def issue_due(*, session: Session, user: User, now: dt.datetime) -> list[IssuedCredential]:
    """Issue every credential the learner has earned and not been issued (idempotent).

    Call it in a write transaction; each credential is stored in its own savepoint,
    so one lost race (the other process stored it) skips only that one.

    Returns:
        The credentials issued by this call.
    """
    issued: list[IssuedCredential] = []
    for achievement, outcome in due_achievements(session=session, user=user, now=now):
        row = IssuedCredential(achievement_id=achievement.id, user_id=user.id, issued_at=now)
        row.document = _document(session, user, row, achievement, outcome, now)
        try:
            with session.begin_nested():
                session.add(row)
        except IntegrityError:
            continue  # issued meanwhile by another process
        issued.append(row)
    return issued


_MAX_REMEMBERED = 50_000
_lock = threading.Lock()
_seen: collections.OrderedDict[uuid.UUID, Hashable] = collections.OrderedDict()


def state_key(*, session: Session, user: User, now: dt.datetime) -> Hashable:
    """Everything the learner's issuing outcome depends on, as one comparable value."""
    last_event = session.exec(
        select(func.max(LearnerEvent.seq)).where(LearnerEvent.user_id == user.id)
    ).one()
    rules = {
        (a.id, a.skill_id, a.level, a.min_score, a.min_recall, a.min_days, a.min_teachbacks)
        for a in session.exec(select(Achievement))
    }
    today = now.astimezone(zoneinfo.ZoneInfo(user.timezone)).date()
    # A scheduled release moves what the learner is given without a content change.
    released = session.exec(
        select(func.count())
        .select_from(Assignment)
        .where(
            col(Assignment.cohort_id).in_(member_cohort_ids(session=session, user_id=user.id)),
            col(Assignment.removed_at).is_(None),
            Assignment.release_at <= now,
        )
    ).one()
    return (
        last_event,
        current_content_seq(session=session),
        released,
        frozenset(rules),
        user.timezone,
        today,
        user.deleted_at,
        # Colleagues' confirmations are their events, not the learner's: counted here.
        confirmations_seen(session=session, user_id=user.id),
    )


def needs_check(user_id: uuid.UUID, key: Hashable) -> bool:
    """Whether the learner's last check (in this process) saw a different key."""
    with _lock:
        return _seen.get(user_id) != key


def checked(user_id: uuid.UUID, key: Hashable) -> None:
    """Remember that a check at `key` is done (the oldest memory goes when full)."""
    with _lock:
        _seen[user_id] = key
        _seen.move_to_end(user_id)
        while len(_seen) > _MAX_REMEMBERED:
            _seen.popitem(last=False)


def forget_all() -> None:
    """Drop every memory (tests; the next pull of each learner checks again)."""
    with _lock:
        _seen.clear()


__all__ = [
    "achievement_url",
    "checked",
    "due_achievements",
    "evaluate_all",
    "forget_all",
    "issue_due",
    "needs_check",
    "state_key",
    "verify_url",
]
