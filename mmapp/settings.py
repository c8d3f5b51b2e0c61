"""Typed settings read from the environment (one place for every knob)."""

from __future__ import annotations

import dataclasses
import functools
import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATABASE_URL = f"sqlite:///{PROJECT_ROOT / 'micromastery.db'}"
# The push services of Chrome/Android (FCM), Firefox (Mozilla autopush), Safari/iOS
# (Apple) and Edge (WNS), on port 443 only: the hosts their endpoints use, no wider
# (`*.googleapis.com` would take in Cloud Storage and every other Google API). The
# server never sends to any other host (configurable so tests can allow a loopback
# receiver as `127.0.0.1:<port>`).
DEFAULT_PUSH_HOSTS = (
    "fcm.googleapis.com",
    "updates.push.services.mozilla.com",
    "web.push.apple.com",
    "*.push.apple.com",
    "*.notify.windows.com",
)


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


def _list(name: str, default: tuple[str, ...]) -> tuple[str, ...]:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    return tuple(part.strip().lower() for part in raw.split(",") if part.strip())


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
        vapid_subject: VAPID contact claim (`mailto:` or `https:`) push services see.
        vapid_private_key: A PEM key to use instead of the one generated and stored
            in the database on first start (for secret managers).
        push_allowed_hosts: Push-service hosts subscriptions may name: `host` or
            `*.domain` (its subdomains) on port 443, `host:port` on that port only.
        push_ca_bundle: CA file for push-service TLS (tests: the loopback receiver).
        push_concurrency: Most push requests in flight at once.
        scheduler_interval_seconds: How often the reminder scheduler wakes.
        scheduler_in_app: Run the scheduler inside the web server (else `mmapp worker`).
        public_url: The site's public origin (`https://host[:port]`); the credential
            issuer is `did:web:` of its host.
        badge_issuer_name: The issuer name Open Badges credentials carry.
        badge_private_key: A PEM Ed25519 key to sign credentials with instead of the one
            generated and stored in the database on first use (for secret managers).

    """

    database_url: str = DEFAULT_DATABASE_URL
    token_ttl_days: int = 30
    max_batch_events: int = 200
    max_body_bytes: int = 256 * 1024
    max_string_chars: int = 2000
    pull_page_size: int = 20
    vapid_subject: str = "mailto:push@micromastery.app"
    vapid_private_key: str | None = None
    push_allowed_hosts: tuple[str, ...] = DEFAULT_PUSH_HOSTS
    push_ca_bundle: str | None = None
    push_concurrency: int = 64
    scheduler_interval_seconds: int = 30
    scheduler_in_app: bool = True
    public_url: str = "http://localhost:3000"
    badge_issuer_name: str = "Micromastery"
    badge_private_key: str | None = None

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
            vapid_subject=os.environ.get("MM_VAPID_SUBJECT") or cls.vapid_subject,
            vapid_private_key=os.environ.get("MM_VAPID_PRIVATE_KEY") or None,
            push_allowed_hosts=_list("MM_PUSH_ALLOWED_HOSTS", cls.push_allowed_hosts),
            push_ca_bundle=os.environ.get("MM_PUSH_CA_BUNDLE") or None,
            push_concurrency=_int("MM_PUSH_CONCURRENCY", cls.push_concurrency),
            scheduler_interval_seconds=_int(
                "MM_SCHEDULER_INTERVAL_SECONDS", cls.scheduler_interval_seconds
            ),
            scheduler_in_app=os.environ.get("MM_SCHEDULER_IN_APP", "1") not in ("0", "false"),
            public_url=(os.environ.get("MM_PUBLIC_URL") or cls.public_url).rstrip("/"),
            badge_issuer_name=os.environ.get("MM_BADGE_ISSUER_NAME") or cls.badge_issuer_name,
            badge_private_key=os.environ.get("MM_BADGE_PRIVATE_KEY") or None,
        )


@functools.cache
def get_settings() -> Settings:
    """Return the process-wide settings (read once).

    Returns:
        The cached settings.

    """
    return Settings.from_env()
