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
   Weekday and month names are English, from the ISO date alone (no locale, no zone).
"""

from __future__ import annotations

import dataclasses

from mmapp.i18n import N_
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
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
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
    due = situation.reviews_due
    noun = "review" if n == 1 else "reviews"
    reason = f"{n} {noun} due" if n == due else f"{n} of {due} reviews due"
    return Pick("reviews", "", (n * situation.review_seconds + 59) // 60, reason)


def _day(on: str, today: str) -> str:
    date = parse_date(on)
    text = f"{WEEKDAYS[date.weekday()][:3]} {date.day} {MONTHS[date.month - 1]}"
    return text if on[:4] == today[:4] else f"{text} {date.year}"


def _due(situation: Situation, nugget: Nugget) -> tuple[int, str]:
    if nugget.due_on is None:
        return 0, ""
    days = (parse_date(nugget.due_on) - parse_date(situation.today)).days
    if days < 0:
        return OVERDUE_POINTS, f"Overdue since {_day(nugget.due_on, situation.today)}"
    if days > DUE_SOON_DAYS:
        return 0, ""
    words = {0: "today", 1: "tomorrow"}
    when = words.get(days) or WEEKDAYS[parse_date(nugget.due_on).weekday()]
    return DUE_TODAY_POINTS - DUE_STEP_POINTS * days, f"Due {when}"


def _gap(situation: Situation, nugget: Nugget) -> int:
    standing = situation.skills.get(nugget.skill, _NO_STANDING)
    if standing.target is None or nugget.level <= standing.current:
        return 0
    return max(0, standing.target - standing.current)


def _unlocks(waiting: list[Nugget]) -> str:
    titles = [f"'{n.title}'" for n in waiting]
    if len(titles) == 1:
        return f"Unlocks {titles[0]}"
    if len(titles) == 2:
        return f"Unlocks {titles[0]} and {titles[1]}"
    return f"Unlocks {titles[0]} and {len(titles) - 1} more"


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

    locked = [
        Locked(n.id, n.title, "Unlocks after " + ", ".join(p.title for p in missing(n)))
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
            return N_("Next in your cohort's sequence")
        if p.due == best:
            return due[n.id][1]
        if p.continuity == best:
            return N_("Pick up where you left off")
        if p.gap == best:
            s = situation.skills[n.skill]
            lead = "Biggest gap" if _gap(situation, n) == biggest else "Builds toward your goal"
            return f"{lead}: {n.skill_name} (you {s.current} → target {s.target})"
        return _unlocks(waiting[n.id])

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
