"""The evidence rule of an achievement: in words, and applied to a learner (pure).

A skill level's achievement is met when every published nugget of the skill up to
that level is completed, the first-try quiz score on each is at least `min_score` %,
and, at least `min_days` days after the last of those completions, the mean predicted
recall (`mmapp.reviews.recall`) of their quiz items is at least `min_recall`. An item
the learner has no rated review card for counts as recall 0: a credential certifies
only what the evidence shows. A nugget without quiz items needs no score. With
`min_teachbacks` above 0, the learner must also have taught back nuggets of the skill
that many times with a confirmation that counts (`mmapp.teachback.evidence`).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import uuid
from collections.abc import Mapping, Sequence

from mmapp.credentials.credential import Evidence


@dataclasses.dataclass(frozen=True)
class Rule:
    """The numbers of an achievement's criteria.

    Attributes:
        skill_name: The skill's name, for the words.
        level: The skill level (1-4): nuggets of this level and below count.
        min_score: First-try score needed on each nugget, percent.
        min_recall: Mean predicted recall needed (0-1).
        min_days: Days after the last completion before recall counts.
        min_teachbacks: Confirmed teach-backs that count, on the skill's nuggets.
    """

    skill_name: str
    level: int
    min_score: int
    min_recall: float
    min_days: int
    min_teachbacks: int = 0


@dataclasses.dataclass(frozen=True)
class NuggetRecord:
    """One nugget of the skill and what the learner did on it.

    Attributes:
        title: The nugget's title.
        level: Its level on the skill's scale.
        completed_on: The local day it was first completed (None: not yet).
        correct: First-try right answers.
        total: Quiz items of the version answered (or of the current one).
        items: Its current quiz item ids (for recall).
    """

    title: str
    level: int
    completed_on: dt.date | None
    correct: int = 0
    total: int = 0
    items: frozenset[uuid.UUID] = frozenset()


@dataclasses.dataclass(frozen=True)
class Outcome:
    """Whether a learner meets an achievement: reasons in words, and the evidence."""

    met: bool
    reasons: tuple[str, ...]
    evidence: tuple[Evidence, ...]


def _number(value: float) -> str:
    return f"{value:g}"


def _levels(level: int) -> str:
    return "level 1" if level == 1 else f"level 1\u2013{level}"


def narrative(rule: Rule) -> str:
    """The criteria in plain words, generated from the rule (the one place they are)."""
    days = "1 day" if rule.min_days == 1 else f"{rule.min_days} days"
    words = (
        f"Complete every {_levels(rule.level)} nugget of {rule.skill_name} assigned to you; "
        f"first-try score of {rule.min_score} % or more on each; "
        f"mean recall of {_number(rule.min_recall)} or more, {days} or more after the last one."
    )
    if rule.min_teachbacks:
        times = "once" if rule.min_teachbacks == 1 else f"{rule.min_teachbacks} times"
        words = words[:-1] + (
            f"; teach a nugget of {rule.skill_name} back to a colleague, confirmed as"
            f" usable and rated 3 or more of 4, {times}."
        )
    return words


def _percent(record: NuggetRecord) -> float:
    return 100.0 if record.total == 0 else 100.0 * record.correct / record.total


def evaluate(
    rule: Rule,
    nuggets: Sequence[NuggetRecord],
    recall: Mapping[uuid.UUID, float],
    today: dt.date,
    teachbacks: int = 0,
) -> Outcome:
    """Apply the rule to a learner.

    Args:
        rule: The achievement's numbers.
        nuggets: The skill's published nuggets given to the learner or done by them
            (higher levels are ignored).
        recall: Predicted recall today per quiz item the learner has a rated card for.
        today: The learner's local date.
        teachbacks: Their confirmed teach-backs that count, on the skill's nuggets.

    Returns:
        Met or not, every reason it is not, and (when met) the evidence list.
    """
    counted = [n for n in nuggets if n.level <= rule.level]
    if not counted:
        return Outcome(False, (f"{rule.skill_name} has no {_levels(rule.level)} nuggets yet.",), ())
    reasons: list[str] = []
    open_ = [n.title for n in counted if n.completed_on is None]
    if open_:
        reasons.append(f"Not completed yet: {', '.join(open_)}.")
    low = [n.title for n in counted if n.completed_on and _percent(n) < rule.min_score]
    if low:
        reasons.append(f"First-try score under {rule.min_score} %: {', '.join(low)}.")
    done = [n.completed_on for n in counted if n.completed_on is not None]
    last = max(done) if done else None
    if last is not None and not open_ and (today - last).days < rule.min_days:
        ready = last + dt.timedelta(days=rule.min_days)
        reasons.append(
            f"Recall counts from {ready.isoformat()}, {rule.min_days} days after the last."
        )
    items = sorted({i for n in counted for i in n.items})
    mean = sum(recall.get(i, 0.0) for i in items) / len(items) if items else 1.0
    if items and mean < rule.min_recall:
        reasons.append(f"Mean recall is {mean:.2f}, under {_number(rule.min_recall)}.")
    if teachbacks < rule.min_teachbacks:
        reasons.append(f"Confirmed teach-backs: {teachbacks} of {rule.min_teachbacks}.")
    if reasons:
        return Outcome(False, tuple(reasons), ())
    evidence = tuple(
        Evidence(
            name=n.title,
            narrative=f"Completed on {n.completed_on}; first-try score {round(_percent(n))} %.",
        )
        for n in sorted(counted, key=lambda n: (n.level, n.completed_on or today))
    )
    recall_words = f"Mean recall {mean:.2f} on {today.isoformat()}"
    recall_words += f" across {len(items)} quiz items." if items else "."
    taught: tuple[Evidence, ...] = ()
    if rule.min_teachbacks:
        times = "Taught back once" if teachbacks == 1 else f"Taught back {teachbacks} times"
        words = f"{times} to colleagues, each confirmed as usable and rated 3 or more of 4."
        taught = (Evidence(name="Teach-back", narrative=words),)
    recall_evidence = Evidence(name="Recall", narrative=recall_words)
    return Outcome(True, (), (*evidence, recall_evidence, *taught))


__all__ = ["NuggetRecord", "Outcome", "Rule", "evaluate", "narrative"]
