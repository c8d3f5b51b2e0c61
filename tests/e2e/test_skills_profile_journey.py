"""A learner with a credential shares a skills profile, keeps the badge offline, stops sharing.

The learner gets the demo learner's history (as in test_credential_journey), so the
first sync issues a credential. On Progress (390x844) they create a share link; a
fresh browser context with no sign-in opens it and sees their skills and the
credential with its verify link (and no email); the print emulation is captured.
Offline, Progress still shows the badge image (Cache Storage) and "Download JSON"
saves the kept document. Stopping sharing makes the link 404. Axe on the new screens.
"""

from __future__ import annotations

import json
from urllib.parse import urlparse

from playwright.sync_api import expect

from tests.e2e.a11y import assert_accessible
from tests.e2e.conftest import sign_in, wait_until
from tests.support.app_server import give_history

NAME = "Reading a chart honestly: working knowledge"
SHOTS = "/tmp/profile-shots"
IMAGE_SHOWN = (
    "(() => { const i = document.querySelector('.mm-credential-image');"
    " return !!i && i.complete && i.naturalWidth > 0; })()"
)


def test_share_view_offline_badge_and_stop(browser, phone, app_server, make_learner):
    email, password = make_learner("Robin")
    give_history(app_server, email)

    sign_in(phone, email, password)
    phone.goto("/progress")
    card = phone.locator(".mm-credential").filter(has_text=NAME)
    expect(card).to_be_visible(timeout=30_000)
    section = phone.locator("#skills-profile")
    expect(section.locator("#profile-state")).to_have_text("Private: no link shares it.")
    section.get_by_role("button", name="Preview").click()
    expect(phone.locator("#profile-notice")).to_contain_text("Your profile is private")

    section.get_by_role("button", name="Create share link").click()
    expect(phone.locator("#profile-notice")).to_contain_text("Your profile is shared")
    link = section.locator("#profile-link")
    expect(link).to_contain_text("/p/")
    expect(section.get_by_role("button", name="Copy link")).to_be_visible()
    for button in section.get_by_role("button").all():
        assert button.bounding_box()["height"] >= 44, button.inner_text()
    section.scroll_into_view_if_needed()
    assert_accessible(phone, "Progress with a shared profile")
    phone.screenshot(path=f"{SHOTS}/01-progress-shared-390.png", full_page=True)

    # Anyone with the link, signed in or not (the link names MM_PUBLIC_URL: by path).
    path = urlparse(link.inner_text()).path
    with phone.expect_popup() as preview:
        section.get_by_role("button", name="Preview").click()
    preview.value.wait_for_load_state()
    assert urlparse(preview.value.url).path == path
    expect(preview.value.get_by_role("heading", name="Robin")).to_be_visible()
    preview.value.close()
    stranger = browser.new_context(
        base_url=app_server.base_url, viewport={"width": 390, "height": 844}
    )
    page = stranger.new_page()
    assert page.goto(path).status == 200
    expect(page.get_by_role("heading", name="Robin")).to_be_visible()
    expect(page.get_by_role("heading", name="Skills")).to_be_visible()
    expect(page.locator("ul.skills li").first).to_contain_text("level ")
    cred = page.locator("ul.creds li").filter(has_text=NAME)
    expect(cred).to_be_visible()
    verify = cred.get_by_role("link", name="Verify").get_attribute("href") or ""
    assert (
        urlparse(verify).path
        == urlparse(card.get_by_role("link", name="Verify").get_attribute("href") or "").path
    )
    assert email not in page.content()
    assert_accessible(page, "the shared profile at 390")
    page.screenshot(path=f"{SHOTS}/02-profile-390.png", full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})
    assert_accessible(page, "the shared profile at 1280")
    page.screenshot(path=f"{SHOTS}/03-profile-1280.png", full_page=True)
    page.emulate_media(media="print")
    page.screenshot(path=f"{SHOTS}/04-profile-print.png", full_page=True)
    printed = "(() => getComputedStyle(document.body).backgroundColor)()"
    assert page.evaluate(printed) == "rgb(255, 255, 255)"
    verify_after = (
        "(() => getComputedStyle(document.querySelector('.creds a'), '::after').content)()"
    )
    assert "/badges/" in page.evaluate(verify_after)  # the link's address is printed
    assert page.pdf(format="A4")[:4] == b"%PDF"

    # Offline: the badge image and the credential's JSON come from the phone.
    wait_until(phone, IMAGE_SHOWN, timeout=20_000)
    docs = "async () => Object.keys((await self.mmStore.get('kv', 'credential_docs')) || {})"
    wait_until(phone, f"({docs})().then((k) => k.length === 1)", timeout=20_000)
    phone.context.set_offline(True)
    phone.reload()
    expect(card).to_be_visible(timeout=20_000)
    wait_until(phone, IMAGE_SHOWN, timeout=10_000)
    with phone.expect_download() as saved:
        card.get_by_role("button", name="Download JSON").click()
    document = json.loads(saved.value.path().read_text())
    assert document["type"] == ["VerifiableCredential", "OpenBadgeCredential"]
    phone.screenshot(path=f"{SHOTS}/05-progress-offline-390.png", full_page=True)
    section.get_by_role("button", name="Stop sharing").click()
    expect(phone.locator("#profile-error")).to_contain_text("You're offline")
    phone.context.set_offline(False)

    section.get_by_role("button", name="Stop sharing").click()
    expect(phone.locator("#profile-notice")).to_contain_text("Sharing stopped")
    expect(section.locator("#profile-state")).to_have_text("Private: no link shares it.")
    page.emulate_media(media="screen")
    assert page.goto(path).status == 404
    stranger.close()
    assert not phone.errors, phone.errors
