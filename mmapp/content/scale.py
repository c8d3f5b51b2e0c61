"""Each skill's 0-4 scale in words a learner understands (reworded per skill or the defaults)."""

from __future__ import annotations

from mmapp.models import Skill

# Level 0 to 4, as a learner would say it of themselves.
DEFAULT_SCALE: tuple[str, ...] = (
    "Not yet",
    "I know what it is",
    "I can do it with help",
    "I can do it on my own",
    "I can teach it",
)


def scale_words(skill: Skill) -> list[str]:
    """The five words of the skill's scale, level 0 first: its own, else the defaults.

    A stored scale is checked on the way in (`mmapp.schemas.SkillIn`: exactly five
    non-empty words); anything else stored falls back to the defaults.
    """
    words = list(skill.scale or ())
    if len(words) == len(DEFAULT_SCALE) and all(w.strip() for w in words):
        return words
    return list(DEFAULT_SCALE)
