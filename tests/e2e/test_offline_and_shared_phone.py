"""Local-first: a nugget taken with no network syncs once on reconnect; a shared phone."""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import expect

from tests.e2e.a11y import assert_accessible
from tests.e2e.conftest import nugget_card, sign_in
from tests.support.app_server import PHONE

pytestmark = pytest.mark.e2e


def take_nugget(page, title: str) -> None:
    """Go through every part and answer every quiz item with the first option/text."""
    nugget_card(page, title).click()
    expect(page.locator("#phase-label")).to_contain_text("Part 1 of 5")
    for part in ("Part 2 of 5: Way in", "Part 3 of 5: Purposeful practice"):
        page.click("#player-next")
        expect(page.locator("#phase-label")).to_have_text(part)
    steps = page.locator(".mm-step button[role=checkbox]")
    for i in range(steps.count()):
        steps.nth(i).click()  # quick taps, one after another: none may be lost
    page.click("#player-next")
    expect(page.locator("#phase-label")).to_have_text("Part 4 of 5: Payoff")
    page.click("#player-next")
    total = int(page.get_by_text("Question 1 of").inner_text().rsplit(" ", 1)[1])
    for number in range(1, total + 1):
        expect(page.get_by_text(f"Question {number} of {total}")).to_be_visible()
        page.wait_for_selector("#quiz-text, .mm-option")
        if page.locator("#quiz-text").count():
            page.fill("#quiz-text", "n")
        else:
            page.locator(".mm-option").first.click()
        page.click("#quiz-check")
        page.click("#quiz-next")
    expect(page.locator("#done-heading")).to_be_visible()


def test_nugget_taken_offline_syncs_exactly_once_on_reconnect(
    phone, app_server, new_learner, shots
):
    sign_in(phone, *new_learner)
    expect(phone.locator("#sync-status")).to_contain_text("All synced")
    mine = (
        "SELECT e.type, count(*) FROM learnerevent e JOIN user u ON u.id = e.user_id"
        " WHERE u.email = :email GROUP BY e.type ORDER BY e.type"
    )

    phone.context.set_offline(True)
    take_nugget(phone, "Beware the tiny sample")
    expect(phone.locator("#done-heading")).to_have_text("Nugget complete")
    # 1 start + 4 steps + 3 answers + 1 completion, all waiting on the phone.
    expect(phone.locator("#sync-status")).to_have_text("Offline · 9 answers saved")
    shots(phone, "offline-complete")
    assert_accessible(phone, "completion, offline")
    phone.get_by_role("link", name="See your progress").click()
    expect(phone.locator(".mm-done-title", has_text="Beware the tiny sample")).to_be_visible()
    expect(phone.locator("#sync-detail")).to_have_text(
        "9 answers are saved on this phone and will sync when you're back online."
    )
    assert app_server.query(mine, email=new_learner[0]) == []

    phone.context.set_offline(False)
    phone.get_by_role("button", name="Sync now").click()
    expect(phone.locator("#sync-status")).to_contain_text("All synced", timeout=20_000)
    shots(phone, "back-online")
    assert app_server.query(mine, email=new_learner[0]) == [
        ("nugget_completed", 1),
        ("nugget_started", 1),
        ("quiz_answered", 3),
        ("step_done", 4),
    ]
    assert phone.errors == []


def test_two_accounts_can_share_one_phone(phone, app_server, make_learner):
    robin, sam = make_learner("Robin"), make_learner("Sam")
    sign_in(phone, *robin)
    phone.goto("/progress")
    phone.get_by_role("button", name="Sign out").click()
    phone.wait_for_url("**/signin**")
    phone.fill("#signin-email", sam[0])
    phone.fill("#signin-password", sam[1])
    phone.click("button[type=submit]")
    expect(phone.get_by_role("heading", name="Hi Sam")).to_be_visible(timeout=20_000)
    expect(phone.locator(".mm-nugget-card")).to_have_count(12)
    devices = dict(
        app_server.query(
            "SELECT u.email, count(*) FROM device d JOIN user u ON u.id = d.user_id"
            " WHERE u.email IN (:a, :b) GROUP BY u.email",
            a=robin[0],
            b=sam[0],
        )
    )
    assert devices == {robin[0]: 1, sam[0]: 1}


def test_new_learner_joins_a_cohort_with_the_invite_code(phone, make_learner, shots):
    email, password = make_learner("Kim", cohort=None)
    phone.goto("/signin")
    phone.fill("#signin-email", email)
    phone.fill("#signin-password", password)
    phone.click("button[type=submit]")
    expect(phone.get_by_role("heading", name="No nuggets yet")).to_be_visible(timeout=20_000)
    phone.fill("#join-code", "WRONG9")
    phone.get_by_role("button", name="Join cohort").click()
    expect(phone.locator("#form-error")).to_have_text("No cohort has the invite code 'WRONG9'.")
    shots(phone, "wrong-code")
    assert_accessible(phone, "join a cohort")
    phone.fill("#join-code", "commute1")
    phone.get_by_role("button", name="Join cohort").click()
    expect(phone.locator(".mm-nugget-card")).to_have_count(12, timeout=20_000)
    shots(phone, "joined")


def test_server_errors_keep_answers_until_it_recovers(browser, app_server, new_learner, shots):
    # No service worker here: its Background Sync would go round the page-level 503s
    # below (this test is about the page's own retry timer).
    context = browser.new_context(base_url=app_server.base_url, service_workers="block", **PHONE)
    phone = context.new_page()
    sign_in(phone, *new_learner)
    failures = []

    def unavailable(route):
        failures.append(route.request.url)
        route.fulfill(status=503, body='{"error": "busy"}', content_type="application/json")

    phone.route("**/api/v1/sync/**", unavailable)
    phone.locator(".mm-nugget-card").first.click()
    phone.click("#player-next")
    expect(phone.locator("#sync-status")).to_have_text("Can't sync yet · 1 answer saved")
    shots(phone, "server-503")
    assert failures
    phone.unroute("**/api/v1/sync/**")
    # No tap needed: the retry timer (backoff with jitter) brings it home.
    expect(phone.locator("#sync-status")).to_contain_text("All synced", timeout=20_000)
    rows = app_server.query(
        "SELECT e.type FROM learnerevent e JOIN user u ON u.id = e.user_id WHERE u.email = :e",
        e=new_learner[0],
    )
    assert rows == [("nugget_started",)]
    context.close()


FILL_STORAGE = """() => {
  window.__realPut = IDBObjectStore.prototype.put;
  IDBObjectStore.prototype.put = function (...args) {
    if (this.name === "outbox") throw new DOMException("quota", "QuotaExceededError");
    return window.__realPut.apply(this, args);
  };
}"""


def test_full_storage_is_reported_and_queued_answers_kept(phone, new_learner, shots):
    sign_in(phone, *new_learner)
    phone.context.set_offline(True)
    phone.locator(".mm-nugget-card").first.click()
    phone.click("#player-next")  # records "started": 1 answer queued
    expect(phone.locator("#sync-status")).to_have_text("Offline · 1 answer saved")
    phone.evaluate(FILL_STORAGE)
    phone.click("#player-next")
    steps = phone.locator(".mm-step button[role=checkbox]")
    steps.first.click()  # this answer cannot be stored
    expect(phone.get_by_role("alert")).to_contain_text("storage is full")
    expect(phone.locator("#sync-status")).to_have_text("Offline · 1 answer saved")
    shots(phone, "storage-full")
    phone.evaluate("() => { IDBObjectStore.prototype.put = window.__realPut; }")
    steps.first.click()  # space again: the tap goes through
    expect(phone.locator("#sync-status")).to_have_text("Offline · 2 answers saved")
    expect(phone.get_by_text("storage is full")).to_have_count(0)


KV = "(key) => window.mmStore.get('kv', key)"
PUT_KV = "([value, key]) => window.mmStore.put('kv', value, key)"
# Notes every nugget title that enters the page, however briefly.
WATCH_TITLES = """window.__mmTitlesSeen = new Set();
new MutationObserver(() => {
  for (const card of document.querySelectorAll(".mm-nugget-card")) {
    window.__mmTitlesSeen.add(card.innerText);
  }
}).observe(document, { childList: true, subtree: true, characterData: true });"""
SEEN = "(text) => [...window.__mmTitlesSeen].some((t) => t.includes(text))"


def _plant(page, remembered: dict) -> None:
    """Store `remembered` as the last shown Today list, and make sure it stays.

    The sign-in's first sync ends with a refresh that writes the list it shows; if
    that is still under way, it can overwrite the planted one (bounded retries).
    """
    for _ in range(10):
        page.evaluate(PUT_KV, [remembered, "today_view"])
        page.wait_for_timeout(300)
        if page.evaluate(KV, "today_view") == remembered:
            return
    raise AssertionError("the page kept rewriting its Today list")


def test_a_cold_open_paints_the_list_last_shown_then_the_fresh_one(phone, make_learner):
    """Today's list as last shown is painted first on a cold open, and only for its learner.

    A planted "last shown" list stands in for one that went stale (a nugget done
    since, a new day): after the reload the fresh list must replace it. Another
    learner's list is never shown, and signing out forgets it.
    """
    robin = make_learner("Robin")
    sign_in(phone, *robin)
    expect(phone.locator(".mm-nugget-card")).to_have_count(12)
    shown = phone.evaluate(KV, "today_view")
    session = phone.evaluate(KV, "session")
    assert shown["user"] == session["user"]["id"] and len(shown["view"]["items"]) == 12

    stale = {**shown["view"], "items": shown["view"]["items"][:1], "headline": "stale"}
    stale["items"][0] = {**stale["items"][0], "title": "A title from the last visit"}
    _plant(phone, {"user": session["user"]["id"], "view": stale})
    phone.add_init_script(WATCH_TITLES)
    phone.reload()
    expect(phone.locator(".mm-nugget-card")).to_have_count(12)
    expect(phone.get_by_text("A title from the last visit")).to_have_count(0)
    assert phone.evaluate(SEEN, "A title from the last visit")  # painted first
    assert len(phone.evaluate(KV, "today_view")["view"]["items"]) == 12

    other = {**stale, "items": [{**stale["items"][0], "title": "Someone else's nugget"}]}
    _plant(phone, {"user": "another-learner", "view": other})
    phone.reload()
    expect(phone.locator(".mm-nugget-card")).to_have_count(12)
    assert not phone.evaluate(SEEN, "Someone else's nugget")

    phone.goto("/progress")
    phone.get_by_role("button", name="Sign out").click()
    phone.wait_for_url("**/signin**")
    assert phone.evaluate(KV, "today_view") is None


HOLD_LOCK = """(ms) => new Promise((held) => {
  navigator.locks.request("mm-sync", () => {
    held();
    return new Promise((release) => setTimeout(release, ms));
  });
})"""


def test_a_tab_waits_for_another_tabs_sync_and_reports_its_own(phone, new_learner):
    """One flusher across tabs: a sync asked for while another tab holds the lock
    waits for it, then runs (finding the answers already sent) and reports that."""
    sign_in(phone, *new_learner)
    expect(phone.locator("#sync-status")).to_contain_text("All synced", timeout=15_000)
    other = phone.context.new_page()
    other.goto("/progress")
    expect(other.locator("#sync-status")).to_be_visible()
    other.evaluate(HOLD_LOCK, 2000)  # the other tab is "syncing" for 2 s
    started = phone.evaluate("performance.now()")
    result = phone.evaluate("window.mmSync.sync('test')")
    waited = phone.evaluate("performance.now()") - started
    assert result["ok"] is True and "reason" not in result, result
    assert waited >= 1000, waited  # it ran after the other tab let go, not beside it
    expect(phone.locator("#sync-status")).to_contain_text("All synced")


# Everything this phone keeps, for looking for traces of a learner.
DUMP_DEVICE = """async () => {
  const out = {};
  for (const name of ["kv", "nuggets", "attempts", "outbox"]) {
    out[name] = await window.mmStore.tx([name], "readonly", async (s) => {
      const keys = await window.mmStore.req(s[name].getAllKeys());
      const values = await window.mmStore.req(s[name].getAll());
      return keys.map((k, i) => [k, values[i]]);
    });
  }
  out.localStorage = Object.fromEntries(Object.entries(localStorage));
  out.media = (await (await caches.open("mm-media")).keys()).map((r) => r.url);
  return out;
}"""


def _wait_for(page, found: list, seconds: float) -> None:
    for _ in range(int(seconds * 10)):
        if found:
            return
        page.wait_for_timeout(100)


def test_signing_out_mid_download_leaves_no_trace_for_the_next_person(
    browser, app_server, make_learner, shots
):
    """Robin signs out on a shared phone while another tab is still downloading
    Robin's nuggets; the download lands after the sign-out wiped the phone and must
    not write them back. Sam, next, sees nothing of Robin's on screen or on the phone.
    """
    # No service worker: the other tab's move to sign-in can then be held at the
    # network, so the late download arrives while its page is still alive.
    context = browser.new_context(base_url=app_server.base_url, service_workers="block", **PHONE)
    phone = context.new_page()
    errors = []
    context.on("weberror", lambda e: errors.append(str(e.error)))
    robin, sam = make_learner("Robin"), make_learner("Sam", cohort=None)
    sign_in(phone, *robin)
    expect(phone.locator(".mm-nugget-card")).to_have_count(12)
    robin_id = phone.evaluate(KV, "session")["user"]["id"]
    titles = [n["title"] for n in phone.evaluate("() => window.mmStore.all('nuggets')")]
    assert len(titles) == 12
    phone.goto("/progress")
    expect(phone.locator("#sync-status")).to_contain_text("All synced", timeout=15_000)
    phone.evaluate("window.mmSync.sync('settle')")  # its own first sync is over

    other = context.new_page()  # a second tab, on Today
    other.goto("/")
    expect(other.locator(".mm-nugget-card")).to_have_count(12)
    other.evaluate("window.mmSync.sync('settle')")
    pulls, navigations = [], []
    other.route("**/api/v1/sync/pull**", lambda r: pulls.append(r))
    other.route(
        "**/signin**",
        lambda r: navigations.append(r) if r.request.resource_type == "document" else r.continue_(),
    )
    other.evaluate(PUT_KV, [None, "cursor"])  # its next pull downloads everything again
    other.evaluate("() => { window.mmSync.sync('test'); }")
    _wait_for(other, pulls, 10)
    assert pulls, "the other tab's download never started"

    phone.get_by_role("button", name="Sign out").click()
    phone.wait_for_url("**/signin**", timeout=10_000)  # not held up by the other tab
    assert phone.evaluate(KV, "session") is None
    _wait_for(other, navigations, 5)  # told of the sign-out, the other tab leaves too
    pulls[0].continue_()  # ... but its download arrives first
    for _ in range(15):  # bounded: whatever it would write is written within 1.5 s
        phone.wait_for_timeout(100)
        assert phone.evaluate("() => window.mmStore.all('nuggets')") == []
    for route in navigations:
        route.continue_()
    other.wait_for_url("**/signin**", timeout=10_000)
    expect(other.locator(".mm-nugget-card")).to_have_count(0)
    assert other.evaluate(KV, "cursor") is None and other.evaluate(KV, "progress") is None
    shots(phone, "signed-out-mid-download")

    phone.fill("#signin-email", sam[0])
    phone.fill("#signin-password", sam[1])
    phone.click("button[type=submit]")
    expect(phone.get_by_role("heading", name="Hi Sam")).to_be_visible(timeout=20_000)
    expect(phone.get_by_role("heading", name="No nuggets yet")).to_be_visible()
    expect(phone.locator("#sync-status")).to_contain_text("All synced", timeout=15_000)
    shots(phone, "next-person-sees-nothing-of-robins")
    expect(phone.locator(".mm-nugget-card")).to_have_count(0)
    screen = phone.locator("body").inner_text()
    assert not [t for t in titles if t in screen]

    device = phone.evaluate(DUMP_DEVICE)
    stored = json.dumps(device, ensure_ascii=False)
    assert device["nuggets"] == [] and device["attempts"] == [] and device["outbox"] == []
    assert robin_id not in stored and not [t for t in titles if t in stored]
    assert "mm_staff_token" not in device["localStorage"] and device["media"] == []
    kv = dict(device["kv"])
    sam_id = kv["session"]["user"]["id"]
    assert kv["session"]["user"]["display_name"] == "Sam"
    assert kv.get("today_view", {"user": sam_id})["user"] == sam_id
    assert errors == []
    context.close()
