"""Skills, nuggets, their published versions, and assignments to cohorts."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, col, select

from mmapp import audit
from mmapp.content.prerequisites import check_drafts, check_publish
from mmapp.content.quiz_items import save_items
from mmapp.errors import NotFoundError, ValidationError
from mmapp.i18n import N_
from mmapp.models import (
    Assignment,
    AuditAction,
    Cohort,
    ContentSeq,
    Nugget,
    NuggetRevision,
    NuggetStatus,
    QuizItem,
    Skill,
    User,
    utcnow,
)
from mmapp.schemas import (
    NuggetIn,
    NuggetSnapshot,
    QuizItemIn,
    SkillIn,
    SkillRef,
    SnapshotQuizItem,
)


def next_content_seq(*, session: Session) -> int:
    """Take the next content sequence number.

    The counter row is updated in the caller's transaction, so concurrent content
    writers serialise on it and commit in sequence order: a pull that has seen
    seq N can never later meet an uncommitted N-1.
    """
    result = session.exec(
        sa.update(ContentSeq).where(col(ContentSeq.id) == 1).values(value=col(ContentSeq.value) + 1)
    )
    if result.rowcount == 0:
        session.add(ContentSeq(id=1, value=1))
        session.flush()
        return 1
    return session.exec(select(ContentSeq.value).where(ContentSeq.id == 1)).one()


def current_content_seq(*, session: Session) -> int:
    """The newest content sequence number handed out (0 when none)."""
    row = session.get(ContentSeq, 1)
    return row.value if row else 0


def upsert_skill(*, session: Session, data: SkillIn, owner_id: uuid.UUID | None = None) -> Skill:
    """Create a skill (owned by `owner_id`) or update its name, description and scale by slug.

    Whether the caller may change an existing skill is decided by the caller
    (`mmapp.access.may_edit_skill`); the owner of an existing skill never changes here.
    """
    skill = session.exec(select(Skill).where(Skill.slug == data.slug)).first()
    if skill is None:
        skill = Skill(
            slug=data.slug,
            name=data.name,
            description=data.description,
            scale=list(data.scale),
            owner_id=owner_id,
        )
    else:
        skill.name, skill.description = data.name, data.description
        skill.scale = list(data.scale)
    session.add(skill)
    session.flush()
    return skill


def save_nugget(
    *,
    session: Session,
    data: NuggetIn,
    author_id: uuid.UUID | None = None,
    check_prerequisites: bool = True,
) -> Nugget:
    """Create or overwrite the working copy of a nugget (by slug) and its quiz.

    Published learners keep seeing the last published version until `publish`.
    Callers saving several nuggets at once check their prerequisites together first
    (`mmapp.content.prerequisites.check_drafts`) and pass `check_prerequisites=False`.

    Raises:
        ValidationError: The skill is unknown, a prerequisite is unknown, or the
            prerequisites would make a cycle.

    """
    skill = session.exec(select(Skill).where(Skill.slug == data.skill)).first()
    if skill is None:
        raise ValidationError(
            "unknown_skill", N_("no skill with slug {slug}"), slug=repr(data.skill)
        )
    if check_prerequisites:
        check_drafts(session=session, changed={data.slug: list(data.prerequisites)})
    nugget = session.exec(select(Nugget).where(Nugget.slug == data.slug)).first()
    if nugget is None:
        nugget = Nugget(slug=data.slug, created_by=author_id, **_fields(data, skill))
    else:
        for key, value in _fields(data, skill).items():
            setattr(nugget, key, value)
    nugget.updated_at = utcnow()
    session.add(nugget)
    session.flush()
    # An edited item keeps its id: learners' review cards are keyed by it.
    save_items(session=session, nugget_id=nugget.id, items=list(data.quiz))
    return nugget


def _fields(data: NuggetIn, skill: Skill) -> dict[str, Any]:
    return {
        "skill_id": skill.id,
        "title": data.title,
        "summary": data.summary,
        "minutes": data.minutes,
        "context_md": data.context,
        "way_in_md": data.way_in,
        "practice_steps": list(data.practice_steps),
        "payoff_md": data.payoff,
        "level": data.level,
        "prerequisites": list(data.prerequisites),
    }


def build_snapshot(*, session: Session, nugget: Nugget, version: int) -> NuggetSnapshot:
    """What a published version freezes (devices get it; answers are graded on it)."""
    skill = session.get(Skill, nugget.skill_id)
    items = session.exec(
        select(QuizItem).where(QuizItem.nugget_id == nugget.id).order_by(col(QuizItem.position))
    )
    return NuggetSnapshot(
        id=nugget.id,
        slug=nugget.slug,
        version=version,
        title=nugget.title,
        summary=nugget.summary,
        minutes=nugget.minutes,
        skill=SkillRef(id=skill.id, slug=skill.slug, name=skill.name) if skill else None,
        context=nugget.context_md,
        way_in=nugget.way_in_md,
        practice_steps=list(nugget.practice_steps),
        payoff=nugget.payoff_md,
        quiz=[
            SnapshotQuizItem(
                id=item.id,
                kind=item.kind,
                prompt=item.prompt,
                options=list(item.options),
                correct=list(item.correct),
                accepted_answers=list(item.accepted_answers),
                explanation=item.explanation,
            )
            for item in items
        ],
        level=nugget.level,
        prerequisites=list(nugget.prerequisites),
    )


def publish(*, session: Session, nugget: Nugget, actor: User | None = None) -> NuggetRevision:
    """Publish the working copy as the next version and announce it to devices.

    With an `actor` (a coordinator or admin, not the demo seed) it is audited.

    Raises:
        ValidationError: `prerequisite_cycle` (the nugget is unchanged then).
    """
    # The counter's row lock serialises publishes, so the cycle check sees every
    # publish committed before this one (two at once cannot close a circle unseen).
    seq = next_content_seq(session=session)
    check_publish(session=session, nugget=nugget)
    nugget.version += 1
    nugget.status = NuggetStatus.published
    nugget.change_seq = seq
    nugget.updated_at = utcnow()
    revision = NuggetRevision(
        nugget_id=nugget.id,
        version=nugget.version,
        snapshot=build_snapshot(session=session, nugget=nugget, version=nugget.version).model_dump(
            mode="json"
        ),
    )
    session.add(nugget)
    session.add(revision)
    session.flush()
    if actor is not None:
        audit.record(
            session=session,
            actor=actor,
            action=AuditAction.nugget_published,
            subject=("nugget", nugget.id),
            detail=f"{nugget.slug} version {nugget.version}",
        )
    return revision


def retract(*, session: Session, nugget: Nugget, actor: User | None = None) -> None:
    """Withdraw a nugget: devices get a tombstone on their next pull (audited with `actor`)."""
    nugget.status = NuggetStatus.retracted
    nugget.change_seq = next_content_seq(session=session)
    nugget.updated_at = utcnow()
    session.add(nugget)
    session.flush()
    if actor is not None:
        audit.record(
            session=session,
            actor=actor,
            action=AuditAction.nugget_retracted,
            subject=("nugget", nugget.id),
            detail=nugget.slug,
        )


def assign(
    *,
    session: Session,
    cohort: Cohort,
    nugget: Nugget,
    release_at: dt.datetime | None = None,
    position: int = 0,
    due_at: dt.datetime | None = None,
) -> Assignment:
    """Give a published nugget to a cohort from `release_at` (now by default).

    Raises:
        NotFoundError: The nugget is not published.

    """
    if nugget.status != NuggetStatus.published:
        raise NotFoundError(
            "nugget_not_published", N_("nugget {slug} is not published"), slug=nugget.slug
        )
    row = session.exec(
        select(Assignment).where(
            Assignment.cohort_id == cohort.id, Assignment.nugget_id == nugget.id
        )
    ).first()
    now = utcnow()
    if row is None:
        row = Assignment(cohort_id=cohort.id, nugget_id=nugget.id)
    was_out = row.id is not None and row.removed_at is None and row.release_at <= now
    row.release_at = release_at or now
    row.recalled_at = now if was_out and row.release_at > now else None
    row.position, row.due_at, row.removed_at = position, due_at, None
    row.change_seq = next_content_seq(session=session)
    session.add(row)
    session.flush()
    return row


def authored(*, session: Session, nugget: Nugget) -> NuggetIn:
    """The working copy of a nugget as its author wrote it (for editing and export)."""
    skill = session.get(Skill, nugget.skill_id)
    if skill is None:  # the foreign key keeps every nugget's skill in place
        raise RuntimeError(f"nugget {nugget.slug!r} has no skill")
    items = session.exec(
        select(QuizItem).where(QuizItem.nugget_id == nugget.id).order_by(col(QuizItem.position))
    )
    return NuggetIn(
        slug=nugget.slug,
        skill=skill.slug,
        title=nugget.title,
        summary=nugget.summary,
        minutes=nugget.minutes,
        context=nugget.context_md,
        way_in=nugget.way_in_md,
        practice_steps=list(nugget.practice_steps),
        payoff=nugget.payoff_md,
        quiz=[
            QuizItemIn(
                kind=i.kind,
                prompt=i.prompt,
                options=list(i.options),
                correct=list(i.correct),
                accepted_answers=list(i.accepted_answers),
                explanation=i.explanation,
            )
            for i in items
        ],
        level=nugget.level,
        prerequisites=list(nugget.prerequisites),
    )
