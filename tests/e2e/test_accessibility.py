"""Dark mode stays readable (axe contrast) and the learner path works by keyboard alone."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.e2e.a11y import assert_accessible
from tests.e2e.conftest import PHONE, sign_in

pytestmark = pytest.mark.e2e


def test_dark_mode_is_readable(browser, app_server, new_learner, shots):
    context = browser.new_context(base_url=app_server.base_url, color_scheme="dark", **PHONE)
    page = context.new_page()
    try:
        sign_in(page, *new_learner)
        background = page.evaluate(
            "getComputedStyle(document.querySelector('.radix-themes')).backgroundColor"
        )
        channels = [int(c) for c in background[background.index("(") + 1 : -1].split(",")[:3]]
        assert max(channels) < 60, f"dark mode background is {background}"
        shots(page, "today-dark")
        assert_accessible(page, "Today, dark")
        page.locator(".mm-nugget-card").first.click()
        expect(page.locator("#phase-label")).to_be_visible()
        shots(page, "nugget-dark")
        assert_accessible(page, "nugget, dark")
    finally:
        context.close()


def test_learner_path_works_by_keyboard(phone, new_learner, shots):
    phone.goto("/signin")
    phone.locator("#signin-email").focus()
    phone.keyboard.type(new_learner[0])
    phone.keyboard.press("Tab")
    phone.keyboard.type(new_learner[1])
    phone.keyboard.press("Enter")
    expect(phone.locator(".mm-nugget-card").first).to_be_visible(timeout=20_000)

    # Tab until the first nugget card has focus, then open it with Enter.
    for _ in range(20):
        phone.keyboard.press("Tab")
        if phone.evaluate("document.activeElement.classList.contains('mm-nugget-card')"):
            break
    else:
        pytest.fail("no nugget card reachable with Tab")
    outline = phone.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none", "focused card shows no focus ring"
    shots(phone, "keyboard-focus-card")
    phone.keyboard.press("Enter")
    expect(phone.locator("#phase-label")).to_have_text("Part 1 of 5: Context")

    phone.locator("#player-next").focus()
    phone.keyboard.press("Enter")
    expect(phone.locator("#phase-label")).to_have_text("Part 2 of 5: Way in")
    phone.keyboard.press("Enter")
    expect(phone.locator("#phase-label")).to_have_text("Part 3 of 5: Purposeful practice")
    first_step = phone.locator(".mm-step button[role=checkbox]").first
    first_step.focus()
    phone.keyboard.press("Space")
    expect(first_step).to_have_attribute("aria-checked", "true")
    shots(phone, "keyboard-step-ticked")
