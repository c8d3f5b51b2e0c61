"""Body limits over real HTTP/1.1 (granian): declared or chunked, 413 either way."""

from __future__ import annotations

import json
import socket
import urllib.parse

import pytest

from tests.support.api_server import running_api

LIMIT = 4096
# The limit is the server's, not the database's: one engine is enough.
pytestmark = pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)


@pytest.fixture
def api(db_url, seeded):
    with running_api(db_url, workers=1, env={"MM_MAX_BODY_BYTES": str(LIMIT)}) as base:
        yield urllib.parse.urlsplit(base).port


def _exchange(port: int, request: bytes) -> tuple[int, dict[str, str], bytes, bool]:
    """Send one raw request; return status, headers, body and whether the server closed."""
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        sock.sendall(request)
        data, closed = b"", False
        while b"\r\n\r\n" not in data:
            data += sock.recv(65536)
        head, _, body = data.partition(b"\r\n\r\n")
        lines = head.decode().split("\r\n")
        headers = dict(line.lower().split(": ", 1) for line in lines[1:])
        while len(body) < int(headers.get("content-length", "0")):
            body += sock.recv(65536)
        try:
            sock.settimeout(5)
            closed = sock.recv(1) == b""
        except (TimeoutError, ConnectionResetError):
            closed = False
        return int(lines[0].split()[1]), headers, body, closed


def _chunked(path: str, payload: bytes, chunk: int = 1000) -> bytes:
    parts = [
        f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
        "Transfer-Encoding: chunked\r\n\r\n".encode()
    ]
    for i in range(0, len(payload), chunk):
        piece = payload[i : i + chunk]
        parts.append(f"{len(piece):x}\r\n".encode() + piece + b"\r\n")
    parts.append(b"0\r\n\r\n")
    return b"".join(parts)


def _sign_in_body(padding: int) -> bytes:
    return json.dumps(
        {"email": "x@example.org", "password": "p" * padding, "device_id": "device-0001"}
    ).encode()


def test_a_chunked_body_over_the_limit_is_413_and_the_connection_closes(api):
    status, headers, body, closed = _exchange(api, _chunked("/api/v1/auth/token", b"[" * 9000))
    assert status == 413
    assert json.loads(body)["error"] == "body_too_large"
    assert headers["connection"] == "close" and closed


def test_a_declared_body_over_the_limit_is_413_before_it_is_sent(api):
    request = (
        "POST /api/v1/sync/push HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
        f"Content-Length: {LIMIT + 1}\r\n\r\n"
    ).encode()
    status, headers, body, closed = _exchange(api, request)
    assert status == 413 and json.loads(body)["reason"].startswith("The request body is over")
    assert headers["connection"] == "close" and closed


def test_after_a_413_the_next_request_gets_a_clean_answer(api):
    assert _exchange(api, _chunked("/api/v1/auth/token", b"{" * 20_000))[0] == 413
    status, _, body, _ = _exchange(api, _chunked("/api/v1/auth/token", _sign_in_body(10)))
    assert status == 401 and json.loads(body)["error"] == "wrong_credentials"


def test_a_chunked_body_under_the_limit_is_read_whole(api):
    status, _, body, _ = _exchange(api, _chunked("/api/v1/auth/token", _sign_in_body(1000), 7))
    assert status == 401 and json.loads(body)["error"] == "wrong_credentials"
