"""The coordinator's skills view: a learner takes the audit, the heat map shows it; a new
target changes the cells; the CSV downloads; the page fits a phone (the map scrolls)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import pathlib

import pytest
from playwright.sync_api import Page, expect
from sqlmodel import select

from mmapp import db
from mmapp.demo.seed import DEMO_COHORT_CODE, DEMO_COORDINATOR
from mmapp.models import Cohort, SkillTarget
from tests.e2e.a11y import assert_accessible
from tests.e2e.conftest import sign_in

pytestmark = pytest.mark.e2e
# The outermost elements that reach past a 390-px screen (to say what is too wide).
WIDEST = """
[...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > 391
  && !e.closest('.mm-heat-wrap') && e.parentElement.getBoundingClientRect().right <= 391)
  .slice(0, 8).map(e => e.tagName + '.' + e.className + ' '
    + Math.round(e.getBoundingClientRect().right) + ' ' + (e.textContent || '').slice(0, 40))
"""


def _coach_signs_in(coach: Page) -> None:
    coach.goto("/signin")
    coach.fill("#signin-email", DEMO_COORDINATOR[0])
    coach.fill("#signin-password", DEMO_COORDINATOR[1])
    coach.click("button[type=submit]")
    coach.get_by_role("link", name="Coordinator workspace").click(timeout=20_000)
    coach.get_by_role("link", name="Commuters, autumn cohort").click(timeout=20_000)
    expect(coach.locator("#cohort-name")).to_have_text("Commuters, autumn cohort")


def _targets(db_url: str, rows: list[SkillTarget] | None = None) -> list[SkillTarget]:
    """The demo cohort's targets; with `rows`, put those back instead."""
    engine = db.make_engine(db_url)
    try:
        with db.session_scope(engine) as s:
            cohort = s.exec(select(Cohort).where(Cohort.invite_code == DEMO_COHORT_CODE)).one()
            held = list(s.exec(select(SkillTarget).where(SkillTarget.cohort_id == cohort.id)))
            if rows is None:
                return [SkillTarget(**t.model_dump()) for t in held]
            for t in held:
                s.delete(t)
            s.flush()
            s.add_all([SkillTarget(**t.model_dump()) for t in rows])
            return rows
    finally:
        engine.dispose()


def test_the_heat_map_shows_the_audit_and_follows_a_new_target(
    browser, app_server, phone, make_learner, shots
):
    email, password = make_learner("Ada")
    sign_in(phone, email, password)
    phone.click("#audit-invite")
    skills = phone.locator(".mm-audit-skill")
    expect(skills).to_have_count(3)
    for i in range(3):
        said = skills.nth(i).locator(".mm-audit-rate").nth(1)  # "I know what it is": 1
        said.click()
        expect(said).to_have_attribute("aria-checked", "true")
    phone.click("#audit-done")
    expect(phone.locator("#sync-status")).to_contain_text("All synced", timeout=20_000)

    saved = _targets(app_server.db_url)
    desk = browser.new_context(
        base_url=app_server.base_url, viewport={"width": 1280, "height": 900}
    )
    coach = desk.new_page()
    try:
        _coach_signs_in(coach)
        heat = coach.locator("#skills-heatmap")
        ada = heat.locator("tbody tr", has_text=email)
        feedback = ada.locator('td[data-skill="feedback"]')
        expect(feedback).to_contain_text("1 → 3")
        expect(feedback).to_have_class("mm-heat-cell mm-heat-gap2")
        expect(feedback).to_have_attribute(
            "title", "Ada: Giving feedback that lands, level 1, target 3, gap 2"
        )
        expect(coach.locator("#skills-gaps")).to_contain_text("Giving feedback that lands")
        expect(coach.locator("#skills-not-audited")).not_to_contain_text(email)
        expect(coach.locator("#skills-at-risk-empty")).to_be_visible()  # six weeks to go
        shots(coach, "skills-heat-map")
        assert_accessible(coach, "Cohort page with the skills heat map")

        # A higher target, due in ten days: the cell changes, and the goal is at risk.
        soon = (dt.date.today() + dt.timedelta(days=10)).isoformat()
        row = coach.locator('#targets-form fieldset[data-skill="feedback"]')
        row.get_by_label("Target level").select_option("4")
        row.get_by_label("By (optional)").fill(soon)
        coach.locator("#targets-save").click()
        expect(coach.locator("#targets-notice")).to_contain_text("Targets saved for 3 skills")
        expect(feedback).to_contain_text("1 → 4")
        expect(feedback).to_have_class("mm-heat-cell mm-heat-gap3")
        expect(coach.locator("#skills-at-risk")).to_contain_text(
            "Ada · Giving feedback that lands 1 → 4 by"
        )
        # No level with a date is refused with a reason, and nothing changes.
        other = coach.locator('#targets-form fieldset[data-skill="status-email"]')
        other.get_by_label("Target level").select_option("")
        coach.locator("#targets-save").click()
        expect(coach.locator("#targets-error")).to_contain_text("choose a level for the date")
        expect(ada.locator('td[data-skill="status-email"]')).to_contain_text("1 → 3")
        shots(coach, "skills-after-a-new-target")

        with coach.expect_download() as download:
            coach.locator("#skills-csv").click()
        assert download.value.suggested_filename == "skills.csv"
        text = pathlib.Path(download.value.path()).read_text(encoding="utf-8")
        rows = [r for r in csv.DictReader(io.StringIO(text)) if r["email"] == email]
        assert [(r["skill"], r["self_rating"], r["current"], r["target"]) for r in rows] == [
            ("feedback", "1", "1", "4"),
            ("reading-charts", "1", "1", "3"),
            ("status-email", "1", "1", "3"),
        ]
        assert (rows[0]["gap"], rows[0]["at_risk"], rows[0]["target_by"]) == ("3", "True", soon)

        # On a phone: the page itself does not scroll sideways; the map does, in its box.
        coach.set_viewport_size({"width": 390, "height": 844})
        coach.reload()
        expect(feedback).to_contain_text("1 → 4")
        wide = coach.evaluate(WIDEST)
        assert coach.evaluate("document.documentElement.scrollWidth") <= 390, wide
        wrap = coach.locator(".mm-heat-wrap")
        assert wrap.evaluate("e => e.scrollWidth > e.clientWidth")
        shots(coach, "skills-on-a-phone")
        assert_accessible(coach, "Cohort page on a phone")
    finally:
        desk.close()
        _targets(app_server.db_url, saved)  # other journeys expect the demo's targets
