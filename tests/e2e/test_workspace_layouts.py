"""Every workspace page at 390 and 1280 px: axe clean, no sideways scroll, screenshots.

The coordinator's and an admin's view of each page, with a learner's phone synced
into the demo cohort first (so the devices table has a row) and an audit entry
written (so the audit log has one). Screenshots land in /tmp/workspace-shots/ for
people to look at.
"""

from __future__ import annotations

import os
import pathlib
import subprocess
import sys
import uuid

import httpx
import pytest
from playwright.sync_api import Page, expect
from sqlmodel import select

from mmapp import audit, db
from mmapp.demo.seed import DEMO_COORDINATOR
from mmapp.models import AuditAction, User
from tests.e2e.a11y import assert_accessible
from tests.e2e.conftest import sign_in
from tests.support.app_server import PHONE, ROOT, give_history

pytestmark = pytest.mark.e2e

SHOTS = pathlib.Path("/tmp/workspace-shots")
WIDE = {"viewport": {"width": 1280, "height": 900}}
ANDROID_CHROME = (
    "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/126.0.0.0 Mobile Safari/537.36"
)


def _admin(db_url: str) -> tuple[str, str]:
    email = f"admin-{uuid.uuid4().hex[:8]}@example.org"
    subprocess.run(
        [sys.executable, "-m", "mmapp.cli", "create-user", "--email", email, "--password",
         "admin-the-place", "--name", "Ada Admin", "--role", "admin"],
        cwd=ROOT, check=True, capture_output=True, env={**os.environ, "MM_DATABASE_URL": db_url},
    )  # fmt: skip
    return email, "admin-the-place"


def _token(base_url: str, email: str, password: str) -> str:
    r = httpx.post(
        base_url + "/api/v1/auth/token",
        json={"email": email, "password": password, "device_id": "ws-" + uuid.uuid4().hex[:10]},
    )
    assert r.status_code == 200, r.text
    return r.json()["token"]


def _open(browser, base_url: str, token: str, size: dict) -> Page:
    context = browser.new_context(base_url=base_url, **size)
    context.add_init_script(f"localStorage.setItem('mm_staff_token', {token!r})")
    return context.new_page()


def _visit(page: Page, url: str, ready: str, name: str) -> str:
    """Open one page, save its screenshot; what is wrong with it ("" if nothing)."""
    page.goto(url)
    expect(page.locator(ready).first).to_be_visible(timeout=20_000)
    page.wait_for_timeout(400)  # charts and late state updates settle
    width = page.viewport_size["width"]
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}-{width}.png"), full_page=True)
    try:
        assert_accessible(page, f"{name} at {width} px")
    except AssertionError as problem:
        return str(problem)
    return ""


def _learner_synced(browser, app_server, make_learner) -> None:
    """A learner of the demo cohort with a few weeks of history signs in on an Android
    phone: a device row, and a credential issued on that first sync."""
    context = browser.new_context(base_url=app_server.base_url, **PHONE, user_agent=ANDROID_CHROME)
    page = context.new_page()
    email, password = make_learner("Devi")
    give_history(app_server, email)
    sign_in(page, email, password)
    context.close()


def _audited(app_server, email: str) -> None:
    """One audit entry by `email` (what publishing a nugget writes)."""
    engine = db.make_engine(app_server.db_url)
    try:
        with db.session_scope(engine) as s:
            actor = s.exec(select(User).where(User.email == email)).one()
            audit.record(
                session=s,
                actor=actor,
                action=AuditAction.nugget_published,
                subject=("nugget", uuid.uuid4()),
                detail="per-what version 2",
            )
    finally:
        engine.dispose()


def test_every_workspace_page_fits_390_and_1280(browser, app_server, make_learner):
    _learner_synced(browser, app_server, make_learner)
    [(cohort_id,)] = app_server.query("SELECT id FROM cohort WHERE invite_code = 'COMMUTE1'")
    cohort_id = str(uuid.UUID(str(cohort_id)))
    coordinator = _token(app_server.base_url, *DEMO_COORDINATOR)
    admin_email, admin_password = _admin(app_server.db_url)
    admin = _token(app_server.base_url, admin_email, admin_password)
    _audited(app_server, admin_email)
    pages = [
        (coordinator, "/coach", "#new-nugget", "home"),
        (coordinator, "/coach/edit?slug=per-what", "#ed-title", "editor"),
        (coordinator, f"/coach/cohort?id={cohort_id}", "#cohort-name", "cohort"),
        (admin, "/coach/credentials", "#save-achievement", "credentials"),
        (admin, "/coach/accounts", "#table-entries tbody tr", "accounts"),
        (admin, "/reset?token=nonsense", "h1", "reset"),
    ]
    problems = []
    for size in (PHONE, WIDE):
        for token, url, ready, name in pages:
            page = _open(browser, app_server.base_url, token, size)
            problems.append(_visit(page, url, ready, name))
            page.context.close()
    assert not any(problems), "\n".join(p for p in problems if p)


def _names(page: Page) -> list[str]:
    return page.locator("#table-members tbody tr td:first-child").all_inner_texts()


def test_members_sort_by_a_header_on_a_laptop_and_by_a_list_on_a_phone(
    browser, app_server, make_learner
):
    make_learner("zed")
    make_learner("Abe")
    [(cohort_id,)] = app_server.query("SELECT id FROM cohort WHERE invite_code = 'COMMUTE1'")
    url = f"/coach/cohort?id={uuid.UUID(str(cohort_id))}"
    token = _token(app_server.base_url, *DEMO_COORDINATOR)
    page = _open(browser, app_server.base_url, token, WIDE)
    page.goto(url)
    expect(page.locator("#table-members tbody tr").first).to_be_visible(timeout=20_000)
    assert len(_names(page)) >= 3
    header = page.locator("#table-members th", has_text="Name")
    expect(header).to_have_attribute("aria-sort", "none")
    header.get_by_role("button").click()
    expect(header).to_have_attribute("aria-sort", "ascending")
    ascending = _names(page)
    assert ascending == sorted(ascending, key=str.casefold)
    header.get_by_role("button").click()
    expect(header).to_have_attribute("aria-sort", "descending")
    expect(page.locator("#table-members tbody tr").first).to_contain_text(ascending[-1])
    assert _names(page) == ascending[::-1]
    page.context.close()

    phone = _open(browser, app_server.base_url, token, PHONE)
    phone.goto(url)
    expect(phone.locator("#table-members tbody tr").first).to_be_visible(timeout=20_000)
    expect(phone.locator("#table-members thead")).to_be_hidden()  # cards, not columns
    members = phone.locator("#table-members").locator("xpath=..")
    members.get_by_label("Sort by").select_option(label="Name, reversed")
    expect(phone.locator("#table-members tbody tr").first).to_contain_text(ascending[-1])
    phone.context.close()


def test_a_coordinators_own_today_explains_the_learner_view(browser, app_server):
    phone = browser.new_context(base_url=app_server.base_url, **PHONE).new_page()
    phone.goto("/signin")
    phone.fill("#signin-email", DEMO_COORDINATOR[0])
    phone.fill("#signin-password", DEMO_COORDINATOR[1])
    phone.click("button[type=submit]")
    heading = phone.get_by_role("heading", name="This is what your learners see")
    expect(heading).to_be_visible(timeout=20_000)
    expect(phone.locator("#today-empty-text")).to_contain_text("Preview a cohort's nuggets")
    expect(phone.get_by_role("heading", name="No nuggets yet")).to_have_count(0)
    expect(phone.get_by_role("link", name="Open the workspace")).to_be_visible()
    SHOTS.mkdir(exist_ok=True)
    phone.screenshot(path=str(SHOTS / "today-coordinator-390.png"), full_page=True)
    assert_accessible(phone, "a coordinator's Today")
    phone.context.close()
