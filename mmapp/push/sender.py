"""Sending Web Push messages: encrypted (aes128gcm), VAPID-signed, bounded fan-out.

Network only, no database: callers hand in targets and get one outcome per target,
whatever happens: a target whose endpoint or keys fail the checks subscriptions
pass (a row stored by an older version, say), or whose sending raises anything at
all, gets a `failed` outcome with the reason while the others go out. Redirects are
never followed, so a request only ever reaches a checked endpoint.
Every request carries an explicit TTL (pywebpush defaults to 0, which drops the
message for a phone that is not connected that instant), an Urgency and, where
messages replace each other, a Topic. One aiohttp session with a bounded pool is
shared by the whole fan-out, so connections to a push service are reused.
"""

from __future__ import annotations

import asyncio
import dataclasses
import email.utils
import json
import logging
import random
import ssl
from typing import Any

import aiohttp
from pywebpush import WebPusher

from mmapp.clock import wall_time
from mmapp.errors import ValidationError
from mmapp.i18n import N_
from mmapp.push import endpoints
from mmapp.push.vapid import VapidSigner

log = logging.getLogger(__name__)

# RFC 8291: 4096-byte records minus the aes128gcm header, tag and padding delimiter.
MAX_PAYLOAD_BYTES = 3993
URGENCIES = ("very-low", "low", "normal", "high")
_GONE = (404, 410)
_NOT_RETRIED = (400, 403, 413)


class PayloadTooLargeError(ValidationError):
    """A payload that push services would refuse; nothing is sent."""


def encode_payload(payload: dict[str, Any]) -> bytes:
    """Compact JSON bytes of a payload, refused before sending when too large.

    Raises:
        PayloadTooLargeError: Over 3993 bytes.
    """
    data = json.dumps(payload, separators=(",", ":"), ensure_ascii=False).encode()
    if len(data) > MAX_PAYLOAD_BYTES:
        raise PayloadTooLargeError(
            "payload_too_large",
            N_("A push payload holds at most {limit} bytes; this one has {n}."),
            limit=MAX_PAYLOAD_BYTES,
            n=len(data),
        )
    return data


@dataclasses.dataclass(frozen=True)
class Target:
    """One subscription to send to, named by the caller's delivery id."""

    delivery_id: int
    endpoint: str
    p256dh: str
    auth: str


@dataclasses.dataclass(frozen=True)
class Outcome:
    """What happened: `sent`, `expired` (404/410), `failed` (not retried) or `retry`."""

    delivery_id: int
    status: str
    http_status: int | None = None
    reason: str = ""
    retry_after: float | None = None


@dataclasses.dataclass(frozen=True)
class SendOptions:
    """Per-message headers, where sending is allowed, and the fan-out's limits."""

    ttl: int
    allowed_hosts: tuple[str, ...]  # settings `push_allowed_hosts`, checked again here
    urgency: str = "normal"
    topic: str | None = None
    concurrency: int = 64
    retries: int = 2  # in-process retries of 5xx / network errors
    backoff_seconds: float = 0.5
    longest_wait_seconds: float = 10.0  # a longer Retry-After is rescheduled instead
    timeout_seconds: float = 15.0
    ca_bundle: str | None = None


def retry_after_seconds(value: str | None, now: float | None = None) -> float | None:
    """Parse a Retry-After header (seconds or an HTTP date)."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - (now if now is not None else wall_time()))


def _headers(signer: VapidSigner, target: Target, options: SendOptions) -> dict[str, str]:
    headers = {**signer.headers_for(target.endpoint), "Urgency": options.urgency}
    if options.topic:
        headers["Topic"] = options.topic
    return headers


class _NoRedirects:
    """The `aiohttp_session` pywebpush posts through: a redirect is an answer, not a hop.

    aiohttp follows redirects by default, and a 307/308 would re-send the message to
    a host nobody checked.
    """

    def __init__(self, http: aiohttp.ClientSession) -> None:
        self._http = http

    async def post(self, url: str, **kwargs: Any) -> aiohttp.ClientResponse:
        return await self._http.post(url, allow_redirects=False, **kwargs)


def _refusal(target: Target, options: SendOptions) -> str | None:
    """Why this target must not be sent to (bad endpoint or keys), or None."""
    try:
        endpoints.check_endpoint(target.endpoint, options.allowed_hosts)
        endpoints.check_keys(target.p256dh, target.auth)
    except ValidationError as exc:
        return f"not sent: {exc.reason}"
    return None


async def _send_one(
    http: aiohttp.ClientSession,
    target: Target,
    payload: bytes,
    signer: VapidSigner,
    options: SendOptions,
) -> Outcome:
    refusal = _refusal(target, options)
    if refusal:
        log.warning("push refused before sending for delivery %s: %s", target.delivery_id, refusal)
        return Outcome(target.delivery_id, "failed", None, refusal)
    info = {"endpoint": target.endpoint, "keys": {"p256dh": target.p256dh, "auth": target.auth}}
    reason, status = "", None
    for attempt in range(options.retries + 1):
        try:
            pusher = WebPusher(info, aiohttp_session=_NoRedirects(http))
            response = await pusher.send_async(
                payload,
                headers=_headers(signer, target, options),
                ttl=options.ttl,
                content_encoding="aes128gcm",
                timeout=aiohttp.ClientTimeout(total=options.timeout_seconds),
            )
            status, reason = response.status, response.reason or ""
        except (aiohttp.ClientError, TimeoutError) as exc:
            status, reason = None, f"network: {exc.__class__.__name__}"
        if status is not None and status < 300:
            return Outcome(target.delivery_id, "sent", status)
        if status in _GONE:
            return Outcome(target.delivery_id, "expired", status, "subscription gone")
        if status == 429:
            wait = retry_after_seconds(response.headers.get("Retry-After")) or 1.0
            if wait > options.longest_wait_seconds or attempt == options.retries:
                return Outcome(target.delivery_id, "retry", 429, "rate limited", wait)
            await asyncio.sleep(wait)
            continue
        if status is not None and status < 500:
            # 400/403/413 and other client errors: retrying cannot help.
            if status not in _NOT_RETRIED:
                reason = f"unexpected {status} {reason}"
            log.warning("push refused (%s %s) for delivery %s", status, reason, target.delivery_id)
            return Outcome(target.delivery_id, "failed", status, reason or str(status))
        if attempt < options.retries:
            delay = options.backoff_seconds * 2**attempt
            await asyncio.sleep(delay / 2 + random.random() * delay / 2)  # noqa: S311
    return Outcome(target.delivery_id, "retry", status, reason or f"server error {status}")


async def send_all(
    targets: list[Target], payload: bytes, signer: VapidSigner, options: SendOptions
) -> list[Outcome]:
    """Send one payload to every target, `options.concurrency` at a time.

    One failure never stops the others; every target gets an outcome, and any
    exception raised for one target becomes its `failed` outcome.
    """
    if options.urgency not in URGENCIES:
        raise ValueError(f"urgency must be one of {URGENCIES}")
    context = ssl.create_default_context(cafile=options.ca_bundle)
    connector = aiohttp.TCPConnector(limit=options.concurrency, ssl=context)
    gate = asyncio.Semaphore(options.concurrency)

    async def bounded(target: Target) -> Outcome:
        async with gate:
            try:
                return await _send_one(http, target, payload, signer, options)
            except Exception as exc:  # encryption, a bad key, anything: this target only
                log.warning("push failed for delivery %s", target.delivery_id, exc_info=True)
                reason = f"error: {exc.__class__.__name__}: {exc}"[:300]
                return Outcome(target.delivery_id, "failed", None, reason)

    async with aiohttp.ClientSession(connector=connector) as http:
        return list(await asyncio.gather(*(bounded(t) for t in targets)))
