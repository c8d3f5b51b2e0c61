"""The server's grader against the shared cases (the phone's grader runs the same ones).

tests/fixtures/grading_cases.json is read here and by tests/js/grading.test.js (bun),
so a case that the two graders decide differently fails one of the two suites.
tests/fixtures/casefold_table.json is the normalised form of every character that has
case in Python's Unicode data; the JS suite checks its own folding against it. Rebuild
it after a Python upgrade with `python -m tests.unit.services.test_grading`.
"""

from __future__ import annotations

import json
import pathlib
import unicodedata

import pytest

from mmapp.content.grading import grade, normalise_text_answer

FIXTURES = pathlib.Path(__file__).resolve().parents[2] / "fixtures"
CASES = json.loads((FIXTURES / "grading_cases.json").read_text(encoding="utf-8"))["cases"]
TABLE = FIXTURES / "casefold_table.json"


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_shared_grading_case(case):
    assert grade(case["item"], case["answer"]) is case["correct"]


def test_the_shared_cases_cover_what_the_rule_promises():
    assert len(CASES) >= 30
    answers = [c["answer"].get("text") for c in CASES if isinstance(c["answer"], dict)]
    accepted = [a for c in CASES for a in c["item"]["accepted_answers"]]
    texts = " ".join(t for t in answers + accepted if isinstance(t, str))
    for needed in ("ß", "ẞ", "İ", "Σ", "ς", "é", "\uff22", "ﬁ", "\u00a0", "\t", "\u2026"):
        assert needed in texts, needed
    kinds = {c["item"]["kind"] for c in CASES}
    assert kinds == {"short_answer", "single_choice", "true_false", "multiple_choice"}


def test_normalised_form_of_typical_answers():
    assert normalise_text_answer("  Straße \u00a0 IST\tgut!? ") == "strasse ist gut"
    assert normalise_text_answer("\uff22\uff2c\uff35\uff26\uff01") == "bluf"
    assert normalise_text_answer("ΟΔΟΣ") == "οδοσ"
    assert normalise_text_answer("café.") == normalise_text_answer("CAFE\u0301") == "café"
    assert normalise_text_answer("\x1cx\x1c") == "\x1cx\x1c"  # not White_Space: kept
    assert normalise_text_answer("...") == ""


def folding_table() -> dict[str, str]:
    """Every character with case in this Python's Unicode data, normalised."""
    table = {}
    for cp in range(0x110000):
        if 0xD800 <= cp < 0xE000:
            continue
        ch = chr(cp)
        if ch.lower() != ch or ch.upper() != ch or ch.casefold() != ch:
            table[ch] = normalise_text_answer(ch)
    return table


def test_the_casefold_table_the_phone_is_checked_against_is_current():
    # Written with Python's Unicode 14 data (3.11); a newer Python that gives more
    # characters case fails here: rebuild the table and the FOLD map in mm-grade.js.
    stored = json.loads(TABLE.read_text(encoding="utf-8"))
    assert stored["normalised"] == folding_table(), (stored["unicode"], unicodedata.unidata_version)


if __name__ == "__main__":
    body = {"unicode": unicodedata.unidata_version, "normalised": folding_table()}
    TABLE.write_text(json.dumps(body, ensure_ascii=True, indent=0) + "\n", encoding="utf-8")
