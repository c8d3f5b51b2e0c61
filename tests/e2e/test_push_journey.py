"""A push in real Chromium: notification shown, nugget stored for the tunnel, click opens it.

`pushManager.subscribe` cannot reach a push service from this machine, so the push
is delivered into the service worker with DevTools' `ServiceWorker.deliverPushMessage`
(the server side of the protocol is tested against a loopback receiver instead).
"""

from __future__ import annotations

import datetime as dt
import json
import time
import zoneinfo

import httpx
import pytest
from playwright.sync_api import expect
from sqlmodel import select

from mmapp import db
from mmapp.models import Nugget
from mmapp.push.announcements import topic_for
from tests.e2e.a11y import assert_accessible
from tests.e2e.conftest import sign_in, wait_until
from tests.e2e.coordinator import Coordinator
from tests.e2e.test_pwa import wait_for_service_worker

pytestmark = pytest.mark.e2e

NOTIFICATIONS = "navigator.serviceWorker.ready.then(r => r.getNotifications())" + (
    ".then(ns => ns.map(n => ({title: n.title, body: n.body, tag: n.tag, data: n.data})))"
)
STORED = """(id) => new Promise((resolve, reject) => {
  const req = indexedDB.open("micromastery");
  req.onsuccess = () => {
    const r = req.result.transaction("nuggets").objectStore("nuggets").get(id);
    r.onsuccess = () => resolve(r.result ? r.result.title : null);
    r.onerror = () => reject(r.error);
  };
  req.onerror = () => reject(req.error);
})"""


def notifications_shown(page, seconds: float = 30) -> list[dict]:
    """The notifications on screen, once there is at least one (bounded wait).

    Bounded at 30 s: on a loaded 2-core machine, waking the stopped worker and showing
    the notification once took longer than the 10 s this waited before.

    (`wait_for_function` would not wait here: the expression is a promise, and a
    promise is truthy.)
    """
    for _ in range(int(seconds * 10)):
        shown = page.evaluate(NOTIFICATIONS)
        if shown:
            return shown
        page.wait_for_timeout(100)
    raise AssertionError("no notification was shown")


def registration_id(context, page, base_url: str) -> str:
    cdp = context.new_cdp_session(page)
    found: list[dict] = []
    cdp.on("ServiceWorker.workerRegistrationUpdated", lambda e: found.extend(e["registrations"]))
    cdp.send("ServiceWorker.enable")
    for _ in range(50):
        if found:
            break
        page.wait_for_timeout(100)
    return next(r for r in found if r["scopeURL"].startswith(base_url))["registrationId"], cdp


def test_a_pushed_nugget_shows_is_stored_offline_and_opens_on_click(
    persistent, app_server, make_learner, shots
):
    email, password = make_learner("Priya", cohort=None)
    coordinator = Coordinator(app_server.db_url)
    code = coordinator.own_cohort(email, ["per-what"])
    context = persistent()
    context.grant_permissions(["notifications"], origin=app_server.base_url)
    page = context.pages[0] if context.pages else context.new_page()
    sign_in(page, email, password)
    wait_for_service_worker(page)
    expect(page.locator(".mm-nugget-card")).to_have_count(1)

    # The coordinator releases a nugget and announces it; the push reaches the phone.
    coordinator.assign(code, "bottom-line-first")
    with db.session_scope(coordinator.engine) as s:
        nugget = s.exec(select(Nugget).where(Nugget.slug == "bottom-line-first")).one()
        nugget_id, title = str(nugget.id), nugget.title
    payload = {
        "kind": "new_nugget",
        "title": f"New nugget: {title}",
        "body": "5 min · Writing a clear status email",
        "url": f"/nugget?id={nugget_id}",
        "nugget_id": nugget_id,
        "topic": topic_for(nugget.id),
    }
    assert page.evaluate(STORED, nugget_id) is None  # not on the phone before the push
    reg_id, cdp = registration_id(context, page, app_server.base_url)
    for _ in range(2):  # a repeat replaces the notification (same tag), never stacks
        cdp.send(
            "ServiceWorker.deliverPushMessage",
            {"origin": app_server.base_url, "registrationId": reg_id, "data": json.dumps(payload)},
        )
        notifications_shown(page)
    # A replaced notification is briefly absent: wait for the settled list.
    page.wait_for_timeout(300)
    shown = notifications_shown(page)
    assert shown == [
        {
            "title": f"New nugget: {title}",
            "body": payload["body"],
            "tag": payload["topic"],
            "data": {"url": payload["url"], "nugget_id": nugget_id},
        }
    ]
    wait_until(page, f"({STORED})({json.dumps(nugget_id)})", timeout=15_000)

    # Into the tunnel, then the learner taps the notification.
    context.set_offline(True)
    page.goto("/progress")
    expect(page.locator("#sync-status")).to_contain_text("Offline")
    [worker] = context.service_workers
    worker.evaluate("self.registration.getNotifications().then(([n]) => openFromNotification(n))")
    page.wait_for_url(f"**/nugget?id={nugget_id}", timeout=15_000)
    expect(page.get_by_role("heading", name=title)).to_be_visible(timeout=15_000)
    expect(page.locator("#sync-status")).to_contain_text("Offline")
    shots(page, "opened-from-notification-offline")
    context.close()


def test_reminders_page_saves_commute_times_and_explains_push_errors(
    browser, app_server, new_learner, shots
):
    context = browser.new_context(
        base_url=app_server.base_url,
        viewport={"width": 390, "height": 844},
        timezone_id="Europe/London",
    )
    page = context.new_page()
    sign_in(page, *new_learner)
    page.get_by_role("link", name="Reminders").click()
    expect(page.get_by_role("heading", name="Reminders")).to_be_visible()
    expect(page.locator("#push-status")).to_contain_text("Reminders are off on this phone")
    # The phone's own time zone, read when the page opens (not at load, not left blank).
    expect(page.get_by_text("Times are local to")).to_have_text(
        "Times are local to Europe/London and follow daylight saving."
    )
    page.fill("#remind-morning", "07:45")
    page.fill("#remind-evening", "")
    page.get_by_role("button", name="Fri").click()  # not on Fridays
    expect(page.get_by_role("button", name="Fri")).to_have_attribute("aria-pressed", "false")
    page.select_option("#remind-goal", "15")
    page.get_by_role("button", name="Save reminder times").click()
    expect(page.get_by_text("Saved: 07:45 on Mon, Tue, Wed, Thu.")).to_be_visible()
    shots(page, "reminders-saved")
    assert_accessible(page, "Reminders page")
    rows = app_server.query(
        "SELECT p.slots, p.daily_goal_minutes, p.timezone FROM reminderplan p"
        " JOIN user u ON u.id = p.user_id WHERE u.email = :email",
        email=new_learner[0],
    )
    assert [(json.loads(slots), goal, tz) for slots, goal, tz in rows] == [
        ([{"weekday": d, "time": "07:45"} for d in range(4)], 15, "Europe/London")
    ]
    # Reopened: the saved plan fills the form.
    page.reload()
    expect(page.locator("#remind-timezone")).to_have_text("Europe/London")
    expect(page.locator("#remind-morning")).to_have_value("07:45")
    expect(page.locator("#remind-goal")).to_have_value("15")
    expect(page.get_by_role("button", name="Sat")).to_have_attribute("aria-pressed", "false")

    # Notifications blocked: the page says how to allow them, nothing breaks.
    page.get_by_role("button", name="Remind me").click()
    expect(page.locator("#push-status")).to_contain_text("blocked")
    shots(page, "reminders-blocked")
    context.close()


def test_the_running_servers_own_scheduler_sends_a_due_reminder_once(
    app_server, push_receiver, new_learner
):
    assert app_server.query("SELECT count(*) FROM vapidkey") == [(1,)]  # made at start
    api = httpx.Client(base_url=app_server.base_url + "/api/v1", timeout=10)
    r = api.post(
        "/auth/token",
        json={"email": new_learner[0], "password": new_learner[1], "device_id": "device-sched-1"},
    )
    auth = {"Authorization": f"Bearer {r.json()['token']}"}
    phone = push_receiver.subscribe()
    assert api.post("/push/subscriptions", headers=auth, json=phone.info).status_code == 201
    local = dt.datetime.now(dt.UTC).astimezone(zoneinfo.ZoneInfo("Asia/Tokyo"))
    plan = {
        "timezone": "Asia/Tokyo",
        "slots": [{"weekday": local.weekday(), "time": local.strftime("%H:%M")}],
        "daily_goal_minutes": 15,
    }
    assert api.put("/reminders", headers=auth, json=plan).status_code == 200
    deadline = time.monotonic() + 30
    while not push_receiver.for_subscriber(phone) and time.monotonic() < deadline:
        time.sleep(0.2)
    time.sleep(4)  # several more ticks, in every server process
    [got] = push_receiver.for_subscriber(phone)
    assert got.payload["kind"] == "reminder" and got.topic == "reminder"
    # The week plan's reason for the nugget it holds, then the minutes left.
    assert got.payload["body"].endswith(" · 15 of your 15 minutes left today.")
    assert push_receiver.errors == []
