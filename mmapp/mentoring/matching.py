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

from babel.numbers import format_decimal

from mmapp.i18n import N_, N_plural, supported, translate, translate_plural

FIT_POINTS, TIME_POINTS, ZONE_POINTS = 3.0, 2.0, 1.0
SLOTS_FOR_FULL_TIME = 4
NEAR_HOURS = 2.0
MIN_MENTOR_LEVEL = 3
# The reasons, in the learner's language (whole sentences, one per case).
CAN_TEACH = N_("{skill}: can teach it (level {level})")
CAN_DO = N_("{skill}: can do it on their own (level {level})")
FREE_SLOTS = N_plural(
    "{n} free {minutes}-minute slot in the next 7 days",
    "{n} free {minutes}-minute slots in the next 7 days",
)
SAME_ZONE = N_("Same time zone")
HOURS_APART = N_plural("{hours} hour apart", "{hours} hours apart")
LOAD = N_("{sessions} of {capacity} sessions this month")


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


def _apart(hours: float, locale: str | None) -> str:
    """Hours apart in words: "2 hours apart", "1.5 hours apart" (one decimal, localised)."""
    whole = round(hours, 1)
    text = format_decimal(whole, format="#,##0.#", locale=supported(locale) or "en")
    one, other = HOURS_APART
    return translate_plural(locale, one, other, whole, hours=text)


def score(need: Need, c: Candidate, locale: str | None = "en") -> Match | None:
    """The candidate's match for the need, or None when they cannot take it.

    Args:
        need: What the learner asks for.
        c: A mentor.
        locale: The learner's language, for the reasons.
    """
    if c.user_id == need.mentee_id or c.user_id in need.exclude or c.level is None:
        return None
    if c.level < max(MIN_MENTOR_LEVEL, need.target_level) or need.minutes not in c.lengths:
        return None
    if c.free_slots <= 0 or c.monthly_capacity <= 0:
        return None
    if c.sessions_this_month >= c.monthly_capacity:
        return None
    fit = CAN_TEACH if c.level >= 4 else CAN_DO
    reasons = [translate(locale, fit, skill=need.skill_name, level=c.level)]
    time = TIME_POINTS * min(c.free_slots, SLOTS_FOR_FULL_TIME) / SLOTS_FOR_FULL_TIME
    one, other = FREE_SLOTS
    reasons.append(translate_plural(locale, one, other, c.free_slots, minutes=need.minutes))
    gap = abs(c.utc_offset_hours - need.utc_offset_hours) % 24
    apart = min(gap, 24 - gap)  # +13 and -11 are the same clock
    zone = ZONE_POINTS if apart <= NEAR_HOURS else 0.0
    reasons.append(translate(locale, SAME_ZONE) if apart == 0 else _apart(apart, locale))
    load = c.sessions_this_month / c.monthly_capacity
    sessions = {"sessions": c.sessions_this_month, "capacity": c.monthly_capacity}
    reasons.append(translate(locale, LOAD, **sessions))
    total = round(FIT_POINTS + time + zone - load, 2)
    return Match(mentor_id=c.user_id, name=c.name, score=total, reasons=tuple(reasons))


def rank(need: Need, candidates: Iterable[Candidate], locale: str | None = "en") -> list[Match]:
    """Mentors who can take the need, best first (the reasons in `locale`)."""
    pool = list(candidates)
    loads = {c.user_id: c.sessions_this_month / max(c.monthly_capacity, 1) for c in pool}
    matches = [m for m in (score(need, c, locale) for c in pool) if m is not None]
    return sorted(matches, key=lambda m: (-m.score, loads[m.mentor_id], m.name, m.mentor_id))


__all__ = ["Candidate", "Match", "Need", "rank", "score"]
