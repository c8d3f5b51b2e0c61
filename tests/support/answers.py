"""A learner's answers stored the way a phone's push stores them, at chosen times.

Tests that need review cards push quiz answers, reviews and completions through
`mmapp.sync.ingest.apply_batch` with the FixedClock standing at each answer's time,
so the cards are the ones ingest keeps (no hand-made rows).
"""

from __future__ import annotations

import datetime as dt
import itertools
import uuid
from typing import Any

from sqlmodel import Session, select

from mmapp import accounts
from mmapp.clock import FixedClock
from mmapp.demo.history import answer_payload
from mmapp.models import Assignment, Nugget, NuggetRevision, User
from mmapp.schemas import EventIn
from mmapp.sync import ingest

DEVICE = "answers-test-phone"


def backdate_releases(session: Session) -> None:
    """Release every assignment long ago (the demo drips into the future)."""
    for a in session.exec(select(Assignment)):
        a.release_at = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
        session.add(a)
    session.flush()


def quiz_of(session: Session, nugget: Nugget) -> list[dict[str, Any]]:
    """The published quiz of a nugget's current version."""
    revision = session.exec(
        select(NuggetRevision).where(
            NuggetRevision.nugget_id == nugget.id, NuggetRevision.version == nugget.version
        )
    ).one()
    return list(revision.snapshot["quiz"])


def answer_of(item: dict[str, Any], right: bool) -> dict[str, Any]:
    """An answer to a published quiz item, right or wrong (as the demo history makes)."""
    return dict(answer_payload(item, right)["answer"])


class Learner:
    """One learner's phone: numbers its events and pushes them at the clock's time."""

    def __init__(self, session: Session, user: User, clock: FixedClock, device: str = DEVICE):
        """Register the phone (`device`) for `user`."""
        self.session, self.user, self.clock, self.device = session, user, clock, device
        accounts.register_device(session=session, user=user, device_id=device)
        self._seq = itertools.count(1)

    def _event(self, nugget: Nugget, type_: str, payload: dict[str, Any], at: dt.datetime):
        return EventIn(
            event_id=uuid.uuid4(),
            device_seq=next(self._seq),
            type=type_,
            nugget_id=nugget.id,
            nugget_version=nugget.version,
            payload=payload,
            client_ts=at,
        )

    def push(self, at: dt.datetime, events: list[EventIn]) -> None:
        """Store events as received at `at` (the clock moves there)."""
        self.clock.set(at)
        out = ingest.apply_batch(
            session=self.session, user=self.user, device_id=self.device, events=events
        )
        assert {r.status for r in out.results} == {"applied"}, out

    def finish(self, nugget: Nugget, at: dt.datetime, *, right: bool = True) -> None:
        """Answer every quiz item (right or wrong) and complete the nugget, at `at`."""
        events = [
            self._event(
                nugget, "quiz_answered", {"item_id": i["id"], "answer": answer_of(i, right)}, at
            )
            for i in quiz_of(self.session, nugget)
        ]
        self.push(at, [*events, self._event(nugget, "nugget_completed", {}, at)])

    def review(
        self, nugget: Nugget, at: dt.datetime, *, right: bool = True, items: int | None = None
    ) -> None:
        """Answer the nugget's first `items` quiz items (all) in a review session, at `at`."""
        quiz = quiz_of(self.session, nugget)[:items]
        self.push(
            at,
            [
                self._event(
                    nugget,
                    "review_answered",
                    {"item_id": i["id"], "answer": answer_of(i, right)},
                    at,
                )
                for i in quiz
            ],
        )
