r"""Grading a quiz answer against the item it was given on (pure functions).

The phone grades too, for instant feedback (`grade` in assets/js/mm-grade.js), and
both must give the same verdict; tests/fixtures/grading_cases.json holds the cases
both test suites run (tests/unit/domains/test_grading.py, tests/js/grading.test.js).
The server's verdict is the one that counts. The rule:

Short answers are compared after this normalisation, and the answer is right when it
equals one of the accepted answers normalised the same way:

1. Unicode NFKC: compatibility forms become their plain letters (full-width
   "\uff22\uff2c\uff35\uff26" is "BLUF", the ligature "ﬁ" is "fi", "…" is "..."),
   and a letter plus combining accent becomes the precomposed letter.
2. Full Unicode case folding (`str.casefold`, CaseFolding.txt statuses C and F):
   "Straße", "STRASSE" and "strasse" match; final sigma "\u03c2" matches "\u03c3";
   "İ" folds to "i" plus a combining dot above, so it does not match plain "i" (no
   Turkish-specific rules; dotless "\u0131" stays itself).
3. Accents are kept: "café" is not "cafe".
4. Whitespace (the Unicode White_Space characters listed in `_WS`, including tabs,
   newlines and no-break spaces) is trimmed at both ends and collapsed to one space
   inside.
5. Trailing `. ! ? , ; :` (and whitespace between them) are dropped; leading and inner
   punctuation count.
6. An answer that is empty after this is wrong, whatever the accepted answers are.

Choice items (single choice, true/false, multiple choice): the answer's `choices`
must be a non-empty list of integer option indexes (booleans are not indexes; 1.0
counts as 1, since JSON cannot tell them apart on the phone), with no index twice,
equal as a set to the item's `correct` list; order does not matter.

Anything malformed (an answer that is not an object, `text` that is not a string,
`choices` that is not a list) is wrong, never an error.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from typing import Any

# Unicode White_Space. Spelled out: Python's `\s` and `str.strip` also take U+001C-001F,
# and JavaScript's `\s` takes U+FEFF but not U+0085, so neither is used.
_WS = "\t\n\x0b\x0c\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
_SPACES = re.compile(f"[{_WS}]+")
_EDGES = re.compile(f"^[{_WS}]+|[{_WS}.!?,;:]+\\Z")


# Pure and called for every short answer of every pull's scores (and for the same
# accepted answers again and again): remembered. Answers are at most 500 characters.
@functools.lru_cache(maxsize=8192)
def normalise_text_answer(text: str) -> str:
    """Normalise a short answer: NFKC, full case folding, spacing, trailing punctuation.

    Args:
        text: The answer as typed (or an accepted answer as authored).

    Returns:
        The form answers are compared in (see the module docstring for the rule).

    """
    folded = unicodedata.normalize("NFKC", text).casefold()
    return _EDGES.sub("", _SPACES.sub(" ", folded))


def _index(value: Any) -> int | None:
    """An option index from JSON, or None when `value` is not a whole number."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return None


def grade(item: dict[str, Any], answer: Any) -> bool:
    """Return whether `answer` is right for the quiz `item` snapshot.

    Args:
        item: Item as in a nugget snapshot (`kind`, `correct`, `accepted_answers`).
        answer: `{"choices": [int, ...]}` for choice items, `{"text": str}` for short answer.

    Returns:
        True when the answer is correct.

    """
    if not isinstance(answer, dict):
        return False
    if item["kind"] == "short_answer":
        text = answer.get("text")
        if not isinstance(text, str):
            return False
        given = normalise_text_answer(text)
        accepted = item["accepted_answers"]
        return given != "" and any(normalise_text_answer(a) == given for a in accepted)
    choices = answer.get("choices")
    if not isinstance(choices, list) or not choices:
        return False
    indexes = [_index(c) for c in choices]
    if None in indexes or len(set(indexes)) != len(indexes):
        return False
    return set(indexes) == set(item["correct"])
