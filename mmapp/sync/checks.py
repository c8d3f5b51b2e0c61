"""Checks on one learner event: its fingerprint and whether its payload fits."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from typing import Any

from pydantic import TypeAdapter

from mmapp.schemas import Day, EventIn, Moment

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
# Lengths of the learner's own words on work practice (characters).
WORK_PLAN_CHARS = 200
WORK_NOTE_CHARS = 500
# A commitment's day: the phone offers today .. today + 13; one more day for time zones.
WORK_DAYS_AHEAD = 14
WENT = ("well", "mixed", "badly")
# A teach-back's moment: within a week before the ask (one already held, noted after)
# and 30 days after it. The colleague's comment, in characters.
TEACH_DAYS_BEFORE = 7
TEACH_DAYS_AHEAD = 30
TEACH_COMMENT_CHARS = 280
TEACH_TYPES = ("teachback_asked", "teachback_confirmed")
_DAY: TypeAdapter[dt.date] = TypeAdapter(Day)
_MOMENT: TypeAdapter[dt.datetime] = TypeAdapter(Moment)


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


def _level_in(value: Any, low: int) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and low <= value <= 4


def _standing_problem(kind: str, payload: dict[str, Any]) -> str | None:
    """Why a `skill_rated` or `goal_set` payload does not fit, or None."""
    if kind == "skill_rated":
        if set(payload) != {"level"}:
            return "unexpected_payload"
        return None if _level_in(payload["level"], 0) else "level_out_of_range"
    if set(payload) != {"level", "by"}:
        return "unexpected_payload"
    if not _level_in(payload["level"], 1):
        return "level_out_of_range"
    return None if payload["by"] is None or is_day(payload["by"]) else "invalid_date"


def _text_within(value: Any, limit: int) -> bool:
    return isinstance(value, str) and len(value) <= limit


def _work_problem(kind: str, payload: dict[str, Any], made: dt.date) -> str | None:
    """Why a `work_committed` or `work_reflected` payload does not fit, or None.

    `made` is the day the event says it was made (UTC): a commitment's day is within
    a day before it (time zones) and `WORK_DAYS_AHEAD` after it.
    """
    if kind == "work_committed":
        if set(payload) != {"on", "plan"}:
            return "unexpected_payload"
        if not is_day(payload["on"]):
            return "invalid_date"
        on = dt.date.fromisoformat(payload["on"])
        if not made - dt.timedelta(days=1) <= on <= made + dt.timedelta(days=WORK_DAYS_AHEAD):
            return "date_out_of_range"
        return None if _text_within(payload["plan"], WORK_PLAN_CHARS) else "plan_too_long"
    if set(payload) != {"commitment", "tried", "went", "note"}:
        return "unexpected_payload"
    ref = payload["commitment"]
    if not _is_id(ref):
        return "invalid_commitment"
    tried, went = payload["tried"], payload["went"]
    if not isinstance(tried, bool):
        return "invalid_tried"
    # How it went is asked only of a learner who tried it.
    if (went is None) == tried or (went is not None and went not in WENT):
        return "invalid_went"
    return None if _text_within(payload["note"], WORK_NOTE_CHARS) else "note_too_long"


def _is_id(value: Any) -> bool:
    return isinstance(value, str) and _UUID.fullmatch(value) is not None


def moment_of(value: Any) -> dt.datetime | None:
    """An ISO 8601 moment with an offset, in UTC; None for anything else."""
    if not isinstance(value, str) or len(value) > 40:
        return None
    try:  # a pydantic ValidationError is a ValueError too
        return _MOMENT.validate_python(value)
    except ValueError:
        return None


def _teach_problem(kind: str, payload: dict[str, Any], made: dt.datetime) -> str | None:
    """Why a `teachback_asked` or `teachback_confirmed` payload does not fit, or None.

    `made` is when the event says it was made: an ask's moment is at most
    `TEACH_DAYS_BEFORE` days before it and `TEACH_DAYS_AHEAD` days after it. Who may
    ask whom, and confirm what, is checked at ingest (`mmapp.access.teachbacks`).
    """
    if kind == "teachback_asked":
        if set(payload) != {"peer", "at"}:
            return "unexpected_payload"
        if not _is_id(payload["peer"]):
            return "invalid_peer"
        at = moment_of(payload["at"])
        if at is None:
            return "invalid_moment"
        early = made - dt.timedelta(days=TEACH_DAYS_BEFORE)
        return (
            None
            if early <= at <= made + dt.timedelta(days=TEACH_DAYS_AHEAD)
            else ("moment_out_of_range")
        )
    if set(payload) != {"ask", "explained", "usable", "rating", "comment"}:
        return "unexpected_payload"
    if not _is_id(payload["ask"]):
        return "invalid_ask"
    if not isinstance(payload["explained"], bool) or not isinstance(payload["usable"], bool):
        return "invalid_answer"
    if not _level_in(payload["rating"], 1):
        return "rating_out_of_range"
    return None if _text_within(payload["comment"], TEACH_COMMENT_CHARS) else "comment_too_long"


def is_day(value: Any) -> bool:
    """Whether a value is an ISO date "YYYY-MM-DD" within the `Day` bounds."""
    if not isinstance(value, str) or not _ISO_DATE.fullmatch(value):
        return False
    try:  # a pydantic ValidationError is a ValueError too
        _DAY.validate_python(dt.date.fromisoformat(value))
    except ValueError:
        return False
    return True


def payload_problem(event: EventIn, snapshot: dict[str, Any], max_chars: int) -> str | None:
    """Return why a payload does not fit its event type and nugget version, or None."""
    payload = event.payload
    if len(json.dumps(payload)) > max_chars + 200:
        return "payload_too_large"
    if event.type in ("nugget_started", "nugget_completed"):
        return None if payload == {} else "unexpected_payload"
    if event.type in ("skill_rated", "goal_set"):
        return _standing_problem(event.type, payload)
    if event.type in ("work_committed", "work_reflected"):
        return _work_problem(event.type, payload, event.client_ts.astimezone(dt.UTC).date())
    if event.type in TEACH_TYPES:
        return _teach_problem(event.type, payload, event.client_ts)
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
