"""A real Web Push protocol receiver on loopback (RFC 8030 / 8291 / 8292), over TLS.

It plays the push service and the browser at once: it issues subscriptions (a
P-256 key pair and auth secret per subscriber), and for each POST it checks the
TTL header, the VAPID JWT (ES256 signature with the `k` key, `aud` = its origin,
`exp` within 24 hours, a `sub` contact) and decrypts the aes128gcm body with the
subscriber's private key. Answers can be scripted per subscriber (410, 429, 5xx).
"""

from __future__ import annotations

import asyncio
import base64
import dataclasses
import datetime as dt
import ipaddress
import json
import pathlib
import ssl
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import http_ece
from aiohttp import web
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature
from cryptography.x509.oid import NameOID


def b64url(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def unb64url(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def self_signed_cert(folder: pathlib.Path) -> tuple[pathlib.Path, pathlib.Path]:
    """A certificate for 127.0.0.1 and its key, as PEM files."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "loopback push receiver")])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = folder / "receiver.pem", folder / "receiver.key"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return cert_path, key_path


@dataclasses.dataclass
class Subscriber:
    """A browser's side of a subscription, and how the service answers for it."""

    id: str
    endpoint: str
    private_key: ec.EllipticCurvePrivateKey
    auth: bytes
    answers: list[tuple[int, dict[str, str]]] = dataclasses.field(default_factory=list)

    @property
    def keys(self) -> dict[str, str]:
        point = self.private_key.public_key().public_bytes(
            serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
        )
        return {"p256dh": b64url(point), "auth": b64url(self.auth)}

    @property
    def info(self) -> dict[str, Any]:
        """What `PushSubscription.toJSON()` would give."""
        return {"endpoint": self.endpoint, "keys": self.keys}


@dataclasses.dataclass
class Received:
    """One accepted message, decrypted, with the headers that came with it."""

    subscriber_id: str
    payload: dict[str, Any]
    ttl: int
    urgency: str | None
    topic: str | None
    claims: dict[str, Any]


class PushReceiver:
    """The receiver's state; run it with `running_receiver`."""

    def __init__(self, origin: str, verify: bool = True) -> None:
        self.origin, self.verify = origin, verify
        self.subscribers: dict[str, Subscriber] = {}
        self.received: list[Received] = []
        self.requests: list[tuple[str, int]] = []  # (subscriber id, status answered)
        self.errors: list[str] = []
        self.lock = threading.Lock()

    def subscribe(self, *answers: int | tuple[int, dict[str, str]]) -> Subscriber:
        """A new subscriber; `answers` are the statuses for its first requests (then 201)."""
        sid = uuid.uuid4().hex
        sub = Subscriber(
            sid,
            f"{self.origin}/push/{sid}",
            ec.generate_private_key(ec.SECP256R1()),
            uuid.uuid4().bytes,
            [a if isinstance(a, tuple) else (a, {}) for a in answers],
        )
        self.subscribers[sid] = sub
        return sub

    def for_subscriber(self, sub: Subscriber) -> list[Received]:
        return [r for r in self.received if r.subscriber_id == sub.id]

    def _check_vapid(self, header: str) -> dict[str, Any]:
        scheme, _, params = header.partition(" ")
        if scheme != "vapid":
            raise ValueError(f"authorization scheme {scheme!r}, expected vapid")
        parts = dict(p.strip().split("=", 1) for p in params.split(","))
        token, key = parts["t"], unb64url(parts["k"])
        head, body, signature = token.split(".")
        public = ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), key)
        raw = unb64url(signature)
        der = encode_dss_signature(int.from_bytes(raw[:32]), int.from_bytes(raw[32:]))
        public.verify(der, f"{head}.{body}".encode(), ec.ECDSA(hashes.SHA256()))
        if json.loads(unb64url(head)).get("alg") != "ES256":
            raise ValueError("JWT alg is not ES256")
        claims = json.loads(unb64url(body))
        if claims.get("aud") != self.origin:
            raise ValueError(f"aud {claims.get('aud')!r} is not {self.origin}")
        now = time.time()
        if not now < claims["exp"] <= now + 24 * 3600:
            raise ValueError(f"exp {claims['exp']} not within 24 h")
        if not str(claims.get("sub", "")).startswith(("mailto:", "https:")):
            raise ValueError("sub is not a mailto: or https: contact")
        return claims

    async def handle(self, request: web.Request) -> web.Response:
        sub = self.subscribers.get(request.match_info["sid"])
        if sub is None and not self.verify:  # load mode: any subscriber, counted only
            await request.read()
            self.requests.append((request.match_info["sid"], 201))
            return web.Response(status=201 if "TTL" in request.headers else 400)
        if sub is None:
            return web.Response(status=404)
        body = await request.read()
        with self.lock:
            status, headers = sub.answers.pop(0) if sub.answers else (201, {})
            self.requests.append((sub.id, status))
        if status >= 300:
            return web.Response(status=status, headers=headers)
        try:
            ttl = int(request.headers["TTL"])
            if not self.verify:
                return web.Response(status=201)
            claims = self._check_vapid(request.headers["Authorization"])
            if request.headers.get("Content-Encoding") != "aes128gcm":
                raise ValueError("content encoding is not aes128gcm")
            plain = http_ece.decrypt(
                body, private_key=sub.private_key, auth_secret=sub.auth, version="aes128gcm"
            )
            received = Received(
                sub.id,
                json.loads(plain),
                ttl,
                request.headers.get("Urgency"),
                request.headers.get("Topic"),
                claims,
            )
        except Exception as exc:  # any protocol error: record it and refuse
            with self.lock:
                self.errors.append(f"{exc.__class__.__name__}: {exc}")
            return web.Response(status=400, text=str(exc))
        with self.lock:
            self.received.append(received)
        return web.Response(status=201)


@contextmanager
def running_receiver(folder: pathlib.Path, verify: bool = True) -> Iterator[PushReceiver]:
    """Serve a receiver on https://127.0.0.1:<free port> until the block ends.

    Its CA file is `receiver.ca_file` (for the sender's `push_ca_bundle`).
    """
    cert, key = self_signed_cert(folder)
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    loop = asyncio.new_event_loop()
    started = threading.Event()
    holder: dict[str, Any] = {}

    async def start() -> None:
        app = web.Application(client_max_size=8192)
        receiver = PushReceiver("https://127.0.0.1:0", verify)
        app.router.add_post("/push/{sid}", receiver.handle)
        runner = web.AppRunner(app, access_log=None)
        await runner.setup()
        site = web.TCPSite(runner, "127.0.0.1", 0, ssl_context=context, backlog=1024)
        await site.start()
        port = runner.addresses[0][1]
        receiver.origin = f"https://127.0.0.1:{port}"
        receiver.ca_file, receiver.port = str(cert), port
        holder.update(runner=runner, receiver=receiver)
        started.set()

    thread = threading.Thread(target=loop.run_forever, daemon=True)
    thread.start()
    asyncio.run_coroutine_threadsafe(start(), loop)
    if not started.wait(10):
        raise RuntimeError("push receiver did not start")
    try:
        yield holder["receiver"]
    finally:
        asyncio.run_coroutine_threadsafe(holder["runner"].cleanup(), loop).result(10)
        loop.call_soon_threadsafe(loop.stop)
        thread.join(10)
        loop.close()


def main() -> None:
    """Serve a load-mode receiver in its own process (benchmarks): prints port and CA."""
    import sys
    import tempfile

    with tempfile.TemporaryDirectory() as tmp, running_receiver(pathlib.Path(tmp), False) as r:
        print(json.dumps({"port": r.port, "ca_file": r.ca_file}), flush=True)
        sys.stdin.read()  # until the parent closes our stdin
        print(json.dumps({"requests": len(r.requests)}), flush=True)


if __name__ == "__main__":
    main()
