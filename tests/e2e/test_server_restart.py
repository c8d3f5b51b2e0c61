"""The server crashes mid-commute and comes back: answers reach it exactly once."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import ARTIFACTS, sign_in
from tests.e2e.test_offline_and_shared_phone import take_nugget
from tests.e2e.test_pwa import OUTBOX_COUNT, wait_for_service_worker
from tests.support.app_server import create_learner, free_port, launch_phone, running_app

pytestmark = pytest.mark.e2e


def test_server_killed_and_restarted_instead_of_the_network(playwright, tmp_path, shots):
    port, log = free_port(), ARTIFACTS.parent / "restart-server.log"
    email, password = "crash@example.org", "commutes-daily"

    def open_phone(app):
        return launch_phone(playwright, tmp_path / "profile", app.base_url)

    with running_app(tmp_path, log, port) as app:
        create_learner(app.db_url, email, password, "Crash")
        context = open_phone(app)
        page = context.pages[0]
        sign_in(page, email, password)
        wait_for_service_worker(page)
        app.kill()
        take_nugget(page, "Add the impact")
        # 1 start + 4 steps + 4 answers + 1 completion, all on the phone.
        expect(page.locator("#sync-status")).to_have_text("Offline · 10 answers saved")
        page.reload()  # the service worker serves the page; the server is gone
        expect(page.locator("#done-heading")).to_have_text("Nugget complete", timeout=15_000)
        page.goto("/")
        expect(page.locator(".mm-nugget-card")).to_have_count(12, timeout=15_000)
        shots(page, "server-down-reload")
        context.close()

    with running_app(tmp_path, log, port) as app:
        context = open_phone(app)
        page = context.pages[0]
        page.goto("/progress")
        expect(page.locator("#stat-done")).to_have_text("1", timeout=15_000)
        expect(page.locator("#sync-status")).to_contain_text("All synced", timeout=30_000)
        assert page.evaluate(OUTBOX_COUNT) == 0
        rows = app.query(
            "SELECT e.type, count(*), count(DISTINCT e.event_id) FROM learnerevent e"
            " JOIN user u ON u.id = e.user_id WHERE u.email = :email"
            " GROUP BY e.type ORDER BY e.type",
            email=email,
        )
        assert rows == [
            ("nugget_completed", 1, 1),
            ("nugget_started", 1, 1),
            ("quiz_answered", 4, 4),
            ("step_done", 4, 4),
        ]
        shots(page, "server-back-synced")
        context.close()
