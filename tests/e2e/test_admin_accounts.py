"""An admin manages accounts in the browser; the reset link sets a new password.

At 1280 and 390 px: no sideways scroll, axe clean, no CSP violation.
"""

from __future__ import annotations

import os
import subprocess
import sys
import uuid

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.a11y import assert_accessible
from tests.e2e.test_content_security_policy import _shot, _watch
from tests.support.app_server import PHONE, ROOT


def _make_admin(db_url: str) -> tuple[str, str]:
    email = f"admin-{uuid.uuid4().hex[:8]}@example.org"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "mmapp.cli",
            "create-user",
            "--email",
            email,
            "--password",
            "admin-the-place",
            "--name",
            "Ada Admin",
            "--role",
            "admin",
        ],
        cwd=ROOT,
        check=True,
        capture_output=True,
        env={**os.environ, "MM_DATABASE_URL": db_url},
    )
    return email, "admin-the-place"


def _admin_opens_accounts(page: Page, email: str, password: str) -> None:
    page.goto("/signin")
    page.fill("#signin-email", email)
    page.fill("#signin-password", password)
    page.click("button[type=submit]")
    page.get_by_role("link", name="Coordinator workspace").click(timeout=20_000)
    page.get_by_role("link", name="Accounts").click(timeout=20_000)
    expect(page.get_by_role("heading", name="Accounts and audit log")).to_be_visible(timeout=20_000)


pytestmark = pytest.mark.e2e


def test_admin_changes_a_role_disables_and_makes_a_reset_link(browser, app_server, make_learner):
    email, password = _make_admin(app_server.db_url)
    learner, _ = make_learner("Robin")
    (raw_id,) = app_server.query("SELECT id FROM user WHERE email = :e", e=learner)[0]
    learner_id = str(uuid.UUID(str(raw_id)))  # SQLite keeps the 32 hex digits only
    desk = browser.new_context(
        base_url=app_server.base_url, viewport={"width": 1280, "height": 900}
    )
    page = desk.new_page()
    violations = _watch(desk, page)
    try:
        _admin_opens_accounts(page, email, password)
        page.fill("#account-search", learner.split("@")[0])
        page.get_by_role("button", name="Search").click()
        cards = page.get_by_role("table", name="Accounts").locator("tbody tr")
        expect(cards).to_have_count(1)
        page.select_option(f"#role-{learner_id}", "coordinator")
        expect(page.locator("#ws-notice")).to_contain_text(f"{learner} is now coordinator")
        cards.get_by_role("button", name="Disable").click()
        expect(page.locator("#ws-notice")).to_contain_text("is disabled")
        expect(cards).to_contain_text("disabled")
        cards.get_by_role("button", name="Enable").click()
        expect(page.locator("#ws-notice")).to_contain_text("is enabled")
        cards.get_by_role("button", name="Make reset link").click()
        link = page.locator("#reset-link")
        expect(link).to_contain_text("/reset?token=")
        reset_url = link.inner_text()
        entries = page.get_by_role("table", name="Audit log").locator("tbody tr")
        expect(entries.first).to_contain_text("Made a password reset link for")
        page.select_option("#audit-action", "role_changed")
        expect(entries).to_have_count(1)
        expect(entries.first).to_contain_text("learner -> coordinator")
        _shot(page, "accounts-1280")
        assert_accessible(page, "Accounts at 1280 px")
        assert violations == []
    finally:
        desk.close()

    phone = browser.new_context(base_url=app_server.base_url, **PHONE)
    small = phone.new_page()
    violations = _watch(phone, small)
    try:
        _admin_opens_accounts(small, email, password)
        _shot(small, "accounts-390")
        assert_accessible(small, "Accounts at 390 px")
        small.goto(reset_url)
        small.fill("#reset-password", "a-brand-new-pass")
        small.fill("#reset-again", "a-brand-new-pass")
        small.get_by_role("button", name="Set password").click()
        expect(small.locator("#ws-notice")).to_contain_text("new password is set")
        _shot(small, "reset-done-390")
        assert_accessible(small, "the reset page")
        small.goto(reset_url)  # once only
        small.fill("#reset-password", "another-new-pass")
        small.fill("#reset-again", "another-new-pass")
        small.get_by_role("button", name="Set password").click()
        expect(small.locator("#ws-error")).to_contain_text("not valid any more")
        assert violations == []
    finally:
        phone.close()
    rows = app_server.query(
        "SELECT action FROM auditentry WHERE subject_id = :s ORDER BY id", s=learner_id
    )
    assert [r[0] for r in rows] == [
        "role_changed",
        "account_disabled",
        "account_enabled",
        "reset_link_made",
        "password_reset",
    ]
