"""Checks on one learner event: its fingerprint and whether its payload fits."""

from __future__ import annotations

import hashlib
import json
from typing import Any

from mmapp.schemas import EventIn


def fingerprint(device_id: str, event: EventIn) -> str:
    """A stable hash of everything an event says, to tell resends from reuse."""
    body = {
        "device_id": device_id,
        "device_seq": event.device_seq,
        "type": event.type,
        "nugget_id": str(event.nugget_id),
        "nugget_version": event.nugget_version,
        "payload": event.payload,
        "client_ts": event.client_ts.isoformat(),
    }
    canonical = json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode()).hexdigest()


def payload_problem(event: EventIn, snapshot: dict[str, Any], max_chars: int) -> str | None:
    """Return why a payload does not fit its event type and nugget version, or None."""
    payload = event.payload
    if len(json.dumps(payload)) > max_chars + 200:
        return "payload_too_large"
    if event.type in ("nugget_started", "nugget_completed"):
        return None if payload == {} else "unexpected_payload"
    if event.type == "step_done":
        step = payload.get("step")
        ok = (
            isinstance(step, int)
            and not isinstance(step, bool)
            and set(payload) == {"step"}
            and 0 <= step < len(snapshot["practice_steps"])
        )
        return None if ok else "unknown_step"
    items = {item["id"]: item for item in snapshot["quiz"]}
    item = items.get(str(payload.get("item_id")))
    if item is None:
        return "unknown_quiz_item"
    if event.type == "review_too_easy":
        return None if set(payload) == {"item_id"} else "unexpected_payload"
    answer = payload.get("answer")
    if not isinstance(answer, dict) or set(payload) - {"item_id", "answer", "correct"}:
        return "malformed_answer"
    if item["kind"] == "short_answer":
        text = answer.get("text")
        return None if isinstance(text, str) and set(answer) == {"text"} else "malformed_answer"
    choices = answer.get("choices")
    if set(answer) != {"choices"} or not isinstance(choices, list) or not choices:
        return "malformed_answer"
    valid = all(isinstance(c, int) and 0 <= c < len(item["options"]) for c in choices)
    return None if valid else "choice_out_of_range"
