"""What ingest reads and decides for teach-back events, only when a group has some.

An ask needs the teacher to have completed the nugget (stored, or earlier in the
group) and a colleague (`access.ask_problem`); a confirmation needs the ask it names,
on its nugget and version, asked of this learner and not confirmed yet
(`access.confirm_problem`). The asks a group's confirmations name are read with a row
lock (in id order, after the devices): two processes confirming the same ask at once
take turns, and the second sees the first's confirmation.
"""

from __future__ import annotations

import dataclasses
import uuid
from collections import defaultdict
from collections.abc import Sequence

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from mmapp import access
from mmapp.db import table_of
from mmapp.models import CohortMembership, LearnerEvent, TeachBack
from mmapp.schemas import EventIn
from mmapp.sync.checks import TEACH_TYPES

_EVENTS = table_of(LearnerEvent)
_ASKS = table_of(TeachBack)
_MEMBERSHIPS = table_of(CohortMembership)

_LOCK_ASKS = (
    sa.select(
        _ASKS.c.ask_id,
        _ASKS.c.teacher_id,
        _ASKS.c.peer_id,
        _ASKS.c.nugget_id,
        _ASKS.c.nugget_version,
        _ASKS.c.confirm_id,
    )
    .where(_ASKS.c.ask_id.in_(sa.bindparam("ask_ids", expanding=True)))
    .order_by(_ASKS.c.ask_id)
    .with_for_update()
)
_COMPLETED = (
    sa.select(_EVENTS.c.user_id, _EVENTS.c.nugget_id)
    .where(
        _EVENTS.c.user_id.in_(sa.bindparam("user_ids", expanding=True)),
        _EVENTS.c.nugget_id.in_(sa.bindparam("nugget_ids", expanding=True)),
        _EVENTS.c.type == "nugget_completed",
    )
    .distinct()
)
_COHORTS = sa.select(_MEMBERSHIPS.c.user_id, _MEMBERSHIPS.c.cohort_id).where(
    _MEMBERSHIPS.c.user_id.in_(sa.bindparam("user_ids", expanding=True)),
    _MEMBERSHIPS.c.left_at.is_(None),
)


@dataclasses.dataclass
class Ask:
    """What a confirmation is checked against."""

    peer_id: uuid.UUID
    nugget_id: uuid.UUID
    nugget_version: int
    confirmed: bool


@dataclasses.dataclass
class TeachReads:
    """The asks named, the completions and the cohorts a group's teach-backs need.

    Ingest notes what it stores (`note`), so later batches of the group see it.
    """

    asks: dict[uuid.UUID, Ask]
    completed: set[tuple[uuid.UUID, uuid.UUID]]
    cohorts: dict[uuid.UUID, set[uuid.UUID]]

    def problem(self, event: EventIn, user_id: uuid.UUID) -> str | None:
        """Why this learner's teach-back event may not be stored, or None."""
        payload = event.payload
        if event.type == "teachback_asked":
            if (user_id, event.nugget_id) not in self.completed:
                return "nugget_not_completed"
            return access.ask_problem(
                teacher_id=user_id,
                peer_id=uuid.UUID(payload["peer"]),
                teacher_cohorts=self.cohorts.get(user_id, set()),
                peer_cohorts=self.cohorts.get(uuid.UUID(payload["peer"]), set()),
            )
        ask = self.asks.get(uuid.UUID(payload["ask"]))
        same = ask is not None and (ask.nugget_id, ask.nugget_version) == (
            event.nugget_id,
            event.nugget_version,
        )
        if ask is None or not same:
            return "unknown_ask"
        return access.confirm_problem(user_id=user_id, peer_id=ask.peer_id, confirmed=ask.confirmed)

    def note(self, event: EventIn, user_id: uuid.UUID) -> None:
        """Remember an event just stored (an ask, a confirmation, a completion)."""
        if event.type == "nugget_completed":
            self.completed.add((user_id, event.nugget_id))
        elif event.type == "teachback_asked":
            peer = uuid.UUID(event.payload["peer"])
            self.asks[event.event_id] = Ask(peer, event.nugget_id, event.nugget_version, False)
        elif event.type == "teachback_confirmed":
            self.asks[uuid.UUID(event.payload["ask"])].confirmed = True


def _named(event: EventIn, key: str) -> uuid.UUID | None:
    try:
        return uuid.UUID(str(event.payload.get(key)))
    except ValueError:
        return None


def read_teach(
    connection: Connection, requests: Sequence[tuple[uuid.UUID, str, list[EventIn]]]
) -> TeachReads | None:
    """Read what the group's teach-back events need; None when it has none (no query)."""
    mine = [(user, e) for user, _, batch in requests for e in batch if e.type in TEACH_TYPES]
    if not mine:
        return None
    named = (_named(e, "ask") for _, e in mine if e.type == "teachback_confirmed")
    asks_named = {a for a in named if a is not None}
    asks = {
        r.ask_id: Ask(r.peer_id, r.nugget_id, r.nugget_version, r.confirm_id is not None)
        for r in (
            connection.execute(_LOCK_ASKS, {"ask_ids": sorted(asks_named)}) if asks_named else ()
        )
    }
    asking = [(user, e) for user, e in mine if e.type == "teachback_asked"]
    completed: set[tuple[uuid.UUID, uuid.UUID]] = set()
    cohorts: dict[uuid.UUID, set[uuid.UUID]] = defaultdict(set)
    if asking:
        teachers = list({user for user, _ in asking})
        params = {"user_ids": teachers, "nugget_ids": list({e.nugget_id for _, e in asking})}
        completed = {(r.user_id, r.nugget_id) for r in connection.execute(_COMPLETED, params)}
        peers = (_named(e, "peer") for _, e in asking)
        people = set(teachers) | {p for p in peers if p is not None}
        for r in connection.execute(_COHORTS, {"user_ids": list(people)}):
            cohorts[r.user_id].add(r.cohort_id)
    return TeachReads(asks, completed, dict(cohorts))


__all__ = ["Ask", "TeachReads", "read_teach"]
