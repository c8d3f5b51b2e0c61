"""Skills, as a new learner meets them: the audit, a goal, and a pathway with reasons.

A learner who just joined is invited to a one-minute audit, rates each skill, raises
one goal, and Today answers "what next?" with a reason for every pick. With 10
minutes they take the first pick in a tunnel, and the plan moves on. Back online, the
server holds each rating and the goal once. Their coordinator, on a laptop, sees the
heat map change: before the audit the learner is "not audited" at level 0; after it,
their cells show the levels they gave.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.e2e.a11y import assert_accessible
from tests.e2e.conftest import sign_in
from tests.e2e.test_coach_skills_view import _coach_signs_in
from tests.e2e.test_offline_and_shared_phone import take_nugget

pytestmark = pytest.mark.e2e


def test_a_new_learner_audits_sets_a_goal_and_follows_the_pathway(
    browser, phone, app_server, new_learner, shots
):
    email = new_learner[0]
    desk = browser.new_context(
        base_url=app_server.base_url, viewport={"width": 1280, "height": 900}
    )
    coach = desk.new_page()
    _coach_signs_in(coach)
    row = coach.locator("#skills-heatmap tbody tr", has_text=email)
    feedback = row.locator('td[data-skill="feedback"]')
    expect(feedback).to_contain_text("0 → 3")
    expect(coach.locator("#skills-not-audited")).to_contain_text(email)

    sign_in(phone, *new_learner)
    expect(phone.locator(".mm-audit-invite")).to_be_visible(timeout=15_000)
    shots(phone, "today-invites-to-the-audit")
    assert_accessible(phone, "Today with the audit invitation")

    phone.click("#audit-invite")
    skills = phone.locator(".mm-audit-skill")
    expect(skills).to_have_count(3)
    for i in range(3):
        said = skills.nth(i).locator(".mm-audit-rate").nth(1)  # "I know what it is"
        said.click()
        expect(said).to_have_attribute("aria-checked", "true")
    skills.nth(0).locator(".mm-audit-goal-open").click()
    skills.nth(0).locator(".mm-audit-goal_level").last.click()
    skills.nth(0).locator(".mm-audit-goal-save").click()
    expect(skills.nth(0).locator(".mm-audit-goal")).to_be_visible()
    shots(phone, "audit-answered-with-a-goal")
    assert_accessible(phone, "the skills audit")
    phone.click("#audit-done")

    expect(phone.locator(".mm-pick-card").first).to_be_visible()
    expect(phone.locator(".mm-audit-invite")).to_have_count(0)
    reasons = phone.locator(".mm-pick-card .mm-reason").all_inner_texts()
    assert reasons and all(r.strip() for r in reasons), reasons
    shots(phone, "today-up-next-with-reasons")
    assert_accessible(phone, "Today with a pathway")
    expect(phone.locator("#sync-status")).to_contain_text("All synced", timeout=20_000)
    mine = (
        "SELECT e.type, count(*) FROM learnerevent e JOIN user u ON u.id = e.user_id"
        " WHERE u.email = :email AND e.type IN ('skill_rated', 'goal_set')"
        " GROUP BY e.type ORDER BY e.type"
    )
    assert app_server.query(mine, email=email) == [("goal_set", 1), ("skill_rated", 3)]
    # The coordinator's heat map follows: the learner's own levels, their raised goal.
    coach.reload()
    expect(feedback).to_contain_text("1 → ")
    expect(feedback).not_to_contain_text("0 → 3")
    expect(row.locator('td[data-skill="reading-charts"]')).to_contain_text("1 → 3")
    expect(coach.locator("#skills-not-audited")).not_to_contain_text(email)
    shots(coach, "coach-heat-map-after-the-audit")
    desk.close()

    phone.click("#minutes-10")
    expect(phone.locator("#fit-summary")).to_contain_text("of your 10 minutes")
    first = phone.locator(".mm-nugget-card").first
    title = first.locator(".rt-Text").first.inner_text()
    phone.context.set_offline(True)
    take_nugget(phone, title)
    phone.get_by_role("link", name="Back to Today").click()
    # The plan moved on: the nugget just taken is no longer what comes first.
    expect(phone.locator(".mm-nugget-card").first).to_be_visible()
    expect(phone.locator(".mm-nugget-card").first).not_to_contain_text(title)
    shots(phone, "today-after-the-first-pick-offline")
    phone.context.set_offline(False)
    phone.goto("/progress")
    phone.get_by_role("button", name="Sync now").click()
    expect(phone.locator("#sync-status")).to_contain_text("All synced", timeout=20_000)
    expect(phone.get_by_text("You said 1").first).to_be_visible()
    shots(phone, "progress-with-standing")
    assert_accessible(phone, "Progress with standing")
    assert phone.errors == []
