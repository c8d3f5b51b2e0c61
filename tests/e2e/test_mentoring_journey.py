"""Mentoring on two phones: ask from a nugget, accept, book, calendar, reflect offline.

A learner stuck on a nugget's skill taps "Stuck? Ask a mentor": the skill is chosen
for them. In a tunnel the need is kept and the page says sending needs the network;
back online the top mentors show with score and reasons, and they ask Maya. Maya, on
her own phone, accepts on her Mentor page. The learner picks the first free time,
books it and downloads the session as a calendar file, which parses back with the
booked time and a 10-minute alarm. Maya then moves it from her own phone.

The app server runs on the wall clock, so the session cannot "happen" by waiting: the
test moves it an hour into the past in the app's database. Both people then open the
session the push would open (`?session=<id>`), go into a tunnel and say how it went;
the learner's action shows on Today at once, offline. Back online both reflections
reach the server once, and the action is still on Today, now from the server. The
learner lives where it is about noon now, with a commute slot this minute, so the
action's day is today and "Did you try …?" reaches their push service (the loopback
receiver) once.
"""

from __future__ import annotations

import datetime as dt
import time
import uuid
import zoneinfo

import httpx
import pytest
import sqlalchemy as sa
from icalendar import Calendar
from playwright.sync_api import Page, expect
from sqlmodel import Session, select

from mmapp import db, models
from mmapp.demo.mentors import seed_mentors
from mmapp.models import MentoringSession
from tests.e2e.a11y import assert_accessible
from tests.e2e.conftest import open_phone, sign_in, wait_until

pytestmark = pytest.mark.e2e

MAYA = ("maya@demo.micromastery.app", "mentor-on-the-move", "Maya Mentor")
NEED = "How do I open a hard conversation?"
ACTION = "Open with the facts at Friday's 1:1"


def _demo_mentors(app_server) -> None:
    """Maya and Noah with their weekly slots (the e2e server seeds no demo history)."""
    engine = db.make_engine(app_server.db_url)
    try:
        with db.session_scope(engine) as s:
            seed_mentors(session=s)  # skips the ones that exist
    finally:
        engine.dispose()


def _sign_in_mentor(page: Page) -> None:
    page.goto("/signin")
    page.fill("#signin-email", MAYA[0])
    page.fill("#signin-password", MAYA[1])
    page.click("button[type=submit]")
    nav = page.get_by_role("navigation", name="Main")
    expect(nav.get_by_role("link", name="Mentor")).to_be_visible(timeout=20_000)


def _to_payoff(page: Page) -> None:
    """Through a feedback nugget's parts to its Payoff (the practice steps ticked)."""
    page.locator(".mm-nugget-card").filter(has_text="Giving feedback").first.click()
    page.click("#player-next")
    page.click("#player-next")
    expect(page.locator("#phase-label")).to_contain_text("Part 3 of 5")
    for box in page.locator(".mm-step button[role=checkbox]").all():
        box.click()
    page.click("#player-next")
    expect(page.locator("#phase-label")).to_contain_text("Part 4 of 5")


def _synced(page: Page) -> None:
    expect(page.locator("#sync-status")).to_contain_text("All synced", timeout=20_000)


def _noon_zone() -> str:
    """A fixed-offset zone where it is about noon now: the test's day is whole around it."""
    hours = 12 - dt.datetime.now(dt.UTC).hour  # -11 .. +12
    return f"Etc/GMT{-hours:+d}" if hours else "Etc/GMT"  # Etc/ signs are inverted


def _subscribe_learner(app_server, push_receiver, learner: tuple[str, str], zone: str):
    """The learner's account gets a push subscription (at the loopback receiver) and a
    commute slot now, so a push due today is sent at the scheduler's next tick."""
    api = httpx.Client(base_url=app_server.base_url + "/api/v1", timeout=10)
    body = {"email": learner[0], "password": learner[1], "device_id": "device-mentoring-push"}
    auth = {"Authorization": f"Bearer {api.post('/auth/token', json=body).json()['token']}"}
    phone = push_receiver.subscribe()
    assert api.post("/push/subscriptions", headers=auth, json=phone.info).status_code == 201
    local = dt.datetime.now(dt.UTC).astimezone(zoneinfo.ZoneInfo(zone))
    plan = {
        "timezone": zone,
        "slots": [{"weekday": local.weekday(), "time": local.strftime("%H:%M")}],
    }
    assert api.put("/reminders", headers=auth, json=plan).status_code == 200
    return phone


def test_ask_accept_book_calendar_and_reflect_offline(
    browser, app_server, push_receiver, new_learner, shots
):
    _demo_mentors(app_server)
    zone = _noon_zone()
    with app_server.engine.begin() as conn:  # the learner lives in that zone
        conn.execute(
            sa.text('UPDATE "user" SET timezone = :z WHERE email = :e'),
            {"z": zone, "e": new_learner[0]},
        )
    learner = open_phone(browser, app_server, timezone_id=zone)
    maya = open_phone(browser, app_server)
    try:
        sign_in(learner, *new_learner)
        _synced(learner)
        _to_payoff(learner)
        learner.click("#payoff-ask-mentor")
        expect(learner.get_by_role("heading", name="Ask a mentor")).to_be_visible()
        skill = learner.locator("#ask-skill")
        expect(skill.locator("option:checked")).to_contain_text("Giving feedback")

        # In a tunnel: the need is kept on the phone, and the page says so calmly.
        learner.context.set_offline(True)
        learner.fill("#ask-need", NEED)
        expect(learner.locator("#ask-need-count")).to_have_text(f"{len(NEED)} of 280 characters")
        learner.click("#ask-find")
        expect(learner.locator("#ask-offline")).to_contain_text("Saved on this phone")
        shots(learner, "ask-offline")
        assert_accessible(learner, "Ask a mentor, offline")
        learner.reload()  # the draft survives a reload in the tunnel
        expect(learner.locator("#ask-need")).to_have_value(NEED)
        learner.context.set_offline(False)

        learner.click("#ask-find")
        matches = learner.locator(".mm-match")
        expect(matches.first).to_be_visible(timeout=15_000)
        expect(learner.locator(".mm-match-score").first).to_contain_text("Match ")
        expect(matches.filter(has_text=MAYA[2])).to_contain_text("Giving feedback that lands")
        shots(learner, "ask-mentors-ranked")
        assert_accessible(learner, "Ask a mentor, the ranking")
        matches.filter(has_text=MAYA[2]).get_by_role("button", name=f"Ask {MAYA[2]}").click()
        request = learner.locator(".mm-request").filter(has_text=NEED)
        expect(request).to_contain_text(f"Offered to {MAYA[2]} until", timeout=20_000)

        # Maya, on her own phone: the offer waits on her Mentor page.
        _sign_in_mentor(maya)
        maya.get_by_role("navigation", name="Main").get_by_role("link", name="Mentor").click()
        offer = maya.locator(".mm-offer").filter(has_text=NEED)
        expect(offer).to_contain_text("20 min · expires in 2 days", timeout=20_000)
        expect(maya.locator("#mentor-capacity")).to_contain_text("sessions this month")
        shots(maya, "mentor-offers")
        assert_accessible(maya, "the Mentor page, 390 wide")
        maya.set_viewport_size({"width": 1280, "height": 900})
        shots(maya, "mentor-offers-wide")
        assert_accessible(maya, "the Mentor page, 1280 wide")
        maya.set_viewport_size({"width": 390, "height": 844})
        offer.get_by_role("button", name="Accept").click()
        expect(maya.locator("#mentor-notice")).to_contain_text("Accepted")
        expect(maya.locator(".mm-offer").filter(has_text=NEED)).to_have_count(0)

        # The learner picks the first free time and books it.
        learner.reload()
        expect(request).to_contain_text("said yes: pick a time", timeout=20_000)
        request.get_by_role("button", name="Pick a time").click()
        first = learner.locator("#slot-picker .mm-slot").first
        expect(first).to_be_visible(timeout=15_000)
        shots(learner, "slots-by-day")
        assert_accessible(learner, "free times by day")
        first.click()
        expect(learner.locator("#mentoring-notice")).to_contain_text("Booked:", timeout=15_000)
        card = learner.locator(".mm-session").filter(has_text=NEED)
        expect(card).to_contain_text(f"Giving feedback that lands with {MAYA[2]}")
        session_id = card.get_attribute("id").removeprefix("msession-")
        shots(learner, "session-booked")
        assert_accessible(learner, "a booked session")

        with learner.expect_download() as got:
            card.get_by_role("button", name="Add to calendar").click()
        ics = Calendar.from_ical(got.value.path().read_bytes())
        (event,) = ics.walk("VEVENT")
        with Session(app_server.engine) as s:
            booked = s.get(MentoringSession, uuid.UUID(session_id))
            assert booked is not None and booked.minutes == 20
            start = booked.start_at.astimezone(dt.UTC)
        assert event.decoded("DTSTART") == start
        assert event.decoded("DTEND") - event.decoded("DTSTART") == dt.timedelta(minutes=20)
        assert [str(a["ACTION"]) for a in event.walk("VALARM")] == ["DISPLAY"]
        assert "Giving feedback" in str(event["SUMMARY"])

        # Maya moves it from her own phone, on her Mentor page.
        maya.goto("/mentor")
        _synced(maya)
        mine = maya.locator(".mm-session").filter(has_text=NEED)
        mine.get_by_role("button", name="Reschedule").click()
        other = maya.locator("#slot-picker .mm-slot").nth(1)
        expect(other).to_be_visible(timeout=15_000)
        shots(maya, "mentor-moves-session")
        assert_accessible(maya, "the Mentor page, moving a session")
        other.click()
        expect(maya.locator("#mentor-notice")).to_contain_text("Booked:", timeout=15_000)
        with Session(app_server.engine) as s:
            moved = s.get(MentoringSession, booked.id)
            assert moved is not None and moved.sequence == 1 and moved.start_at != booked.start_at

        # The session "happens": an hour ago, by the server's clock.
        with Session(app_server.engine) as s:
            held = s.get(MentoringSession, booked.id)
            held.start_at = dt.datetime.now(dt.UTC) - dt.timedelta(hours=1)
            s.add(held)
            s.commit()

        # Both open it as the "How did it go?" push would, then say it in a tunnel.
        learner.goto(f"/mentoring?session={session_id}")
        _synced(learner)
        expect(learner.locator("#mr-heading")).to_be_visible(timeout=15_000)
        maya.goto(f"/mentor?session={session_id}")
        _synced(maya)
        expect(maya.locator("#mr-heading")).to_be_visible(timeout=15_000)
        learner.context.set_offline(True)
        maya.context.set_offline(True)

        learner.locator(".mm-choice-rating").filter(has_text="4").click()
        learner.get_by_role("radio", name="Good fit", exact=True).click()
        learner.fill("#mr-takeaway", "Facts first, then how it landed.")
        learner.fill("#mr-action-0", ACTION)
        due = learner.locator("#mr-due-0").get_attribute("min")
        learner.fill("#mr-due-0", due)
        shots(learner, "reflect-offline")
        assert_accessible(learner, "How did it go? (learner)")
        learner.click("#mr-save")
        expect(card).to_contain_text("saved on this phone")

        maya.locator(".mm-choice-rating").filter(has_text="3").click()
        maya.get_by_role("radio", name="Still deciding").click()
        expect(maya.locator("#mr-takeaway")).to_have_count(0)  # the mentee's part only
        shots(maya, "reflect-offline-mentor")
        assert_accessible(maya, "How did it go? (mentor)")
        maya.click("#mr-save")
        expect(maya.locator(".mm-session")).to_contain_text("saved on this phone")

        # The action is in the plan at once, in the tunnel.
        learner.get_by_role("navigation", name="Main").get_by_role("link", name="Today").click()
        plan = learner.locator(".mm-plan-action")
        expect(plan).to_contain_text(f"Did you try '{ACTION}'?")
        shots(learner, "today-action-offline")
        assert_accessible(learner, "Today with an action from mentoring")

        # Back online: each reflection reaches the server once.
        learner.context.set_offline(False)
        maya.context.set_offline(False)
        for page in (learner, maya):
            page.evaluate("window.mm.syncNow()")
        sent = "window.mmOutbox.list().then((l) => l.length === 0)"
        wait_until(learner, sent, timeout=30_000)
        wait_until(maya, sent, timeout=30_000)
        reflection, action = models.SessionReflection, models.PlannedAction
        with Session(app_server.engine) as s:
            said = s.exec(select(reflection).where(reflection.session_id == booked.id)).all()
            planned = s.exec(select(action).where(action.session_id == booked.id)).all()
        assert sorted((r.rating, r.fit) for r in said) == [(3, "deciding"), (4, "good")]
        assert [(a.text, a.due_on.isoformat(), a.state) for a in planned] == [(ACTION, due, "open")]
        # Its day is today: "Did you try …?" reaches the learner's push service once.
        phone = _subscribe_learner(app_server, push_receiver, new_learner, zone)
        asked = lambda: [  # noqa: E731 - read again on each try
            r
            for r in push_receiver.for_subscriber(phone)
            if r.payload["kind"] == "mentoring_action"
        ]
        deadline = time.monotonic() + 30
        while not asked() and time.monotonic() < deadline:
            time.sleep(0.2)
        time.sleep(3)  # more ticks: still once
        (push,) = asked()
        assert ACTION in push.payload["body"] or ACTION in push.payload["title"], push.payload
        assert push.payload["url"] == f"/mentoring?action={planned[0].id}"
        learner.reload()
        expect(plan).to_contain_text(f"Did you try '{ACTION}'?", timeout=20_000)
        plan.get_by_role("button", name="Done").click()
        expect(plan).to_have_count(0)
        wait_until(learner, sent, timeout=30_000)
        with Session(app_server.engine) as s:
            assert s.get(action, planned[0].id).state == "done"
        assert learner.errors == [] and maya.errors == []
    finally:
        learner.context.close()
        maya.context.close()
