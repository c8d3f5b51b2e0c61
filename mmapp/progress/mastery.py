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

from mmapp.models import ReviewCard
from mmapp.reviews.recall import card_state, retrievability

Level = Literal["", "started", "practised", "proficient", "mastered"]

LABELS: dict[str, str] = {
    "": "Not started",
    "started": "Started",
    "practised": "Practised",
    "proficient": "Proficient",
    "mastered": "Mastered",
}
RECALL_TARGET = 0.8
MASTERY_INTERVAL = 21


@dataclass(frozen=True, slots=True)
class SkillLevel:
    """A learner's level in one skill.

    Attributes:
        level: The level reached ("" before any nugget is done).
        label: The level as shown ("Not started", "Started", ...).
        next_step: What the next level needs, as shown; "" once mastered.
        recall: Average predicted recall today over the skill's items with a card
            (0.0 when there are none).

    """

    level: Level
    label: str
    next_step: str
    recall: float


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def _level(level: Level, next_step: str, recall: float) -> SkillLevel:
    return SkillLevel(level=level, label=LABELS[level], next_step=next_step, recall=recall)


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
        return _level("", "Finish 1 nugget to start", recall)
    if done < given:
        return _level(
            "started", f"Finish {_count(given - done, 'more nugget', 'more nuggets')}", recall
        )
    if not recalls:
        return _level("practised", "Answer the skill's quiz items to measure your recall", recall)
    low = sum(r < RECALL_TARGET for r in recalls.values())
    if low:
        items_text = _count(low, "item", "items")
        return _level("practised", f"Review {items_text} to get recall to 80 %", recall)
    held = {c.item_id for c in mine if c.best_interval >= MASTERY_INTERVAL}
    waiting = sum(i not in held for i in items)
    if waiting:
        need = _count(waiting, "item needs", "items need")
        return _level(
            "proficient",
            f"Keep reviewing: {need} a successful review {MASTERY_INTERVAL}+ days apart",
            recall,
        )
    return _level("mastered", "", recall)


__all__ = ["LABELS", "MASTERY_INTERVAL", "RECALL_TARGET", "Level", "SkillLevel", "skill_level"]
