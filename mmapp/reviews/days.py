"""A card's answers folded into one record per local day, and what replaying them gives.

The rule. The first answer of an item on a local day rates the day: right is Good,
wrong (even if right after feedback) is Again, since recall failed and the retry was
relearning; a right day the learner marked "Too easy" is Easy. Hard is never
inferred. A day with only a mark and no answer rates nothing.

The order. Days replay in calendar order: FSRS counts the days between reviews, and
arrival order (the server's `seq`) is useless here, since a phone offline in a
tunnel syncs its morning answer after the laptop's evening one. Within a day, the
first answer is the earliest by `at` (`clock.plausible_time`: the device's clock,
clamped to the week before the server received it, so a wrong clock can at worst
swap two answers of one day), then by event id, which makes the order total.

Folding is commutative: each day keeps its earliest answer, and "too easy" and
"came from a review" are flags that only turn on. So answers folded one at a time,
as they arrive from any device in any order, give exactly the records that folding
the whole log at once gives, and replaying the records gives the same card byte for
byte.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
import uuid
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, TypedDict

from mmapp.clock import plausible_time
from mmapp.content.grading import grade
from mmapp.reviews.scheduler import CardState, history, local_date, rating_for


class DayRecord(TypedDict):
    """One local day of one card, as stored in `ReviewCard.days` (JSON).

    Attributes:
        on: The local date, ISO (YYYY-MM-DD).
        at: The day's first answer's time, ISO in UTC; None while only a mark is known.
        event: That answer's event id.
        right: Whether it was right (None while only a mark is known).
        easy: The learner said "Too easy" that day.
        review: An answer that day came from a review session (not the nugget's quiz).

    """

    on: str
    at: str | None
    event: str | None
    right: bool | None
    easy: bool
    review: bool


ANSWER_TYPES = frozenset({"quiz_answered", "review_answered"})
# Events a card is made of: answers in a nugget's quiz or a review, and "too easy".
CARD_TYPES = ANSWER_TYPES | {"review_too_easy"}


@dataclasses.dataclass(frozen=True, slots=True)
class Signal:
    """One answer or "too easy" mark, reduced to what a card needs.

    Attributes:
        item_id: The quiz item.
        nugget_id: Its nugget.
        on: The learner's local date of it.
        at: When it most plausibly happened (aware).
        event_id: The event's id.
        right: The server's grade; None for a "too easy" mark.
        review: It came from a review session.

    """

    item_id: uuid.UUID
    nugget_id: uuid.UUID
    on: dt.date
    at: dt.datetime
    event_id: str
    right: bool | None
    review: bool = False


@dataclasses.dataclass(frozen=True, slots=True)
class Derived:
    """What replaying a card's day records gives.

    Attributes:
        card: The card now (None when no day has an answer yet).
        before_last: The card before its last rated day (None for one rated day).
        best_interval: The longest gap in days between two rated days whose later
            answer was right (0 if none).

    """

    card: CardState | None
    before_last: CardState | None
    best_interval: int


def records(stored: Iterable[Mapping[str, Any]]) -> list[DayRecord]:
    """Day records read back from JSON (`ReviewCard.days`), as typed records.

    Args:
        stored: The stored dicts, in date order.

    Returns:
        New records with exactly the `DayRecord` keys.

    """
    return [
        DayRecord(
            on=str(d["on"]),
            at=d["at"],
            event=d["event"],
            right=d["right"],
            easy=bool(d["easy"]),
            review=bool(d["review"]),
        )
        for d in stored
    ]


def signal_of(
    event: Mapping[str, Any], snapshot: Mapping[str, Any] | None, timezone: str
) -> Signal | None:
    """What one stored event tells a card, graded by the server; None if nothing.

    Args:
        event: The event's columns (`type`, `nugget_id`, `payload`, `event_id`,
            `client_ts`, `received_at`).
        snapshot: The published version it was answered on.
        timezone: The learner's timezone (the local day of the answer).

    Returns:
        The signal, or None for other event types and unknown items.

    """
    if event["type"] not in CARD_TYPES or snapshot is None:
        return None
    payload = event["payload"] or {}
    item = next((i for i in snapshot["quiz"] if i["id"] == str(payload.get("item_id"))), None)
    if item is None:
        return None
    at = plausible_time(event["client_ts"], event["received_at"])
    right = grade(item, payload.get("answer") or {}) if event["type"] in ANSWER_TYPES else None
    return Signal(
        item_id=uuid.UUID(item["id"]),
        nugget_id=event["nugget_id"],
        on=local_date(at, timezone),
        at=at,
        event_id=str(event["event_id"]),
        right=right,
        review=event["type"] == "review_answered",
    )


def _stamp(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).isoformat(timespec="microseconds")


def fold(days: Iterable[Mapping[str, Any]], signal: Signal) -> list[DayRecord]:
    """Fold one answer or mark into a card's day records.

    Args:
        days: The records so far, in date order (not changed).
        signal: The answer or mark.

    Returns:
        New records, in date order.

    """
    on = signal.on.isoformat()
    folded = records(days)
    record = next((d for d in folded if d["on"] == on), None)
    if record is None:
        record = DayRecord(on=on, at=None, event=None, right=None, easy=False, review=False)
        folded.append(record)
        folded.sort(key=lambda d: d["on"])
    if signal.right is None:
        record["easy"] = True
        return folded
    key = (_stamp(signal.at), signal.event_id)
    if record["at"] is None or key < (record["at"], record["event"] or ""):
        record["at"], record["event"], record["right"] = key[0], key[1], signal.right
    record["review"] = record["review"] or signal.review
    return folded


def derive(cid: int, days: Sequence[DayRecord]) -> Derived:
    """Replay a card's day records with the one FSRS configuration.

    Days with only a "too easy" mark and no answer are skipped: they rate nothing.

    Args:
        cid: The card's id (`scheduler.card_id`).
        days: The records, in date order.

    Returns:
        The card now, the card before its last rated day, and its best interval.

    """
    rated = [
        (dt.date.fromisoformat(d["on"]), rating_for(right=bool(d["right"]), too_easy=d["easy"]))
        for d in days
        if d["right"] is not None
    ]
    states = history(cid, rated)
    right_days = {dt.date.fromisoformat(d["on"]) for d in days if d["right"]}
    all_days = [on for on, _ in rated]
    best = 0
    for earlier, later in itertools.pairwise(all_days):
        if later in right_days:
            best = max(best, (later - earlier).days)
    return Derived(
        card=states[-1] if states else None,
        before_last=states[-2] if len(states) > 1 else None,
        best_interval=best,
    )


def last_rated(days: Sequence[DayRecord]) -> DayRecord | None:
    """The latest day record that has an answer, or None."""
    return next((d for d in reversed(days) if d["right"] is not None), None)


__all__ = [
    "ANSWER_TYPES",
    "CARD_TYPES",
    "DayRecord",
    "Derived",
    "Signal",
    "derive",
    "fold",
    "last_rated",
    "records",
    "signal_of",
]
