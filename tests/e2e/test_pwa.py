"""Installable, opens offline from the service worker, survives a browser restart."""

from __future__ import annotations

import gzip
import re

import pytest
from playwright.sync_api import expect

from tests.e2e.a11y import assert_accessible
from tests.e2e.conftest import ROOT, sign_in, wait_until
from tests.e2e.test_offline_and_shared_phone import take_nugget

pytestmark = pytest.mark.e2e

OUTBOX_COUNT = """() => new Promise((resolve, reject) => {
  const req = indexedDB.open("micromastery");
  req.onsuccess = () => {
    const r = req.result.transaction("outbox").objectStore("outbox").count();
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error);
  };
  req.onerror = () => reject(req.error);
})"""


# What the browser holds when no worker controls the page, for the failure message.
WORKER_STATE = """() => navigator.serviceWorker.getRegistrations().then((all) => ({
  readyState: document.readyState,
  controller: !!navigator.serviceWorker.controller,
  registrations: all.map((r) => ({
    scope: r.scope,
    installing: r.installing?.state ?? null,
    waiting: r.waiting?.state ?? null,
    active: r.active?.state ?? null,
  })),
}))"""


def wait_for_service_worker(page) -> None:
    try:
        wait_until(
            page,
            "navigator.serviceWorker && navigator.serviceWorker.controller !== null",
            timeout=30_000,
        )
    except AssertionError:
        state = page.evaluate(WORKER_STATE)
        raise AssertionError(f"no service worker controls the page after 30 s: {state}") from None
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")


def test_a_first_install_that_failed_is_tried_again_without_a_reload(persistent, app_server):
    context = persistent()
    failed: list[str] = []

    def fail_once(route) -> None:  # the train enters a tunnel mid-install, once
        if failed:
            route.continue_()
        else:
            failed.append(route.request.url)
            route.abort()

    # Only the worker's install fetches the SPA fallback page.
    context.route("**/__spa-fallback.html", fail_once)
    page = context.pages[0] if context.pages else context.new_page()
    page.goto("/signin")
    expect(page.get_by_role("button", name="Sign in")).to_be_visible()
    wait_for_service_worker(page)  # no navigation since: the page itself tried again
    assert len(failed) == 1
    assert page.evaluate("caches.keys().then((keys) => keys.length)") >= 1


def test_a_page_the_active_worker_does_not_control_asks_to_be_claimed(persistent, app_server):
    context = persistent()
    context.add_init_script("window.controlledAtStart = !!navigator.serviceWorker.controller")
    page = context.pages[0] if context.pages else context.new_page()
    page.goto("/signin")
    wait_for_service_worker(page)
    # A forced reload bypasses the worker: the page opens with no controller, as one
    # that opened while the worker was activating does.
    cdp = context.new_cdp_session(page)
    with page.expect_event("load"):
        cdp.send("Page.reload", {"ignoreCache": True})
    assert page.evaluate("window.controlledAtStart") is False
    wait_for_service_worker(page)

    # Claimed after it loaded, the page still reloads when an update takes over (it
    # used to wait on "Updating…": only pages controlled at load reloaded).
    worker = ROOT / ".web" / "build" / "client" / "sw.js"
    twin = worker.with_name("sw.js.gz")
    original, original_gz = worker.read_text(), twin.read_bytes()
    version = re.search(r'"version": "([0-9a-f]+)"', original).group(1)
    try:
        changed = original.replace(version, version[::-1])
        worker.write_text(changed)
        twin.write_bytes(gzip.compress(changed.encode()))
        page.evaluate("navigator.serviceWorker.getRegistration().then((r) => r.update())")
        wait_until(page, "navigator.serviceWorker.getRegistration().then((r) => !!r.waiting)")
        with page.expect_event("load", timeout=30_000):
            page.evaluate(
                "navigator.serviceWorker.getRegistration()"
                ".then((r) => r.waiting.postMessage({type: self.mmShared.MESSAGES.skipWaiting}))"
            )
    finally:
        worker.write_text(original)
        twin.write_bytes(original_gz)


def test_installable_offline_reload_and_exactly_once_sync(
    persistent, app_server, new_learner, shots
):
    context = persistent()
    page = context.pages[0] if context.pages else context.new_page()
    sign_in(page, *new_learner)
    cdp = context.new_cdp_session(page)
    assert cdp.send("Page.getInstallabilityErrors")["installabilityErrors"] == []
    wait_for_service_worker(page)
    expect(page.locator("#sync-status")).to_contain_text("All synced")

    # A tunnel: reload with no network, the app opens from the service worker.
    context.set_offline(True)
    page.reload()
    expect(page.locator(".mm-nugget-card")).to_have_count(12, timeout=15_000)
    expect(page.locator("#sync-status")).to_contain_text("Offline")
    shots(page, "offline-reload-today")
    assert_accessible(page, "Today, offline reload")
    take_nugget(page, 'Ask "per what?"')
    page.get_by_role("link", name="Back to Today").click()
    take_nugget(page, "Put the bottom line first")
    # 2 x (start + steps + answers + completion) = (1+4+3+1) + (1+4+3+1)
    expect(page.locator("#sync-status")).to_have_text("Offline · 18 answers saved")
    shots(page, "offline-two-done")
    assert page.evaluate(OUTBOX_COUNT) == 18

    # Close the browser and open it again, still in the tunnel: nothing is lost. (The
    # restarted browser gets a dead proxy: Playwright's offline switch reaches the
    # service worker too late for the Background Sync Chromium fires at startup.)
    context.close()
    context = persistent(tunnel=True)
    page = context.pages[0] if context.pages else context.new_page()
    page.goto("/progress")
    expect(page.locator("#stat-done")).to_have_text("2", timeout=15_000)
    expect(page.locator(".mm-done-title")).to_have_text(
        ['✓ Ask "per what?"', "✓ Put the bottom line first"]
    )
    assert page.evaluate(OUTBOX_COUNT) == 18
    shots(page, "reopened-offline-progress")

    # Out of the tunnel: every answer reaches the server exactly once.
    context.close()
    context = persistent()
    page = context.pages[0] if context.pages else context.new_page()
    page.goto("/progress")
    expect(page.locator("#sync-status")).to_contain_text("All synced", timeout=20_000)
    assert page.evaluate(OUTBOX_COUNT) == 0
    rows = app_server.query(
        "SELECT e.type, count(*), count(DISTINCT e.event_id) FROM learnerevent e"
        " JOIN user u ON u.id = e.user_id WHERE u.email = :email GROUP BY e.type ORDER BY e.type",
        email=new_learner[0],
    )
    assert rows == [
        ("nugget_completed", 2, 2),
        ("nugget_started", 2, 2),
        ("quiz_answered", 6, 6),
        ("step_done", 8, 8),
    ]
    page.reload()
    expect(page.locator("#stat-done")).to_have_text("2")
    expect(page.locator("#sync-detail")).to_contain_text("All your answers are on the server")
    shots(page, "back-online-synced")


def test_new_deploy_offers_update_flushes_answers_then_works_offline(
    persistent, app_server, new_learner, shots
):
    worker = ROOT / ".web" / "build" / "client" / "sw.js"
    twin = worker.with_name("sw.js.gz")  # the server prefers the precompressed file
    original, original_gz = worker.read_text(), twin.read_bytes()

    def deploy(text: str) -> None:
        worker.write_text(text)
        twin.write_bytes(gzip.compress(text.encode()))

    context = persistent()
    page = context.pages[0] if context.pages else context.new_page()
    try:
        sign_in(page, *new_learner)
        wait_for_service_worker(page)
        # An answer waits on the phone: pushes fail for now.
        page.route("**/api/v1/sync/push", lambda route: route.abort())
        page.locator(".mm-nugget-card").first.click()
        page.click("#player-next")
        expect(page.locator("#phase-label")).to_contain_text("Part 2 of 5")
        expect(page.locator("#sync-status")).to_contain_text("1 answer")

        # A new deploy: the worker's bytes (and its cache version) change.
        version = re.search(r'"version": "([0-9a-f]+)"', original).group(1)
        deploy(original.replace(version, version[::-1]))
        page.evaluate("navigator.serviceWorker.getRegistration().then((r) => r.update())")
        expect(page.locator("#update-available")).to_be_visible(timeout=20_000)
        shots(page, "update-available")
        assert_accessible(page, "update offer")

        page.unroute("**/api/v1/sync/push")
        with page.expect_event("load", timeout=30_000):
            page.click("#update-now")
        wait_for_service_worker(page)
        caches = page.evaluate("caches.keys()")
        assert f"mm-shell-{version[::-1]}" in caches and f"mm-shell-{version}" not in caches
        started = app_server.query(
            "SELECT count(*) FROM learnerevent e JOIN user u ON u.id = e.user_id"
            " WHERE u.email = :email",
            email=new_learner[0],
        )
        assert started == [(1,)]  # flushed before the reload, exactly once
        expect(page.locator("#update-available")).to_have_count(0)

        context.set_offline(True)
        page.goto("/")
        expect(page.locator(".mm-nugget-card")).to_have_count(12, timeout=15_000)
        page.locator(".mm-nugget-card").nth(1).click()
        expect(page.locator("#phase-label")).to_have_text("Part 1 of 5: Context")
        shots(page, "after-update-offline")
    finally:
        worker.write_text(original)
        twin.write_bytes(original_gz)
