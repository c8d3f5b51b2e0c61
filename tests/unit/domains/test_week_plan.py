"""The week plan: the pathway placed into commute slots, chunk by chunk.

tests/fixtures/week_golden.json is written by scripts/make_week_golden.py; here it is
regenerated and compared (a rule change must rewrite it on purpose), and the rules of
mmapp/skills/week.py are asserted one by one. tests/js/week.test.js runs the phone's twin
on the same file.
"""

from __future__ import annotations

import importlib.util
import json
import pathlib
from typing import Any

import pytest

from mmapp.skills import WeekPlan, ask_from, week_dict, week_plan

ROOT = pathlib.Path(__file__).resolve().parents[3]
_spec = importlib.util.spec_from_file_location(
    "make_week_golden", ROOT / "scripts" / "make_week_golden.py"
)
assert _spec and _spec.loader
make_golden = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(make_golden)

WEDNESDAY = "2026-03-04"
MORNINGS = [{"weekday": d, "time": "08:10"} for d in range(5)]


def nugget(id_: str, minutes: int = 7, **extra: Any) -> dict[str, Any]:
    base = {"id": id_, "title": id_.upper(), "minutes": minutes, "skill": "feedback"}
    return {**base, "skill_name": "Feedback", "level": 1, **extra}


def plan(nuggets: list[dict[str, Any]], **fields: Any) -> WeekPlan:
    situation = {"today": WEDNESDAY, "nuggets": nuggets, **fields.pop("situation", {})}
    ask = {"situation": situation, "slots": MORNINGS, "now_time": "07:00", **fields}
    return week_plan(ask_from(ask))


def chunk_lines(p: WeekPlan) -> list[str]:
    return [
        f"{c.day} {c.time} {c.state} " + "+".join(x.id or "reviews" for x in c.picks)
        for c in p.chunks
    ]


def test_the_golden_file_is_what_the_rules_give_now():
    committed = make_golden.GOLDEN.read_text()
    assert make_golden.render(make_golden.golden()) == committed, (
        "the week plan changed: look, then run scripts/make_week_golden.py"
    )
    cases = json.loads(committed)["cases"]
    assert len(cases) >= 200
    for case in cases[:40]:
        assert week_dict(week_plan(ask_from(case["ask"]))) == case["plan"]


def test_a_chain_unlocks_day_by_day_and_weekends_have_no_slots():
    chain = [nugget("a"), nugget("b", prerequisites=["a"]), nugget("c", prerequisites=["b"])]
    assert chunk_lines(plan(chain)) == [
        "2026-03-04 08:10 planned a",
        "2026-03-05 08:10 planned b",
        "2026-03-06 08:10 planned c",
        "2026-03-09 08:10 clear ",
        "2026-03-10 08:10 clear ",
    ]


def test_a_missed_slot_rolls_forward_without_a_trace():
    # At 08:30 the 08:10 slot is over: what it held moves to the next slot, and the
    # plan never mentions the slot that passed.
    later = plan([nugget("a"), nugget("b")], now_time="08:30")
    assert chunk_lines(later)[:2] == ["2026-03-05 08:10 planned a", "2026-03-06 08:10 planned b"]
    assert all(c.day != WEDNESDAY for c in later.chunks)


def test_the_days_goal_frees_its_later_slots():
    twice = [*MORNINGS, {"weekday": 2, "time": "17:45"}]
    p = plan([nugget("a", 10), nugget("b", 5)], slots=twice, goal_minutes=10)
    assert chunk_lines(p)[:3] == [
        "2026-03-04 08:10 planned a",
        "2026-03-04 17:45 free ",
        "2026-03-05 08:10 planned b",
    ]
    done = plan([nugget("a")], slots=twice, done_minutes=10)
    assert [c.state for c in done.chunks[:2]] == ["free", "free"]


def test_a_nugget_longer_than_the_goal_is_still_planned():
    p = plan([nugget("big", 15)], goal_minutes=10)
    assert chunk_lines(p)[0] == "2026-03-04 08:10 planned big"
    assert p.chunks[0].minutes == 15
    assert p.later == ()


def test_reviews_are_carried_until_a_slot_takes_them():
    p = plan([], situation={"reviews_due": 30}, goal_minutes=5, reviews_ahead={"2026-03-05": 3})
    # 40 % of 5 minutes is 4 reviews a slot; the rest wait, and Thursday adds 3.
    firsts = [c.picks[0].reason for c in p.chunks]
    assert firsts[:2] == ["4 of 30 reviews due", "4 of 29 reviews due"]


def test_what_no_slot_holds_is_left_for_later_in_cohort_order():
    many = [nugget(f"n{i}", 10, position=i) for i in range(8)]
    p = plan(many, goal_minutes=10)
    assert [c.picks[0].id for c in p.chunks] == ["n0", "n1", "n2", "n3", "n4"]
    assert p.later == ("n5", "n6", "n7")


def test_no_slots_plans_nothing():
    p = plan([nugget("a")], slots=[])
    assert p.chunks == () and p.later == ("a",)


@pytest.mark.parametrize(
    "change",
    [
        {"now_time": "8:10"},
        {"now_time": "24:00"},
        {"slots": [{"weekday": 7, "time": "08:00"}]},
        {"slots": [{"weekday": 1}]},
        {"goal_minutes": 0},
        {"done_minutes": -1},
        {"reviews_ahead": {"2026-02-30": 1}},
        {"reviews_ahead": {"2026-03-05": -1}},
        {"surprise": 1},
    ],
)
def test_malformed_asks_are_refused(change: dict[str, Any]):
    ask = {"situation": {"today": WEDNESDAY}, "slots": MORNINGS, "now_time": "07:00"}
    with pytest.raises(ValueError):
        ask_from({**ask, **change})
