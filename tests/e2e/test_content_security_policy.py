"""The app under its Content-Security-Policy: no violation anywhere, offline included.

Chromium reports every refused script, style, image, connection or worker as a
`securitypolicyviolation` event and a console error; both are collected across the
learner's journey (sign-in, Today, a nugget with its picture and quiz, an offline
reload, the review page) and the coordinator's pages.
"""

from __future__ import annotations

import pathlib

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from mmapp.demo.seed import DEMO_COORDINATOR
from tests.e2e.conftest import nugget_card, sign_in, wait_until
from tests.e2e.test_offline_and_shared_phone import take_nugget
from tests.e2e.test_pwa import wait_for_service_worker

pytestmark = pytest.mark.e2e
SHOTS = pathlib.Path("/tmp/safe-shots")

# Every violation, from the first script of every document, kept in the console.
REPORT = """
document.addEventListener("securitypolicyviolation", (e) => {
  console.error("CSP-VIOLATION " + e.violatedDirective + " " + e.blockedURI + " "
    + (e.sourceFile || "") + ":" + (e.lineNumber || 0));
});
"""


def _watch(context: BrowserContext, page: Page) -> list[str]:
    """Collect CSP violations (events and Chromium's own console reports) of a page."""
    found: list[str] = []
    context.add_init_script(REPORT)

    def on_console(msg) -> None:
        text = msg.text
        if "CSP-VIOLATION" in text or "Content Security Policy" in text:
            found.append(text)

    page.on("console", on_console)
    page.on("pageerror", lambda e: found.append(f"pageerror {e}"))
    return found


def _shot(page: Page, name: str) -> None:
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / f"csp-{name}.png"), full_page=True)


def test_learner_journey_offline_passes_the_policy(persistent, app_server, new_learner):
    context = persistent()
    page = context.pages[0] if context.pages else context.new_page()
    violations = _watch(context, page)
    first = page.goto("/signin")
    assert first is not None
    csp = first.headers["content-security-policy"]
    assert "'unsafe-eval'" not in csp and "script-src 'self' 'sha256-" in csp
    sign_in(page, *new_learner)
    wait_for_service_worker(page)  # the worker installs under the policy
    expect(page.locator("#sync-status")).to_contain_text("All synced", timeout=20_000)
    wait_until(
        page, "caches.open('mm-media').then(c => c.keys()).then(k => k.length > 0)", timeout=15_000
    )

    # In a tunnel: reload from the service worker, a nugget's picture, its quiz, reviews.
    context.set_offline(True)
    page.goto("/")
    expect(page.locator(".mm-nugget-card").first).to_be_visible(timeout=20_000)
    nugget_card(page, "Check where the axis starts").click()
    picture = page.get_by_role("img", name="The slide: Q2 at 91 and Q3 at 97")
    expect(picture).to_be_visible(timeout=15_000)
    wait_until(page, "(img) => img.complete", picture.element_handle())
    assert picture.evaluate("(img) => img.naturalWidth") > 0
    _shot(page, "offline-picture")
    page.goto("/")
    take_nugget(page, "Check where the axis starts")
    _shot(page, "offline-nugget-done")
    page.goto("/review")
    expect(page.get_by_role("heading").first).to_be_visible(timeout=20_000)
    _shot(page, "offline-review")
    page.goto("/progress")
    expect(page.locator("#sync-status")).to_be_visible(timeout=20_000)
    _shot(page, "offline-progress")
    context.set_offline(False)
    page.get_by_role("button", name="Sync now").click()
    expect(page.locator("#sync-status")).to_contain_text("All synced", timeout=20_000)
    assert violations == []


def test_coordinator_pages_pass_the_policy(browser, app_server):
    desk = browser.new_context(
        base_url=app_server.base_url, viewport={"width": 1280, "height": 900}
    )
    coach = desk.new_page()
    violations = _watch(desk, coach)
    try:
        coach.goto("/signin")
        # The watch works: an injected inline script is refused and reported.
        coach.evaluate(
            "() => { const s = document.createElement('script');"
            " s.textContent = 'window.__injected = 1'; document.head.append(s); }"
        )
        coach.wait_for_timeout(300)
        assert coach.evaluate("() => window.__injected") is None
        assert any("script-src" in v for v in violations), violations
        violations.clear()
        coach.fill("#signin-email", DEMO_COORDINATOR[0])
        coach.fill("#signin-password", DEMO_COORDINATOR[1])
        coach.click("button[type=submit]")
        coach.get_by_role("link", name="Coordinator workspace").click(timeout=20_000)
        expect(coach.get_by_role("heading", name="Workspace")).to_be_visible(timeout=20_000)
        coach.get_by_role("link", name="Commuters, autumn cohort").click(timeout=20_000)
        expect(coach.locator("#cohort-name")).to_have_text("Commuters, autumn cohort")
        _shot(coach, "coach-cohort")
        coach.goto("/coach")
        coach.get_by_role("link", name="New nugget").click()
        expect(coach.get_by_role("heading", name="Nugget editor")).to_be_visible()
        _shot(coach, "coach-editor")
        coach.goto("/reset?token=not-a-real-one")
        expect(coach.get_by_role("heading", name="Set a new password")).to_be_visible()
        assert violations == []
    finally:
        desk.close()
