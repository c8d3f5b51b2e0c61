"""The one FSRS configuration, the rating rule, local-day quantisation and the replay.

A card is one quiz item of one learner. Its schedule is never stored as truth: it is
replayed from the learner's answers, so the server and the phone (assets/js/mm-fsrs.js,
held to py-fsrs by tests/fixtures/fsrs_golden.json) reach the same card from the same
answers, whatever order the answers arrived in.

The rule that picks each day's rating from its answers (`rating_for` on the day's
first answer) and the order answers replay in are `mmapp.reviews.days`'s.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import zoneinfo
from collections.abc import Sequence
from dataclasses import dataclass

from fsrs import Card, Rating, Scheduler, State

# A year (py-fsrs's default is 100): a work skill unused for a year comes back for
# review, however well it was known. Changing any knob here means recomputing every
# schedule and regenerating tests/fixtures/fsrs_golden.json (and mm-fsrs.js's copy).
MAXIMUM_INTERVAL = 365
DESIRED_RETENTION = 0.9

# No learning or relearning steps: a commute app cannot bring a card back "in 10
# minutes"; the quiz's retry after feedback is the in-session relearning, not logged.
# No fuzz: py-fsrs fuzzes with the module-global random(), so replays would differ.
SCHEDULER = Scheduler(
    learning_steps=(),
    relearning_steps=(),
    enable_fuzzing=False,
    desired_retention=DESIRED_RETENTION,
    maximum_interval=MAXIMUM_INTERVAL,
)

# Names this configuration: a card stored under another name is recomputed.
SCHEDULE_VERSION = hashlib.sha256(
    repr(
        (SCHEDULER.parameters, DESIRED_RETENTION, MAXIMUM_INTERVAL, "no-steps", "no-fuzz")
    ).encode()
).hexdigest()[:12]

REVIEW_TIME = dt.time(12)  # every review counts at noon UTC of the learner's local date


@dataclass(frozen=True, slots=True)
class CardState:
    """A card after its latest review.

    Attributes:
        card_id: The card's id (`card_id`).
        state: The FSRS state (always `State.Review` with this configuration).
        stability: Days until recall drops to 90 %.
        difficulty: 1 (easy) to 10 (hard).
        due: When it is due, noon UTC of the due date.
        last_review: The latest review, noon UTC of its local date.
        reps: How many reviews were replayed.

    """

    card_id: int
    state: State
    stability: float
    difficulty: float
    due: dt.datetime
    last_review: dt.datetime
    reps: int

    @property
    def due_on(self) -> dt.date:
        """The local date the card is due on: "due today" is `due_on <= today`."""
        return self.due.date()

    def to_card(self) -> Card:
        """This state as a py-fsrs `Card`."""
        return Card(
            card_id=self.card_id,
            state=self.state,
            stability=self.stability,
            difficulty=self.difficulty,
            due=self.due,
            last_review=self.last_review,
        )


def card_id(user_id: object, item_id: object) -> int:
    """A card's id: 48 bits of SHA-256 of "user:item", the same on every run.

    py-fsrs would otherwise use the creation time in milliseconds. The id only labels
    the card (it is never a key), and 48 bits stay exact in JavaScript numbers.

    Args:
        user_id: The learner's id.
        item_id: The quiz item's id.

    Returns:
        A non-negative integer below 2**48.

    """
    digest = hashlib.sha256(f"{user_id}:{item_id}".encode()).digest()
    return int.from_bytes(digest[:6], "big")


def local_date(moment: dt.datetime, timezone: str) -> dt.date:
    """The learner's local date at an instant.

    Args:
        moment: An aware datetime.
        timezone: The learner's IANA timezone name.

    Returns:
        The calendar date there.

    """
    return moment.astimezone(zoneinfo.ZoneInfo(timezone)).date()


def review_datetime(on: dt.date) -> dt.datetime:
    """The instant a review on a local date counts at: noon UTC of that date.

    Days between reviews are then calendar days (07:50 after 08:00 the day before is a
    day later, not the same day), and a due date is a date on every device.

    Args:
        on: The learner's local date.

    Returns:
        Noon of that date, in UTC (py-fsrs insists on `datetime.timezone.utc`).

    """
    return dt.datetime.combine(on, REVIEW_TIME, tzinfo=dt.UTC)


def rating_for(*, right: bool, too_easy: bool) -> Rating:
    """The rating of a day whose first answer was `right`, marked "too easy" or not.

    Args:
        right: The day's first answer was right.
        too_easy: The learner said "Too easy" that day.

    Returns:
        `Again` when wrong (whatever the mark), else `Easy` if marked, else `Good`.

    """
    if not right:
        return Rating.Again
    return Rating.Easy if too_easy else Rating.Good


def review(card: CardState | None, cid: int, on: dt.date, rating: Rating) -> CardState:
    """Apply one review with py-fsrs.

    Args:
        card: The card before (None if never reviewed).
        cid: The card's id (used when `card` is None).
        on: The local date of the review (not before the card's last review).
        rating: The rating.

    Returns:
        The card after the review.

    Raises:
        ValueError: `on` is before the card's last review.

    """
    at = review_datetime(on)
    if card is None:
        # `due` given so that py-fsrs does not read the wall clock.
        before = Card(card_id=cid, due=at)
        reps = 0
    elif at < card.last_review:
        raise ValueError(f"review on {on} comes before the last one on {card.last_review.date()}")
    else:
        before, reps = card.to_card(), card.reps
    after, _ = SCHEDULER.review_card(before, Rating(rating), review_datetime=at)
    assert after.stability and after.difficulty and after.last_review
    return CardState(
        card_id=after.card_id,
        state=after.state,
        stability=after.stability,
        difficulty=after.difficulty,
        due=after.due,
        last_review=after.last_review,
        reps=reps + 1,
    )


def history(cid: int, reviews: Sequence[tuple[dt.date, Rating]]) -> list[CardState]:
    """Replay a card's reviews and return its state after each one.

    Two reviews on one date follow py-fsrs (short-term stability); `day_ratings` never
    gives them.

    Args:
        cid: The card's id.
        reviews: `(local_date, rating)` pairs, dates not decreasing.

    Returns:
        One state per review, the last one being the card now.

    """
    states: list[CardState] = []
    card: CardState | None = None
    for on, rating in reviews:
        card = review(card, cid, on, rating)
        states.append(card)
    return states


def replay(cid: int, reviews: Sequence[tuple[dt.date, Rating]]) -> CardState | None:
    """The card after all its reviews: a deterministic projection of them.

    Args:
        cid: The card's id.
        reviews: `(local_date, rating)` pairs, dates not decreasing.

    Returns:
        The card's state, or None when it has no reviews (never answered).

    """
    states = history(cid, reviews)
    return states[-1] if states else None


__all__ = [
    "DESIRED_RETENTION",
    "MAXIMUM_INTERVAL",
    "SCHEDULER",
    "SCHEDULE_VERSION",
    "CardState",
    "Rating",
    "State",
    "card_id",
    "history",
    "local_date",
    "rating_for",
    "replay",
    "review",
    "review_datetime",
]
