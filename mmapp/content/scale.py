"""Each skill's 0-4 scale in words a learner understands (reworded per skill or the defaults)."""

from __future__ import annotations

from mmapp.i18n import N_, translate
from mmapp.models import Skill

# Level 0 to 4, as a learner would say it of themselves (msgids: the phone's audit words
# the same English with its catalogue, assets/js/mm-audit.js `defaultScale`).
DEFAULT_SCALE: tuple[str, ...] = (
    N_("Not yet"),
    N_("I know what it is"),
    N_("I can do it with help"),
    N_("I can do it on my own"),
    N_("I can teach it"),
)


def scale_words(skill: Skill, locale: str | None = "en") -> list[str]:
    """The five words of the skill's scale, level 0 first: its own, else the defaults.

    A stored scale is checked on the way in (`mmapp.schemas.SkillIn`: exactly five
    non-empty words); anything else stored falls back to the defaults, in `locale`.
    A skill's own words are its author's and stay as written.
    """
    words = list(skill.scale or ())
    if len(words) == len(DEFAULT_SCALE) and all(w.strip() for w in words):
        return words
    return [translate(locale, w) for w in DEFAULT_SCALE]
