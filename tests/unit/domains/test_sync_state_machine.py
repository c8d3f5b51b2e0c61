"""A Hypothesis state machine of the sync protocol against the real services.

Three devices of one learner answer offline and sync through a flaky network:
requests dropped, responses dropped after the server committed, batches delivered
twice, server restarts (a new engine on the same database file) and new content
versions published meanwhile, and days passing between answers and reviews.
Invariants: no event lost, none duplicated, no valid event rejected, cursors never
move back, the stored review cards always equal a replay of the log (whichever
device's answers arrived first), and once the network is good every device
converges to the server's projection and review schedule.
"""

from __future__ import annotations

import datetime as dt
import functools
import itertools
import os
import shutil
import tempfile
import uuid
from pathlib import Path

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, precondition, rule
from sqlmodel import Session, select

from mmapp import accounts, content
from mmapp.clock import FixedClock, get_clock
from mmapp.db import create_schema, make_engine
from mmapp.demo.seed import DEMO_LEARNER, seed_demo
from mmapp.models import Assignment, LearnerEvent, Nugget, User, utcnow
from mmapp.progress.projections import compute_progress
from mmapp.reviews import cards
from mmapp.schemas import EventIn, PushOut
from mmapp.sync import changes, ingest
from mmapp.sync.changes import Cursor

DEVICES = ("device-aaaa", "device-bbbb", "device-cccc")
BATCH = 7
PAGE = 5


class Device:
    """What a phone holds: outbox, nuggets by id, cursor, its sequence counter."""

    def __init__(self, device_id: str) -> None:
        self.id = device_id
        self.seq = 0
        self.outbox: dict[str, dict] = {}
        self.nuggets: dict[str, dict] = {}
        self.cursor: str | None = None
        self.cursor_marks: list[tuple[int, int]] = []
        self.progress: dict | None = None
        self.reviews: dict[str, dict] = {}
        self.reviews_version: int | None = None
        self.sent_batches: list[list[dict]] = []


@functools.cache
def template_database() -> Path:
    """Seed once; every example starts from a copy (same ids, so draws replay)."""
    path = Path(tempfile.mkdtemp()) / "template.db"
    engine = make_engine(f"sqlite:///{path}")
    create_schema(engine)
    with Session(engine) as s:
        seed_demo(session=s)
        for a in s.exec(select(Assignment)):
            a.release_at -= dt.timedelta(minutes=1)
            s.add(a)
        user = s.exec(select(User).where(User.email == DEMO_LEARNER[0])).one()
        for device_id in DEVICES:
            accounts.register_device(session=s, user=user, device_id=device_id)
        s.commit()
    engine.dispose()
    return path


class SyncProtocol(RuleBasedStateMachine):
    @initialize()
    def start_server(self) -> None:
        self.folder = Path(tempfile.mkdtemp())
        shutil.copy(template_database(), self.folder / "sync.db")
        self.url = f"sqlite:///{self.folder / 'sync.db'}"
        self.engine = make_engine(self.url)
        with Session(self.engine) as s:
            self.user_id = s.exec(select(User.id).where(User.email == DEMO_LEARNER[0])).one()
        self.devices = [Device(d) for d in DEVICES]
        self.generated: dict[str, dict] = {}  # every event any device ever made
        self.acknowledged: set[str] = set()

    def teardown(self) -> None:
        self.engine.dispose()
        shutil.rmtree(self.folder, ignore_errors=True)

    # --- server side ---------------------------------------------------------
    def _session(self) -> Session:
        return Session(self.engine, expire_on_commit=False)

    def _user(self, s: Session) -> User:
        return s.get(User, self.user_id)

    def _deliver(self, device: Device, batch: list[dict]):
        """The server receives `batch` from `device` and commits it."""
        with self._session() as s:
            out = ingest.apply_batch(
                session=s,
                user=self._user(s),
                device_id=device.id,
                events=[EventIn(**e) for e in batch],
            )
            s.commit()
        return out

    @rule(days=st.sampled_from([1, 1, 2, 5, 20]))
    def days_pass(self, days: int) -> None:
        clock = get_clock()
        assert isinstance(clock, FixedClock)
        clock.advance(dt.timedelta(days=days, hours=3))

    @rule()
    def server_restarts(self) -> None:
        self.engine.dispose()
        self.engine = make_engine(self.url)

    @rule(index=st.integers(0, 11), retract=st.booleans())
    def coordinator_publishes_a_new_version(self, index: int, retract: bool) -> None:
        with self._session() as s:
            nuggets = list(s.exec(select(Nugget).order_by(Nugget.slug)))
            nugget = nuggets[index]
            if retract and index == 11:
                content.retract(session=s, nugget=nugget)
            elif nugget.status.value == "published":
                nugget.title = f"{nugget.title.split(' (v')[0]} (v{nugget.version + 1})"
                content.publish(session=s, nugget=nugget)
            s.commit()

    # --- device side -------------------------------------------------------------
    @precondition(lambda self: any(d.nuggets for d in self.devices))
    @rule(data=st.data())
    def learner_answers_offline(self, data) -> None:
        device = data.draw(st.sampled_from([d for d in self.devices if d.nuggets]))
        nugget = data.draw(
            st.sampled_from(sorted(device.nuggets.values(), key=lambda n: n["slug"]))
        )
        kind = data.draw(
            st.sampled_from(
                [
                    "nugget_started",
                    "step_done",
                    "quiz_answered",
                    "nugget_completed",
                    "review_answered",
                    "review_answered",
                    "review_too_easy",
                ]
            )
        )
        payload: dict = {}
        if kind == "step_done":
            payload = {"step": data.draw(st.integers(0, len(nugget["practice_steps"]) - 1))}
        elif kind == "review_too_easy":
            payload = {"item_id": data.draw(st.sampled_from(nugget["quiz"]))["id"]}
        elif kind in ("quiz_answered", "review_answered"):
            item = data.draw(st.sampled_from(nugget["quiz"]))
            if item["kind"] == "short_answer":
                answer = {"text": data.draw(st.sampled_from(["n", "per what", "axis", "x"]))}
            else:
                answer = {"choices": [data.draw(st.integers(0, len(item["options"]) - 1))]}
            payload = {"item_id": item["id"], "answer": answer}
        device.seq += 1
        clock_skew = data.draw(st.sampled_from([0, -86400, 86400, -3600 * 30]))
        event = {
            "event_id": str(uuid.uuid4()),
            "device_seq": device.seq,
            "type": kind,
            "nugget_id": nugget["id"],
            "nugget_version": nugget["version"],
            "payload": payload,
            "client_ts": (utcnow() + dt.timedelta(seconds=clock_skew)).isoformat(),
        }
        device.outbox[event["event_id"]] = event
        self.generated[event["event_id"]] = event

    @rule(index=st.integers(0, 2), drop_request=st.booleans(), drop_response=st.booleans())
    def device_pushes(self, index: int, drop_request: bool, drop_response: bool) -> None:
        device = self.devices[index]
        batch = sorted(device.outbox.values(), key=lambda e: e["device_seq"])[:BATCH]
        if not batch or drop_request:
            return
        out = self._deliver(device, batch)
        device.sent_batches.append(batch)
        statuses = {str(r.event_id): r for r in out.results}
        assert all(r.status != "rejected" for r in out.results), out.results
        self.acknowledged |= set(statuses)
        if drop_response:
            return
        for event_id in statuses:
            device.outbox.pop(event_id, None)

    @rule(
        indexes=st.lists(st.integers(0, 2), min_size=2, max_size=5),
        drop_response=st.booleans(),
    )
    def devices_push_at_the_same_moment(self, indexes: list[int], drop_response: bool) -> None:
        """Several pushes reach the server together and commit as one group.

        A device listed twice sends the same batch twice (a retry racing the first
        attempt): the later copy must find every event of the earlier one stored.
        """
        pushes = []
        for index in indexes:
            device = self.devices[index]
            batch = sorted(device.outbox.values(), key=lambda e: e["device_seq"])[:BATCH]
            if batch:
                pushes.append((device, batch))
        if not pushes:
            return
        with self._session() as s:
            outcomes = ingest.apply_batches(
                session=s,
                batches=[
                    ingest.Batch(self.user_id, d.id, [EventIn(**e) for e in b]) for d, b in pushes
                ],
            )
            s.commit()
        first_copy: set[tuple[str, str]] = set()
        for (device, batch), out in zip(pushes, outcomes, strict=True):
            assert isinstance(out, PushOut), out
            assert all(r.status != "rejected" for r in out.results), out.results
            if (device.id, str(batch[0]["event_id"])) in first_copy:
                assert {r.status for r in out.results} == {"duplicate"}
            first_copy.add((device.id, str(batch[0]["event_id"])))
            device.sent_batches.append(batch)
            self.acknowledged |= {str(r.event_id) for r in out.results}
            if not drop_response:
                for r in out.results:
                    device.outbox.pop(str(r.event_id), None)

    @precondition(lambda self: any(d.sent_batches for d in self.devices))
    @rule(data=st.data())
    def network_delivers_an_old_batch_again(self, data) -> None:
        device = data.draw(st.sampled_from([d for d in self.devices if d.sent_batches]))
        batch = data.draw(st.sampled_from(device.sent_batches))
        out = self._deliver(device, batch)
        assert {r.status for r in out.results} == {"duplicate"}

    @rule(index=st.integers(0, 2), drop_page=st.one_of(st.none(), st.integers(0, 3)))
    def device_pulls(self, index: int, drop_page: int | None) -> None:
        device = self.devices[index]
        for page in range(50):
            with self._session() as s:
                data = changes.pull(
                    session=s,
                    user=self._user(s),
                    cursor_token=device.cursor,
                    page_size=PAGE,
                    reviews_after=device.reviews_version,
                ).model_dump(mode="json")  # as the device receives it
            if page == drop_page:
                return  # response lost: the cursor stays where it was
            if data["reset"]:
                device.nuggets.clear()
            device.nuggets.update({n["id"]: n for n in data["nuggets"]})
            for gone in data["tombstones"]:
                device.nuggets.pop(gone, None)
            device.cursor = data["cursor"]
            decoded = Cursor.decode(data["cursor"])
            device.cursor_marks.append((decoded.seq, decoded.released_ms))
            if not data["has_more"]:
                device.progress = data["progress"]
                if data["reviews_full"]:
                    device.reviews = {}
                device.reviews.update({c["item_id"]: c for c in data["reviews"]})
                device.reviews_version = data["reviews_version"]
                return
        raise AssertionError("pull never finished")

    # --- invariants -------------------------------------------------------------
    @invariant()
    def nothing_duplicated_nothing_invented(self) -> None:
        with self._session() as s:
            stored = [str(e) for e in s.exec(select(LearnerEvent.event_id))]
        assert len(stored) == len(set(stored))
        assert set(stored) <= set(self.generated)
        assert self.acknowledged <= set(stored)  # acknowledged means stored

    @invariant()
    def stored_cards_are_a_replay_of_the_log(self) -> None:
        with self._session() as s:
            user = self._user(s)
            stored = [
                c.model_dump(exclude={"version"}) for c in cards.cards_of(session=s, user=user)
            ]
            assert stored == [c.model_dump(exclude={"version"}) for c in cards.replayed(s, user)]

    @invariant()
    def cursors_never_move_back(self) -> None:
        for device in self.devices:
            marks = device.cursor_marks
            assert all(a[0] <= b[0] and a[1] <= b[1] for a, b in itertools.pairwise(marks))

    def _drain(self) -> None:
        # Every device pushes all it holds; then every device syncs once more.
        for index, device in enumerate(self.devices):
            for _ in range(1000):
                if not device.outbox:
                    break
                self.device_pushes(index, False, False)
        for index in range(len(self.devices)):
            self.device_pulls(index, None)

    @rule()
    def network_recovers_and_everyone_converges(self) -> None:
        self._drain()
        with self._session() as s:
            user = self._user(s)
            stored = {str(e) for e in s.exec(select(LearnerEvent.event_id))}
            truth = compute_progress(session=s, user=user).model_dump(mode="json")
            live = changes.pull(session=s, user=user, cursor_token=None, page_size=100).model_dump(
                mode="json"
            )
        assert stored == set(self.generated)  # no event lost
        expected = {n["id"]: n["version"] for n in live["nuggets"]}
        for device in self.devices:
            assert not device.outbox
            assert {i: n["version"] for i, n in device.nuggets.items()} == expected
            assert device.progress["completed"] == truth["completed"]
            assert device.progress["scores"] == truth["scores"]
            assert device.progress["streak"] == truth["streak"]
            # The same schedule everywhere, though each phone got only what changed.
            assert sorted(device.reviews.values(), key=lambda c: c["item_id"]) == live["reviews"]


SyncProtocol.TestCase.settings = settings(
    max_examples=int(os.environ.get("MM_SYNC_EXAMPLES", "30")),
    stateful_step_count=25,
    deadline=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)
test_sync_protocol = SyncProtocol.TestCase
