"""The pathway: what next, in the minutes a learner has, and why.

tests/fixtures/pathway_golden.json is written by scripts/make_pathway_golden.py; here it
is regenerated and compared (a rule change must rewrite it on purpose), and the edges
are asserted one by one. tests/js/pathway.test.js runs the phone's twin on the same file.
"""

from __future__ import annotations

import importlib.util
import json
import pathlib
from typing import Any

import pytest

from mmapp.skills import Pathway, pathway_dict, rank, situation_from

ROOT = pathlib.Path(__file__).resolve().parents[3]
_spec = importlib.util.spec_from_file_location(
    "make_pathway_golden", ROOT / "scripts" / "make_pathway_golden.py"
)
assert _spec and _spec.loader
make_golden = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(make_golden)

TODAY = "2026-03-04"  # a Wednesday


def nugget(id_: str, title: str = "", **extra: Any) -> dict[str, Any]:
    base = {"id": id_, "title": title or id_.upper(), "minutes": 5, "skill": "feedback"}
    return {**base, "skill_name": "Feedback", "level": 1, **extra}


def ranked(**fields: Any) -> Pathway:
    return rank(situation_from({"today": TODAY, **fields}))


def picks(**fields: Any) -> list[tuple[str, str]]:
    return [(p.id, p.reason) for p in ranked(**fields).picks]


# Golden vectors shared with the phone ----------------------------------------------


def test_the_golden_file_is_what_the_rules_give_now():
    committed = make_golden.GOLDEN.read_text()
    assert make_golden.render(make_golden.golden()) == committed, (
        "the ranking changed: look, then run scripts/make_pathway_golden.py"
    )
    cases = json.loads(committed)["cases"]
    assert len(cases) >= 200
    assert sum(1 for c in cases if c["pathway"]["locked"]) > 20
    assert {c["situation"].get("minutes", 0) for c in cases} >= {0, 5, 10, 15}


def test_every_golden_case_round_trips_through_the_contract():
    for case in json.loads(make_golden.GOLDEN.read_text())["cases"]:
        assert pathway_dict(rank(situation_from(case["situation"]))) == case["pathway"]


# Reviews ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("minutes", "due", "want"),
    [
        (0, 12, [("", "12 reviews due")]),  # no limit: all of them
        (10, 12, [("", "8 of 12 reviews due")]),  # 40 % of 600 s = 240 s = 8 reviews
        (5, 3, [("", "3 reviews due")]),
        (5, 1, [("", "1 review due")]),
        (1, 3, []),  # 24 s: not even one 30 s review fits
        (15, 0, []),
    ],
)
def test_reviews_come_first_within_forty_percent(minutes, due, want):
    assert picks(minutes=minutes, reviews_due=due) == want


def test_reviews_take_their_seconds_from_the_budget_and_round_minutes_up():
    path = ranked(minutes=10, reviews_due=3, nuggets=[nugget("a", minutes=8)])
    assert [(p.kind, p.minutes) for p in path.picks] == [("reviews", 2), ("nugget", 8)]
    # 8 reviews take 4 of 10 minutes: a 7-minute nugget no longer fits, a 5-minute one does.
    path = ranked(minutes=10, reviews_due=20, nuggets=[nugget("a", minutes=7), nugget("b")])
    assert [(p.id, p.minutes) for p in path.picks] == [("", 4), ("b", 5)]


# Locks ------------------------------------------------------------------------------


def test_locked_nuggets_wait_apart_naming_what_they_wait_for():
    chain = [
        nugget("a", "Name the behaviour"),
        nugget("b", "Add the impact", prerequisites=["a"], position=1),
        nugget("c", "Ask for a next step", prerequisites=["b", "a"], position=2),
    ]
    path = ranked(nuggets=chain)
    assert [(p.id, p.reason) for p in path.picks] == [
        ("a", "Unlocks 'Add the impact' and 'Ask for a next step'")
    ]
    assert [(x.id, x.reason) for x in path.locked] == [
        ("b", "Unlocks after Name the behaviour"),
        ("c", "Unlocks after Name the behaviour, Add the impact"),
    ]
    chain[0]["done"] = True
    path = ranked(nuggets=chain)
    assert [p.id for p in path.picks] == ["b"]
    assert [(x.id, x.reason) for x in path.locked] == [("c", "Unlocks after Add the impact")]


def test_everything_locked_picks_nothing_but_shows_everything():
    path = ranked(nuggets=[nugget("x", prerequisites=["y"]), nugget("y", prerequisites=["x"])])
    assert path.picks == ()
    assert [x.reason for x in path.locked] == ["Unlocks after Y", "Unlocks after X"]


def test_prerequisites_the_learner_does_not_have_are_ignored():
    assert picks(nuggets=[nugget("a", prerequisites=["elsewhere"])]) == [
        ("a", "Next in your cohort's sequence")
    ]


def test_all_done_leaves_only_the_reviews():
    done = [nugget("a", done=True), nugget("b", done=True, prerequisites=["a"])]
    path = ranked(reviews_due=2, nuggets=done)
    assert [(p.kind, p.reason) for p in path.picks] == [("reviews", "2 reviews due")]
    assert path.locked == ()


# Scores and reasons -----------------------------------------------------------------


def test_due_dates_come_first_with_plain_day_names():
    nuggets = [
        nugget("later", due_on="2026-03-20"),
        nugget("fri", due_on="2026-03-06"),
        nugget("today", due_on=TODAY),
        nugget("tomorrow", due_on="2026-03-05"),
        nugget("late", due_on="2026-03-02"),
    ]
    assert picks(nuggets=nuggets) == [
        ("late", "Overdue since Mon 2 Mar"),
        ("today", "Due today"),
        ("tomorrow", "Due tomorrow"),
        ("fri", "Due Friday"),
        ("later", "Next in your cohort's sequence"),
    ]


def test_overdue_from_last_year_names_the_year():
    assert picks(today="2027-01-02", nuggets=[nugget("o", due_on="2026-12-29")]) == [
        ("o", "Overdue since Tue 29 Dec 2026")
    ]


def test_the_biggest_gap_leads_and_smaller_gaps_say_they_build_toward_the_goal():
    skills = {"feedback": {"current": 1, "target": 3}, "asking": {"current": 0, "target": 1}}
    ask = nugget("q", skill="asking", skill_name="Asking questions")
    assert picks(skills=skills, nuggets=[ask, nugget("f", level=2)]) == [
        ("f", "Biggest gap: Feedback (you 1 → target 3)"),
        ("q", "Builds toward your goal: Asking questions (you 0 → target 1)"),
    ]


def test_a_nugget_at_or_below_the_current_level_closes_no_gap():
    skills = {"feedback": {"current": 2, "target": 4}}
    assert picks(skills=skills, nuggets=[nugget("easy", level=2), nugget("step", level=3)]) == [
        ("step", "Biggest gap: Feedback (you 2 → target 4)"),
        ("easy", "Next in your cohort's sequence"),
    ]


@pytest.mark.parametrize(
    "skills",
    [{"feedback": {"current": 3, "target": 1}}, {"feedback": {"current": 1, "target": None}}, {}],
    ids=["target below level", "no target", "no audit"],
)
def test_without_a_gap_the_cohort_order_decides(skills):
    nuggets = [nugget("b", level=4, position=2), nugget("a", level=4, position=1)]
    assert picks(skills=skills, nuggets=nuggets) == [
        ("a", "Next in your cohort's sequence"),
        ("b", "Next in your cohort's sequence"),
    ]


def test_continuity_beats_the_cohort_order_but_not_a_due_date():
    nuggets = [nugget("a"), nugget("b", position=1), nugget("c", position=2, due_on="2026-03-05")]
    assert picks(started="b", nuggets=nuggets) == [
        ("c", "Due tomorrow"),
        ("b", "Pick up where you left off"),
        ("a", "Next in your cohort's sequence"),
    ]


def test_ties_break_by_position_then_id():
    nuggets = [nugget(i, position=p) for i, p in (("n3", 1), ("n1", 1), ("n2", 1), ("z", 0))]
    assert [i for i, _ in picks(nuggets=nuggets)] == ["z", "n1", "n2", "n3"]


def test_unlocks_name_what_waits_in_cohort_order():
    waiting = [nugget(f"w{i}", f"Step {i}", prerequisites=["a"], position=5 - i) for i in range(4)]
    assert picks(nuggets=[nugget("a"), *waiting]) == [("a", "Unlocks 'Step 3' and 3 more")]


# Filling the time -------------------------------------------------------------------


def test_the_time_fills_greedily_skipping_what_does_not_fit():
    nuggets = [
        nugget("big", minutes=10, due_on=TODAY),
        nugget("mid", minutes=7, position=1),
        nugget("small", minutes=5, position=2),
    ]
    assert [i for i, _ in picks(minutes=15, nuggets=nuggets)] == ["big", "small"]
    assert [i for i, _ in picks(minutes=5, nuggets=nuggets)] == ["small"]
    assert [i for i, _ in picks(minutes=0, nuggets=nuggets)] == ["big", "mid", "small"]


def test_no_time_for_anything():
    assert picks(minutes=5, nuggets=[nugget("big", minutes=10)]) == []


@pytest.mark.parametrize(
    "fields",
    [
        {"today": "soon"},
        {"today": "2026-02-30"},
        {"today": "20260304"},
        {"minutes": -1},
        {"review_seconds": 0},
        {"nuggets": [nugget("a"), nugget("a")]},
        {"nuggets": [nugget("a", due_on="Friday")]},
        {"skills": {"feedback": {"current": 5, "target": None}}},
        {"nuggets": [{"id": "a", "title": "A"}]},
        {"mood": "sunny"},
    ],
)
def test_bad_situations_are_refused(fields):
    with pytest.raises(ValueError):
        ranked(**fields)


# Languages ----------------------------------------------------------------------------


def test_reasons_are_worded_in_the_situation_language_with_its_day_names():
    nuggets = [
        nugget("fri", due_on="2026-03-06"),
        nugget("late", due_on="2026-03-02"),
        nugget("a"),
        nugget("b", prerequisites=["a"], position=1),
    ]
    german = picks(locale="de", reviews_due=3, nuggets=nuggets)
    assert german == [
        ("", "3 Wiederholungen fällig"),
        ("late", "Überfällig seit Mo., 2. März"),
        ("fri", "Fällig am Freitag"),
        ("a", "Schaltet „B“ frei"),
    ]
    gap = {"feedback": {"current": 1, "target": 3}}
    assert picks(locale="de", skills=gap, nuggets=[nugget("f", level=2)]) == [
        ("f", "Größte Lücke: Feedback (du 1 → Ziel 3)")
    ]
    assert ranked(locale="de", nuggets=nuggets).locked[0].reason == "Verfügbar nach A"
    english = picks(reviews_due=3, nuggets=nuggets)  # "en" by default: the golden words
    assert english[:3] == [
        ("", "3 reviews due"),
        ("late", "Overdue since Mon 2 Mar"),
        ("fri", "Due Friday"),
    ]
