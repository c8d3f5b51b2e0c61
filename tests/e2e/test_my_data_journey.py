"""Your data: download it, delete the account, and a lagging phone that comes back.

At 390x844: the learner downloads the ZIP (its JSON has their events), deletes the
account with the password, and a second phone of the same account, with answers
queued offline, comes online later: it says the account was deleted, keeps
nothing of it, and the server stores nothing.
"""

from __future__ import annotations

import json
import pathlib
import re
import zipfile

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.a11y import assert_accessible
from tests.e2e.conftest import sign_in
from tests.support.app_server import PHONE

pytestmark = pytest.mark.e2e
SHOTS = pathlib.Path("/tmp/mydata-shots")


def shot(page: Page, name: str) -> None:
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def test_download_delete_and_a_lagging_phone(browser, app_server, make_learner, tmp_path):
    email, password = make_learner("Dana")
    [(uid,)] = app_server.query("SELECT id FROM user WHERE email = :e", e=email)
    events_of = "SELECT count(*) FROM learnerevent WHERE user_id = :u"
    here_ctx = browser.new_context(base_url=app_server.base_url, **PHONE)
    late_ctx = browser.new_context(base_url=app_server.base_url, **PHONE)
    here, late = here_ctx.new_page(), late_ctx.new_page()

    # The lagging phone: signed in, then offline with an answer queued.
    sign_in(late, email, password)
    late.context.set_offline(True)
    late.locator(".mm-nugget-card").first.click()
    late.click("#player-next")
    expect(late.locator("#sync-status")).to_have_text(re.compile(r"Offline · \d+ answers? saved"))
    queued = late.evaluate("async () => (await self.mmStore.all('outbox')).length")
    assert queued >= 1, late.locator("#sync-status").inner_text()

    # This phone: something synced, then the download.
    sign_in(here, email, password)
    here.locator(".mm-nugget-card").first.click()
    here.click("#player-next")
    expect(here.locator("#phase-label")).to_contain_text("Part 2 of 5")
    here.goto("/progress")
    for _ in range(50):  # "Sync now" until the answers are on the server
        if app_server.query(events_of, u=uid)[0][0] >= 1:
            break
        here.get_by_role("button", name="Sync now").click()
        here.wait_for_timeout(400)
    assert app_server.query(events_of, u=uid)[0][0] >= 1
    expect(here.get_by_role("heading", name="Your data")).to_be_visible()
    with here.expect_download() as got:
        here.get_by_role("button", name="Download my data").click()
    saved = tmp_path / got.value.suggested_filename
    got.value.save_as(saved)
    assert saved.name.startswith("micromastery-my-data-") and saved.suffix == ".zip"
    doc = json.loads(zipfile.ZipFile(saved).read("mydata.json"))
    assert doc["account"]["email"] == email
    assert {e["type"] for e in doc["events"]} >= {"nugget_started"}
    assert len(doc["events"]) == app_server.query(events_of, u=uid)[0][0]
    expect(here.locator("#my-data-notice")).to_contain_text("downloaded")
    here.get_by_role("heading", name="Your data").scroll_into_view_if_needed()
    shot(here, "01-progress-your-data")

    # Delete: a second step with the password; a wrong one is refused, readably.
    here.get_by_role("button", name="Delete my account").click()
    expect(here.locator("#delete-warning")).to_be_visible()
    here.fill("#delete-password", "not-the-password")
    here.get_by_role("button", name="Delete my account for good").click()
    expect(here.locator("#my-data-error")).to_have_text("That password is not this account's.")
    shot(here, "02-delete-wrong-password")
    assert_accessible(here, "progress, delete my account")
    here.fill("#delete-password", password)
    here.get_by_role("button", name="Delete my account for good").click()
    here.wait_for_url("**/signin**")
    expect(here.get_by_text("Your account and its data were deleted.")).to_be_visible()
    shot(here, "03-deleted-signin")
    assert_accessible(here, "sign-in after deleting the account")
    assert app_server.query(events_of, u=uid) == [(0,)]
    [(gone,)] = app_server.query("SELECT deleted_at IS NOT NULL FROM user WHERE id = :u", u=uid)
    assert gone

    # The lagging phone comes online: told why, its data and queued answers gone.
    late.context.set_offline(False)
    late.wait_for_url("**/signin**", timeout=20_000)
    expect(late.get_by_text("This account was deleted.", exact=False)).to_be_visible()
    shot(late, "04-lagging-phone")
    assert late.evaluate("async () => (await self.mmStore.all('outbox')).length") == 0
    assert late.evaluate("async () => await self.mmStore.get('kv', 'session')") is None
    assert app_server.query(events_of, u=uid) == [(0,)]
    late.goto("/")
    late.wait_for_url("**/signin**")  # nothing of the account came back
    here_ctx.close()
    late_ctx.close()
