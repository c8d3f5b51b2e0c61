"""The week plan, as a learner meets it: commute times in, a chunk for each trip out.

A learner saves their commute times on Reminders; Your week places the pathway into
those trips with the minutes and the reason for each. They take the first planned
nugget in a tunnel, and the week is planned afresh on the phone: it is gone from the
plan, and nothing says a trip was missed.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.e2e.a11y import assert_accessible
from tests.e2e.conftest import sign_in
from tests.e2e.test_offline_and_shared_phone import take_nugget

pytestmark = pytest.mark.e2e


def test_commute_times_become_a_week_plan_that_replans_offline(
    phone, app_server, new_learner, shots
):
    sign_in(phone, *new_learner)
    expect(phone.locator(".mm-nugget-card").first).to_be_visible(timeout=15_000)
    phone.click("#week-link")
    expect(phone.locator("#week-no-slots")).to_be_visible()
    shots(phone, "week-before-commute-times")

    phone.click("#week-add-times")
    phone.fill("#remind-morning", "07:45")
    phone.fill("#remind-evening", "18:30")
    for day in ("Sat", "Sun"):
        phone.get_by_role("button", name=day).click()
    phone.select_option("#remind-goal", "10")
    phone.get_by_role("button", name="Save reminder times").click()
    expect(phone.get_by_text("Saved: 07:45 and 18:30 on Mon, Tue, Wed")).to_be_visible()

    phone.click("#see-week")
    expect(phone.locator("#week-summary")).to_contain_text("planned")
    chunks = phone.locator("a.mm-week-chunk")
    expect(chunks.first).to_be_visible()
    first = chunks.first.inner_text()
    # "07:45 / Ask 'per what?' + … / <reason> / 7 min": a time, what, why, how long.
    time, what, reason, minutes = [line.strip() for line in first.splitlines() if line.strip()]
    assert time in ("07:45", "18:30") and minutes.endswith(" min") and reason, first
    title = what.split(" + ")[0]
    shots(phone, "week-planned")
    assert_accessible(phone, "Your week")

    phone.context.set_offline(True)
    phone.get_by_role("navigation", name="Main").get_by_role("link", name="Today").click()
    take_nugget(phone, title)
    phone.get_by_role("link", name="Back to Today").click()
    phone.click("#week-link")
    # The page first shows the week as last built, then plans it afresh from the phone.
    expect(phone.locator(".mm-week-day").filter(has_text=title)).to_have_count(0)
    expect(phone.locator("#week-summary")).to_contain_text("planned")
    planned = " ".join(phone.locator(".mm-week-day").all_inner_texts())
    assert "missed" not in planned.lower() and "you skipped" not in planned.lower()
    shots(phone, "week-replanned-offline")
    phone.context.set_offline(False)
    assert phone.errors == []
