"""A blank Reflex app, built in the same run as ours: the baseline for size and timing.

Its one page shows "Hello" from a client-side state variable set on mount, so the
first frame with the text is the first frame after React hydrated the page, which
is what our learner pages wait for too (they render from client state). For the
offline cold open it is served from a loopback static server behind a minimal
cache-first service worker (the bench's, not part of the app's bundle).
"""

from __future__ import annotations

import contextlib
import os
import pathlib
import subprocess
import sys
from collections.abc import Iterator

from tests.support.static_site import serving_folder

BLANK_APP = """import reflex as rx
from reflex.experimental.client_state import ClientStateVar

HELLO = ClientStateVar.create("hello", default="")


def index() -> rx.Component:
    return rx.box(
        rx.cond(HELLO.value != "", rx.text(HELLO.value, class_name="blank-hello")),
        on_mount=HELLO.set_value("Hello"),
    )


app = rx.App()
app.add_page(index, route="/")
"""
MARKER = ".blank-hello"  # the element the cold open waits for
# Cache-first for everything, filled as the first (online) visit fetches it.
WORKER = """self.addEventListener("install", () => self.skipWaiting());
self.addEventListener("activate", (e) => e.waitUntil(self.clients.claim()));
self.addEventListener("fetch", (e) => {
  if (e.request.method !== "GET") return;
  e.respondWith((async () => {
    const cache = await caches.open("blank");
    const hit = await cache.match(e.request, { ignoreVary: true });
    if (hit) return hit;
    const response = await fetch(e.request);
    if (response.ok) cache.put(e.request, response.clone());
    return response;
  })());
});
"""


def export(project: pathlib.Path) -> pathlib.Path:
    """Production-build a Reflex project's frontend; returns its client folder."""
    env = {**os.environ, "REFLEX_USE_SYSTEM_BUN": "1"}
    subprocess.run(
        [sys.executable, "-m", "reflex", "export", "--frontend-only", "--no-zip", "--env", "prod"],
        cwd=project,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.STDOUT,
    )
    return project / ".web" / "build" / "client"


def blank_project(folder: pathlib.Path) -> pathlib.Path:
    """Write the blank app's project into `folder` (which must exist)."""
    (folder / "blank").mkdir()
    (folder / "blank" / "__init__.py").write_text("")
    (folder / "blank" / "blank.py").write_text(BLANK_APP)
    (folder / "rxconfig.py").write_text(
        "import reflex as rx\nconfig = rx.Config(app_name='blank', telemetry_enabled=False)\n"
    )
    return folder


@contextlib.contextmanager
def serving(client: pathlib.Path) -> Iterator[str]:
    """Serve a built client folder (plus the bench's worker) on loopback; yields its URL."""
    (client / "bench-sw.js").write_text(WORKER)
    with serving_folder(client) as url:
        yield url


def install_worker(context) -> None:
    """Register the bench's worker in a blank-app context and fill its cache (online)."""
    page = context.pages[0] if context.pages else context.new_page()
    page.goto("/")
    page.evaluate("navigator.serviceWorker.register('/bench-sw.js')")
    page.wait_for_function("navigator.serviceWorker.controller !== null", timeout=30_000)
    page.reload()  # now every file the page loads goes through the worker's cache
    page.wait_for_selector(MARKER, timeout=30_000)
