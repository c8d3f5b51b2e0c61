"""Is this a push endpoint the server may POST to, with keys it can encrypt for?

An endpoint is parsed the way browsers parse it (the WHATWG URL standard, via
`ada_url`, the parser of Node.js), so a backslash, a percent-encoded host or an
odd port means here what it would mean to a browser. On top of that it must be:

- https, without user-info or fragment, on a host made of LDH labels (no trailing dot);
- on an allowlisted host (`host`, or `*.suffix` for any subdomain), and on port 443
  unless the pattern names a port (`host:port`, e.g. a loopback test receiver);
- written exactly as browsers serialize it (`PushSubscription.endpoint` always is),
  so what is stored, what is matched and what the HTTP client connects to agree.

The keys must be a point on the P-256 curve and a 16-byte auth secret.
"""

from __future__ import annotations

import base64
import dataclasses
import re

from ada_url import URL, HostType
from cryptography.hazmat.primitives.asymmetric import ec

from mmapp.errors import ValidationError
from mmapp.i18n import N_

HTTPS_PORT = 443
_LABEL = re.compile(r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?")
_B64URL = re.compile(r"[A-Za-z0-9_-]*={0,2}")


@dataclasses.dataclass(frozen=True)
class Endpoint:
    """A checked endpoint: its host (IPv6 in brackets) and its port."""

    href: str
    host: str
    port: int


def _invalid(reason: str, **params: object) -> ValidationError:
    return ValidationError("endpoint_invalid", reason, **params)


def _parse(endpoint: str) -> URL:
    try:
        return URL(endpoint)
    except ValueError as exc:  # ada gives no detail; name the usual causes
        raise _invalid(
            N_(
                "The push endpoint is not a valid URL (check its host, and that a port is "
                "a number from 0 to 65535)."
            )
        ) from exc


def _check_host(url: URL) -> str:
    host = url.hostname
    if url.host_type != HostType.DEFAULT:  # an IP literal: only an exact pattern allows it
        return host
    if host.endswith("."):
        raise _invalid(
            N_("The push endpoint's host {host} must not end with a dot."), host=repr(host)
        )
    labels = host.split(".")
    if len(host) > 253 or not all(_LABEL.fullmatch(label) for label in labels):
        raise _invalid(
            N_("The push endpoint's host {host} is not a valid DNS name."), host=repr(host)
        )
    return host


def _pattern_matches(pattern: str, host: str, port: int, is_ip: bool) -> bool:
    pattern = pattern.strip().lower()
    name, sep, port_text = pattern.rpartition(":")
    if not (sep and port_text.isdigit() and name and not name.endswith(":")):
        name, port_text = pattern, str(HTTPS_PORT)  # no port named: the default one only
    if int(port_text) != port:
        return False
    if name.startswith("*.") and not is_ip:
        suffix = name[1:]  # ".example.com": one or more labels must stand before it
        return host.endswith(suffix) and len(host) > len(suffix)
    return host == name


def host_allowed(host: str, port: int, allowed: tuple[str, ...], *, is_ip: bool = False) -> bool:
    """Whether `host` on `port` matches an allowlist pattern (IPs only exactly)."""
    return any(_pattern_matches(p, host, port, is_ip) for p in allowed)


def check_endpoint(endpoint: str, allowed: tuple[str, ...]) -> Endpoint:
    """Parse `endpoint` as a browser would and check it against the allowlist.

    Returns:
        The endpoint's host and port.

    Raises:
        ValidationError: `endpoint_invalid` (unparsable, user-info, fragment, bad host,
            not in browser form), `endpoint_not_https`, or `endpoint_not_allowed`.
    """
    url = _parse(endpoint)
    if url.protocol != "https:":
        raise ValidationError("endpoint_not_https", N_("The push endpoint must be an https URL."))
    if url.username or url.password:
        raise _invalid(N_("The push endpoint must not carry a user name or password."))
    if url.hash:
        raise _invalid(N_("The push endpoint must not have a #fragment."))
    host = _check_host(url)
    port = int(url.port) if url.port else HTTPS_PORT
    is_ip = url.host_type != HostType.DEFAULT
    if not host_allowed(host, port, allowed, is_ip=is_ip):
        if port == HTTPS_PORT:
            raise ValidationError(
                "endpoint_not_allowed",
                N_("{host} is not a known push service; reminders can't be sent there."),
                host=host,
            )
        raise ValidationError(
            "endpoint_not_allowed",
            N_("{host} on port {port} is not a known push service; reminders can't be sent there."),
            host=host,
            port=port,
        )
    if url.href != endpoint:
        raise _invalid(
            N_(
                "The push endpoint must be written the way browsers write it "
                "(this one reads as {href}): no backslashes, spaces, percent-encoded "
                "or upper-case host, or explicit :443."
            ),
            href=repr(url.href),
        )
    return Endpoint(url.href, host, port)


def _b64url_bytes(value: str, field: str) -> bytes:
    if not _B64URL.fullmatch(value):
        raise ValidationError("invalid_key", N_("{field} is not base64url"), field=field)
    stripped = value.rstrip("=")
    if len(stripped) % 4 == 1:
        raise ValidationError(
            "invalid_key", N_("{field} is not base64url (bad length)"), field=field
        )
    return base64.urlsafe_b64decode(stripped + "=" * (-len(stripped) % 4))


def check_keys(p256dh: str, auth: str) -> None:
    """Check a subscription's keys: a P-256 public point and a 16-byte secret.

    Raises:
        ValidationError: `invalid_key`, with which key and why.
    """
    point = _b64url_bytes(p256dh, "p256dh")
    if len(point) != 65 or point[0] != 4:
        raise ValidationError("invalid_key", N_("p256dh must be an uncompressed P-256 point"))
    try:
        ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), point)
    except ValueError as exc:
        raise ValidationError(
            "invalid_key", N_("p256dh is not a point on the P-256 curve")
        ) from exc
    if len(_b64url_bytes(auth, "auth")) != 16:
        raise ValidationError("invalid_key", N_("auth must be 16 bytes"))
