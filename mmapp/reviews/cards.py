"""Each learner's review cards in the database: kept current at ingest, rebuilt from the log.

A card row (`ReviewCard`) is a projection, never the truth. Ingest folds every
stored answer into its card in the same transaction (`note_events`), so a pull reads
about one row per item instead of replaying a year of answers. `rebuild` derives
the same rows from the event log alone; a row computed in another timezone or
under another FSRS configuration is rebuilt rather than trusted.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Iterable, Mapping
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, col, select

from mmapp.db import table_of
from mmapp.models import LearnerEvent, NuggetRevision, ReviewCard, User
from mmapp.reviews.days import (
    ANSWER_TYPES,
    CARD_TYPES,
    DayRecord,
    Signal,
    derive,
    fold,
    records,
    signal_of,
)
from mmapp.reviews.scheduler import SCHEDULE_VERSION, CardState, card_id

_EVENTS = table_of(LearnerEvent)
_REVISIONS = table_of(NuggetRevision)
# A learner's events of some types, in log order, as plain rows (cheaper than ORM
# objects for a year of answers). Progress reads the log through it too.
LEARNER_LOG = (
    sa.select(
        _EVENTS.c.event_id,
        _EVENTS.c.type,
        _EVENTS.c.nugget_id,
        _EVENTS.c.nugget_version,
        _EVENTS.c.payload,
        _EVENTS.c.client_ts,
        _EVENTS.c.received_at,
    )
    .where(
        _EVENTS.c.user_id == sa.bindparam("user_id"),
        _EVENTS.c.type.in_(sa.bindparam("types", expanding=True)),
    )
    .order_by(_EVENTS.c.seq)
)
_SNAPSHOTS = sa.select(_REVISIONS.c.nugget_id, _REVISIONS.c.version, _REVISIONS.c.snapshot).where(
    _REVISIONS.c.nugget_id.in_(sa.bindparam("nugget_ids", expanding=True))
)

Snapshots = Mapping[tuple[uuid.UUID, int], Mapping[str, Any]]


def _state_json(state: CardState | None) -> dict[str, Any] | None:
    if state is None:
        return None
    return {
        "stability": state.stability,
        "difficulty": state.difficulty,
        "due_on": state.due_on.isoformat(),
        "last_review_on": state.last_review.date().isoformat(),
        "reps": state.reps,
    }


def _set_days(card: ReviewCard, days: list[DayRecord], timezone: str) -> None:
    derived = derive(card_id(card.user_id, card.item_id), days)
    now = derived.card
    card.days = [dict(d) for d in days]
    card.timezone, card.schedule = timezone, SCHEDULE_VERSION
    card.reps = now.reps if now else 0
    card.stability = now.stability if now else None
    card.difficulty = now.difficulty if now else None
    card.due_on = now.due_on if now else None
    card.last_review_on = now.last_review.date() if now else None
    card.best_interval = derived.best_interval
    card.prev = _state_json(derived.before_last)


def _fold_all(
    user_id: uuid.UUID, signals: Iterable[Signal], timezone: str, cards: dict[uuid.UUID, ReviewCard]
) -> list[ReviewCard]:
    """Fold signals into `cards` (by item id, added to as needed); returns those changed."""
    days: dict[uuid.UUID, list[DayRecord]] = {}
    for signal in signals:
        card = cards.get(signal.item_id)
        if card is None:
            card = ReviewCard(
                user_id=user_id,
                item_id=signal.item_id,
                nugget_id=signal.nugget_id,
                timezone=timezone,
                schedule=SCHEDULE_VERSION,
            )
            cards[signal.item_id] = card
        current = days.get(signal.item_id) or records(card.days)
        days[signal.item_id] = fold(current, signal)
        card.nugget_id = signal.nugget_id
    for item_id, folded in days.items():
        _set_days(cards[item_id], folded, timezone)
    return [cards[i] for i in days]


def _log_signals(session: Session, user: User) -> list[Signal]:
    connection = session.connection()
    events = [
        dict(r._mapping)
        for r in connection.execute(LEARNER_LOG, {"user_id": user.id, "types": sorted(CARD_TYPES)})
    ]
    nugget_ids = list({e["nugget_id"] for e in events})
    snaps = {
        (r.nugget_id, r.version): r.snapshot
        for r in connection.execute(_SNAPSHOTS, {"nugget_ids": nugget_ids})
    }
    signals = (
        signal_of(e, snaps.get((e["nugget_id"], e["nugget_version"])), user.timezone)
        for e in events
    )
    return [s for s in signals if s is not None]


def _bump(session: Session, user_id: uuid.UUID) -> int:
    """Take the learner's next reviews version (an atomic increment, row-locked)."""
    users = table_of(User)
    return int(
        session.execute(
            sa.update(users)
            .where(users.c.id == user_id)
            .values(reviews_version=users.c.reviews_version + 1)
            .returning(users.c.reviews_version)
        ).scalar_one()
    )


def replayed(session: Session, user: User) -> list[ReviewCard]:
    """A learner's cards derived from the event log alone (not stored).

    Returns:
        New, unsaved rows, ordered by item id.

    """
    cards: dict[uuid.UUID, ReviewCard] = {}
    _fold_all(user.id, _log_signals(session, user), user.timezone, cards)
    return [cards[k] for k in sorted(cards)]


def rebuild(*, session: Session, user: User) -> list[ReviewCard]:
    """Make a learner's stored cards equal to ones derived from the log.

    Ingest calls it for a learner whose cards were never computed or are stale;
    `mmapp rebuild-reviews` for everyone after the configuration changes.

    Returns:
        The learner's rows after the rebuild, ordered by item id.

    """
    stored = {
        c.item_id: c for c in session.exec(select(ReviewCard).where(ReviewCard.user_id == user.id))
    }
    fresh = {c.item_id: c for c in replayed(session, user)}
    version = _bump(session, user.id)
    for card in fresh.values():
        card.version = version
    for item_id, card in stored.items():
        if item_id not in fresh:
            session.delete(card)
    for item_id, card in fresh.items():
        kept = stored.get(item_id)
        if kept is None:
            session.add(card)
            continue
        kept.nugget_id, kept.version = card.nugget_id, version
        _set_days(kept, records(card.days), user.timezone)
        fresh[item_id] = kept
    session.flush()
    return [fresh[k] for k in sorted(fresh)]


def stale(card: ReviewCard, user: User) -> bool:
    """Whether a stored card was computed in another timezone or configuration."""
    return card.timezone != user.timezone or card.schedule != SCHEDULE_VERSION


def cards_of(*, session: Session, user: User) -> list[ReviewCard]:
    """A learner's cards as they are now, ordered by item id.

    Stored rows are used when they were computed in the learner's timezone under
    this configuration; otherwise, or when this learner's cards were never computed
    (answers from before cards existed), the cards are replayed from the log (not
    stored: this may run in a read-only transaction; the next answer, or `mmapp
    rebuild-reviews`, stores them).
    """
    rows = list(
        session.exec(
            select(ReviewCard)
            .where(ReviewCard.user_id == user.id)
            .order_by(col(ReviewCard.item_id))
        )
    )
    if user.reviews_version == 0 or any(stale(r, user) for r in rows):
        return replayed(session, user)
    return rows


def cards_of_users(*, session: Session, people: Mapping[uuid.UUID, User]) -> list[ReviewCard]:
    """Many learners' cards: stored rows in one query, each learner's read as `cards_of` would.

    A learner whose rows are stale, or whose cards were never computed
    (`reviews_version` 0), is replayed from the log (one more query for them), so a
    coordinator sees what the learner's own Progress shows.
    """
    by_user: dict[uuid.UUID, list[ReviewCard]] = defaultdict(list)
    if people:
        for row in session.exec(select(ReviewCard).where(col(ReviewCard.user_id).in_(people))):
            by_user[row.user_id].append(row)
    # Learners never computed who have answers (one query, read from the database: a
    # version bumped by Core UPDATE is not on the ORM objects).
    answers = (
        select(LearnerEvent.user_id)
        .join(User, col(User.id) == col(LearnerEvent.user_id))
        .where(col(User.id).in_(people), User.reviews_version == 0)
        .where(col(LearnerEvent.type).in_(CARD_TYPES))
    )
    answered = set(session.exec(answers.distinct())) if people else set()
    out: list[ReviewCard] = []
    for uid, user in people.items():
        mine = by_user.get(uid, [])
        stale_rows = uid in answered or any(stale(c, user) for c in mine)
        out += replayed(session, user) if stale_rows else mine
    return out


def note_events(*, session: Session, rows: list[dict[str, Any]], snapshots: Snapshots) -> None:
    """Fold just-stored events into their learners' cards, in the same transaction.

    Args:
        session: The write transaction the events were inserted in.
        rows: The inserted events' columns (`user_id` and those `signal_of` reads).
        snapshots: Published versions by (nugget id, version), covering the rows.

    """
    relevant = [r for r in rows if r["type"] in CARD_TYPES]
    if not relevant:
        return
    users = {
        u.id: u
        for u in session.exec(
            select(User).where(col(User.id).in_({r["user_id"] for r in relevant}))
        )
    }
    by_user: dict[uuid.UUID, list[Signal]] = defaultdict(list)
    for r in relevant:
        user = users[r["user_id"]]
        signal = signal_of(r, snapshots.get((r["nugget_id"], r["nugget_version"])), user.timezone)
        if signal is not None:
            by_user[user.id].append(signal)
    # In id order: two writers bumping overlapping learners' versions never deadlock.
    for user_id, signals in sorted(by_user.items()):
        user = users[user_id]
        if user.reviews_version == 0:  # never computed: older answers may exist
            rebuild(session=session, user=user)
            continue
        item_ids = {s.item_id for s in signals}
        stored = {
            c.item_id: c
            for c in session.exec(
                select(ReviewCard).where(
                    ReviewCard.user_id == user_id, col(ReviewCard.item_id).in_(item_ids)
                )
            )
        }
        if any(stale(c, user) for c in stored.values()):
            rebuild(session=session, user=user)
            continue
        changed = _fold_all(user_id, signals, user.timezone, stored)
        version = _bump(session, user_id)
        for card in changed:
            card.version = version
        session.add_all(changed)
    session.flush()


__all__ = [
    "ANSWER_TYPES",
    "CARD_TYPES",
    "LEARNER_LOG",
    "cards_of",
    "note_events",
    "rebuild",
    "replayed",
    "stale",
]
