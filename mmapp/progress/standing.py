"""Skill standing: where a learner is in each skill, where they aim, and the gap in words.

One row per skill of the learner's given nuggets (`compute_progress` builds them from
what it already loaded). The rules, each one:

- `self_rating` is the learner's latest `skill_rated` for the skill (by the event's
  plausible time, then event id, so arrival order never matters); `rated_on` is its
  local day. The skill is that of the event's nugget at the version rated.
- `shown`, the level the practice shows: the highest level L among the skill's given
  nuggets such that every given nugget of the skill at level <= L *passes*
  (completed, and its first-try quiz score is at least 50 %; a nugget without quiz
  items, or whose quiz was never answered, passes on completion); 0 if none. Levels
  with no nugget are skipped: shown never claims a level no nugget teaches. While the
  skill has quiz items and their average predicted recall today (FSRS, over the items
  with a card, as `mastery.skill_level` computes it; 0 with no card) is below
  `mastery.RECALL_TARGET` (0.8), shown is capped at 2: doing it once is "with help",
  doing it "on my own" needs what was learned to stay.
- Tried at work is evidence too (`mmapp.progress.work`: the latest reflection on the
  nugget says tried, and it did not go badly): (a) a completed nugget tried at work
  passes whatever its first-try score; (b) the recall cap does not hold back a level
  L >= 3 when every given nugget of the skill at levels 3..L was tried at work
  (doing it at work shows "I can do it on my own" even before recall is high).
- Teaching it is evidence of level 4 ("I can teach it"): when shown is already 3 or
  more and the learner taught back a completed given nugget of the skill with a
  confirmation that counts (`mmapp.teachback.evidence`: the colleague says they
  explained it and it is usable, rated 3 or 4 of 4), shown is 4. It never lifts a
  lower level: teaching what one cannot yet do alone shows nothing more.
- `current`, the level the gap is measured from: the self-rating until the learner
  completed a nugget of the skill (before any practice their own word is the only
  evidence, and 0 when they gave none), then `shown` (from then on the gap follows
  what they can show, so practice, not re-rating, closes it).
- `target`: the highest of the learner's cohorts' targets (`SkillTarget`) and their
  latest `goal_set`; the goal counts only when strictly higher (a goal raises, never
  lowers). `target_by` and `target_source` come from the same source; among cohorts
  with the same level the earliest date wins (a dated target before an undated one).
- `statement`: "<skill>: level <current> → <target> by <d Mon>; <done> of <total>
  nuggets, recall <r> %" in English, and as `Words` for the phone to word
  (`mmapp.progress.statements`).
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Collection, Iterable, Mapping, Sequence
from typing import Any, Literal, Protocol

from sqlmodel import Session, col, select

from mmapp import access
from mmapp.clock import plausible_time
from mmapp.content.scale import scale_words
from mmapp.models import ReviewCard, Skill, SkillTarget
from mmapp.progress.mastery import RECALL_TARGET
from mmapp.progress.statements import day_text, statement, statement_words
from mmapp.reviews.recall import card_state, retrievability
from mmapp.schemas import QuizScore, SkillStanding

# The learner events standing reads (besides completions and quiz answers).
STANDING_TYPES = ("skill_rated", "goal_set")
# Shown stays at or below this while recall is under `RECALL_TARGET`.
RECALL_CAP = 2
PASS_SCORE = 0.5
# A confirmed teach-back lifts shown from this level or more to "I can teach it".
TEACH_FROM = 3
TEACH_LEVEL = 4


class MarkRow(Protocol):
    """The columns of a `skill_rated`/`goal_set` event read here."""

    event_id: uuid.UUID
    type: str
    nugget_id: uuid.UUID
    nugget_version: int
    payload: dict[str, Any]
    client_ts: dt.datetime
    received_at: dt.datetime


def latest_marks(
    events: Iterable[MarkRow], snaps: Mapping[tuple[uuid.UUID, int], Mapping[str, Any]]
) -> dict[tuple[str, uuid.UUID], MarkRow]:
    """The latest event of each (type, skill), by plausible time then event id.

    Args:
        events: Learner events (any types; only `STANDING_TYPES` are read).
        snaps: The published snapshots of the (nugget id, version) pairs they name:
            the skill is the snapshot's (events on a version without a skill are skipped).

    """
    latest: dict[tuple[str, uuid.UUID], MarkRow] = {}
    for e in events:
        ref = snaps.get((e.nugget_id, e.nugget_version), {}).get("skill")
        if e.type not in STANDING_TYPES or not ref:
            continue
        skill = uuid.UUID(str(ref["id"]))
        held = latest.get((e.type, skill))
        if held is None or _order(e) > _order(held):
            latest[(e.type, skill)] = e
    return latest


def _order(e: MarkRow) -> tuple[dt.datetime, str]:
    return plausible_time(e.client_ts, e.received_at), str(e.event_id)


def passes(score: QuizScore | None) -> bool:
    """Whether a completed nugget's first-try score is enough (none or no items: yes)."""
    return score is None or score.total == 0 or score.correct >= PASS_SCORE * score.total


def shown_level(
    levels: Mapping[uuid.UUID, int],
    completed: Collection[uuid.UUID],
    scores: Mapping[uuid.UUID, QuizScore],
    recall: float,
    has_items: bool,
    tried: Collection[uuid.UUID] = (),
    taught: Collection[uuid.UUID] = (),
) -> int:
    """The level one skill's practice shows (the module docstring has the rule).

    Args:
        levels: Each given nugget of the skill and its level (1-4).
        completed: Nuggets the learner completed.
        scores: First-try quiz scores by nugget.
        recall: Average predicted recall today over the skill's items with a card.
        has_items: Whether the skill's given nuggets have quiz items.
        tried: Nuggets tried at work (`mmapp.progress.work.tried_at_work`).
        taught: Nuggets taught back with a confirmation that counts.

    """
    shown = 0
    by_level = [
        (level, [n for n, lv in levels.items() if lv == level])
        for level in sorted(set(levels.values()))
    ]
    for level, at in by_level:
        if not all(n in completed and (n in tried or passes(scores.get(n))) for n in at):
            break
        shown = level
    if has_items and recall < RECALL_TARGET and shown > RECALL_CAP:
        # Above the cap, each level up to `shown` stays only while every nugget from
        # level 3 on was tried at work.
        capped = RECALL_CAP
        for level, at in by_level:
            if level <= RECALL_CAP:
                continue
            if level > shown or not all(n in tried for n in at):
                break
            capped = level
        shown = capped
    return teach_lift(shown, [n for n in levels if n in completed and n in taught])


def teach_lift(shown: int, taught: Collection[uuid.UUID]) -> int:
    """Shown with teaching counted: 4 from 3 or more once a completed nugget was taught."""
    return TEACH_LEVEL if shown >= TEACH_FROM and taught else shown


def cohort_targets(session: Session, user_id: uuid.UUID) -> list[SkillTarget]:
    """The targets of the cohorts the learner belongs to now."""
    cohorts = access.member_cohort_ids(session=session, user_id=user_id)
    if not cohorts:
        return []
    return list(session.exec(select(SkillTarget).where(col(SkillTarget.cohort_id).in_(cohorts))))


def _target(
    skill_id: uuid.UUID, targets: Sequence[SkillTarget], goal: MarkRow | None
) -> tuple[int | None, dt.date | None, Literal["cohort", "learner"] | None]:
    mine = [t for t in targets if t.skill_id == skill_id]
    best = min(mine, key=lambda t: (-t.level, t.by or dt.date.max), default=None)
    if goal is not None and (best is None or goal.payload["level"] > best.level):
        by = goal.payload.get("by")
        return goal.payload["level"], dt.date.fromisoformat(by) if by else None, "learner"
    if best is not None:
        return best.level, best.by, "cohort"
    return None, None, None


def _recall(
    items: Collection[uuid.UUID], cards: Sequence[ReviewCard], today: dt.date
) -> float | None:
    """Average predicted recall over the items with a rated card; None if there are none."""
    states = [card_state(c) for c in cards if c.item_id in items]
    recalls = [retrievability(s, today) for s in states if s is not None]
    return sum(recalls) / len(recalls) if recalls else None


def skill_standing(
    *,
    skills: Mapping[uuid.UUID, Skill],
    levels: Mapping[uuid.UUID, tuple[uuid.UUID, int]],
    items: Mapping[uuid.UUID, Collection[uuid.UUID]],
    cards: Sequence[ReviewCard],
    completed: Collection[uuid.UUID],
    scores: Mapping[uuid.UUID, QuizScore],
    marks: Mapping[tuple[str, uuid.UUID], MarkRow],
    targets: Sequence[SkillTarget],
    tz: dt.tzinfo,
    today: dt.date,
    tried: Collection[uuid.UUID] = (),
    taught: Collection[uuid.UUID] = (),
) -> list[SkillStanding]:
    """One `SkillStanding` per skill of the given nuggets, ordered by skill name.

    Args:
        skills: Skills by id.
        levels: Each given nugget's (skill id, level).
        items: Each skill's quiz item ids (its given nuggets' published versions).
        cards: The learner's review cards.
        completed: Nuggets the learner completed.
        scores: First-try quiz scores by nugget.
        marks: `latest_marks` of the learner's events.
        targets: `cohort_targets` of the learner.
        tz: The learner's timezone (for `rated_on`).
        today: The learner's local date.
        tried: Nuggets tried at work (`mmapp.progress.work.tried_at_work`).
        taught: Nuggets taught back with a confirmation that counts
            (`mmapp.teachback.evidence.taught_nuggets`).

    """
    rows: list[SkillStanding] = []
    for skill_id in {s for s, _ in levels.values() if s in skills}:
        skill = skills[skill_id]
        mine = {n: lv for n, (s, lv) in levels.items() if s == skill_id}
        done = sum(n in completed for n in mine)
        skill_items = items.get(skill_id, ())
        recall = _recall(skill_items, cards, today)
        shown = shown_level(
            mine, completed, scores, recall or 0.0, bool(skill_items), tried, taught
        )
        rated = marks.get(("skill_rated", skill_id))
        rating = rated.payload["level"] if rated is not None else None
        current = shown if done else (rating or 0)
        target, by, source = _target(skill_id, targets, marks.get(("goal_set", skill_id)))
        said = statement_words(
            name=skill.name,
            current=current,
            target=target,
            by=by,
            done=done,
            total=len(mine),
            recall=recall,
            today=today,
        )
        rows.append(
            SkillStanding(
                slug=skill.slug,
                name=skill.name,
                scale=scale_words(skill),
                self_rating=rating,
                rated_on=(
                    plausible_time(rated.client_ts, rated.received_at).astimezone(tz).date()
                    if rated is not None
                    else None
                ),
                shown=shown,
                current=current,
                target=target,
                target_by=by,
                target_source=source,
                statement=said.text(),
                statement_words=said,
            )
        )
    return sorted(rows, key=lambda r: (r.name, r.slug))


__all__ = [
    "PASS_SCORE",
    "RECALL_CAP",
    "STANDING_TYPES",
    "TEACH_FROM",
    "TEACH_LEVEL",
    "MarkRow",
    "cohort_targets",
    "day_text",
    "latest_marks",
    "passes",
    "shown_level",
    "skill_standing",
    "statement",
    "teach_lift",
]
