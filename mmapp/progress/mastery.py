"""Mastery levels: how far a learner has taken a skill, and what the next level needs.

One pure rule (`skill_level`) over what the learner finished and how well they hold
the skill's quiz items (their review cards), on their local date:

- "" (not started): none of the skill's given nuggets done;
- started: at least one done;
- practised: all done;
- proficient: practised, and predicted recall today (FSRS retrievability) is at
  least `RECALL_TARGET` on every item of the skill the learner has a rated card for
  (at least one: recall never measured is not proficiency);
- mastered: proficient, and every item of the skill was answered right after an
  interval of at least `MASTERY_INTERVAL` days (`ReviewCard.best_interval`).
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import Literal

from mmapp.i18n import N_, N_plural
from mmapp.models import ReviewCard
from mmapp.reviews.recall import card_state, retrievability
from mmapp.schemas.words import Words, counted, words

Level = Literal["", "started", "practised", "proficient", "mastered"]

# The levels as shown (msgids: the phone words them from the level, mm-views.js).
LABELS: dict[str, str] = {
    "": N_("Not started"),
    "started": N_("Started"),
    "practised": N_("Practised"),
    "proficient": N_("Proficient"),
    "mastered": N_("Mastered"),
}
RECALL_TARGET = 0.8
MASTERY_INTERVAL = 21
# What the next level needs (whole sentences; `SkillLevel.next_step_words` carries them).
FINISH_FIRST = N_("Finish 1 nugget to start")
FINISH_MORE = N_plural("Finish {n} more nugget", "Finish {n} more nuggets")
MEASURE = N_("Answer the skill's quiz items to measure your recall")
RAISE_RECALL = N_plural(
    "Review {n} item to get recall to {pct} %", "Review {n} items to get recall to {pct} %"
)
KEEP_REVIEWING = N_plural(
    "Keep reviewing: {n} item needs a successful review {days}+ days apart",
    "Keep reviewing: {n} items need a successful review {days}+ days apart",
)


@dataclass(frozen=True, slots=True)
class SkillLevel:
    """A learner's level in one skill.

    Attributes:
        level: The level reached ("" before any nugget is done).
        label: The level as shown, in English ("Not started", "Started", ...).
        next_step: What the next level needs, in English; "" once mastered.
        next_step_words: The same for the reader's language (None once mastered).
        recall: Average predicted recall today over the skill's items with a card
            (0.0 when there are none).

    """

    level: Level
    label: str
    next_step: str
    next_step_words: Words | None
    recall: float


def _level(level: Level, step: Words | None, recall: float) -> SkillLevel:
    return SkillLevel(
        level=level,
        label=LABELS[level],
        next_step=step.text() if step else "",
        next_step_words=step,
        recall=recall,
    )


def skill_level(
    *,
    done: int,
    given: int,
    items: Collection[uuid.UUID],
    cards: Sequence[ReviewCard],
    today: dt.date,
) -> SkillLevel:
    """The level a learner reached in one skill, and what the next one needs.

    Args:
        done: How many of the skill's given nuggets the learner finished.
        given: How many of the skill's nuggets the learner was given.
        items: The quiz items of those nuggets (their published versions).
        cards: The learner's review cards (any; those of other items are ignored).
        today: The learner's local date (recall is predicted for it).

    Returns:
        The level, its label, the next step and the average recall.

    """
    # Cards with no answered day (a "too easy" mark alone) have no recall to predict.
    mine = [c for c in cards if c.item_id in items and card_state(c) is not None]
    recalls = {c.item_id: retrievability(card_state(c), today) for c in mine}
    recall = sum(recalls.values()) / len(recalls) if recalls else 0.0
    if done <= 0:
        return _level("", words(FINISH_FIRST), recall)
    if done < given:
        return _level("started", counted(FINISH_MORE, given - done), recall)
    if not recalls:
        return _level("practised", words(MEASURE), recall)
    low = sum(r < RECALL_TARGET for r in recalls.values())
    if low:
        return _level(
            "practised", counted(RAISE_RECALL, low, pct=round(RECALL_TARGET * 100)), recall
        )
    held = {c.item_id for c in mine if c.best_interval >= MASTERY_INTERVAL}
    waiting = sum(i not in held for i in items)
    if waiting:
        step = counted(KEEP_REVIEWING, waiting, days=MASTERY_INTERVAL)
        return _level("proficient", step, recall)
    return _level("mastered", None, recall)


__all__ = [
    "FINISH_FIRST",
    "FINISH_MORE",
    "KEEP_REVIEWING",
    "LABELS",
    "MASTERY_INTERVAL",
    "MEASURE",
    "RAISE_RECALL",
    "RECALL_TARGET",
    "Level",
    "SkillLevel",
    "skill_level",
]
