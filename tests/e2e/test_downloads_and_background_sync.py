"""Background Sync with every tab closed; "Wi-Fi only" downloads; leaving a cohort."""

from __future__ import annotations

import time

import pytest
from playwright.sync_api import expect

from tests.e2e.a11y import assert_accessible
from tests.e2e.conftest import nugget_card, sign_in, wait_until
from tests.e2e.coordinator import Coordinator
from tests.e2e.test_offline_and_shared_phone import take_nugget
from tests.e2e.test_pwa import OUTBOX_COUNT, wait_for_service_worker
from tests.support.app_server import PHONE

pytestmark = pytest.mark.e2e

# Chromium tells the connection type only on Android and ChromeOS; on this desktop
# build the test supplies it, as a phone's browser would, and fires `change`.
# The simulated connection type lives in sessionStorage so that it survives a full
# navigation in the tab, as a phone's real connection does (a page global would reset
# to "wifi" on the next page load and let held-back downloads through).
NETWORK_TYPE = """
Object.defineProperty(NetworkInformation.prototype, "type", {
  configurable: true, get() { return sessionStorage.getItem("mm-test-network") || "wifi"; },
});
"""


def set_network(page, kind: str) -> None:
    page.evaluate(
        "(k) => { sessionStorage.setItem('mm-test-network', k);"
        " navigator.connection.dispatchEvent(new Event('change')); }",
        kind,
    )


def test_background_sync_sends_the_outbox_with_every_tab_closed(
    persistent, app_server, new_learner, shots
):
    email = new_learner[0]
    context = persistent()
    page = context.pages[0] if context.pages else context.new_page()
    sign_in(page, *new_learner)
    wait_for_service_worker(page)
    context.set_offline(True)
    take_nugget(page, 'Ask "per what?"')
    expect(page.locator("#sync-status")).to_have_text("Offline · 9 answers saved")
    # The failed sync asked the browser for a Background Sync.
    wait_until(
        page,
        "navigator.serviceWorker.ready.then(r => r.sync.getTags())"
        ".then(tags => tags.includes('mm-outbox'))",
        timeout=10_000,
    )
    shots(page, "offline-answers-saved")

    # Every app tab closed; a blank tab only hosts the DevTools session.
    blank = context.new_page()
    cdp = context.new_cdp_session(blank)
    registrations: list[dict] = []
    cdp.on(
        "ServiceWorker.workerRegistrationUpdated",
        lambda e: registrations.extend(e["registrations"]),
    )
    page.close()
    context.set_offline(False)
    cdp.send("ServiceWorker.enable")
    for _ in range(50):
        if registrations:
            break
        blank.wait_for_timeout(100)
    registration = next(r for r in registrations if r["scopeURL"].startswith(app_server.base_url))
    # What the browser does when the network returns; sent twice, stored once.
    for _ in range(2):
        cdp.send(
            "ServiceWorker.dispatchSyncEvent",
            {
                "origin": app_server.base_url,
                "registrationId": registration["registrationId"],
                "tag": "mm-outbox",
                "lastChance": False,
            },
        )
    sql = (
        "SELECT count(*), count(DISTINCT e.event_id) FROM learnerevent e"
        " JOIN user u ON u.id = e.user_id WHERE u.email = :email"
    )
    deadline = time.monotonic() + 20
    while app_server.query(sql, email=email)[0][0] < 9 and time.monotonic() < deadline:
        time.sleep(0.2)
    assert app_server.query(sql, email=email) == [(9, 9)]

    page = context.new_page()
    page.goto("/progress")
    expect(page.locator("#sync-status")).to_contain_text("All synced", timeout=15_000)
    assert page.evaluate(OUTBOX_COUNT) == 0
    expect(page.locator("#stat-done")).to_have_text("1")
    shots(page, "reopened-all-synced")


def test_wifi_only_holds_downloads_on_cellular_and_leaving_a_cohort_clears_it(
    browser, app_server, make_learner, shots
):
    email, password = make_learner("Kim", cohort=None)
    coordinator = Coordinator(app_server.db_url)
    code = coordinator.own_cohort(email, ["per-what"])
    context = browser.new_context(base_url=app_server.base_url, **PHONE)
    context.add_init_script(NETWORK_TYPE)
    page = context.new_page()
    sign_in(page, email, password)
    expect(page.locator(".mm-nugget-card")).to_have_count(1)

    page.goto("/progress")
    page.get_by_role("button", name="Wi-Fi only").click()
    expect(page.get_by_role("button", name="Wi-Fi only")).to_have_attribute("aria-pressed", "true")
    set_network(page, "cellular")
    coordinator.assign(code, "bottom-line-first")
    page.get_by_role("button", name="Sync now").click()
    expect(page.locator("#sync-detail")).to_contain_text("download when you're on Wi-Fi")
    shots(page, "wifi-only-on-cellular")
    assert_accessible(page, "Progress with the downloads setting")
    page.goto("/")
    expect(page.locator(".mm-nugget-card")).to_have_count(1)

    # Wi-Fi again, after the page's own sync has ended: the held-back nugget downloads
    # by itself and shows without a tap.
    page.evaluate("window.mmSync.sync('settled')")
    set_network(page, "wifi")
    expect(page.locator(".mm-nugget-card")).to_have_count(2, timeout=15_000)
    shots(page, "wifi-downloaded")

    # The coordinator takes the learner out of the cohort: its nuggets leave the phone.
    coordinator.remove(code, email)
    page.goto("/progress")
    page.get_by_role("button", name="Sync now").click()
    expect(page.locator("#sync-status")).to_contain_text("All synced")
    page.goto("/")
    expect(page.locator(".mm-nugget-card")).to_have_count(0, timeout=15_000)
    shots(page, "left-cohort")
    context.close()


def test_pictures_in_nuggets_are_kept_for_the_tunnel(persistent, new_learner, shots):
    context = persistent()
    page = context.pages[0] if context.pages else context.new_page()
    sign_in(page, *new_learner)
    wait_for_service_worker(page)
    expect(page.locator("#sync-status")).to_contain_text("All synced", timeout=20_000)
    cached = page.evaluate(
        "caches.open('mm-media').then(c => c.keys()).then(k => k.map(r => new URL(r.url).pathname))"
    )
    assert cached == ["/media/truncated-axis.svg"]

    context.set_offline(True)
    page.reload()
    nugget_card(page, "Check where the axis starts").click()
    picture = page.get_by_role("img", name="The slide: Q2 at 91 and Q3 at 97")
    expect(picture).to_be_visible(timeout=15_000)
    wait_until(page, "(img) => img.complete", picture.element_handle())
    assert picture.evaluate("(img) => img.naturalWidth") > 0
    shots(page, "offline-nugget-with-picture")
