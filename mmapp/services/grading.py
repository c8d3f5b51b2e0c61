"""Grading a quiz answer against the item it was given on (pure functions)."""

from __future__ import annotations

import re
import unicodedata
from typing import Any

_TRAILING = re.compile(r"[\s.!?,;:]+$")
_SPACES = re.compile(r"\s+")


def normalise_text_answer(text: str) -> str:
    """Fold case, accents-compatible forms and spacing for short answers."""
    folded = unicodedata.normalize("NFKC", text).casefold().strip()
    return _TRAILING.sub("", _SPACES.sub(" ", folded))


def grade(item: dict[str, Any], answer: dict[str, Any]) -> bool:
    """Return whether `answer` is right for the quiz `item` snapshot.

    Args:
        item: Item as in a nugget snapshot (`kind`, `correct`, `accepted_answers`).
        answer: `{"choices": [int, ...]}` for choice items, `{"text": str}` for short answer.

    Returns:
        True when the answer is correct.

    """
    if item["kind"] == "short_answer":
        given = normalise_text_answer(str(answer.get("text", "")))
        return given != "" and given in {normalise_text_answer(a) for a in item["accepted_answers"]}
    choices = answer.get("choices")
    if not isinstance(choices, list):
        return False
    return sorted(set(choices)) == sorted(set(item["correct"])) and len(choices) == len(
        set(choices)
    )
