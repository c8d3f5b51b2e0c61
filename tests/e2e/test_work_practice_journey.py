"""Practice in the flow of work, on the phone: commit at Practice, reflect offline, sync.

A learner at a nugget's Practice part taps "Try it at work", picks "Tomorrow" and a
plan, and commits. Two days later (the browser's clock moved; the server keeps its
own) Today asks calmly how it went; in a tunnel the reflection page records "Yes,
mixed" with a note. Back online it syncs once, and Progress lists it as tried at work.
The check-in push itself is tested against the loopback receiver in
tests/api/test_work_practice_api.py.
"""

from __future__ import annotations

import datetime as dt
import json

import pytest
from playwright.sync_api import expect

from tests.e2e.a11y import assert_accessible
from tests.e2e.conftest import nugget_card, sign_in

pytestmark = pytest.mark.e2e

PLAN = "<b>Ask</b> in the stand-up"


def test_commit_at_practice_reflect_offline_and_sync(phone, app_server, new_learner, shots):
    email = new_learner[0]
    sign_in(phone, *new_learner)
    expect(phone.locator("#sync-status")).to_contain_text("All synced", timeout=20_000)
    card = phone.locator(".mm-nugget-card").first
    title = card.locator(".rt-Text").first.inner_text()
    nugget_card(phone, title).click()
    for part in ("Part 2 of 5: Way in", "Part 3 of 5: Purposeful practice"):
        phone.click("#player-next")
        expect(phone.locator("#phase-label")).to_have_text(part)

    phone.click("#work-open")
    expect(phone.get_by_text("When will you try it?")).to_be_visible()
    chips = phone.locator(".mm-day-chip")
    expect(chips).to_have_count(7)
    phone.get_by_role("button", name="Tomorrow", exact=True).click()
    expect(phone.get_by_role("button", name="Tomorrow", exact=True)).to_have_attribute(
        "aria-pressed", "true"
    )
    phone.fill("#work-plan", PLAN)
    shots(phone, "practice-try-it-at-work")
    assert_accessible(phone, "the Practice part with Try it at work open")
    phone.click("#work-commit")
    expect(phone.locator("#work-line")).to_have_text("You'll try it tomorrow")
    expect(phone.get_by_text(PLAN, exact=True)).to_be_visible()  # text, not HTML
    shots(phone, "practice-committed")
    expect(phone.locator("#sync-status")).to_contain_text("All synced", timeout=20_000)

    # Two days on, by the phone's clock: the day to try it has passed.
    later = phone.evaluate("Date.now()") / 1000 + 2 * 86400
    phone.clock.set_fixed_time(dt.datetime.fromtimestamp(later, dt.UTC))
    phone.context.set_offline(True)
    phone.get_by_role("link", name="Today").first.click()
    checkin = phone.locator("#checkin-card")
    expect(checkin).to_contain_text(f"How did '{title}' go at work?")
    shots(phone, "today-checkin-card")
    assert_accessible(phone, "Today with the check-in card")

    checkin.click()
    expect(phone.get_by_role("heading", name="Did you try it? How did it go?")).to_be_visible()
    expect(phone.locator("#reflect-title")).to_have_text(title)
    expect(phone.get_by_text("You planned to try it yesterday.")).to_be_visible()
    expect(phone.get_by_text(PLAN, exact=True)).to_be_visible()
    phone.click("#reflect-save")
    expect(phone.get_by_role("alert")).to_have_text("Choose an answer.")
    phone.click("#reflect-answer-yes")
    phone.click("#reflect-went-mixed")
    expect(phone.locator("#reflect-went-mixed")).to_have_attribute("aria-checked", "true")
    phone.fill("#reflect-note", "They asked a follow-up question.")
    shots(phone, "reflection-page")
    assert_accessible(phone, "the reflection page")
    phone.click("#reflect-save")
    expect(phone.locator("#minutes-label")).to_be_visible()  # back on Today
    expect(phone.locator("#checkin-card")).to_have_count(0)
    expect(phone.locator("#sync-status")).not_to_contain_text("All synced")

    phone.context.set_offline(False)
    phone.get_by_role("link", name="Progress").first.click()
    phone.get_by_role("button", name="Sync now").click()
    expect(phone.locator("#sync-status")).to_contain_text("All synced", timeout=20_000)
    expect(phone.locator(".mm-tried")).to_contain_text(f"{title} · ")
    expect(phone.locator(".mm-tried")).to_contain_text("Mixed")
    shots(phone, "progress-tried-at-work")
    mine = (
        "SELECT e.type, e.payload FROM learnerevent e JOIN user u ON u.id = e.user_id"
        " WHERE u.email = :email AND e.type LIKE 'work_%' ORDER BY e.seq"
    )
    rows = [
        (t, p if isinstance(p, dict) else json.loads(p))
        for t, p in app_server.query(mine, email=email)
    ]
    assert [t for t, _ in rows] == ["work_committed", "work_reflected"]
    committed, reflected = rows[0][1], rows[1][1]
    assert committed["plan"] == PLAN
    assert reflected["tried"] is True and reflected["went"] == "mixed"
    assert reflected["note"] == "They asked a follow-up question."
    assert phone.errors == []
