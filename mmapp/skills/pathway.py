"""The pathway: what to do next in the minutes a learner has, each pick with its reason.

The rules (the one place they are written down; assets/js/mm-pathway.js is the phone's
twin, held to this by tests/fixtures/pathway_golden.json from
scripts/make_pathway_golden.py). All arithmetic is on integers, so the two cannot drift.

1. Time. `minutes` > 0 is a budget, counted in seconds (`minutes * 60`); 0 means no
   limit: everything below is listed, ranked.
2. Reviews first, as one pick. With a budget they get at most 40 % of it:
   `n = min(reviews_due, (minutes * 60 * 40 // 100) // review_seconds)` (rounded down);
   with no limit, all of them. No pick when n is 0 (none due, or not even one fits).
   The pick's minutes are `ceil(n * review_seconds / 60)`; the budget loses exactly
   `n * review_seconds` seconds. Reason: "N reviews due" ("1 review due"), or
   "N of M reviews due" when the bound cut them.
3. Locked. A not-done nugget is locked while any prerequisite among the situation's
   nuggets is not done (ids not among them are ignored: the caller passes every nugget
   the learner has). Locked nuggets are never picked; they are listed apart in cohort
   order (position, then id), reason "Unlocks after <title>[, <title>]" naming the
   missing prerequisites in cohort order. Done nuggets appear nowhere.
4. Score of each unlocked, not-done nugget (the candidates), the sum of:
   - due: the assignment is overdue 100; due today 90, in 1 day 80, 2 days 70,
     3 days 60; later or no due date 0.
   - continuity: 30 when it is `started` (touched last, not finished).
   - gap: 10 per level of `target - current` for its skill, when the skill has a
     target above the current level and the nugget's level is above the current level
     (a skill not in `skills` stands at 0 with no target): 10 to 40.
   - unlocks: 5 per not-done nugget listing it as a prerequisite, at most 3 counted.
5. Order (total): score descending, then cohort position ascending, then id ascending
   (code-point order; ids are ASCII).
6. Fill. With a budget, walk the order and take each nugget whose `minutes * 60` still
   fits in what is left, skipping those that do not (a later, shorter one may fit).
   With no limit, take them all.
7. Reason of a nugget pick: its largest part, ties going due, continuity, gap, unlocks:
   - due: "Overdue since Mon 3 Mar" (the year added when not today's year),
     "Due today", "Due tomorrow", "Due Friday" (2 or 3 days ahead).
   - continuity: "Pick up where you left off".
   - gap: "Biggest gap: Feedback (you 1 → target 3)" when no candidate has a larger
     gap, else "Builds toward your goal: Feedback (you 1 → target 2)".
   - unlocks: "Unlocks 'A'", "Unlocks 'A' and 'B'", "Unlocks 'A' and 2 more" (the
     waiting nuggets in cohort order).
   - a score of 0: "Next in your cohort's sequence".
   Every reason is a msgid worded in `situation.locale` (the same msgids as the twin's,
   so one catalogue serves both); weekday and month names are CLDR's for that language
   (Babel here, Intl there), from the ISO date alone (no zone). The golden vectors are
   English ("en", the default).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools

from babel.dates import format_date

from mmapp.i18n import supported, translate, translate_plural
from mmapp.skills.situation import (
    Locked,
    Nugget,
    Pathway,
    Pick,
    Situation,
    Standing,
    check,
    parse_date,
)

REVIEW_SHARE_PERCENT = 40
OVERDUE_POINTS = 100
DUE_SOON_DAYS = 3
DUE_TODAY_POINTS = 90
DUE_STEP_POINTS = 10
CONTINUITY_POINTS = 30
GAP_POINTS = 10
UNLOCK_POINTS = 5
UNLOCKS_COUNTED = 3
_NO_STANDING = Standing()


@dataclasses.dataclass(frozen=True, slots=True)
class _Parts:
    """A candidate's score, part by part, in the order reasons break ties."""

    due: int
    continuity: int
    gap: int
    unlocks: int

    @property
    def total(self) -> int:
        return self.due + self.continuity + self.gap + self.unlocks


def _order(n: Nugget) -> tuple[int, str]:
    return (n.position, n.id)


def review_count(situation: Situation) -> int:
    """How many due reviews the pathway takes: all, or what fits in 40 % of the time."""
    if situation.minutes <= 0:
        return situation.reviews_due
    share = situation.minutes * 60 * REVIEW_SHARE_PERCENT // 100
    return min(situation.reviews_due, share // situation.review_seconds)


def _reviews(situation: Situation, n: int) -> Pick:
    due, locale = situation.reviews_due, situation.locale
    if n == due:
        reason = translate_plural(locale, "{n} review due", "{n} reviews due", n)
    else:
        reason = translate(locale, "{n} of {due} reviews due", n=n, due=due)
    return Pick("reviews", "", (n * situation.review_seconds + 59) // 60, reason)


@functools.cache
def _name(date: dt.date, pattern: str, locale: str) -> str:
    """A CLDR name of `date` ("EEE" Mon, "EEEE" Monday, "MMM" Mar) in `locale`."""
    return format_date(date, pattern, locale=supported(locale) or "en")


def _day(on: str, today: str, locale: str) -> str:
    date = parse_date(on)
    words = {"weekday": _name(date, "EEE", locale), "day": date.day}
    words["month"] = _name(date, "MMM", locale)
    if on[:4] == today[:4]:
        return translate(locale, "{weekday} {day} {month}", **words)
    return translate(locale, "{weekday} {day} {month} {year}", **words, year=date.year)


def _due(situation: Situation, nugget: Nugget) -> tuple[int, str]:
    if nugget.due_on is None:
        return 0, ""
    locale = situation.locale
    days = (parse_date(nugget.due_on) - parse_date(situation.today)).days
    if days < 0:
        date = _day(nugget.due_on, situation.today, locale)
        return OVERDUE_POINTS, translate(locale, "Overdue since {date}", date=date)
    if days > DUE_SOON_DAYS:
        return 0, ""
    if days == 0:
        reason = translate(locale, "Due today")
    elif days == 1:
        reason = translate(locale, "Due tomorrow")
    else:
        weekday = _name(parse_date(nugget.due_on), "EEEE", locale)
        reason = translate(locale, "Due {weekday}", weekday=weekday)
    return DUE_TODAY_POINTS - DUE_STEP_POINTS * days, reason


def _gap(situation: Situation, nugget: Nugget) -> int:
    standing = situation.skills.get(nugget.skill, _NO_STANDING)
    if standing.target is None or nugget.level <= standing.current:
        return 0
    return max(0, standing.target - standing.current)


def _unlocks(waiting: list[Nugget], locale: str) -> str:
    first = waiting[0].title
    if len(waiting) == 1:
        return translate(locale, "Unlocks '{title}'", title=first)
    if len(waiting) == 2:
        return translate(
            locale, "Unlocks '{first}' and '{second}'", first=first, second=waiting[1].title
        )
    return translate(locale, "Unlocks '{title}' and {n} more", title=first, n=len(waiting) - 1)


def rank(situation: Situation) -> Pathway:
    """The pathway for a situation, by the rules above.

    Args:
        situation: The learner's situation (checked here).

    Returns:
        The picks in order and the locked nuggets.

    Raises:
        ValueError: The situation is malformed (see `situation.check`).

    """
    check(situation)
    by_id = {n.id: n for n in situation.nuggets}
    open_ = sorted((n for n in situation.nuggets if not n.done), key=_order)

    def missing(n: Nugget) -> list[Nugget]:
        found = (by_id[p] for p in set(n.prerequisites) if p in by_id)
        return sorted((p for p in found if not p.done), key=_order)

    locale = situation.locale
    locked = [
        Locked(
            n.id,
            n.title,
            translate(
                locale, "Unlocks after {titles}", titles=", ".join(p.title for p in missing(n))
            ),
        )
        for n in open_
        if missing(n)
    ]
    candidates = [n for n in open_ if not missing(n)]
    waiting = {n.id: [w for w in open_ if n.id in w.prerequisites] for n in candidates}
    due = {n.id: _due(situation, n) for n in candidates}
    parts = {
        n.id: _Parts(
            due=due[n.id][0],
            continuity=CONTINUITY_POINTS if n.id == situation.started else 0,
            gap=GAP_POINTS * _gap(situation, n),
            unlocks=UNLOCK_POINTS * min(len(waiting[n.id]), UNLOCKS_COUNTED),
        )
        for n in candidates
    }
    biggest = max((_gap(situation, n) for n in candidates), default=0)

    def reason(n: Nugget) -> str:
        p = parts[n.id]
        best = max(p.due, p.continuity, p.gap, p.unlocks)
        if best == 0:
            return translate(locale, "Next in your cohort's sequence")
        if p.due == best:
            return due[n.id][1]
        if p.continuity == best:
            return translate(locale, "Pick up where you left off")
        if p.gap == best:
            s = situation.skills[n.skill]
            words = {"skill": n.skill_name, "current": s.current, "target": s.target}
            if _gap(situation, n) == biggest:
                return translate(
                    locale, "Biggest gap: {skill} (you {current} → target {target})", **words
                )
            return translate(
                locale,
                "Builds toward your goal: {skill} (you {current} → target {target})",
                **words,
            )
        return _unlocks(waiting[n.id], locale)

    ranked = sorted(candidates, key=lambda n: (-parts[n.id].total, n.position, n.id))
    reviews = review_count(situation)
    picks = [_reviews(situation, reviews)] if reviews > 0 else []
    left = situation.minutes * 60 - reviews * situation.review_seconds
    for n in ranked:
        if situation.minutes > 0:
            if n.minutes * 60 > left:
                continue
            left -= n.minutes * 60
        picks.append(Pick("nugget", n.id, n.minutes, reason(n)))
    return Pathway(tuple(picks), tuple(locked))
