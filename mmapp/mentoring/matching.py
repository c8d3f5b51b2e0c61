"""Which mentors fit a request, ranked with a visible score and the reasons for it.

One pure function, `rank`. The score, each part shown to the learner in words:

- **Skill fit** (+3): the mentor helps with the skill at a level at least the learner's
  target and at least 3 ("I can do it on my own"); a mentor below that is not listed.
- **Time** (up to +2): free slots of the asked length in the next 7 days, 2 x
  min(slots, 4) / 4; a mentor with none this week is not listed.
- **Time zone** (+1): clocks within 2 hours of the learner's (+13 and -11 agree).
- **Load** (-1 x sessions this month / monthly capacity): a busy mentor ranks lower;
  one at capacity is not listed.

Never the learner themself, nor anyone in `exclude` (e.g. their own coordinator).
Ties go to the lighter load, then the name, so the order is stable.
"""

from __future__ import annotations

import dataclasses
import uuid
from collections.abc import Iterable

FIT_POINTS, TIME_POINTS, ZONE_POINTS = 3.0, 2.0, 1.0
SLOTS_FOR_FULL_TIME = 4
NEAR_HOURS = 2.0
MIN_MENTOR_LEVEL = 3


@dataclasses.dataclass(frozen=True)
class Need:
    """What the learner asks for."""

    mentee_id: uuid.UUID
    skill_name: str
    target_level: int
    minutes: int
    utc_offset_hours: float
    exclude: frozenset[uuid.UUID] = frozenset()


@dataclasses.dataclass(frozen=True)
class Candidate:
    """A mentor as the ranking sees them."""

    user_id: uuid.UUID
    name: str
    level: int | None  # their level in the skill asked about; None: they don't help with it
    lengths: tuple[int, ...]
    monthly_capacity: int
    sessions_this_month: int
    free_slots: int  # of the asked length, in the next 7 days
    utc_offset_hours: float


@dataclasses.dataclass(frozen=True)
class Match:
    """A listed mentor: score, and the reasons in plain words (best first)."""

    mentor_id: uuid.UUID
    name: str
    score: float
    reasons: tuple[str, ...]


def _hours(h: float) -> str:
    whole = round(h, 1)
    text = f"{whole:g}"
    return f"{text} hour" if whole == 1 else f"{text} hours"


def score(need: Need, c: Candidate) -> Match | None:
    """The candidate's match for the need, or None when they cannot take it."""
    if c.user_id == need.mentee_id or c.user_id in need.exclude or c.level is None:
        return None
    if c.level < max(MIN_MENTOR_LEVEL, need.target_level) or need.minutes not in c.lengths:
        return None
    if c.free_slots <= 0 or c.monthly_capacity <= 0:
        return None
    if c.sessions_this_month >= c.monthly_capacity:
        return None
    level_words = "can teach it" if c.level >= 4 else "can do it on their own"
    reasons = [f"{need.skill_name}: {level_words} (level {c.level})"]
    time = TIME_POINTS * min(c.free_slots, SLOTS_FOR_FULL_TIME) / SLOTS_FOR_FULL_TIME
    plural = "slot" if c.free_slots == 1 else "slots"
    reasons.append(f"{c.free_slots} free {need.minutes}-minute {plural} in the next 7 days")
    gap = abs(c.utc_offset_hours - need.utc_offset_hours) % 24
    apart = min(gap, 24 - gap)  # +13 and -11 are the same clock
    zone = ZONE_POINTS if apart <= NEAR_HOURS else 0.0
    reasons.append("Same time zone" if apart == 0 else f"{_hours(apart)} apart")
    load = c.sessions_this_month / c.monthly_capacity
    reasons.append(f"{c.sessions_this_month} of {c.monthly_capacity} sessions this month")
    total = round(FIT_POINTS + time + zone - load, 2)
    return Match(mentor_id=c.user_id, name=c.name, score=total, reasons=tuple(reasons))


def rank(need: Need, candidates: Iterable[Candidate]) -> list[Match]:
    """Mentors who can take the need, best first."""
    pool = list(candidates)
    loads = {c.user_id: c.sessions_this_month / max(c.monthly_capacity, 1) for c in pool}
    matches = [m for m in (score(need, c) for c in pool) if m is not None]
    return sorted(matches, key=lambda m: (-m.score, loads[m.mentor_id], m.name, m.mentor_id))


__all__ = ["Candidate", "Match", "Need", "rank", "score"]
