"""The streak rule (mmapp/progress/streaks.py) against the shared cases.

tests/fixtures/streak_cases.json is read here and by tests/js/streaks.test.js (bun),
so the phone's offline streak and the server's cannot drift apart.
"""

from __future__ import annotations

import datetime as dt
import json
import pathlib

import pytest

from mmapp.progress.streaks import StreakState, day_minutes, streak_state, walk, window

FIXTURES = pathlib.Path(__file__).resolve().parents[2] / "fixtures"
CASES = json.loads((FIXTURES / "streak_cases.json").read_text(encoding="utf-8"))["cases"]
D = dt.date.fromisoformat


def _minutes(case: dict) -> dict[dt.date, int]:
    return {D(k): v for k, v in case["minutes"].items()}


def _run(case: dict) -> StreakState:
    minutes, today = _minutes(case), D(case["today"])
    start = case.get("start")
    if start is None:
        return streak_state(minutes, case["goal"], today)
    state = StreakState(
        start["streak"], start["freezes_held"], tuple(D(x) for x in start["freezes_used"])
    )
    return walk(minutes, case["goal"], start=state, first=D(start["first"]), today=today)


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_shared_streak_case(case):
    got = _run(case)
    expect = case["expect"]
    assert got.streak == expect["streak"]
    assert got.freezes == expect["freezes_held"]
    assert [d.isoformat() for d in got.used] == expect["freezes_used"]


@pytest.mark.parametrize("case", [c for c in CASES if "start" not in c], ids=lambda c: c["name"])
@pytest.mark.parametrize("days", [1, 3, 14])
def test_walking_on_from_a_window_start_gives_the_same_state(case, days):
    minutes, today = _minutes(case), D(case["today"])
    first, base = window(minutes, case["goal"], today, days)
    assert first == today - dt.timedelta(days=days - 1)
    assert walk(minutes, case["goal"], start=base, first=first, today=today) == streak_state(
        minutes, case["goal"], today
    )


def test_reviews_add_thirty_seconds_each_rounded_down():
    assert day_minutes(6, 0) == 6
    assert day_minutes(6, 1) == 6
    assert day_minutes(6, 2) == 7
    assert day_minutes(0, 7) == 3
