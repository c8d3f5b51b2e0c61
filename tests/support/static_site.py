"""A folder served over HTTP on a loopback port, for pages that are not the app."""

from __future__ import annotations

import contextlib
import functools
import http.server
import pathlib
import threading
from collections.abc import Iterator


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        """No per-request lines."""


@contextlib.contextmanager
def serving_folder(folder: pathlib.Path) -> Iterator[str]:
    """Serve `folder`'s files on 127.0.0.1 until the block ends; yields the base URL.

    Args:
        folder: The files to serve (`index.html` answers `/`).

    Yields:
        The server's URL, without a trailing slash.
    """
    handler = functools.partial(_Quiet, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)
