"""Security headers on every HTTP response: a Content-Security-Policy the app passes.

One ASGI middleware wraps the whole server (the API, the built frontend Reflex serves
in `--env prod`, uploads and 404s); websocket upgrades pass through untouched.

The policy and why each source is there:

- `script-src 'self'` plus the SHA-256 of every inline `<script>` in the built pages.
  Reflex's prerendered HTML carries small inline scripts (the colour-mode switch,
  React Router's context and scroll restoration, React's streaming helpers, the route
  module imports). They are fixed per build, so they are allowed by hash, read from the
  build folder on the first request; no `'unsafe-inline'`, no `'unsafe-eval'` (no
  event of ours reaches Reflex's `eval`-based `call_script`).
- `style-src 'self' 'unsafe-inline'`: Emotion (Reflex's CSS-in-JS) writes `<style>`
  elements at run time and React sets `style` attributes; neither can be hashed ahead.
  Styles cannot run script, and `connect-src`/`img-src 'self'` leave CSS no place to
  send data to.
- `connect-src 'self'` plus `ws:`/`wss:` to this host: the API, the sync loop and
  Reflex's event websocket (older Safari does not count ws to the same host as 'self').
- `img-src 'self' data: blob:`: nugget pictures (same origin, cached by the service
  worker), Radix's inline SVG data URLs and local previews of an upload.
"""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

from starlette.types import ASGIApp, Message, Receive, Scope, Send

# `<script ...>body</script>` without a `src`: the inline scripts a build emits.
_INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>(.*?)</script>", re.S | re.I)
_HOST = re.compile(r"^[A-Za-z0-9.-]+(:[0-9]{1,5})?$|^\[[0-9A-Fa-f:.]+\](:[0-9]{1,5})?$")

PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
    "microphone=(), payment=(), usb=()"
)
FIXED_HEADERS = {
    "x-content-type-options": "nosniff",
    "referrer-policy": "strict-origin-when-cross-origin",
    "permissions-policy": PERMISSIONS_POLICY,
    "cross-origin-opener-policy": "same-origin",
    "x-frame-options": "DENY",
}


def inline_script_hashes(pages_dir: Path) -> list[str]:
    """CSP hash sources (`'sha256-…'`) of every inline script in the built HTML pages."""
    found: set[str] = set()
    for page in pages_dir.rglob("*.html"):
        for body in _INLINE_SCRIPT.findall(page.read_text(encoding="utf-8")):
            if body:
                digest = base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()
                found.add(f"'sha256-{digest}'")
    return sorted(found)


def content_security_policy(script_hashes: list[str], host: str | None) -> str:
    """The policy for one response; `host` (the request's Host) adds ws/wss to self."""
    sockets = f" ws://{host} wss://{host}" if host and _HOST.match(host) else ""
    directives = [
        "default-src 'self'",
        "script-src " + " ".join(["'self'", *script_hashes]),
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data: blob:",
        "font-src 'self' data:",
        f"connect-src 'self'{sockets}",
        "worker-src 'self'",
        "manifest-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
    return "; ".join(directives)


def built_pages_dir() -> Path:
    """Where `reflex run --env prod` serves the built frontend from."""
    from reflex import constants
    from reflex.utils import prerequisites

    return prerequisites.get_web_dir() / constants.Dirs.STATIC


class SecurityHeadersMiddleware:
    """Add the security headers to every HTTP response that does not set its own."""

    def __init__(self, app: ASGIApp, *, pages_dir: Path | None = None) -> None:
        """Wrap `app`; inline-script hashes come from `pages_dir` (the build's output)."""
        self.app, self.pages_dir = app, pages_dir
        self._hashes: list[str] | None = None

    def _script_hashes(self) -> list[str]:
        # Read once the build exists (a process may start serving the API before).
        if self._hashes is None and self.pages_dir is not None and self.pages_dir.is_dir():
            self._hashes = inline_script_hashes(self.pages_dir)
        return self._hashes or []

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Pass the request on; put the headers on its response start."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        host = dict(scope["headers"]).get(b"host", b"").decode("latin-1")
        extra = {
            **FIXED_HEADERS,
            "content-security-policy": content_security_policy(self._script_hashes(), host),
        }

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                present = {name.lower() for name, _ in headers}
                headers += [
                    (name.encode(), value.encode())
                    for name, value in extra.items()
                    if name.encode() not in present
                ]
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_headers)


__all__ = [
    "SecurityHeadersMiddleware",
    "built_pages_dir",
    "content_security_policy",
    "inline_script_hashes",
]
