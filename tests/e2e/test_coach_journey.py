"""The coordinator writes, previews and publishes a nugget; a learner's phone gets it,
takes it offline, gets the next version; the coordinator sees completion and the
hard quiz item in the cohort's analytics.
"""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import expect
from sqlmodel import select

from mmapp import content, db
from mmapp.demo.seed import DEMO_COORDINATOR
from mmapp.models import Nugget
from tests.e2e.a11y import assert_accessible
from tests.e2e.conftest import sign_in, wait_until
from tests.e2e.test_offline_and_shared_phone import take_nugget
from tests.support.app_server import PHONE

pytestmark = pytest.mark.e2e
TITLE = "Round the number you say out loud"
SLUG = "round-out-loud"


def slide_photo(folder) -> object:
    """A 2400x1600 'photo' as a phone camera would upload it."""
    from PIL import Image

    path = folder / "slide.jpg"
    Image.new("RGB", (2400, 1600), (30, 90, 200)).save(path, "JPEG", quality=90)
    return path


def write_nugget(coach) -> None:
    coach.fill("#ed-title", TITLE)
    coach.fill("#ed-slug", SLUG)
    coach.fill("#ed-minutes", "6")
    coach.select_option("#ed-skill", "reading-charts")
    coach.select_option("#ed-level", "2")
    coach.fill("#ed-prerequisites", "check-the-axis")
    coach.fill("#ed-summary", "Say 'about a third', not '32.7%', when people listen.")
    coach.fill(
        "#ed-context",
        "You present a chart in a meeting and read out **32.74%**. Nobody remembers it.",
    )
    coach.fill("#ed-way_in", "Listeners keep *one* rounded number: round before you speak.")
    coach.fill(
        "#ed-steps",
        "Pick one number from your next slide\n"
        "Round it to a fraction or one figure\n"
        "Say it out loud once",
    )
    coach.fill("#ed-payoff", "People repeat your number back to you after the meeting.")
    coach.get_by_label("Quiz item 1 question").fill("How would you say 32.74% out loud?")
    coach.get_by_label("Quiz item 1 options (right ones start with *)").fill(
        "Thirty-two point seven four percent\n* About a third"
    )
    coach.get_by_label("Quiz item 1 explanation").fill("A rounded fraction is what listeners keep.")
    coach.get_by_role("button", name="Add a quiz item").click()
    coach.get_by_label("Quiz item 2 kind").select_option("true_false")
    coach.get_by_label("Quiz item 2 question").fill(
        "Rounding is fine when people listen rather than read."
    )
    coach.get_by_label("Quiz item 2 right answer").select_option("True")
    coach.get_by_label("Quiz item 2 explanation").fill("Precision belongs on the slide.")
    coach.get_by_role("button", name="Add a quiz item").click()
    coach.get_by_label("Quiz item 3 kind").select_option("short_answer")
    coach.get_by_label("Quiz item 3 question").fill("Round 0.48 to a simple fraction.")
    coach.get_by_label("Quiz item 3 accepted answers").fill("a half\nhalf\n1/2")
    coach.get_by_label("Quiz item 3 explanation").fill("0.48 is about a half.")


def test_coordinator_publishes_learner_takes_it_offline_and_analytics_show_it(
    browser, app_server, make_learner, shots, tmp_path
):
    learner_email, password = make_learner("Noor")
    phone = browser.new_context(base_url=app_server.base_url, **PHONE).new_page()
    sign_in(phone, learner_email, password)
    expect(phone.locator(".mm-nugget-card")).to_have_count(12)

    desk = browser.new_context(
        base_url=app_server.base_url, viewport={"width": 1280, "height": 900}
    )
    coach = desk.new_page()
    try:
        coach.goto("/signin")
        coach.fill("#signin-email", DEMO_COORDINATOR[0])
        coach.fill("#signin-password", DEMO_COORDINATOR[1])
        coach.click("button[type=submit]")
        coach.get_by_role("link", name="Coordinator workspace").click(timeout=20_000)
        expect(coach.get_by_role("heading", name="Workspace")).to_be_visible(timeout=20_000)
        coach.get_by_role("link", name="New nugget").click()
        expect(coach.get_by_role("heading", name="Nugget editor")).to_be_visible()
        expect(coach.locator("#ed-problems")).to_contain_text("Title")  # says what is missing
        write_nugget(coach)
        # A photo of the slide: resized for phones, added to Context, shown in the preview.
        coach.get_by_label("Picture description").fill("The slide showing 32.74%")
        coach.wait_for_timeout(800)  # typing is debounced; a person takes longer to pick a file
        coach.set_input_files("#picture-upload input[type=file]", str(slide_photo(tmp_path)))
        expect(coach.locator("#ws-notice")).to_contain_text("Picture added")
        preview = coach.get_by_role("region", name="Phone preview")
        expect(preview.get_by_role("img", name="The slide showing 32.74%")).to_be_visible()
        expect(preview.locator("strong")).to_have_text("32.74%")  # Markdown rendered live
        expect(preview.locator("li")).to_have_count(3)
        expect(coach.locator("#ed-ready")).to_be_visible()
        shots(coach, "editor-with-phone-preview")
        assert_accessible(coach, "Nugget editor")
        coach.select_option("#ed-cohort", label="Commuters, autumn cohort")
        coach.fill("#ed-release", "2026-11-01T07:30")  # in the past: released at once
        coach.get_by_role("button", name="Publish").click()
        expect(coach.locator("#ws-notice")).to_contain_text("Published version 1")
        expect(coach.locator("#ws-notice")).to_contain_text("Released to Commuters, autumn cohort")

        # The learner's phone gets it on the next sync, and takes it in a tunnel.
        phone.goto("/progress")
        phone.get_by_role("button", name="Sync now").click()
        expect(phone.locator("#sync-status")).to_contain_text("All synced")
        phone.goto("/")
        expect(phone.locator(".mm-nugget-card")).to_have_count(13)
        # The picture came down with the nugget (kept for the tunnel by the media cache).
        wait_until(
            phone,
            "caches.open('mm-media').then(c => c.keys())"
            ".then(k => k.some(r => r.url.includes('/media/u/')))",
            timeout=15_000,
        )
        phone.context.set_offline(True)
        take_nugget(phone, TITLE)
        shots(phone, "learner-finished-offline")
        phone.context.set_offline(False)
        phone.get_by_role("link", name="Progress").click()
        phone.get_by_role("button", name="Sync now").click()
        expect(phone.locator("#sync-status")).to_contain_text("All synced")

        # A new version reaches the phone; the answers keep version 1.
        coach.fill("#ed-title", TITLE + " (revised)")
        expect(coach.get_by_role("region", name="Phone preview")).to_contain_text("(revised)")
        coach.get_by_role("button", name="Publish").click()
        expect(coach.locator("#ws-notice")).to_contain_text("Published version 2")
        expect(coach.locator(".mm-version")).to_have_count(2)
        phone.get_by_role("button", name="Sync now").click()
        expect(phone.locator("#sync-status")).to_contain_text("All synced")
        phone.get_by_role("link", name="Today").click()
        expect(phone.locator(".mm-nugget-card", has_text="(revised)")).to_have_count(1)
        shots(phone, "learner-has-version-2")
        versions = app_server.query(
            "SELECT DISTINCT e.nugget_version FROM learnerevent e"
            " JOIN nugget n ON n.id = e.nugget_id WHERE n.slug = :slug",
            slug=SLUG,
        )
        assert versions == [(1,)]
        # Level and prerequisites survive every save from the editor, into the snapshot.
        stored = app_server.query(
            "SELECT n.level, n.prerequisites, r.snapshot FROM nugget n JOIN nuggetrevision r"
            " ON r.nugget_id = n.id AND r.version = 2 WHERE n.slug = :slug",
            slug=SLUG,
        )
        ((level, prerequisites, snapshot),) = stored
        assert (level, json.loads(prerequisites)) == (2, ["check-the-axis"])
        assert (json.loads(snapshot)["level"], json.loads(snapshot)["prerequisites"]) == (
            2,
            ["check-the-axis"],
        )

        # Analytics: the learner's completion and the hardest item.
        coach.goto("/coach")
        coach.get_by_role("link", name="Commuters, autumn cohort").click()
        learners = coach.locator("#table-learners")
        expect(learners).to_contain_text("Noor")
        expect(learners.locator("tr", has_text="Noor").locator("td").nth(1)).to_have_text("1")
        hardest = coach.locator("#table-items tbody tr").first
        expect(hardest).to_contain_text("0%")
        expect(coach.locator("#table-items")).to_contain_text("Thirty-two point seven four percent")
        shots(coach, "cohort-analytics")
        assert_accessible(coach, "Cohort analytics")
    finally:
        desk.close()
        phone.context.close()
        # Leave the shared demo cohort as other journeys expect it (12 nuggets).
        engine = db.make_engine(app_server.db_url)
        with db.session_scope(engine) as s:
            row = s.exec(select(Nugget).where(Nugget.slug == SLUG)).first()
            if row is not None:
                content.retract(session=s, nugget=row)
        engine.dispose()
