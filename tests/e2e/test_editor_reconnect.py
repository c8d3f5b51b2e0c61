"""Unsaved typing in the nugget editor survives the page's socket reconnecting.

Reflex runs a page's `on_load` again on every reconnect (a laptop waking, a phone
switching networks, a proxy reload). The editor's `load` must then keep the working
copy of the nugget being edited rather than re-reading the stored one over it.
The test owns the page's socket (Playwright's WebSocket routing), drops it from the
page's side, and waits for Reflex to reconnect.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from mmapp.demo.seed import DEMO_COORDINATOR

pytestmark = pytest.mark.e2e
TYPED = "Ask per what, before anything else"


def test_unsaved_edits_survive_a_reconnect(browser, app_server):
    desk = browser.new_context(
        base_url=app_server.base_url, viewport={"width": 1280, "height": 900}
    )
    page = desk.new_page()
    sockets = []

    def through(ws):  # every Reflex socket goes to the server, and is kept to drop later
        ws.connect_to_server()
        sockets.append(ws)

    page.route_web_socket("**/_event**", through)
    page.goto("/signin")
    page.fill("#signin-email", DEMO_COORDINATOR[0])
    page.fill("#signin-password", DEMO_COORDINATOR[1])
    page.click("button[type=submit]")
    page.get_by_role("link", name="Coordinator workspace").click(timeout=20_000)
    page.goto("/coach/edit?slug=per-what")
    title = page.locator("#ed-title")
    expect(title).to_have_value('Ask "per what?"', timeout=20_000)

    title.fill(TYPED)
    page.locator("#ed-summary").click()  # the change event has gone to the server
    page.wait_for_timeout(1_000)
    connected = len(sockets)
    sockets[-1].close()  # the page sees its socket drop
    page.wait_for_timeout(500)
    for _ in range(40):  # bounded: Reflex reconnects within seconds
        if len(sockets) > connected:
            break
        page.wait_for_timeout(250)
    assert len(sockets) > connected, "the page never reconnected"
    page.wait_for_timeout(2_000)  # on_load has run again by now
    expect(title).to_have_value(TYPED)
    desk.close()  # nothing saved: the other journeys see the demo nugget as it was
