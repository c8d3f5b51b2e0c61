"""Fuzz tier: schema-driven requests with real ids get past validation and never get a 5xx.

Every operation of the OpenAPI document (read from the app, so new routes are fuzzed
without touching this file) gets `MM_FUZZ_EXAMPLES` requests on a freshly seeded
database: callers of every kind, real ids, versions, slugs, cursors and message ids
mixed with hostile values (see `strategies.py`). The only acceptable answers are
2xx, and 4xx with `{"error", "reason"}`; how many reached a 2xx is printed at the end
of the run. Derandomized, so CI runs the same requests every time (MM_FUZZ_SEED=<n>
searches other ones).

SQLite by default (the API tier already runs everything on both databases); set
MM_FUZZ_POSTGRES=1 to fuzz on PostgreSQL as well.
"""

from __future__ import annotations

import dataclasses
import json
import os
from typing import Any

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, Phase, given, seed, settings

from mmapp.api import create_api
from tests.fuzz import stats
from tests.fuzz.real_values import Values
from tests.fuzz.strategies import Request, Schemas, requests
from tests.fuzz.world import World

# Per operation; 200 keeps the tier near two minutes on SQLite on a 2-core machine.
EXAMPLES = int(os.environ.get("MM_FUZZ_EXAMPLES", "200"))
# CI sends the same requests every run; MM_FUZZ_SEED=<n> searches elsewhere (bug hunts).
SEED = os.environ.get("MM_FUZZ_SEED")
METHODS = {"get", "put", "post", "patch", "delete", "head", "options"}


@dataclasses.dataclass(frozen=True)
class Operation:
    """One method on one path of the OpenAPI document."""

    method: str
    path: str
    parameters: tuple[dict[str, Any], ...]
    body_type: str | None
    body_schema: dict[str, Any] | None

    @property
    def key(self) -> str:
        """`METHOD /path`, as the summary and test ids show it."""
        return f"{self.method} {self.path}"


def operations(document: dict[str, Any]) -> list[Operation]:
    """Every operation in an OpenAPI document."""
    found = []
    for path, item in document["paths"].items():
        for method, op in item.items():
            if method not in METHODS:
                continue
            content = op.get("requestBody", {}).get("content", {})
            body_type, body = next(iter(content.items()), (None, {}))
            params = (*item.get("parameters", ()), *op.get("parameters", ()))
            found.append(Operation(method.upper(), path, params, body_type, body.get("schema")))
    return found


DOCUMENT = create_api().openapi()
OPERATIONS = operations(DOCUMENT)
stats.DOCUMENTED[0] = len(OPERATIONS)


def send(client: TestClient, req: Request) -> Any:
    """Send one drawn request; an exception escaping the app fails the test with it."""
    try:
        response = client.request(req.method, req.url, headers=req.headers, content=req.content)
    except Exception as exc:
        raise AssertionError(f"the request raised {exc!r}:\n{req.describe()}") from exc
    escaped = client.app.take()
    if escaped:
        raise AssertionError(f"an exception escaped the app:\n{escaped[0]}\nfor {req.describe()}")
    return response


def check(req: Request, response: Any) -> None:
    """2xx, or 4xx with a readable error; never 5xx."""
    stats.record(req.operation, response.status_code)
    where = f"{response.status_code} {response.text[:500]}\nfor {req.describe()}"
    assert response.status_code < 500, f"server error: {where}"
    assert 200 <= response.status_code < 300 or 400 <= response.status_code < 500, where
    if response.status_code >= 400:
        try:
            body = response.json()
        except ValueError:
            raise AssertionError(f"a 4xx that is not JSON: {where}") from None
        assert isinstance(body.get("error"), str) and body["error"], where
        assert isinstance(body.get("reason"), str) and body["reason"], where


def remember(pool: list[Any], value: Any) -> None:
    """Put `value` first in `pool`, dropping the last: pools keep their length.

    Hypothesis replays a test case by its draws; a pool that grew would make the
    same draws pick other elements with other bounds (a "flaky strategy").
    """
    pool.insert(0, value)
    pool.pop()


def learn(world: World, req: Request, response: Any) -> None:
    """Keep what a 2xx tells (new seqs, message ids, cohorts) for later requests."""
    if not 200 <= response.status_code < 300:
        return
    if req.operation.endswith("/auth/signout") and req.caller in world.tokens:
        world.refresh_token(req.caller)
    if not response.headers.get("content-type", "").startswith("application/json"):
        return
    data = response.json()
    if req.operation.endswith("/sync/push") and isinstance(req.body, dict):
        world.next_seq[req.body["device_id"]] = data["device_max_seq"] + 1
        for event in req.body["events"]:
            remember(world.sent_events, event)
    if isinstance(data, dict) and isinstance(data.get("message_id"), str):
        remember(world.messages, data["message_id"])
    if req.operation == "POST /api/v1/coach/cohorts":
        remember(world.cohorts, data["id"])
    if req.operation == "POST /api/v1/mentoring/requests":
        remember(world.requests, data["id"])
    if req.operation == "POST /api/v1/mentoring/requests/{request_id}/book":
        remember(world.sessions, data["id"])


def test_every_operation_in_the_document_is_fuzzed():
    fresh = create_api().openapi()
    count = sum(1 for item in fresh["paths"].values() for m in item if m in METHODS)
    assert len(OPERATIONS) == count == len({op.key for op in OPERATIONS})
    assert count >= 39  # the document has not lost its routes


@pytest.mark.parametrize("operation", OPERATIONS, ids=lambda op: op.key)
def test_no_request_gets_a_server_error(fuzz, operation):
    client, world = fuzz
    schemas = Schemas(DOCUMENT.get("components", {}).get("schemas", {}), Values(world))
    before = stats.two_xx(stats.STATUSES[operation.key])

    @settings(
        max_examples=EXAMPLES,
        derandomize=SEED is None,
        database=None,
        deadline=None,
        phases=[Phase.explicit, Phase.generate, Phase.shrink],
        suppress_health_check=list(HealthCheck),
    )
    @given(requests(operation, schemas, world))
    def fuzz_operation(req: Request) -> None:
        response = send(client, req)
        check(req, response)
        learn(world, req, response)

    if SEED is not None:
        fuzz_operation = seed(int(SEED))(fuzz_operation)

    with stats.Timer(operation.key):
        fuzz_operation()
    reached = stats.two_xx(stats.STATUSES[operation.key]) - before
    counts = json.dumps(dict(stats.STATUSES[operation.key]))
    if EXAMPLES >= 100:  # a short run only reports; at CI's size every operation gets through
        assert reached > 0, f"no request to {operation.key} got past validation: {counts}"
