"""A learner with the demo history earns a credential, checks it, and a coordinator revokes it.

A fresh learner in the demo cohort gets the demo learner's history (`demo.history`,
stored through ingest on the app's database): its strong skill meets the demo's
level-2 achievement, so the first sync issues that credential. Progress lists it; the
public page says Verified; the downloaded PNG verifies with `mmapp verify-badge`; an
altered JSON copy fails with the reason; the coordinator's Credentials page revokes it
and the public page says why. Axe on Progress, the public page and the workspace page.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from urllib.parse import urlparse

from playwright.sync_api import expect

from mmapp.demo.seed import DEMO_COORDINATOR
from tests.e2e.a11y import assert_accessible
from tests.e2e.conftest import sign_in
from tests.support.app_server import ROOT, give_history

NAME = "Reading a chart honestly: working knowledge"
SHOTS = "/tmp/badges2-shots"


def _verify(app_server, path) -> subprocess.CompletedProcess:
    env = {**os.environ, "MM_DATABASE_URL": app_server.db_url}
    return subprocess.run(
        [sys.executable, "-m", "mmapp.cli", "verify-badge", str(path)],
        capture_output=True,
        text=True,
        check=False,
        env=env,
        cwd=ROOT,
    )


def test_earn_verify_download_tamper_revoke(browser, phone, app_server, make_learner, tmp_path):
    email, password = make_learner("Sasha")
    give_history(app_server, email)

    sign_in(phone, email, password)
    phone.goto("/progress")
    card = phone.locator(".mm-credential").filter(has_text=NAME)
    expect(card).to_be_visible(timeout=30_000)
    assert_accessible(phone, "Progress with a credential")
    phone.screenshot(path=f"{SHOTS}/01-progress-390.png", full_page=True)

    verify = urlparse(card.get_by_role("link", name="Verify").get_attribute("href") or "").path
    assert verify.startswith("/badges/")
    page = phone.context.new_page()
    page.goto(verify)
    expect(page.get_by_text("Verified: issued by", exact=False)).to_be_visible()
    expect(page.get_by_text(NAME, exact=False).first).to_be_visible()
    assert_accessible(page, "the public verification page at 390")
    fits = "(() => { const v = document.querySelector('.verdict');"
    fits += " return v.scrollWidth <= v.clientWidth; })()"
    assert page.evaluate(fits), "the verdict (a long recipient hash) overflows its box"
    page.screenshot(path=f"{SHOTS}/02-public-390.png", full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})
    assert_accessible(page, "the public verification page at 1280")
    page.screenshot(path=f"{SHOTS}/03-public-1280.png", full_page=True)

    # The link names the public URL (MM_PUBLIC_URL: localhost:3000 here, not this
    # test server's port), so the file is fetched from this server by its path.
    png_href = card.get_by_role("link", name="Download PNG")
    assert png_href.get_attribute("download") is not None
    png_path = urlparse(png_href.get_attribute("href") or "").path
    assert png_path == verify + ".png"
    fetched = page.request.get(png_path)
    assert fetched.headers["content-type"] == "image/png"
    png = tmp_path / "badge.png"
    png.write_bytes(fetched.body())
    out = _verify(app_server, png)
    assert out.returncode == 0 and out.stdout.startswith("Verified: issued by"), out

    doc = json.loads(page.request.get(verify + ".json").text())
    doc["credentialSubject"]["achievement"]["name"] = "Reading a chart brilliantly"
    altered = tmp_path / "altered.json"
    altered.write_text(json.dumps(doc))
    out = _verify(app_server, altered)
    assert out.returncode == 1 and "Not verified" in out.stdout, out

    desk = browser.new_context(
        base_url=app_server.base_url, viewport={"width": 1280, "height": 900}
    )
    coach = desk.new_page()
    coach.goto("/signin")
    coach.fill("#signin-email", DEMO_COORDINATOR[0])
    coach.fill("#signin-password", DEMO_COORDINATOR[1])
    coach.click("button[type=submit]")
    coach.get_by_role("link", name="Coordinator workspace").click(timeout=20_000)
    coach.get_by_role("link", name="Credentials").click(timeout=20_000)
    row = coach.locator("tr").filter(has_text="Sasha")
    expect(row).to_be_visible(timeout=20_000)
    expect(
        coach.locator("td")
        .filter(has_text="Complete every level 1\u20132 nugget of Reading a chart honestly")
        .first
    ).to_be_visible()
    assert_accessible(coach, "the Credentials page at 1280")
    coach.screenshot(path=f"{SHOTS}/04-workspace-1280.png", full_page=True)

    coach.fill("#ach-name", "Charts, level 4")
    coach.select_option("#ach-level", "4")
    coach.fill("#ach-min_recall", "1.5")
    coach.get_by_role("button", name="Save achievement").click()
    expect(coach.locator("#ws-error")).to_contain_text("Minimum recall")
    coach.fill("#ach-min_recall", "0.9")
    coach.get_by_role("button", name="Save achievement").click()
    expect(coach.locator("#ws-notice")).to_contain_text("Charts, level 4 added")

    row.get_by_label("Reason").fill("Issued by mistake")
    row.get_by_role("button", name="Revoke").click()
    expect(coach.locator("#ws-notice")).to_contain_text("Revoked: Issued by mistake")
    expect(row).to_contain_text("Revoked: Issued by mistake")
    coach.set_viewport_size({"width": 390, "height": 844})
    assert_accessible(coach, "the Credentials page at 390")
    coach.screenshot(path=f"{SHOTS}/05-workspace-390.png", full_page=True)
    desk.close()

    page.reload()
    expect(page.get_by_text("revoked (Issued by mistake)", exact=False)).to_be_visible()
    page.screenshot(path=f"{SHOTS}/06-public-revoked-1280.png", full_page=True)
    assert not phone.errors, phone.errors
