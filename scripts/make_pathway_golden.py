"""Write tests/fixtures/pathway_golden.json: situations and the pathway Python ranks.

The phone's pathway (assets/js/mm-pathway.js) is a twin of `mmapp.skills.pathway.rank`;
these vectors are the contract between the two (tests/js/pathway.test.js checks every
case exactly). A few named edge cases come first (ties, everything locked, no time,
only reviews, all done, target below the current level, no targets, a year boundary),
then situations from a seeded generator, so the file is the same on every run: a pytest
test (tests/unit/domains/test_pathway.py) regenerates it in memory and compares.

Run `.venv/bin/python scripts/make_pathway_golden.py` after a deliberate rule change.
"""

from __future__ import annotations

import datetime as dt
import json
import pathlib
import random
from typing import Any

from mmapp.skills import pathway_dict, rank, situation_from

ROOT = pathlib.Path(__file__).resolve().parents[1]
GOLDEN = ROOT / "tests" / "fixtures" / "pathway_golden.json"
SEED = 20261130
GENERATED = 240
SKILLS = (("feedback", "Feedback"), ("asking", "Asking questions"), ("listening", "Listening"))
MINUTES = (0, 5, 10, 15)


def _nugget(id_: str, title: str, **extra: Any) -> dict[str, Any]:
    base = {"id": id_, "title": title, "minutes": 5, "skill": "feedback"}
    return {**base, "skill_name": "Feedback", "level": 1, **extra}


def named() -> list[tuple[str, dict[str, Any]]]:
    """Hand-made situations for the edges the issue names.

    Returns:
        (name, situation dict) pairs.

    """

    def on(**fields: Any) -> dict[str, Any]:
        return {"today": "2026-03-04", **fields}  # a Wednesday

    three = [_nugget(f"n{i}", f"Nugget {i}", position=1) for i in (3, 1, 2)]
    chain = [
        _nugget("a", "Name the behaviour"),
        _nugget("b", "Add the impact", prerequisites=["a"], position=1),
        _nugget("c", "Ask for a next step", prerequisites=["a", "b"], position=2),
    ]
    cycle = [_nugget("x", "X", prerequisites=["y"]), _nugget("y", "Y", prerequisites=["x"])]
    below = {"feedback": {"current": 3, "target": 1}}
    untargeted = {"feedback": {"current": 1, "target": None}}
    two = {"feedback": {"current": 1, "target": 3}, "asking": {"current": 0, "target": 1}}
    asking = _nugget("q", "Ask", skill="asking", skill_name="Asking questions")
    old = _nugget("o", "Old", due_on="2026-12-29")
    return [
        ("ties break by position then id", on(nuggets=three)),
        ("a chain: one open, two locked", on(nuggets=chain)),
        ("everything locked", on(nuggets=cycle)),
        ("no time for anything", on(minutes=5, nuggets=[_nugget("big", "Big", minutes=10)])),
        ("only reviews", on(minutes=10, reviews_due=12)),
        ("reviews with no limit", on(reviews_due=7, nuggets=chain)),
        ("one review", on(minutes=5, reviews_due=1)),
        ("not even one review fits", on(minutes=1, reviews_due=3, review_seconds=30)),
        ("no reviews", on(minutes=15, nuggets=three)),
        ("all done", on(reviews_due=2, nuggets=[{**n, "done": True} for n in chain])),
        ("target below current level", on(skills=below, nuggets=three)),
        (
            "two gaps, the bigger first",
            on(skills=two, nuggets=[asking, _nugget("f", "Tell", level=2)]),
        ),
        ("no targets", on(skills=untargeted, nuggets=three)),
        ("overdue across a year", {"today": "2027-01-02", "nuggets": [old]}),
        ("empty", on()),
    ]


def _situation(rng: random.Random) -> dict[str, Any]:
    today = dt.date(2026, 1, 1) + dt.timedelta(days=rng.randint(-5, 400))
    skills = {}
    for slug, _ in rng.sample(SKILLS, rng.choice((0, 1, 2, 3, 3, 3))):
        current = rng.choice((0, 0, 1, 1, 2, 3, 4))
        target = None if rng.random() < 0.2 else rng.randint(0, 4)
        skills[slug] = {"current": current, "target": target}
    nuggets: list[dict[str, Any]] = []
    for i in range(rng.randint(0, 9)):
        slug, name = rng.choice(SKILLS)
        earlier = [n["id"] for n in nuggets]
        prerequisites = []
        if rng.random() < 0.4:
            prerequisites = rng.sample(earlier, rng.randint(0, min(2, len(earlier))))
        due = None
        if rng.random() < 0.3:
            due = (today + dt.timedelta(days=rng.randint(-6, 8))).isoformat()
        nuggets.append(
            {
                "id": f"{rng.choice('abcdef')}{i}",
                "title": f"Nugget {i}",
                "minutes": rng.choice((5, 5, 7, 10, 12, 15)),
                "skill": slug,
                "skill_name": name,
                "level": rng.randint(1, 4),
                "prerequisites": prerequisites,
                "done": rng.random() < 0.25,
                "due_on": due,
                "position": rng.randint(0, 4),
            }
        )
    rng.shuffle(nuggets)
    started = rng.choice(nuggets)["id"] if nuggets and rng.random() < 0.4 else None
    return {
        "today": today.isoformat(),
        "minutes": rng.choice(MINUTES) if rng.random() < 0.9 else rng.randint(1, 30),
        "nuggets": nuggets,
        "skills": skills,
        "reviews_due": 0 if rng.random() < 0.35 else rng.randint(1, 40),
        "review_seconds": 30 if rng.random() < 0.85 else rng.choice((20, 45, 90)),
        "started": started,
    }


def golden() -> dict[str, Any]:
    """The golden vectors: each situation with the pathway Python ranks for it.

    Returns:
        The fixture's content.

    """
    rng = random.Random(SEED)  # noqa: S311 (reproducible test data, not secrets)
    cases = [*named(), *((f"generated {i}", _situation(rng)) for i in range(GENERATED))]
    return {
        "about": "mmapp.skills.pathway.rank vectors; written by scripts/make_pathway_golden.py",
        "cases": [
            {"name": name, "situation": s, "pathway": pathway_dict(rank(situation_from(s)))}
            for name, s in cases
        ],
    }


def render(data: dict[str, Any]) -> str:
    """The fixture as text: one case per line.

    Args:
        data: What `golden` returns.

    Returns:
        The JSON text written to the fixture.

    """
    rows = ",\n".join(
        f"    {json.dumps(c, separators=(',', ':'), ensure_ascii=False)}" for c in data["cases"]
    )
    return "{\n" + f'  "about": {json.dumps(data["about"])},\n  "cases": [\n{rows}\n  ]\n' + "}\n"


if __name__ == "__main__":
    GOLDEN.write_text(render(golden()))
    print(f"wrote {GOLDEN.relative_to(ROOT)} ({GOLDEN.stat().st_size} bytes)")
