"""Content down by cursor: the learner's nuggets changed since a server cursor, paged.

A cursor is opaque to devices. It holds the content sequence number and release
watermark the device has fully applied; an intermediate page also holds the target
it is paging towards and the last nugget id sent. Anything unreadable means a full
resync (`reset: true`): the device replaces its set with what follows.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import uuid

from sqlmodel import Session, col, select

from mmapp.content import sanitize
from mmapp.content.assignments import given_nuggets, learner_assignments
from mmapp.content.nuggets import current_content_seq
from mmapp.credentials.ledger import credentials_of
from mmapp.models import Nugget, NuggetRevision, User, utcnow
from mmapp.progress.projections import compute_progress
from mmapp.reviews.device_cards import cards_since
from mmapp.schemas import DeviceAssignment, DeviceNugget, NuggetSnapshot, ProgressOut, PullOut
from mmapp.teachback.views import colleagues_of, for_device

# Bumped when what devices store changes shape (c2: nugget parts as sanitised HTML):
# a device holding an older cursor then resyncs everything in the new shape.
CURSOR_PREFIX = "c2"


@dataclasses.dataclass(frozen=True)
class Cursor:
    """Where a device is: `seq`/`released_ms` applied, paging towards `to_*` after `after`."""

    seq: int = 0
    released_ms: int = 0
    to_seq: int | None = None
    to_released_ms: int | None = None
    after: str = ""

    def encode(self) -> str:
        """Serialise to the opaque token devices store."""
        parts = [CURSOR_PREFIX, str(self.seq), str(self.released_ms)]
        if self.to_seq is not None:
            parts += [str(self.to_seq), str(self.to_released_ms), self.after]
        return ".".join(parts)

    @classmethod
    def decode(cls, token: str | None) -> Cursor | None:
        """Parse a token; None for anything unknown or out of range (the caller resyncs).

        This is the one place a cursor is read: every number must be plain ASCII
        digits within what the database and `datetime` can hold, so a hostile or
        corrupted cursor means a full resync, never an overflow further down.
        """
        if not token:
            return None
        parts = token.split(".")
        if parts[0] != CURSOR_PREFIX or len(parts) not in (3, 6):
            return None
        bounded = [_bounded(p, limit) for p, limit in zip(parts[1:5], _LIMITS, strict=False)]
        numbers = [n for n in bounded if n is not None]
        if len(numbers) != len(bounded):
            return None
        if len(parts) == 3:
            return cls(numbers[0], numbers[1])
        try:
            uuid.UUID(parts[5])
        except ValueError:
            return None
        return cls(numbers[0], numbers[1], numbers[2], numbers[3], parts[5])


# Content sequence numbers fit a signed 64-bit column; release watermarks are
# milliseconds before the year 3000 (far past any real release, well inside datetime).
_MAX_SEQ = 2**53
_MAX_RELEASED_MS = 32_503_680_000_000
_LIMITS = (_MAX_SEQ, _MAX_RELEASED_MS, _MAX_SEQ, _MAX_RELEASED_MS)


def _bounded(text: str, limit: int) -> int | None:
    if not (text.isascii() and text.isdigit()) or len(text) > len(str(limit)):
        return None
    value = int(text)
    return value if value <= limit else None


def _ms(moment: dt.datetime) -> int:
    return int(moment.timestamp() * 1000)


def _progress(session: Session, user: User, now: dt.datetime) -> ProgressOut:
    """The learner's progress, with their credentials and teach-backs (and whom to ask)."""
    progress = compute_progress(session=session, user=user, now=now)
    return progress.model_copy(
        update={
            "credentials": credentials_of(session=session, user=user),
            "teachbacks": for_device(session=session, user=user),
            "colleagues": colleagues_of(session=session, user=user),
        }
    )


def pull(
    *,
    session: Session,
    user: User,
    cursor_token: str | None,
    page_size: int,
    now: dt.datetime | None = None,
    reviews_after: int | None = None,
) -> PullOut:
    """One page of content changes for `user` since `cursor_token`.

    Args:
        session: A transaction (read-only is fine).
        user: The learner.
        cursor_token: The cursor the device holds, or None.
        page_size: Most nuggets per page.
        now: The server's time (the clock seam's if None).
        reviews_after: The reviews version the device holds (None: send every card).

    Returns:
        The page: `nuggets`, `tombstones`, `cursor`, `has_more`, `reset`, and on the
        last page `progress` and the review cards changed since `reviews_after`.

    """
    now = now or utcnow()
    cursor = Cursor.decode(cursor_token)
    # A join or leave since the cursor also resyncs: the set of cohorts changed.
    reset = (
        cursor is None
        or (cursor.seq == 0 and cursor.released_ms == 0)
        or user.memberships_seq > cursor.seq
    )
    cursor = cursor or Cursor()
    to_seq = cursor.to_seq if cursor.to_seq is not None else current_content_seq(session=session)
    to_ms = cursor.to_released_ms if cursor.to_released_ms is not None else _ms(now)
    to_moment = dt.datetime.fromtimestamp(to_ms / 1000, dt.UTC)

    assignments = learner_assignments(session=session, user_id=user.id)
    ids = {a.nugget_id for a in assignments}
    nuggets = {n.id: n for n in session.exec(select(Nugget).where(col(Nugget.id).in_(ids)))}
    given = given_nuggets(session=session, user_id=user.id, now=to_moment, assignments=assignments)
    changed: set[uuid.UUID] = set()
    for a in assignments:
        released_by_target = _ms(a.release_at) <= to_ms
        released_now = cursor.released_ms < _ms(a.release_at) and released_by_target
        # An edit to a not-yet-released assignment is invisible to devices: it arrives
        # through `released_now` when its time comes (no tombstone leaks its id).
        gone = a.removed_at is not None or a.recalled_at is not None
        touched = a.change_seq > cursor.seq and (released_by_target or gone)
        if touched or released_now:
            changed.add(a.nugget_id)
    released = {a.nugget_id for a in assignments if _ms(a.release_at) <= to_ms}
    changed |= {n.id for n in nuggets.values() if n.change_seq > cursor.seq and n.id in released}
    if reset:
        changed = set(given)
    ordered = sorted(str(n) for n in changed if str(n) > cursor.after)
    page, more = ordered[:page_size], len(ordered) > page_size

    out_nuggets: list[DeviceNugget] = []
    tombstones: list[uuid.UUID] = []
    for key in page:
        nugget_id = uuid.UUID(key)
        g = given.get(nugget_id)
        if g is None:
            tombstones.append(nugget_id)
            continue
        revision = session.exec(
            select(NuggetRevision).where(
                NuggetRevision.nugget_id == nugget_id,
                NuggetRevision.version == g.nugget.version,
            )
        ).one()
        assignment = DeviceAssignment(release_at=g.release_at, due_at=g.due_at, position=g.position)
        snapshot = NuggetSnapshot.model_validate(revision.snapshot)
        out_nuggets.append(sanitize.for_device(snapshot, assignment))

    if more:
        next_cursor = Cursor(cursor.seq, cursor.released_ms, to_seq, to_ms, page[-1])
    else:
        next_cursor = Cursor(to_seq, to_ms)
        # Paging ran towards a target fixed on its first page; anything published or
        # released since then is one (small) pull away, so ask for it in this sync.
        more = cursor.to_seq is not None and (
            current_content_seq(session=session) > to_seq
            or any(to_ms < _ms(a.release_at) <= _ms(now) for a in assignments)
        )
    down = None if more else cards_since(session=session, user=user, after=reviews_after)
    return PullOut(
        reset=reset and cursor.after == "",
        nuggets=out_nuggets,
        tombstones=tombstones,
        cursor=next_cursor.encode(),
        has_more=more,
        progress=None if more else _progress(session, user, now),
        reviews=None if down is None else down.cards,
        reviews_version=None if down is None else down.version,
        reviews_full=None if down is None else down.full,
    )
