"""Coordinators' CSV files open in spreadsheets: learner text must never run as a formula."""

from __future__ import annotations

import csv
import io

from mmapp.progress.analytics import to_csv


def test_text_that_would_run_as_a_formula_is_quoted_and_numbers_are_not():
    rows = [
        {"learner": '=HYPERLINK("http://x")', "note": "+1 call", "gap": -2, "name": "Ada"},
        {"learner": "@SUM(A1)", "note": "-minus", "gap": 3, "name": "\tTab"},
    ]
    back = list(csv.DictReader(io.StringIO(to_csv(rows))))
    assert [r["learner"] for r in back] == ['\'=HYPERLINK("http://x")', "'@SUM(A1)"]
    assert [r["note"] for r in back] == ["'+1 call", "'-minus"]
    assert [r["gap"] for r in back] == ["-2", "3"]  # numbers stay numbers
    assert [r["name"] for r in back] == ["Ada", "'\tTab"]
