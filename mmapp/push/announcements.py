"""A coordinator tells a cohort about a nugget: "New nugget: <title>" on every phone."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from sqlmodel import Session, col, select

from mmapp import access, audit, content
from mmapp.errors import ConflictError
from mmapp.i18n import DEFAULT_LOCALE, N_, effective_locale, translate
from mmapp.models import (
    Assignment,
    AuditAction,
    Cohort,
    CohortMembership,
    Nugget,
    NuggetStatus,
    PushMessage,
    Skill,
    User,
    utcnow,
)
from mmapp.push import deliveries

NEW_NUGGET_TTL_SECONDS = 24 * 3600  # still worth showing the next morning


def topic_for(nugget_id: uuid.UUID) -> str:
    """A Web Push Topic (<= 32 url-safe chars): repeats for one nugget replace each other."""
    return "n" + nugget_id.hex[:24]


def announcement_payload(
    nugget: Nugget, skill: Skill | None, locale: str | None = None
) -> dict[str, Any]:
    """The announcement ("New nugget: <title>", "<minutes> min · <skill>") in `locale`.

    None is English. The title and the skill's name are content, shown as written.
    """
    if skill is not None:
        body = translate(
            locale, "{minutes} min · {skill}", minutes=nugget.minutes, skill=skill.name
        )
    else:
        body = translate(locale, "{minutes} min", minutes=nugget.minutes)
    return {
        "kind": "new_nugget",
        "title": translate(locale, "New nugget: {title}", title=nugget.title),
        "body": body,
        "url": f"/nugget?id={nugget.id}",
        "nugget_id": str(nugget.id),
        "topic": topic_for(nugget.id),
    }


def announce(
    *,
    session: Session,
    cohort: Cohort,
    nugget: Nugget,
    created_by: uuid.UUID | None,
    again: bool = False,
    not_before: dt.datetime | None = None,
) -> PushMessage | None:
    """Queue "New nugget: <title>" for the cohort's members (due at `not_before`).

    One message, worded once per language among the members: each member's phones get
    it in their language (`effective_locale`), under the same topic, so a repeat still
    replaces the one before.

    Returns:
        The message, or None if this nugget version was announced to the cohort already.
    """
    rows = session.exec(
        select(CohortMembership.user_id, User.locale, User.device_locale)
        .join(User, col(User.id) == col(CohortMembership.user_id))
        .where(CohortMembership.cohort_id == cohort.id, col(CohortMembership.left_at).is_(None))
    )
    locales = {user_id: effective_locale(chosen, device) for user_id, chosen, device in rows}
    skill = session.get(Skill, nugget.skill_id)
    key = f"nugget:{nugget.id}:v{nugget.version}:{cohort.id}"
    if again:  # a deliberate repeat: its own message, not a duplicate of the first
        key += f":again:{uuid.uuid4()}"
    others = set(locales.values()) - {DEFAULT_LOCALE}
    return deliveries.enqueue(
        session=session,
        dedupe_key=key,
        kind="new_nugget",
        payload=announcement_payload(nugget, skill),
        localized={lang: announcement_payload(nugget, skill, lang) for lang in sorted(others)},
        locales=locales,
        user_ids=set(locales),
        topic=topic_for(nugget.id),
        ttl_seconds=NEW_NUGGET_TTL_SECONDS,
        cohort_id=cohort.id,
        nugget_id=nugget.id,
        created_by=created_by,
        not_before=not_before,
    )


def _cohort_and_nugget(
    session: Session, viewer: User, cohort_id: uuid.UUID, nugget_id: uuid.UUID
) -> tuple[Cohort, Nugget]:
    cohort = access.managed_cohort(session=session, viewer=viewer, cohort_id=cohort_id)
    return cohort, access.editable_nugget_by_id(session=session, viewer=viewer, nugget_id=nugget_id)


def notify_cohort(
    *, session: Session, viewer: User, cohort_id: uuid.UUID, nugget_id: uuid.UUID, again: bool
) -> PushMessage:
    """Notify now: announce a released nugget, once per version unless `again`.

    Raises:
        ForbiddenError: The viewer is not a coordinator or an admin.
        NotFoundError: Unknown cohort or nugget, or one the viewer may not manage.
        ConflictError: The nugget is not released to this cohort yet, or already announced.
    """
    cohort, nugget = _cohort_and_nugget(session, viewer, cohort_id, nugget_id)
    assignment = session.exec(
        select(Assignment).where(
            Assignment.cohort_id == cohort.id,
            Assignment.nugget_id == nugget.id,
            col(Assignment.removed_at).is_(None),
        )
    ).first()
    released = assignment is not None and assignment.release_at <= utcnow()
    if not released or nugget.status != NuggetStatus.published:
        raise ConflictError(
            "not_released",
            N_("Release this nugget to the cohort first; then its members can open it."),
        )
    message = announce(
        session=session, cohort=cohort, nugget=nugget, created_by=viewer.id, again=again
    )
    if message is None:
        raise ConflictError(
            "already_notified", N_("This version was announced already; use 'notify again'.")
        )
    audit.record(
        session=session,
        actor=viewer,
        action=AuditAction.cohort_notified,
        subject=("cohort", cohort.id),
        detail=f"{nugget.slug} to {cohort.name}" + (" (again)" if again else ""),
    )
    return message


def release_to_cohort(
    *,
    session: Session,
    viewer: User,
    cohort_id: uuid.UUID,
    nugget_id: uuid.UUID,
    release_at: dt.datetime | None,
    due_at: dt.datetime | None,
    position: int,
    notify: bool,
) -> tuple[Assignment, PushMessage | None]:
    """Give a published nugget to a cohort; with `notify`, announce it at its release.

    Raises:
        ForbiddenError: The viewer is not a coordinator or an admin.
        NotFoundError: Unknown cohort or nugget, one the viewer may not manage, or the
            nugget is not published.
    """
    cohort, nugget = _cohort_and_nugget(session, viewer, cohort_id, nugget_id)
    assignment = content.assign(
        session=session,
        cohort=cohort,
        nugget=nugget,
        release_at=release_at,
        position=position,
        due_at=due_at,
    )
    message = None
    if notify:
        message = announce(
            session=session,
            cohort=cohort,
            nugget=nugget,
            created_by=viewer.id,
            not_before=assignment.release_at,
        )
    audit.record(
        session=session,
        actor=viewer,
        action=AuditAction.nugget_released,
        subject=("nugget", nugget.id),
        detail=f"{nugget.slug} to {cohort.name} at {assignment.release_at.isoformat()}"
        + (", with a notification" if notify else ""),
    )
    return assignment, message
