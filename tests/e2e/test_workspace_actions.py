"""Workspace actions in Chromium: a new cohort, a drip schedule, an invite link, withdrawal."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from playwright.sync_api import expect

from mmapp.demo.seed import DEMO_COORDINATOR
from tests.e2e.a11y import assert_accessible
from tests.support.app_server import PHONE

pytestmark = pytest.mark.e2e


def test_new_cohort_drip_and_invite_link(browser, app_server, make_learner, shots):
    desk = browser.new_context(
        base_url=app_server.base_url, viewport={"width": 1280, "height": 900}
    )
    coach = desk.new_page()
    coach.goto("/signin")
    coach.fill("#signin-email", DEMO_COORDINATOR[0])
    coach.fill("#signin-password", DEMO_COORDINATOR[1])
    coach.click("button[type=submit]")
    coach.get_by_role("link", name="Coordinator workspace").click(timeout=20_000)
    # The page's data arrived: the server state is live before the form is used.
    expect(coach.get_by_role("link", name="Commuters, autumn cohort")).to_be_visible(timeout=20_000)
    coach.fill("#cohort-name", "Drip crew")
    coach.get_by_role("button", name="Create cohort").click()
    expect(coach.locator("#ws-notice")).to_contain_text("Cohort Drip crew created", timeout=15_000)
    coach.get_by_role("link", name="Drip crew").click()
    expect(coach.locator("#cohort-name")).to_have_text("Drip crew")

    # Two nuggets, one per weekday from last week: the first is out already.
    coach.get_by_label("Check where the axis starts").check()
    coach.get_by_label("Describe the behaviour").check()
    start = dt.date.today() - dt.timedelta(days=7)
    coach.fill("#drip-start", start.isoformat())
    coach.get_by_role("button", name="Schedule").click()
    expect(coach.locator("#ws-notice")).to_contain_text("2 nuggets scheduled", timeout=15_000)
    shots(coach, "drip-scheduled")
    assert_accessible(coach, "Cohort page with drip form")
    # The full link (the public URL: localhost:3000 here), its QR code, a Copy button.
    link = coach.locator("#invite-link").get_attribute("href")
    assert link.startswith("http://localhost:3000/signin?join="), link
    expect(coach.locator("#invite-link")).to_have_text(link)
    expect(coach.get_by_role("img", name="QR code of the invite link")).to_be_visible()
    expect(coach.locator("#invite-copy")).to_be_visible()
    link = link.removeprefix("http://localhost:3000")  # this server's own origin

    # A learner opens the invite link, signs in, and is in the cohort with its nuggets.
    email, password = make_learner("Ivy", cohort=None)
    phone = browser.new_context(base_url=app_server.base_url, **PHONE).new_page()
    phone.goto(link)
    phone.fill("#signin-email", email)
    phone.fill("#signin-password", password)
    phone.click("button[type=submit]")
    expect(phone.locator(".mm-nugget-card")).to_have_count(2, timeout=20_000)
    shots(phone, "joined-by-link")
    coach.reload()
    # In the members table, joined "just now" (the Skills section names them too).
    member = coach.locator("#table-members tbody tr", has_text=email)
    expect(member).to_be_visible(timeout=15_000)
    expect(member.locator("time")).to_have_text(
        re.compile(r"^(just now|\d+ (second|minute)s? ago)$")
    )
    expect(coach.locator("#cohort-rename")).to_have_value("Drip crew")  # prefilled
    coach.fill("#cohort-rename", "Drip crew (spring)")
    coach.get_by_role("button", name="Save name").click()
    expect(coach.locator("#cohort-name")).to_have_text("Drip crew (spring)", timeout=15_000)
    coach.get_by_role("button", name="Archive cohort").click()
    expect(coach.locator("#ws-notice")).to_contain_text("archived", timeout=15_000)
    expect(coach.get_by_role("button", name="Restore cohort")).to_be_visible()
    desk.close()
    phone.context.close()
