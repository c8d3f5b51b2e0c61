"""The group committer against a real database (SQLite and Postgres)."""

from __future__ import annotations

import asyncio
import concurrent.futures

import pytest
import sqlalchemy as sa

from mmapp.errors import UnavailableError, ValidationError
from mmapp.sync.group_commit import GroupCommitter

_META = sa.MetaData()
_PROBE = sa.Table(
    "group_commit_probe",
    _META,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("value", sa.String(40), unique=True, nullable=False),
)


@pytest.fixture
def probe(engine):
    _META.create_all(engine)
    yield engine
    _META.drop_all(engine)


def _stored(engine) -> list[str]:
    with engine.connect() as connection:
        return sorted(connection.execute(sa.select(_PROBE.c.value)).scalars())


def _run(coroutine_fn):
    """Run a coroutine on a fresh event loop in its own thread (the test thread may
    already run one, e.g. after Playwright's sync API)."""
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coroutine_fn()).result(timeout=60)


def _insert_each(group_sizes: list[int]):
    """An apply_group that stores each item's value; "refuse" items are refused alone."""

    def apply_group(session, items):
        group_sizes.append(len(items))
        outcomes = []
        for item in items:
            if item.startswith("refuse"):
                outcomes.append(ValueError(f"{item} is refused"))
                continue
            session.connection().execute(_PROBE.insert(), {"value": item})
            outcomes.append(f"stored {item}")
        return outcomes

    return apply_group


def test_concurrent_requests_share_transactions_and_each_gets_its_own_answer(probe):
    sizes: list[int] = []
    committer = GroupCommitter(_insert_each(sizes), max_group=16)

    async def burst():
        return await asyncio.gather(
            *(committer.run(f"item-{i:02d}") for i in range(40)), return_exceptions=True
        )

    answers = _run(burst)
    assert answers == [f"stored item-{i:02d}" for i in range(40)]
    assert _stored(probe) == [f"item-{i:02d}" for i in range(40)]
    assert sum(sizes) == 40 and max(sizes) > 1 and max(sizes) <= 16
    assert len(sizes) < 40  # grouped: fewer transactions than requests


def test_a_refused_item_fails_alone(probe):
    committer = GroupCommitter(_insert_each([]))
    outcomes = committer.apply(["a", "refuse-b", "c"])
    assert outcomes[0] == "stored a" and outcomes[2] == "stored c"
    assert isinstance(outcomes[1], ValueError)
    assert _stored(probe) == ["a", "c"]


def test_a_database_conflict_reruns_each_item_alone(probe):
    """A unique-key race aborts the group; each item then runs in its own transaction."""
    sizes: list[int] = []
    committer = GroupCommitter(_insert_each(sizes))
    assert committer.apply(["taken"]) == ["stored taken"]
    sizes.clear()
    outcomes = committer.apply(["x", "taken", "y"])
    assert outcomes[0] == "stored x" and outcomes[2] == "stored y"
    assert isinstance(outcomes[1], UnavailableError)
    assert _stored(probe) == ["taken", "x", "y"]
    assert sizes == [3, 1, 1, 1, 1, 1]  # the group, x, taken three times, y


def test_errors_reach_only_their_own_caller(probe):
    committer = GroupCommitter(_insert_each([]))

    async def both():
        return await asyncio.gather(
            committer.run("fine"), committer.run("refuse-me"), return_exceptions=True
        )

    fine, refused = _run(both)
    assert fine == "stored fine"
    assert isinstance(refused, ValueError) and "refuse-me" in str(refused)


def _raising_for(marker: str, group_sizes: list[int]):
    """An apply_group that *raises* (a bug, or a value the database refuses) on `marker`."""
    store = _insert_each(group_sizes)

    def apply_group(session, items):
        if any(item == marker for item in items):
            group_sizes.append(len(items))
            raise KeyError(f"{marker} broke the group")
        return store(session, items)

    return apply_group


def test_an_exception_from_one_item_fails_that_item_alone(probe):
    sizes: list[int] = []
    committer = GroupCommitter(_raising_for("boom", sizes))
    outcomes = committer.apply(["a", "boom", "c"])
    assert outcomes[0] == "stored a" and outcomes[2] == "stored c"
    assert isinstance(outcomes[1], KeyError)
    assert _stored(probe) == ["a", "c"]
    assert sizes == [3, 1, 1, 1]  # the group, then each item alone


def test_a_value_the_database_cannot_bind_is_a_validation_error_for_that_item(probe):
    def apply_group(session, items):
        for item in items:  # a dict cannot be bound to a text column on either database
            value = {"not": "text"} if item == "odd" else item
            session.connection().execute(_PROBE.insert(), {"value": value})
        return [f"stored {item}" for item in items]

    outcomes = GroupCommitter(apply_group).apply(["a", "odd", "c"])
    assert outcomes[0] == "stored a" and outcomes[2] == "stored c"
    assert isinstance(outcomes[1], ValidationError) and outcomes[1].status == 422
    assert outcomes[1].code == "unstorable_value"
    assert _stored(probe) == ["a", "c"]


def test_concurrent_callers_of_a_broken_group_each_get_their_own_answer(probe):
    committer = GroupCommitter(_raising_for("boom", []), max_group=32)

    async def burst():
        items = [f"ok-{i:02d}" for i in range(20)]
        items[7] = items[13] = "boom"
        return items, await asyncio.gather(
            *(committer.run(i) for i in items), return_exceptions=True
        )

    items, answers = _run(burst)
    for item, answer in zip(items, answers, strict=True):
        if item == "boom":
            assert isinstance(answer, KeyError)
        else:
            assert answer == f"stored {item}"
    assert _stored(probe) == sorted(i for i in items if i != "boom")
