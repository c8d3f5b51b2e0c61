"""Write tests/fixtures/week_golden.json: week asks and the plan Python makes for them.

The phone's week plan (assets/js/mm-week.js) is a twin of `mmapp.skills.week.week_plan`;
these vectors are the contract between the two (tests/js/week.test.js checks every case
exactly). Named edge cases come first (no slots, a slot just started, a slot just over,
the goal already met today, only reviews, a nugget longer than the goal, a chain that
unlocks day by day, reviews falling due later, everything done), then asks from a
seeded generator built on the pathway's own situation generator, so the file is the
same on every run: tests/unit/domains/test_week_plan.py regenerates it and compares.

Run `.venv/bin/python scripts/make_week_golden.py` after a deliberate rule change.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import pathlib
import random
from typing import Any

from mmapp.skills import ask_from, week_dict, week_plan

ROOT = pathlib.Path(__file__).resolve().parents[1]
GOLDEN = ROOT / "tests" / "fixtures" / "week_golden.json"
SEED = 20261201
GENERATED = 200
_spec = importlib.util.spec_from_file_location(
    "make_pathway_golden", ROOT / "scripts" / "make_pathway_golden.py"
)
assert _spec and _spec.loader
pathway_golden = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(pathway_golden)
nugget = pathway_golden._nugget

WEEKDAYS_AT_8 = [{"weekday": d, "time": "08:10"} for d in range(5)]
COMMUTES = [*WEEKDAYS_AT_8, *({"weekday": d, "time": "17:45"} for d in range(5))]


def named() -> list[tuple[str, dict[str, Any]]]:
    """Hand-made asks for the edges the rules name.

    Returns:
        (name, ask dict) pairs.

    """
    chain = [
        nugget("a", "Name the behaviour", minutes=7),
        nugget("b", "Add the impact", prerequisites=["a"], position=1, minutes=7),
        nugget("c", "Ask for a next step", prerequisites=["b"], position=2, minutes=7),
    ]

    def ask(**fields: Any) -> dict[str, Any]:
        situation = {"today": "2026-03-04", "nuggets": chain, **fields.pop("situation", {})}
        return {"situation": situation, "slots": WEEKDAYS_AT_8, "now_time": "07:00", **fields}

    return [
        ("no slots", ask(slots=[])),
        ("a chain unlocks day by day", ask()),
        ("two commutes a day", ask(slots=COMMUTES)),
        ("a slot that started 19 minutes ago still counts", ask(now_time="08:29")),
        ("a slot that started 20 minutes ago is over", ask(now_time="08:30")),
        ("today's goal already met", ask(done_minutes=10, slots=COMMUTES)),
        ("only reviews", ask(situation={"nuggets": [], "reviews_due": 30})),
        ("reviews falling due later", ask(reviews_ahead={"2026-03-05": 4, "2026-03-07": 9})),
        (
            "a nugget longer than the goal",
            ask(situation={"nuggets": [nugget("big", "Big", minutes=15)]}),
        ),
        ("everything done", ask(situation={"nuggets": [{**n, "done": True} for n in chain]})),
        ("a time listed twice counts once", ask(slots=[*WEEKDAYS_AT_8, *WEEKDAYS_AT_8])),
        ("a weekend only", ask(slots=[{"weekday": 5, "time": "10:00"}])),
    ]


def _ask(rng: random.Random) -> dict[str, Any]:
    situation = pathway_golden._situation(rng)
    situation.pop("minutes", None)
    today = dt.date.fromisoformat(situation["today"])
    slots = [
        {
            "weekday": rng.randint(0, 6),
            "time": f"{rng.randint(0, 23):02d}:{rng.choice((0, 10, 45)):02d}",
        }
        for _ in range(rng.choice((0, 1, 3, 5, 5, 10, 14)))
    ]
    ahead = {
        (today + dt.timedelta(days=rng.randint(1, 7))).isoformat(): rng.randint(0, 12)
        for _ in range(rng.randint(0, 3))
    }
    return {
        "situation": situation,
        "slots": slots,
        "now_time": f"{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}",
        "goal_minutes": rng.choice((5, 10, 10, 15, 20, 30)),
        "done_minutes": rng.choice((0, 0, 0, 5, 12)),
        "reviews_ahead": ahead,
    }


def golden() -> dict[str, Any]:
    """The golden vectors: each ask with the week plan Python makes for it.

    Returns:
        The fixture's content.

    """
    rng = random.Random(SEED)  # noqa: S311 (reproducible test data, not secrets)
    cases = [*named(), *((f"generated {i}", _ask(rng)) for i in range(GENERATED))]
    return {
        "about": "mmapp.skills.week.week_plan vectors; written by scripts/make_week_golden.py",
        "cases": [
            {"name": n, "ask": a, "plan": week_dict(week_plan(ask_from(a)))} for n, a in cases
        ],
    }


render = pathway_golden.render

if __name__ == "__main__":
    GOLDEN.write_text(render(golden()))
    print(f"wrote {GOLDEN.relative_to(ROOT)} ({GOLDEN.stat().st_size} bytes)")
