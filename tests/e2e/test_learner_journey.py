"""The demo learner signs in, takes a nugget with practice and quiz, and sees progress."""

from __future__ import annotations

import json
import re

import pytest
from playwright.sync_api import expect

from mmapp.demo.seed import DEMO_LEARNER
from tests.e2e.a11y import assert_accessible
from tests.e2e.conftest import nugget_card, sign_in

pytestmark = pytest.mark.e2e


def test_wrong_password_shows_a_readable_message(phone, shots):
    phone.goto("/signin")
    phone.fill("#signin-email", DEMO_LEARNER[0])
    phone.fill("#signin-password", "not-my-password")
    phone.click("button[type=submit]")
    expect(phone.locator("#form-error")).to_contain_text("don't match")
    shots(phone, "wrong-password")
    assert_accessible(phone, "sign-in with error")


def test_learner_completes_a_nugget_and_sees_progress(phone, app_server, shots):
    pushed: list[dict] = []
    phone.on(
        "request",
        lambda r: (
            pushed.extend(json.loads(r.post_data)["events"])
            if r.url.endswith("/api/v1/sync/push") and r.method == "POST"
            else None
        ),
    )

    phone.goto("/signin")
    expect(phone.locator("#signin-email")).to_be_visible()
    shots(phone, "signin")
    assert_accessible(phone, "sign-in")
    sign_in(phone)
    expect(phone.locator(".mm-nugget-card")).to_have_count(12)
    expect(phone.locator("#sync-status")).to_contain_text("All synced")
    shots(phone, "today")
    assert_accessible(phone, "Today")

    # "I have 10 minutes": only nuggets that fit, in order, within 10 minutes.
    phone.click("#minutes-10")
    expect(phone.locator("#fit-summary")).to_contain_text("of your 10 minutes")
    minutes = [
        int(re.search(r"(\d+) min ·", t).group(1))
        for t in phone.locator(".mm-nugget-card").all_inner_texts()
    ]
    assert minutes and sum(minutes) <= 10
    shots(phone, "today-10-minutes")
    phone.click("#minutes-0")

    nugget_card(phone, "Check where the axis starts").click()
    expect(phone.locator("#phase-label")).to_have_text("Part 1 of 5: Context")
    shots(phone, "context")
    assert_accessible(phone, "nugget: context")
    phone.click("#player-next")
    expect(phone.locator("#phase-label")).to_have_text("Part 2 of 5: Way in")
    shots(phone, "way-in")
    phone.click("#player-next")
    expect(phone.locator("#phase-label")).to_have_text("Part 3 of 5: Purposeful practice")
    expect(phone.locator("#player-next")).to_be_disabled()
    steps = phone.locator(".mm-step button[role=checkbox]")
    assert steps.count() == 4
    for i in range(steps.count()):
        steps.nth(i).click()
        expect(steps.nth(i)).to_have_attribute("aria-checked", "true")
    shots(phone, "practice-done")
    assert_accessible(phone, "nugget: practice")
    phone.click("#player-next")
    expect(phone.locator("#phase-label")).to_have_text("Part 4 of 5: Payoff")
    shots(phone, "payoff")
    phone.click("#player-next")

    # Q1 (single choice): a wrong answer gets instant feedback and the explanation.
    expect(phone.locator("#quiz-prompt")).to_contain_text("How much bigger is B")
    phone.locator(".mm-option", has_text="About 3 times bigger").click()
    phone.click("#quiz-check")
    expect(phone.locator("#quiz-feedback")).to_have_text("Not quite.")
    expect(phone.get_by_text("96 / 92 is about 1.04")).to_be_visible()
    shots(phone, "quiz-wrong")
    assert_accessible(phone, "quiz feedback")
    phone.click("#quiz-next")
    # Q2 (true/false): right.
    phone.locator(".mm-option", has_text="False").click()
    phone.click("#quiz-check")
    expect(phone.locator("#quiz-feedback")).to_have_text("Right!")
    shots(phone, "quiz-right")
    phone.click("#quiz-next")
    # Q3 (short answer): right, typed loosely.
    phone.fill("#quiz-text", "  The Y axis ")
    phone.click("#quiz-check")
    expect(phone.locator("#quiz-feedback")).to_have_text("Right!")
    phone.click("#quiz-next")
    # Q4 (multiple choice): right.
    phone.locator(".mm-option", has_text="The axis starts at 50").click()
    phone.locator(".mm-option", has_text="The axis has a break in it").click()
    phone.click("#quiz-check")
    expect(phone.locator("#quiz-feedback")).to_have_text("Right!")
    phone.click("#quiz-next")

    expect(phone.locator("#done-heading")).to_have_text("Nugget complete")
    expect(phone.locator("#done-score")).to_have_text("3 of 4 right first time")
    # 6 minutes against the default 10-minute goal: no streak yet, the goal shows.
    expect(phone.get_by_text("6 of 10 min today")).to_be_visible()
    shots(phone, "complete")
    assert_accessible(phone, "completion")
    expect(phone.locator("#sync-status")).to_contain_text("All synced", timeout=15_000)

    # The server holds exactly the events the device sent, once each.
    sent_ids = {e["event_id"] for e in pushed}
    rows = app_server.query(
        "SELECT e.event_id, e.type FROM learnerevent e JOIN user u ON u.id = e.user_id"
        " WHERE u.email = :email",
        email=DEMO_LEARNER[0],
    )
    stored_ids = {r[0].replace("-", "") for r in rows}
    assert len(rows) == len(stored_ids) == len(sent_ids) == 1 + 4 + 4 + 1
    assert stored_ids == {i.replace("-", "") for i in sent_ids}
    types = sorted(t for _, t in rows)
    assert types == sorted(
        ["nugget_started", "nugget_completed"] + ["step_done"] * 4 + ["quiz_answered"] * 4
    )

    phone.get_by_role("link", name="See your progress").click()
    expect(phone.locator("#stat-done")).to_have_text("1")
    expect(phone.locator("#stat-minutes")).to_have_text("6")
    expect(phone.locator("#stat-streak")).to_have_text("0")
    expect(phone.locator("#goal-today")).to_contain_text("6 of 10 min today")
    expect(phone.locator(".mm-done-title")).to_have_text(["✓ Check where the axis starts"])
    shots(phone, "progress")
    assert_accessible(phone, "Progress")
    assert phone.errors == []
