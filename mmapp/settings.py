"""Typed settings read from the environment (one place for every knob)."""

from __future__ import annotations

import dataclasses
import functools
import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATABASE_URL = f"sqlite:///{PROJECT_ROOT / 'micromastery.db'}"


def absolute_sqlite_url(url: str) -> str:
    """Anchor a relative SQLite path to the current directory, once, at start-up.

    Migrations run from the project root; without this a relative path would name
    a different file there than in the command that asked for it.
    """
    prefix = "sqlite:///"
    if not url.startswith(prefix) or url == "sqlite://" or url.startswith(prefix + "/"):
        return url
    path = url[len(prefix) :]
    if path.startswith(":memory:") or path == "":
        return url
    return prefix + str(Path(path).resolve())


def _int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        return int(raw)
    except ValueError as exc:
        msg = f"{name} must be a whole number, got {raw!r}"
        raise ValueError(msg) from exc


@dataclasses.dataclass(frozen=True)
class Settings:
    """Server settings.

    Attributes:
        database_url: SQLAlchemy URL; SQLite by default, Postgres in production.
        token_ttl_days: How long a device's bearer token stays valid.
        max_batch_events: Most events accepted in one push batch.
        max_body_bytes: Largest request body the API reads.
        max_string_chars: Longest free-text string accepted inside an event.
        pull_page_size: Most nuggets returned in one pull page.

    """

    database_url: str = DEFAULT_DATABASE_URL
    token_ttl_days: int = 30
    max_batch_events: int = 200
    max_body_bytes: int = 256 * 1024
    max_string_chars: int = 2000
    pull_page_size: int = 20

    @classmethod
    def from_env(cls) -> Settings:
        """Build settings from `MM_*` environment variables.

        Returns:
            The settings in force for this process.

        """
        return cls(
            database_url=absolute_sqlite_url(
                os.environ.get("MM_DATABASE_URL") or DEFAULT_DATABASE_URL
            ),
            token_ttl_days=_int("MM_TOKEN_TTL_DAYS", cls.token_ttl_days),
            max_batch_events=_int("MM_MAX_BATCH_EVENTS", cls.max_batch_events),
            max_body_bytes=_int("MM_MAX_BODY_BYTES", cls.max_body_bytes),
            max_string_chars=_int("MM_MAX_STRING_CHARS", cls.max_string_chars),
            pull_page_size=_int("MM_PULL_PAGE_SIZE", cls.pull_page_size),
        )


@functools.cache
def get_settings() -> Settings:
    """Return the process-wide settings (read once).

    Returns:
        The cached settings.

    """
    return Settings.from_env()
