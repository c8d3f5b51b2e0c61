"""What every request shape shares: strict fields, storable values, bounded times."""

from __future__ import annotations

import datetime as dt
import math
import uuid
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    AwareDatetime,
    BaseModel,
    ConfigDict,
    Field,
    PlainSerializer,
    StringConstraints,
    TypeAdapter,
    WithJsonSchema,
    model_validator,
)

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=20000)]
Short = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=400)]


# Times a request may carry: with an offset, between these instants. Wider values
# would parse but overflow when moved to UTC or stored (years 1 and 9999 with an
# offset), and no learner event, release or due date is outside them.
EARLIEST = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
LATEST = dt.datetime(2200, 1, 1, tzinfo=dt.UTC)
# How deep JSON inside a request may nest (event payloads are two levels deep).
MAX_DEPTH = 16


def _plausible_moment(moment: dt.datetime) -> dt.datetime:
    if not EARLIEST.year <= moment.year < LATEST.year:
        raise ValueError(f"must be between {EARLIEST.year} and {LATEST.year}")
    utc = moment.astimezone(dt.UTC)
    if not EARLIEST <= utc < LATEST:
        raise ValueError(f"must be between {EARLIEST.year} and {LATEST.year}")
    return utc


def _plausible_date(day: dt.date) -> dt.date:
    if not EARLIEST.year <= day.year < LATEST.year:
        raise ValueError(f"must be between {EARLIEST.year} and {LATEST.year}")
    return day


Moment = Annotated[AwareDatetime, AfterValidator(_plausible_moment)]
Day = Annotated[dt.date, AfterValidator(_plausible_date)]
MOMENT = TypeAdapter(Moment)  # for times read from forms rather than request bodies


def storable(value: Any, where: str = "", depth: int = 0) -> None:
    """Check that JSON-like input can be stored as it is.

    Args:
        value: Parsed JSON (or the Python values a form gives).
        where: The dotted path of `value`, for the error message.
        depth: How deep `value` sits.

    Raises:
        ValueError: A string holds a lone surrogate or NUL (valid JSON, but not
            text every database can store), a number is not finite (NaN and Infinity parse, but
            JSON columns refuse them), or the value nests deeper than `MAX_DEPTH`.

    """
    at = f" (at {where})" if where else ""
    if depth > MAX_DEPTH:
        raise ValueError(f"nests deeper than {MAX_DEPTH} levels{at}")
    if isinstance(value, float) and not math.isfinite(value):
        raise ValueError(f"numbers must be finite, not NaN or Infinity{at}")
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            raise ValueError(f"text holds an unpaired surrogate, not valid Unicode{at}") from None
        if "\x00" in value:  # PostgreSQL text cannot hold it
            raise ValueError(f"text holds a NUL character{at}")
    elif isinstance(value, dict):
        for key, item in value.items():
            storable(key, where, depth + 1)
            storable(item, f"{where}.{key}".lstrip("."), depth + 1)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            storable(item, f"{where}.{index}".lstrip("."), depth + 1)


class Strict(BaseModel):
    """Base for inputs: unknown fields are errors, and every string must be storable."""

    model_config = ConfigDict(extra="forbid")

    @model_validator(mode="before")
    @classmethod
    def _storable(cls, data: Any) -> Any:
        storable(data)
        return data


class Out(BaseModel):
    """Base for results: what services hand back and the API sends, read-only."""

    model_config = ConfigDict(frozen=True)


class FieldProblem(BaseModel):
    """One field a request got wrong."""

    loc: list[str | int] = Field(description="Where: `body`, then the path to the field.")
    msg: str


class ErrorOut(BaseModel):
    """What every 4xx answer carries."""

    error: str = Field(description="A stable code, such as `cohort_not_found`.")
    reason: str = Field(description="What went wrong, in words a person can act on.")
    detail: list[FieldProblem] | None = Field(
        default=None, description="On 422 `invalid_request`: each broken field (`loc`, `msg`)."
    )
    event_ids: list[str] | None = Field(
        default=None, description="On 403 `nugget_not_assigned`: the events refusing the batch."
    )


class StatusOut(Out):
    """A one-word outcome (`ok`, `signed_out`)."""

    status: str


class IdOut(Out):
    """The id of what was made or named (a cohort member, a coordinator shared with)."""

    id: uuid.UUID


def _iso(moment: dt.datetime) -> str:
    return moment.isoformat()


# An instant as the API has always written it: `datetime.isoformat()`, so an offset
# stays "+00:00" (not "Z") and a cohort's local time keeps its own offset.
IsoTime = Annotated[
    dt.datetime,
    PlainSerializer(_iso, return_type=str, when_used="json"),
    WithJsonSchema({"type": "string", "format": "date-time"}),
]


# A wall-clock time of day, "07:30".
HHMM = Annotated[str, StringConstraints(pattern=r"^([01]\d|2[0-3]):[0-5]\d$")]


class View(BaseModel):
    """A view model: unknown keys are refused (the JS must not invent any)."""

    model_config = ConfigDict(extra="forbid")
