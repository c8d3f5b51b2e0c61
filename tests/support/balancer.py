"""A switchable TCP load balancer on loopback: each new connection goes to the current backend.

It stands in for the reverse proxy in front of several app processes (layer 4, as
a websocket-capable proxy passes an upgraded connection through untouched). A test
chooses which process the next connections reach (`route_to`), so it can send a
page's websocket to process A, then move it to process B, and count which backend
each connection went to.
"""

from __future__ import annotations

import asyncio
import contextlib
import threading
from collections import Counter
from collections.abc import Iterator

CHUNK = 65536


class Balancer:
    """Forwards every accepted connection to the backend port chosen at that moment."""

    def __init__(self, backends: dict[str, int]) -> None:
        self.backends = backends
        self.current = next(iter(backends))
        self.connections: Counter[str] = Counter()
        self.port = 0
        self._loop: asyncio.AbstractEventLoop | None = None
        self._open: set[asyncio.StreamWriter] = set()

    def route_to(self, name: str) -> None:
        """Send the connections accepted from now on to backend `name`."""
        if name not in self.backends:
            raise KeyError(name)
        self.current = name

    def drop_all(self) -> None:
        """Close every open connection (as a proxy reload does); clients reconnect."""
        if self._loop is None:
            return

        def close() -> None:
            for writer in list(self._open):
                writer.close()

        self._loop.call_soon_threadsafe(close)

    async def _pipe(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while data := await reader.read(CHUNK):
                writer.write(data)
                await writer.drain()
        except (ConnectionError, OSError):
            pass
        finally:
            writer.close()

    async def _handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        name = self.current
        try:
            up_reader, up_writer = await asyncio.open_connection("127.0.0.1", self.backends[name])
        except OSError:
            writer.close()  # the backend is down: the client sees a refused connection
            return
        self.connections[name] += 1
        self._open.update((writer, up_writer))
        try:
            await asyncio.gather(self._pipe(reader, up_writer), self._pipe(up_reader, writer))
        finally:
            self._open.difference_update((writer, up_writer))

    def serve(self, started: threading.Event) -> None:
        """Run the proxy's event loop in this (background) thread until stopped."""
        loop = asyncio.new_event_loop()
        self._loop = loop
        server = loop.run_until_complete(asyncio.start_server(self._handle, "127.0.0.1", 0))
        self.port = server.sockets[0].getsockname()[1]
        started.set()
        try:
            loop.run_forever()
        finally:
            server.close()
            for writer in list(self._open):
                writer.close()
            loop.run_until_complete(asyncio.sleep(0))
            loop.close()

    def stop(self) -> None:
        """Stop the event loop (the serving thread then closes everything)."""
        if self._loop is not None:
            self._loop.call_soon_threadsafe(self._loop.stop)


@contextlib.contextmanager
def running_balancer(backends: dict[str, int]) -> Iterator[Balancer]:
    """A balancer on a free loopback port in front of `backends` (name → port)."""
    balancer = Balancer(backends)
    started = threading.Event()
    thread = threading.Thread(target=balancer.serve, args=(started,), daemon=True)
    thread.start()
    if not started.wait(10):
        raise RuntimeError("the balancer did not start")
    try:
        yield balancer
    finally:
        balancer.stop()
        thread.join(10)
