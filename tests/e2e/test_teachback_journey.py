"""Peer teach-back on two phones: ask offline after a nugget, confirm offline, see it count.

Tara finishes a nugget and taps "Teach it back": she picks Colin (a colleague in her
cohort) and tomorrow at 12:30, in a tunnel; the ask waits on her phone and goes with
the next sync. On his own phone Colin opens his teach-backs, reads the guide (the
nugget's Way in and Payoff, three prompts) and, offline too, confirms "they explained
it; I could use it", 4 of 4, with a comment. Tara's phone then shows it confirmed, and
what it counts for. The push to Colin is tested against the loopback receiver in
tests/api/test_teachback_api.py; the level it lifts in tests/unit/domains.
"""

from __future__ import annotations

import uuid

import pytest
from playwright.sync_api import expect

from tests.e2e.a11y import assert_accessible
from tests.e2e.conftest import open_phone, sign_in
from tests.e2e.test_offline_and_shared_phone import take_nugget

pytestmark = pytest.mark.e2e

NUGGET = "Beware the tiny sample"
COMMENT = "Clear: I used it on Monday's chart."


def test_ask_offline_confirm_offline_and_see_it_counted(browser, app_server, make_learner, shots):
    colin = make_learner("Colin")
    tara = make_learner("Tara")
    teacher = open_phone(browser, app_server)
    sign_in(teacher, *tara)
    expect(teacher.locator("#sync-status")).to_contain_text("All synced", timeout=20_000)
    take_nugget(teacher, NUGGET)
    expect(teacher.locator("#sync-status")).to_contain_text("All synced", timeout=20_000)

    # In a tunnel: the ask is queued, and shows at once.
    teacher.context.set_offline(True)
    teacher.click("#done-teach")
    expect(teacher.get_by_role("heading", name="Teach it back")).to_be_visible()
    expect(teacher.get_by_text("Who will you teach?")).to_be_visible()
    teacher.click("#teach-ask")
    expect(teacher.locator("#teach-error")).to_have_text("Choose a colleague.")
    teacher.get_by_role("radio", name="Colin").click()
    expect(teacher.get_by_role("radio", name="Colin")).to_have_attribute("aria-checked", "true")
    teacher.get_by_role("button", name="Tomorrow", exact=True).click()
    teacher.fill("#teach-time", "12:30")
    shots(teacher, "teacher-ask-form")
    assert_accessible(teacher, "the ask form")
    teacher.click("#teach-ask")
    expect(teacher.locator("#teach-status")).to_have_text("Asked · waiting to sync")
    expect(teacher.locator("#teach-who-line")).to_have_text("You asked Colin to hear you teach it.")
    expect(teacher.locator("#teach-when-line")).to_contain_text("12:30")
    assert "/teach?ask=" in teacher.url
    shots(teacher, "teacher-asked-offline")
    assert_accessible(teacher, "the ask, waiting to sync")
    teacher.context.set_offline(False)
    teacher.get_by_role("link", name="Progress").first.click()
    teacher.get_by_role("button", name="Sync now").click()
    expect(teacher.locator("#sync-status")).to_contain_text("All synced", timeout=20_000)
    done = teacher.locator(".mm-teach-link")
    expect(done).to_have_count(1)
    expect(done).to_have_attribute("aria-label", f"Teach it back: {NUGGET}")
    shots(teacher, "teacher-progress-teach-links")
    assert_accessible(teacher, "Progress with Teach it back links")
    asks = (
        "SELECT t.ask_id, p.email FROM teachback t JOIN user u ON u.id = t.teacher_id"
        " JOIN user p ON p.id = t.peer_id WHERE u.email = :email"
    )
    [(ask_id, peer_email)] = app_server.query(asks, email=tara[0])
    assert peer_email == colin[0]

    # Colin, on his own phone: the ask is there, with its guide; he confirms offline.
    peer = open_phone(browser, app_server)
    sign_in(peer, *colin)
    expect(peer.locator("#sync-status")).to_contain_text("All synced", timeout=20_000)
    peer.get_by_role("link", name="Progress").first.click()
    peer.click("#progress-teach")
    row = peer.locator(".mm-teach-row").filter(has_text="From Tara")
    expect(row).to_contain_text(NUGGET)
    expect(row).to_contain_text("Waiting for your confirmation")
    shots(peer, "colleague-list")
    assert_accessible(peer, "the teach-back lists")
    peer.context.set_offline(True)
    row.get_by_role("link", name=NUGGET).click()
    who = peer.locator("#teach-who-line")
    expect(who).to_have_text("Tara would like to teach you this nugget.")
    expect(peer.get_by_role("heading", name="The way in")).to_be_visible()
    expect(peer.get_by_role("heading", name="Three prompts")).to_be_visible()
    expect(peer.locator("#teach-prompts li")).to_have_count(3)
    peer.click("#teach-confirm")
    expect(peer.locator("#teach-error")).to_have_text("Choose a rating from 1 to 4.")
    peer.click("#teach-explained")
    peer.click("#teach-usable")
    peer.get_by_role("radio", name="4").click()
    peer.fill("#teach-comment", COMMENT)
    shots(peer, "colleague-guide-and-confirm")
    assert_accessible(peer, "the colleague's guide and confirm form")
    peer.click("#teach-confirm")
    expect(peer.locator("#teach-answered")).to_have_text(f"Rated 4 of 4 · {COMMENT}")
    expect(peer.locator("#teach-status")).to_have_text("Confirmed · waiting to sync")
    shots(peer, "colleague-confirmed-offline")
    peer.context.set_offline(False)
    peer.click("#teach-all")
    peer.get_by_role("link", name="Progress").first.click()
    peer.get_by_role("button", name="Sync now").click()
    expect(peer.locator("#sync-status")).to_contain_text("All synced", timeout=20_000)
    stored = "SELECT rating, usable, explained, comment FROM teachback WHERE ask_id = :ask"
    [(rating, usable, explained, comment)] = app_server.query(stored, ask=ask_id)
    assert (rating, bool(usable), bool(explained), comment) == (4, True, True, COMMENT)

    # Tara sees it confirmed, and what it counts for.
    teacher.goto(f"/teach?ask={uuid.UUID(str(ask_id))}")  # SQLite stores it as bare hex
    expect(teacher.locator("#teach-status")).to_have_text("Confirmed", timeout=20_000)
    expect(teacher.get_by_text(f"Rated 4 of 4 · {COMMENT}")).to_be_visible()
    expect(teacher.locator("#teach-counted")).to_have_text(
        "It counts as evidence once your practice shows level 3."
    )
    shots(teacher, "teacher-sees-confirmation")
    assert_accessible(teacher, "the teacher's confirmed teach-back")
    assert teacher.errors == [] and peer.errors == []
    teacher.context.close()
    peer.context.close()
