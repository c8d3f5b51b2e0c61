"""A light HTTP/1.1 load generator: pre-built requests over keep-alive sockets.

The load generator shares the machine with the server it measures, so it must cost
little CPU per request: every request is serialised before the clock starts, and a
response is read by its Content-Length with no HTTP library in between.
"""

from __future__ import annotations

import asyncio
import json
import time
from dataclasses import dataclass


@dataclass(frozen=True)
class Reply:
    """One response: its status, body and the time from sending to the last byte."""

    status: int
    body: bytes
    seconds: float


def post_json(host: str, port: int, path: str, body: object, headers: dict[str, str]) -> bytes:
    """Serialise a POST with a JSON body as raw HTTP/1.1 request bytes."""
    payload = json.dumps(body, separators=(",", ":")).encode()
    lines = [
        f"POST {path} HTTP/1.1",
        f"Host: {host}:{port}",
        "Content-Type: application/json",
        f"Content-Length: {len(payload)}",
        *(f"{name}: {value}" for name, value in headers.items()),
    ]
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + payload


async def _read_reply(reader: asyncio.StreamReader) -> tuple[int, bytes]:
    head = await reader.readuntil(b"\r\n\r\n")
    status_line, *header_lines = head.decode("latin-1").split("\r\n")
    length = 0
    for line in header_lines:
        name, _, value = line.partition(":")
        if name.strip().lower() == "content-length":
            length = int(value)
    return int(status_line.split()[1]), await reader.readexactly(length)


async def _run(host: str, port: int, requests: list[bytes], connections: int) -> list[Reply]:
    replies: list[Reply | None] = [None] * len(requests)
    next_index = iter(range(len(requests)))

    async def connection() -> None:
        reader, writer = await asyncio.open_connection(host, port)
        try:
            for i in next_index:
                start = time.perf_counter()
                writer.write(requests[i])
                status, body = await _read_reply(reader)
                replies[i] = Reply(status, body, time.perf_counter() - start)
        finally:
            writer.close()

    await asyncio.gather(*(connection() for _ in range(connections)))
    return [r for r in replies if r is not None]


def send_all(host: str, port: int, requests: list[bytes], connections: int) -> list[Reply]:
    """Send every request, `connections` at a time, each connection one after another.

    Returns:
        The replies, in the order of `requests`.

    """
    return asyncio.run(_run(host, port, requests, connections))
