"""The pathway's situation for one learner, read from the store.

It is the server's twin of `situation` in assets/js/mm-plan.js, which builds it from
what the phone holds. Both read the same facts: every nugget given now with its title,
minutes, skill, level, prerequisites (slugs resolved among the given nuggets; others dropped),
assignment due date (the learner's local date) and cohort position; what is done;
each skill's current and target level (`progress.standing`); the reviews due today
(`progress.reviewable`); and the nugget begun last and not finished.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import uuid
import zoneinfo

from sqlmodel import Session, select

from mmapp.clock import plausible_time
from mmapp.content.assignments import given_nuggets
from mmapp.i18n import DEFAULT_LOCALE
from mmapp.models import LearnerEvent, User
from mmapp.progress.projections import compute_progress, snapshots
from mmapp.progress.reviewable import due_reviews
from mmapp.schemas import ProgressOut
from mmapp.skills import Nugget, Situation, Standing


@dataclasses.dataclass(frozen=True)
class LearnerSituation:
    """A learner's situation today, and the progress it was built from."""

    situation: Situation
    progress: ProgressOut


def _started(session: Session, user_id: uuid.UUID, open_: set[uuid.UUID]) -> str | None:
    """The open nugget whose `nugget_started` is the latest (plausible time, event id)."""
    rows = session.exec(
        select(LearnerEvent).where(
            LearnerEvent.user_id == user_id, LearnerEvent.type == "nugget_started"
        )
    )
    best = max(
        (r for r in rows if r.nugget_id in open_),
        key=lambda r: (plausible_time(r.client_ts, r.received_at), str(r.event_id)),
        default=None,
    )
    return str(best.nugget_id) if best is not None else None


def learner_situation(
    *, session: Session, user: User, now: dt.datetime, locale: str = DEFAULT_LOCALE
) -> LearnerSituation:
    """The pathway's situation for `user` at `now` (`minutes` 0: no limit).

    Args:
        session: Any transaction.
        user: The learner.
        now: The server's time.
        locale: The language of the pathway's reasons (e.g. the learner's, for a push).

    Returns:
        The situation (today = the learner's local date) and their progress.

    """
    tz = zoneinfo.ZoneInfo(user.timezone)
    progress = compute_progress(session=session, user=user, now=now)
    given = given_nuggets(session=session, user_id=user.id, now=now)
    snaps = snapshots(session, {(n, g.nugget.version) for n, g in given.items()})
    ids_of = {s["slug"]: str(nugget_id) for (nugget_id, _), s in snaps.items()}
    nuggets = []
    for nugget_id, g in given.items():
        snap = snaps.get((nugget_id, g.nugget.version))
        if snap is None:
            continue
        skill = snap.get("skill") or {}
        wanted = {ids_of[s] for s in snap.get("prerequisites", []) if s in ids_of}
        nuggets.append(
            Nugget(
                id=str(nugget_id),
                title=snap["title"],
                minutes=snap["minutes"],
                skill=skill.get("slug", ""),
                skill_name=skill.get("name", ""),
                level=snap.get("level", 1),
                prerequisites=tuple(sorted(wanted - {str(nugget_id)})),
                done=nugget_id in progress.completed,
                due_on=g.due_at.astimezone(tz).date().isoformat() if g.due_at else None,
                position=g.position,
            )
        )
    open_ = {uuid.UUID(n.id) for n in nuggets if not n.done}
    situation = Situation(
        today=progress.today.isoformat(),
        nuggets=tuple(sorted(nuggets, key=lambda n: (n.position, n.id))),
        skills={s.slug: Standing(current=s.current, target=s.target) for s in progress.standing},
        reviews_due=due_reviews(session=session, user=user, day=progress.today, now=now),
        started=_started(session, user.id, open_),
        locale=locale,
    )
    return LearnerSituation(situation, progress)


__all__ = ["LearnerSituation", "learner_situation"]
