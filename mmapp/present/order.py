"""The order a coordinator asks a table for: by one column, either way, empty cells last."""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Mapping, Sequence
from typing import Any, TypeVar

_Row = TypeVar("_Row")


def _sort_value(row: Any, key: str) -> tuple[int, Any] | None:
    """A row's value for sorting (None when empty): numbers before text, text case-folded."""
    value = row.get(key) if isinstance(row, Mapping) else getattr(row, key, None)
    if isinstance(value, enum.Enum):
        value = value.value
    if value is None or value == "":
        return None
    if isinstance(value, bool | int | float):
        return (0, float(value))
    if isinstance(value, dt.datetime | dt.date):
        return (1, value.isoformat())
    return (2, str(value).casefold())


def ordered(rows: Sequence[_Row], spec: str) -> list[_Row]:
    """`rows` sorted by one field: `"key"` ascending, `"-key"` descending.

    Rows may be dicts or objects. Empty values (None, "") come last either way; equal
    values keep their order (a stable sort), so a second click reverses only real order.

    Args:
        rows: The table's rows.
        spec: The field, with a leading "-" for descending.

    Returns:
        A new list in that order.
    """
    key = spec.removeprefix("-")
    values = [_sort_value(r, key) for r in rows]
    filled = [i for i, v in enumerate(values) if v is not None]
    filled.sort(key=lambda i: values[i], reverse=spec.startswith("-"))  # type: ignore[arg-type,return-value]
    empty = [i for i, v in enumerate(values) if v is None]
    return [rows[i] for i in filled + empty]
