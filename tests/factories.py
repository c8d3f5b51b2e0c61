"""Small, valid inputs for tests to vary one field at a time."""

from __future__ import annotations

import io
import uuid
import zipfile
from typing import Any

from mmapp.schemas import EventIn, NuggetIn
from mmapp.sync.checks import payload_problem
from tests.conftest import FIXED_NOW

# A nugget version as payload checks see it: one practice step, no quiz.
SNAPSHOT: dict[str, Any] = {"practice_steps": ["p"], "quiz": []}


def nugget_fields(**over: Any) -> dict[str, Any]:
    """Fields of a minimal valid nugget, with `over` replacing any of them."""
    fields: dict[str, Any] = {
        "slug": "tiny-nugget",
        "skill": "tiny-skill",
        "title": "Tiny",
        "summary": "s",
        "minutes": 5,
        "context": "c",
        "way_in": "w",
        "practice_steps": ["p"],
        "payoff": "p",
        "quiz": [{"kind": "true_false", "prompt": "q", "correct": [0], "explanation": "e"}],
    }
    return fields | over


def nugget_in(**over: Any) -> NuggetIn:
    """A minimal valid `NuggetIn`."""
    return NuggetIn(**nugget_fields(**over))


def zip_of(files: dict[str, str]) -> bytes:
    """A zip archive holding `files` (name -> text), as an upload would bring it."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        for name, text in files.items():
            z.writestr(name, text)
    return buffer.getvalue()


def payload_problem_of(type_: str, payload: dict[str, Any]) -> str | None:
    """Why ingest would refuse an event of `type_` with `payload` (on `SNAPSHOT`), or None."""
    event = EventIn(
        event_id=uuid.uuid4(),
        device_seq=1,
        type=type_,  # type: ignore[arg-type]
        nugget_id=uuid.uuid4(),
        nugget_version=1,
        payload=payload,
        client_ts=FIXED_NOW,
    )
    return payload_problem(event, SNAPSHOT, 2000)
