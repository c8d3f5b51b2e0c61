"""German, end to end: a German phone learns offline in German; a chosen language sticks.

The phone's language comes from the browser (`navigator.languages`, Accept-Language) or
from Settings, where the choice is kept on the account (pushes use it). The texts below
are the German catalogue's (mmapp/i18n/locales/de.po): a missing or stale translation,
or English written outside the catalogue, shows up here as English.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable

import pytest
from playwright.sync_api import expect

from tests.e2e.a11y import assert_accessible
from tests.e2e.conftest import nugget_card, open_phone, sign_in

pytestmark = pytest.mark.e2e


@pytest.fixture
def german_phone(browser, app_server):
    """A phone whose browser speaks German (navigator.languages and Accept-Language)."""
    page = open_phone(browser, app_server, locale="de-DE")
    yield page
    page.context.close()


def _eventually(check: Callable[[], bool], what: str, seconds: float = 15) -> None:
    """Poll `check` until true (bounded): the phone tells the server in the background."""
    deadline = time.monotonic() + seconds
    while not check():
        if time.monotonic() > deadline:
            raise AssertionError(f"not within {seconds:.0f} s: {what}")
        time.sleep(0.2)


def _account_language(app_server, email: str) -> tuple[str | None, str | None]:
    rows = app_server.query(
        "SELECT locale, device_locale FROM user WHERE email = :email", email=email
    )
    return rows[0][0], rows[0][1]


def test_a_german_phone_takes_a_nugget_offline_in_german(
    german_phone, app_server, make_learner, shots
):
    phone = german_phone
    email, password = make_learner("Lena")
    phone.goto("/")
    phone.wait_for_url("**/signin**")
    expect(phone.locator("html")).to_have_attribute("lang", "de")
    expect(phone.get_by_role("button", name="Anmelden")).to_be_visible()
    shots(phone, "anmelden")
    phone.fill("#signin-email", email)
    phone.fill("#signin-password", password)
    phone.click("button[type=submit]")
    expect(phone.get_by_role("heading", name="Hallo Lena")).to_be_visible(timeout=20_000)
    expect(phone.locator("#sync-status")).to_contain_text("Alles synchronisiert")
    expect(phone).to_have_title("Heute · Micromastery")
    shots(phone, "heute")
    assert_accessible(phone, "Today, in German")
    # The device's language reached the account: pushes will be written in it.
    assert _account_language(app_server, email) == (None, "de")

    phone.context.set_offline(True)
    nugget_card(phone, "Beware the tiny sample").click()
    expect(phone.locator("#phase-label")).to_have_text("Teil 1 von 5: Kontext")
    for part in ("Teil 2 von 5: Einstieg", "Teil 3 von 5: Gezieltes Üben"):
        phone.click("#player-next")
        expect(phone.locator("#phase-label")).to_have_text(part)
    steps = phone.locator(".mm-step button[role=checkbox]")
    for i in range(steps.count()):
        steps.nth(i).click()
    phone.click("#player-next")
    expect(phone.locator("#phase-label")).to_have_text("Teil 4 von 5: Ertrag")
    phone.click("#player-next")
    first = phone.get_by_text("Frage 1 von", exact=False)
    expect(first).to_be_visible()
    total = int(first.inner_text().rsplit(" ", 1)[1])
    for number in range(1, total + 1):
        expect(phone.get_by_text(f"Frage {number} von {total}")).to_be_visible()
        phone.wait_for_selector("#quiz-text, .mm-option")
        if phone.locator("#quiz-text").count():
            phone.fill("#quiz-text", "n")
        else:
            phone.locator(".mm-option").first.click()
        phone.click("#quiz-check")
        expect(phone.locator("#quiz-feedback")).to_have_text(
            re.compile(r"^(Richtig!|Nicht ganz\.)$")
        )
        if number == 1:
            shots(phone, "quiz-rueckmeldung")
        phone.click("#quiz-next")
    expect(phone.locator("#done-heading")).to_have_text("Nugget geschafft")
    expect(phone.locator("#sync-status")).to_have_text("Offline · 9 Antworten gespeichert")
    shots(phone, "geschafft-offline")
    assert_accessible(phone, "completion, offline, in German")

    # A reload with no network: the page and its German come from the service worker.
    phone.reload()
    expect(phone.locator("html")).to_have_attribute("lang", "de")
    phone.get_by_role("link", name="Fortschritt").first.click()
    expect(phone.locator("#sync-detail")).to_have_text(
        "9 Antworten sind auf diesem Handy gespeichert und werden synchronisiert, "
        "sobald du wieder online bist."
    )
    shots(phone, "fortschritt-offline")

    phone.context.set_offline(False)
    phone.get_by_role("button", name="Jetzt synchronisieren").click()
    expect(phone.locator("#sync-status")).to_contain_text("Alles synchronisiert", timeout=20_000)
    stored = app_server.query(
        "SELECT count(*) FROM learnerevent e JOIN user u ON u.id = e.user_id"
        " WHERE u.email = :email",
        email=email,
    )
    assert stored == [(9,)]
    assert phone.errors == []


def test_a_language_chosen_in_settings_is_kept_on_the_account(
    browser, phone, app_server, make_learner, shots
):
    email, password = make_learner("Jonas")
    sign_in(phone, email, password)
    expect(phone.locator("html")).to_have_attribute("lang", "en")
    phone.goto("/progress")
    phone.select_option("#language-select", "de")
    expect(phone.get_by_role("heading", name="Dein Fortschritt", exact=True)).to_be_visible()
    expect(phone.locator("html")).to_have_attribute("lang", "de")
    _eventually(lambda: _account_language(app_server, email)[0] == "de", "the choice is stored")
    shots(phone, "deutsch-gewaehlt")
    assert_accessible(phone, "Progress, German chosen")

    # Another phone whose browser speaks English: the account's choice wins.
    second = open_phone(browser, app_server)
    sign_in(second, email, password)
    expect(second.get_by_role("heading", name="Hallo Jonas")).to_be_visible()
    second.context.close()

    phone.select_option("#language-select", "")
    expect(phone.get_by_role("heading", name="Your progress", exact=True)).to_be_visible()
    _eventually(lambda: _account_language(app_server, email)[0] is None, "back to automatic")
