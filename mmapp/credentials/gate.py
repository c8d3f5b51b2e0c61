"""When a pull needs the issuing check: only if something it depends on moved.

Whether a learner meets an achievement depends on their log (and the review cards
made from it), the published content, the achievements' numbers, their time zone and
the date (recall decays; the `min_days` wait matures by date). `state_key` reads
those in a few small queries; the pull route runs the full check
(`issuing.due_achievements`) only when the key differs from the one its last check
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

from sqlmodel import Session, func, select

from mmapp.content.nuggets import current_content_seq
from mmapp.models import Achievement, LearnerEvent, User

_MAX_REMEMBERED = 50_000
_lock = threading.Lock()
_seen: collections.OrderedDict[uuid.UUID, Hashable] = collections.OrderedDict()


def state_key(*, session: Session, user: User, now: dt.datetime) -> Hashable:
    """Everything the learner's issuing outcome depends on, as one comparable value."""
    last_event = session.exec(
        select(func.max(LearnerEvent.seq)).where(LearnerEvent.user_id == user.id)
    ).one()
    rules = {
        (a.id, a.skill_id, a.level, a.min_score, a.min_recall, a.min_days)
        for a in session.exec(select(Achievement))
    }
    today = now.astimezone(zoneinfo.ZoneInfo(user.timezone)).date()
    return (
        last_event,
        current_content_seq(session=session),
        frozenset(rules),
        user.timezone,
        today,
        user.deleted_at,
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


__all__ = ["checked", "forget_all", "needs_check", "state_key"]
