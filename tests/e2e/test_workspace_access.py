"""Authorisation matrix for the workspace pages, in Chromium: checked on the server.

Each caller opens each page holding their own token (the learner's and stranger's
tokens put there by hand, as an attacker would); the server decides what renders.
"""

from __future__ import annotations

import os
import subprocess
import sys
import uuid

import httpx
import pytest
from playwright.sync_api import expect

from mmapp.demo.seed import DEMO_COORDINATOR
from tests.support.app_server import ROOT

pytestmark = pytest.mark.e2e


def _account(app_server, role: str) -> tuple[str, str]:
    email = f"{role}-{uuid.uuid4().hex[:8]}@example.org"
    subprocess.run(
        [sys.executable, "-m", "mmapp.cli", "create-user", "--email", email, "--password",
         "commutes-daily", "--name", role.title(), "--role", role],
        cwd=ROOT, check=True, capture_output=True,
        env={**os.environ, "MM_DATABASE_URL": app_server.db_url},
    )  # fmt: skip
    return email, "commutes-daily"


def _token(app_server, email: str, password: str) -> str:
    r = httpx.post(
        app_server.base_url + "/api/v1/auth/token",
        json={"email": email, "password": password, "device_id": "device-" + uuid.uuid4().hex[:10]},
    )
    assert r.status_code == 200, r.text
    return r.json()["token"]


def test_workspace_pages_show_each_caller_only_what_is_theirs(browser, app_server, make_learner):
    [(cohort_id,)] = app_server.query("SELECT id FROM cohort WHERE invite_code = 'COMMUTE1'")
    cohort_id = str(uuid.UUID(str(cohort_id)))
    tokens = {
        "anonymous": "",
        "learner": _token(app_server, *make_learner("Lou")),
        "other_coordinator": _token(app_server, *_account(app_server, "coordinator")),
        "owner": _token(app_server, *DEMO_COORDINATOR),
        "admin": _token(app_server, *_account(app_server, "admin")),
    }
    pages = {
        "home": "/coach",
        "editor": "/coach/edit?slug=per-what",
        "cohort": f"/coach/cohort?id={cohort_id}",
    }
    for caller, token in tokens.items():
        context = browser.new_context(base_url=app_server.base_url)
        context.add_init_script(f"localStorage.setItem('mm_staff_token', {token!r})")
        page = context.new_page()
        for name, url in pages.items():
            page.goto(url)
            expect(page.get_by_role("heading", level=1)).to_be_visible(timeout=20_000)
            main = page.locator("main")
            if caller in ("anonymous", "learner"):
                words = "Sign in" if caller == "anonymous" else "for coordinators and admins"
                expect(page.locator("#ws-denied")).to_contain_text(words, timeout=15_000)
            elif caller == "other_coordinator":
                expect(page.locator("#ws-denied")).to_have_count(0)
                if name != "home":
                    expect(page.locator("#ws-error")).to_contain_text("No such", timeout=15_000)
            else:
                if name == "editor":
                    expect(page.locator("#ed-title")).to_have_value('Ask "per what?"')
                elif name == "cohort":
                    expect(page.locator("#cohort-name")).to_have_text("Commuters, autumn cohort")
                else:
                    expect(main).to_contain_text("Commuters, autumn cohort")
            if caller not in ("owner", "admin"):
                page.wait_for_timeout(300)  # let any late state update land before checking
                for secret in ("Commuters, autumn cohort", "learner@demo", "COMMUTE1"):
                    assert secret not in main.inner_text(), (caller, name, secret)
                if name == "editor":
                    assert (
                        page.locator("#ed-title").count() == 0
                        or page.locator("#ed-title").input_value() != 'Ask "per what?"'
                    )
        context.close()
