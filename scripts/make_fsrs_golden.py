"""Write tests/fixtures/fsrs_golden.json: review histories replayed by py-fsrs.

The phone's scheduler (assets/js/mm-fsrs.js) is a port of py-fsrs's `review_card` for
the app's one configuration (`mmapp.reviews.scheduler.SCHEDULER`); these vectors are
the contract between the two (tests/js/fsrs.test.js). The histories come from a seeded
generator, so the file is the same on every run: a pytest test regenerates it in
memory and compares, so a py-fsrs upgrade that changes behaviour fails loudly.

Four sets (each history row: `columns`):
- `histories`: reviews on local dates, quantised to noon UTC as the app does;
- `timed`: reviews at arbitrary instants, so the port's whole-24-hour elapsed days
  (`timedelta.days`) are pinned too;
- `intervals`: [stability, days] from py-fsrs's `_next_interval`, most of them on a
  tie (k + 0.5 days), where Python's round-half-even differs from `Math.round`;
- `recall`: [stability, elapsed days, retrievability] from `get_card_retrievability`.

Run `.venv/bin/python scripts/make_fsrs_golden.py` after a deliberate change.
"""

from __future__ import annotations

import datetime as dt
import json
import pathlib
import random

from fsrs import Card, Rating

from mmapp.reviews.scheduler import SCHEDULER, review_datetime

ROOT = pathlib.Path(__file__).resolve().parents[1]
GOLDEN = ROOT / "tests" / "fixtures" / "fsrs_golden.json"
SEED = 20260312
HISTORIES = 1000
TIMED = 200
START = dt.date(2024, 1, 1)
# Mostly binary feedback (Again/Good), some explicit Easy, a little Hard.
RATINGS = (Rating.Again, Rating.Hard, Rating.Good, Rating.Easy)
WEIGHTS = (0.3, 0.07, 0.5, 0.13)
COLUMNS = ["at", "rating", "stability", "difficulty", "due"]


def _gap(rng: random.Random, card: Card | None, last: dt.datetime) -> int:
    """Days to the next review: same day, around the due date, or anything to 400."""
    kind = rng.random()
    if kind < 0.12:
        return 0
    if kind < 0.6 and card is not None:
        due_in = (card.due - last).days
        return max(0, due_in + rng.randint(-3, 6))
    return rng.randint(1, 400)


def _row(at: str, rating: Rating, card: Card, due: str) -> list:
    return [at, int(rating), card.stability, card.difficulty, due]


def _history(rng: random.Random, *, timed: bool) -> list[list]:
    length = rng.randint(1, 15 if timed else 30)
    on = START + dt.timedelta(days=rng.randint(0, 730))
    at = review_datetime(on)
    if timed:
        at = dt.datetime.combine(on, dt.time(), tzinfo=dt.UTC)
        at += dt.timedelta(seconds=rng.randint(0, 86399))
    card: Card | None = None
    rows = []
    for _ in range(length):
        if card is not None:
            at += dt.timedelta(days=_gap(rng, card, at))
            if timed:  # a few hours either way: elapsed days then hinge on whole 24 h
                at += dt.timedelta(seconds=rng.randint(-6 * 3600, 6 * 3600))
                at = max(at, card.last_review or at)
        rating = rng.choices(RATINGS, WEIGHTS)[0]
        # `due` given so that py-fsrs does not read the wall clock.
        card, _ = SCHEDULER.review_card(card or Card(card_id=0, due=at), rating, at)
        if timed:
            rows.append(_row(_iso(at), rating, card, _iso(card.due)))
        else:
            rows.append(_row(at.date().isoformat(), rating, card, card.due.date().isoformat()))
    return rows


def _iso(moment: dt.datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def _intervals(rng: random.Random) -> list[list]:
    stabilities = [k + 0.5 for k in range(400)] + [rng.uniform(0.001, 500) for _ in range(100)]
    # A private method, on purpose: the tie cases cannot be reached through reviews.
    return [[s, SCHEDULER._next_interval(stability=s)] for s in stabilities]


def _recall(rng: random.Random) -> list[list]:
    rows = []
    for _ in range(300):
        stability, days = rng.uniform(0.001, 400), rng.randint(0, 800)
        last = review_datetime(START)
        card = Card(card_id=0, stability=stability, difficulty=5.0, due=last, last_review=last)
        later = last + dt.timedelta(days=days)
        rows.append([stability, days, SCHEDULER.get_card_retrievability(card, later)])
    return rows


def golden() -> dict:
    """The golden vectors, built from the seed.

    Returns:
        The fixture's content: the configuration, columns and both sets of histories.

    """
    rng = random.Random(SEED)  # noqa: S311 (reproducible test data, not secrets)
    return {
        "about": "py-fsrs review_card vectors; written by scripts/make_fsrs_golden.py",
        "scheduler": SCHEDULER.to_dict(),
        "columns": COLUMNS,
        "histories": [_history(rng, timed=False) for _ in range(HISTORIES)],
        "timed": [_history(rng, timed=True) for _ in range(TIMED)],
        "intervals": _intervals(rng),
        "recall": _recall(rng),
    }


def render(data: dict) -> str:
    """The fixture as text: one history per line, floats at repr precision.

    Args:
        data: What `golden` returns.

    Returns:
        The JSON text written to the fixture.

    """
    sets = [k for k, v in data.items() if isinstance(v, list) and k != "columns"]
    lines = [f"  {json.dumps(k)}: {json.dumps(v)}" for k, v in data.items() if k not in sets]
    for key in sets:
        rows = ",\n".join(f"    {json.dumps(h, separators=(',', ':'))}" for h in data[key])
        lines.append(f"  {json.dumps(key)}: [\n{rows}\n  ]")
    return "{\n" + ",\n".join(lines) + "\n}\n"


if __name__ == "__main__":
    GOLDEN.write_text(render(golden()))
    print(f"wrote {GOLDEN.relative_to(ROOT)} ({GOLDEN.stat().st_size} bytes)")
