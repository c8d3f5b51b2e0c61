"""Spaced review: the rating rule, the replay, local-day quantisation and recall.

tests/fixtures/fsrs_golden.json is written by scripts/make_fsrs_golden.py with py-fsrs;
here it is regenerated and compared (a py-fsrs upgrade that changes behaviour fails),
and the app's replay is checked against it. tests/js/fsrs.test.js runs the phone's port
against the same file.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import importlib.util
import itertools
import json
import pathlib
import random
import uuid
import zoneinfo

import fsrs.card
import fsrs.scheduler
import pytest

from mmapp.reviews import recall, scheduler
from mmapp.reviews.days import Signal, fold
from mmapp.reviews.scheduler import (
    SCHEDULER,
    Rating,
    State,
    card_id,
    history,
    local_date,
    rating_for,
    replay,
    review_datetime,
)

ROOT = pathlib.Path(__file__).resolve().parents[3]
_spec = importlib.util.spec_from_file_location(
    "make_fsrs_golden", ROOT / "scripts" / "make_fsrs_golden.py"
)
assert _spec and _spec.loader
make_golden = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(make_golden)

DAY = dt.date(2026, 3, 10)
CID = card_id("learner-1", "item-1")
CARD_UI = 0xC25D909AF650  # card_id("u", "i")


ITEM, NUGGET = uuid.UUID(int=1), uuid.UUID(int=2)


def answer(
    correct: bool,
    hour: float = 8,
    *,
    on: dt.date = DAY,
    event: str = "",
    too_easy: bool = False,
) -> list[Signal]:
    """One answer (and, if `too_easy`, the learner's mark a few seconds later)."""
    at = dt.datetime.combine(on, dt.time(), tzinfo=dt.UTC) + dt.timedelta(hours=hour)
    event = event or f"e-{on}-{hour}"
    signals = [Signal(ITEM, NUGGET, on, at, event, correct)]
    if too_easy:
        later = at + dt.timedelta(seconds=5)
        signals.append(Signal(ITEM, NUGGET, on, later, f"{event}-easy", None))
    return signals


def day_ratings(answers) -> list[tuple[dt.date, Rating]]:
    """The (date, rating) pairs that folding `answers` in the given order leaves."""
    records: list = []
    for signal in itertools.chain.from_iterable(answers):
        records = fold(records, signal)
    return [
        (dt.date.fromisoformat(r["on"]), rating_for(right=r["right"], too_easy=r["easy"]))
        for r in records
        if r["right"] is not None
    ]


def rate_day(answers) -> Rating:
    """The rating of one day's answers, folded in the given order."""
    ratings = day_ratings(answers)
    if not ratings:
        raise ValueError("a day without answers has no rating")
    ((_, rating),) = ratings
    return rating


# The configuration ---------------------------------------------------------------


def test_the_one_configuration_has_no_steps_no_fuzz_and_a_year_at_most():
    config = SCHEDULER.to_dict()
    assert config["learning_steps"] == [] and config["relearning_steps"] == []
    assert config["enable_fuzzing"] is False
    assert (config["desired_retention"], config["maximum_interval"]) == (0.9, 365)


def test_card_ids_are_deterministic_48_bit_ints():
    assert card_id("u", "i") == int.from_bytes(hashlib.sha256(b"u:i").digest()[:6], "big")
    assert card_id("u", "i") == CARD_UI < 2**48  # pinned: the scheme must not drift
    assert len({card_id("u", f"item-{n}") for n in range(1000)}) == 1000
    assert replay(CID, [(DAY, Rating.Good)]).card_id == CID


# The rating rule -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("answers", "rating"),
    [
        ([answer(True)], Rating.Good),
        ([answer(False)], Rating.Again),
        ([answer(False, 8), answer(True, 8.1)], Rating.Again),  # right after a wrong try
        ([answer(True, 8), answer(False, 9)], Rating.Good),  # the first answer decides
        ([answer(True, too_easy=True)], Rating.Easy),
        ([answer(True, 8), answer(True, 9, too_easy=True)], Rating.Easy),
        ([answer(False, 8), answer(True, 9, too_easy=True)], Rating.Again),  # failure wins
    ],
    ids=[
        "right",
        "wrong",
        "right-after-wrong",
        "wrong-later",
        "too-easy",
        "too-easy-later",
        "wrong-then-too-easy",
    ],
)
def test_the_first_answer_of_the_day_rates_it(answers, rating):
    assert rate_day(answers) == rating
    assert rate_day(reversed(answers)) == rating  # arrival order does not matter


def test_hard_is_never_inferred():
    seen = set()
    for n in (1, 2, 3):
        for flags in itertools.product([False, True], repeat=2 * n):
            day = [answer(flags[2 * i], 8 + i, too_easy=flags[2 * i + 1]) for i in range(n)]
            seen.add(rate_day(day))
    assert seen == {Rating.Again, Rating.Good, Rating.Easy}


def test_a_day_without_answers_has_no_rating():
    with pytest.raises(ValueError):
        rate_day([])


def test_two_devices_on_one_day_the_earlier_answer_counts_whatever_arrives_first():
    laptop_evening = answer(False, 19, event="0000")
    phone_morning = answer(True, 7, event="ffff")  # synced later, out of a tunnel
    assert day_ratings([laptop_evening, phone_morning]) == [(DAY, Rating.Good)]
    # The same instant on both: the event id breaks the tie, the same way every time.
    a, b = answer(True, 8, event="aaaa"), answer(False, 8, event="bbbb")
    assert day_ratings([b, a]) == day_ratings([a, b]) == [(DAY, Rating.Good)]


def test_day_ratings_give_one_rating_per_local_day_in_date_order():
    later = DAY + dt.timedelta(days=3)
    answers = [
        answer(True, 9, on=later),
        answer(False, 8),
        answer(True, 10),
        answer(False, 8, on=later),
    ]
    assert day_ratings(answers) == [(DAY, Rating.Again), (later, Rating.Again)]


# The replay ----------------------------------------------------------------------


def two_devices(rng: random.Random) -> list[list[Signal]]:
    """A month of one item answered on a phone and a laptop, some days on both."""
    answers = []
    for offset in sorted(rng.sample(range(60), 12)):
        on = DAY + dt.timedelta(days=offset)
        for device in rng.sample(["phone", "laptop"], rng.randint(1, 2)):
            for k in range(rng.randint(1, 2)):
                hour = rng.choice([7, 7, 12.5, 18])  # equal times across devices, too
                event = f"{device}-{offset}-{k}-{rng.random()}"
                answers.append(answer(rng.random() < 0.7, hour + k, on=on, event=event))
    return answers


def test_replay_is_a_pure_function_of_its_input():
    reviews = day_ratings(two_devices(random.Random(1)))
    assert replay(CID, reviews) == replay(CID, list(reviews))
    assert history(CID, reviews) == history(CID, reviews)
    assert replay(CID, []) is None


def test_shuffled_answers_from_two_devices_replay_to_the_same_card():
    rng = random.Random(7)
    for _ in range(40):
        answers = two_devices(rng)
        want = replay(CID, day_ratings(answers))
        for _ in range(5):
            shuffled = rng.sample(answers, len(answers))
            assert replay(CID, day_ratings(shuffled)) == want
        assert want is not None and want.reps == len({a[0].on for a in answers})


def test_replay_never_reads_the_wall_clock(monkeypatch):
    class NoNow(dt.datetime):
        @classmethod
        def now(cls, tz=None):
            raise AssertionError("py-fsrs read the wall clock")

    monkeypatch.setattr(fsrs.card, "datetime", NoNow)
    monkeypatch.setattr(fsrs.scheduler, "datetime", NoNow)
    card = replay(CID, [(DAY, Rating.Good), (DAY + dt.timedelta(days=2), Rating.Again)])
    assert card is not None and card.state == State.Review
    assert recall.retrievability(card, DAY + dt.timedelta(days=9)) < 1


def test_a_review_cannot_go_back_in_time():
    with pytest.raises(ValueError):
        replay(CID, [(DAY, Rating.Good), (DAY - dt.timedelta(days=1), Rating.Good)])


def test_first_reviews_give_the_known_schedule():
    good = replay(CID, [(DAY, Rating.Good)])
    again = replay(CID, [(DAY, Rating.Again)])
    assert (good.stability, good.due_on) == (2.3065, DAY + dt.timedelta(days=2))
    assert (again.stability, again.due_on) == (0.212, DAY + dt.timedelta(days=1))
    second = replay(CID, [(DAY, Rating.Good), (good.due_on, Rating.Good)])
    assert second.due_on == good.due_on + dt.timedelta(days=11)
    assert second.due == review_datetime(second.due_on)


# Local-day quantisation ----------------------------------------------------------


@pytest.mark.parametrize("tz", ["Pacific/Kiritimati", "Etc/GMT+12", "Europe/London", "UTC"])
def test_2330_and_0030_the_next_local_day_are_two_days(tz):
    zone = zoneinfo.ZoneInfo(tz)
    late = dt.datetime(2026, 3, 10, 23, 30, tzinfo=zone).astimezone(dt.UTC)
    early = dt.datetime(2026, 3, 11, 0, 30, tzinfo=zone).astimezone(dt.UTC)
    assert (local_date(late, tz), local_date(early, tz)) == (DAY, DAY + dt.timedelta(days=1))
    reviews = [(local_date(late, tz), Rating.Good), (local_date(early, tz), Rating.Good)]
    card = replay(CID, reviews)
    first = replay(CID, reviews[:1])
    # A day apart, so long-term stability grows; one day would have kept it.
    assert card.stability > 1.5 * first.stability
    assert card.last_review == dt.datetime(2026, 3, 11, 12, tzinfo=dt.UTC)


def test_one_instant_is_a_different_day_for_learners_at_utc_plus_14_and_minus_12():
    moment = dt.datetime(2026, 3, 10, 11, 0, tzinfo=dt.UTC)
    assert local_date(moment, "Pacific/Kiritimati") == dt.date(2026, 3, 11)
    assert local_date(moment, "Etc/GMT+12") == dt.date(2026, 3, 9)


def test_a_morning_review_after_yesterdays_later_one_counts_a_day_apart():
    # Raw py-fsrs would call 07:50 after 08:00 the day before "0 days" (short-term).
    on = [
        local_date(dt.datetime(2026, 3, d, h, m, tzinfo=dt.UTC), "UTC")
        for d, h, m in [(10, 8, 0), (11, 7, 50)]
    ]
    quantised = replay(CID, [(on[0], Rating.Good), (on[1], Rating.Good)])
    assert quantised.stability > 2.3065
    assert review_datetime(DAY).tzinfo is dt.UTC and review_datetime(DAY).hour == 12


# Predicted recall ----------------------------------------------------------------


def test_recall_is_one_on_the_day_of_a_review_and_falls_after():
    card = replay(CID, [(DAY, Rating.Good), (DAY + dt.timedelta(days=2), Rating.Good)])
    last = card.last_review.date()
    values = [recall.retrievability(card, last + dt.timedelta(days=n)) for n in range(40)]
    assert values[0] == 1.0
    assert all(a > b for a, b in itertools.pairwise(values))
    assert abs(recall.retrievability(card, card.due_on) - 0.9) < 0.01  # due at 90 %
    assert recall.retrievability(card, last - dt.timedelta(days=3)) == 1.0
    assert recall.retrievability(None, DAY) == 0.0


# Golden vectors shared with the phone ---------------------------------------------


def test_the_golden_file_is_what_py_fsrs_gives_now():
    committed = make_golden.GOLDEN.read_text()
    assert make_golden.render(make_golden.golden()) == committed, (
        "py-fsrs or the configuration changed: look, then run scripts/make_fsrs_golden.py"
    )
    data = json.loads(committed)
    assert len(data["histories"]) >= 1000
    lengths = [len(h) for h in data["histories"]]
    assert (min(lengths), max(lengths)) == (1, 30)
    ratings = {row[1] for h in data["histories"] for row in h}
    assert ratings == {1, 2, 3, 4}
    assert len(committed.encode()) < 1_500_000


def test_the_app_replay_gives_the_golden_states_review_by_review():
    data = json.loads(make_golden.GOLDEN.read_text())
    for rows in data["histories"]:
        reviews = [(dt.date.fromisoformat(r[0]), Rating(r[1])) for r in rows]
        got = [
            [s.last_review.date().isoformat(), s.stability, s.difficulty, s.due_on.isoformat()]
            for s in history(CID, reviews)
        ]
        assert got == [[r[0], r[2], r[3], r[4]] for r in rows]


def test_the_package_exports_the_replay():
    from mmapp import reviews

    assert reviews.replay is scheduler.replay
    assert reviews.retrievability is recall.retrievability
