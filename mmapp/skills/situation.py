"""What the pathway is asked and what it answers: a learner's situation, picks, locks.

Plain frozen dataclasses, read from and written to JSON-shaped dicts whose keys are the
field names (snake_case). The phone's twin (assets/js/mm-pathway.js) takes and returns
exactly these dicts; tests/fixtures/pathway_golden.json holds both sides.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Mapping
from typing import Any, Literal

REVIEW_SECONDS = 30
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


@dataclasses.dataclass(frozen=True, slots=True)
class Nugget:
    """One nugget as the pathway sees it.

    Attributes:
        id: The nugget's id (ASCII, compared character by character in tie-breaks).
        title: Its title, quoted in reasons.
        minutes: How long it takes (5-15).
        skill: The slug of its skill.
        skill_name: The skill's name, shown in reasons.
        level: The scale step (1-4) it builds toward.
        prerequisites: Ids of nuggets that must be done first.
        done: Whether the learner has completed it.
        due_on: The assignment's due date (ISO), if any.
        position: Its place in the cohort's sequence (lower comes first).

    """

    id: str
    title: str
    minutes: int
    skill: str
    skill_name: str
    level: int
    prerequisites: tuple[str, ...] = ()
    done: bool = False
    due_on: str | None = None
    position: int = 0


@dataclasses.dataclass(frozen=True, slots=True)
class Standing:
    """Where the learner stands on one skill.

    Attributes:
        current: The level used in the gap (0-4).
        target: The goal's target level (0-4), or None without a goal.

    """

    current: int = 0
    target: int | None = None


@dataclasses.dataclass(frozen=True, slots=True)
class Situation:
    """Everything the ranking needs, and nothing it would have to look up.

    Attributes:
        today: The learner's local date (ISO).
        minutes: Minutes available; 0 means no limit ("Any").
        nuggets: Every nugget the learner has, done or not.
        skills: Standing per skill slug; a skill not listed stands at 0 with no target.
        reviews_due: Review cards due today.
        review_seconds: Time one review takes.
        started: The nugget the learner touched last without finishing it, if any.
        locale: The language the reasons are worded in ("en": the golden vectors' words).

    """

    today: str
    minutes: int = 0
    nuggets: tuple[Nugget, ...] = ()
    skills: Mapping[str, Standing] = dataclasses.field(default_factory=dict)
    reviews_due: int = 0
    review_seconds: int = REVIEW_SECONDS
    started: str | None = None
    locale: str = "en"


@dataclasses.dataclass(frozen=True, slots=True)
class Pick:
    """One step of the pathway.

    Attributes:
        kind: "reviews" (all due reviews that fit, as one step) or "nugget".
        id: The nugget's id; "" for reviews.
        minutes: Minutes it takes (reviews: rounded up).
        reason: One line saying why it is here, in the situation's language.

    """

    kind: Literal["reviews", "nugget"]
    id: str
    minutes: int
    reason: str


@dataclasses.dataclass(frozen=True, slots=True)
class Locked:
    """A nugget that waits for its prerequisites, shown with what it waits for.

    Attributes:
        id: The nugget's id.
        title: Its title.
        reason: "Unlocks after <title>[, <title>]".

    """

    id: str
    title: str
    reason: str


@dataclasses.dataclass(frozen=True, slots=True)
class Pathway:
    """The answer to "what next?".

    Attributes:
        picks: What to do, in order.
        locked: Not-done nuggets still waiting for a prerequisite, in cohort order.

    """

    picks: tuple[Pick, ...] = ()
    locked: tuple[Locked, ...] = ()


def parse_date(text: str) -> dt.date:
    """An ISO date "YYYY-MM-DD", strictly (no other ISO spellings).

    Args:
        text: The date.

    Returns:
        The date.

    Raises:
        ValueError: It is not a "YYYY-MM-DD" date.

    """
    if not isinstance(text, str) or not _ISO_DATE.fullmatch(text):
        raise ValueError(f"not a date: {text!r}")
    return dt.date.fromisoformat(text)


def situation_from(data: Mapping[str, Any]) -> Situation:
    """A situation from its JSON-shaped dict, checked.

    Args:
        data: A dict with `Situation`'s field names; nuggets and skills as dicts.

    Returns:
        The situation.

    Raises:
        ValueError: A field is missing, unknown or out of range, or two nuggets share an id.

    """
    try:
        nuggets = tuple(
            Nugget(**{**n, "prerequisites": tuple(n.get("prerequisites", ()))})
            for n in data.get("nuggets", ())
        )
        skills = {slug: Standing(**s) for slug, s in data.get("skills", {}).items()}
        fields = {k: v for k, v in data.items() if k not in ("nuggets", "skills")}
        situation = Situation(**fields, nuggets=nuggets, skills=skills)
    except TypeError as error:  # a missing or unknown field
        raise ValueError(str(error)) from error
    check(situation)
    return situation


def check(situation: Situation) -> None:
    """Refuse a situation the ranking cannot answer sensibly.

    Args:
        situation: The situation.

    Raises:
        ValueError: With the reason.

    """
    parse_date(situation.today)
    if situation.minutes < 0 or situation.reviews_due < 0 or situation.review_seconds <= 0:
        raise ValueError("minutes and reviews_due must be >= 0, review_seconds > 0")
    ids = [n.id for n in situation.nuggets]
    if len(set(ids)) != len(ids):
        raise ValueError("two nuggets share an id")
    for n in situation.nuggets:
        if n.minutes <= 0:
            raise ValueError(f"nugget {n.id}: minutes must be > 0")
        if n.due_on is not None:
            parse_date(n.due_on)
    for slug, s in situation.skills.items():
        if not 0 <= s.current <= 4 or not (s.target is None or 0 <= s.target <= 4):
            raise ValueError(f"skill {slug}: levels run from 0 to 4")


def pathway_dict(pathway: Pathway) -> dict[str, Any]:
    """A pathway as the JSON-shaped dict the phone's twin returns.

    Args:
        pathway: The pathway.

    Returns:
        {"picks": [{kind, id, minutes, reason}], "locked": [{id, title, reason}]}.

    """
    return {
        "picks": [dataclasses.asdict(p) for p in pathway.picks],
        "locked": [dataclasses.asdict(x) for x in pathway.locked],
    }
