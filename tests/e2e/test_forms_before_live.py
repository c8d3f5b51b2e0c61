"""No form submits before its page is live.

A page arrives as built HTML and goes live when React hydrates it. A form submitted in
between goes to the browser's native submission: a GET to the page itself with every
field (a password, an invite code) in the URL, and nothing reaches the app. Every form's
buttons are therefore disabled in the built page (`live_form` and its submit buttons).
"""

from __future__ import annotations

import urllib.request
from html.parser import HTMLParser

import pytest
from playwright.sync_api import expect

from mmapp import routes

pytestmark = pytest.mark.e2e

PAGES = (
    routes.TODAY,
    routes.SIGNIN,
    routes.NUGGET,
    routes.REVIEW,
    routes.AUDIT,
    routes.WEEK,
    routes.REFLECT,
    routes.PROGRESS,
    routes.REMINDERS,
    *routes.WORKSPACE,
)


class _Forms(HTMLParser):
    """Each `<form>` of a document with its buttons' attributes."""

    def __init__(self) -> None:
        super().__init__()
        self.forms: list[list[dict[str, str | None]]] = []
        self._depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "form":
            self._depth += 1
            self.forms.append([])
        elif tag == "button" and self._depth:
            self.forms[-1].append(dict(attrs))

    def handle_endtag(self, tag: str) -> None:
        if tag == "form" and self._depth:
            self._depth -= 1


def _built_forms(base_url: str, path: str) -> list[list[dict[str, str | None]]]:
    with urllib.request.urlopen(base_url + path, timeout=10) as response:  # loopback
        parser = _Forms()
        parser.feed(response.read().decode())
    return parser.forms


def _submits(buttons: list[dict[str, str | None]]) -> list[dict[str, str | None]]:
    """The buttons that would submit their form (a button's type defaults to submit)."""
    return [b for b in buttons if (b.get("type") or "submit").lower() == "submit"]


def test_every_built_form_is_disabled_until_its_page_is_live(app_server):
    found: dict[str, int] = {}
    for path in PAGES:
        for buttons in _built_forms(app_server.base_url, path):
            submits = _submits(buttons)
            found[path] = found.get(path, 0) + len(submits)
            for button in submits:
                assert "disabled" in button, f"{path}: a submit button is live early: {button}"
    # The pages whose forms are in the page as built: the check above saw them.
    assert found.get(routes.SIGNIN, 0) >= 1, found
    assert found.get(routes.RESET, 0) >= 1, found


def test_a_sign_in_before_the_page_is_live_puts_nothing_in_the_url(browser, app_server):
    context = browser.new_context(
        base_url=app_server.base_url, viewport={"width": 390, "height": 844}
    )
    try:
        page = context.new_page()
        # No script may load, so the page stays as built: never live.
        page.route("**/*.js", lambda route: route.abort())
        sent: list[str] = []
        page.on("request", lambda request: sent.append(request.url))
        page.goto(routes.SIGNIN)
        page.fill("#signin-email", "someone@example.org")
        page.fill("#signin-password", "a-secret-on-the-train")
        page.press("#signin-password", "Enter")
        page.wait_for_timeout(500)  # a native submission would have navigated by now
        assert "a-secret" not in page.url and "?" not in page.url, page.url
        button = page.get_by_role("button", name="Sign in")
        expect(button).to_be_disabled()
        button.click(force=True)
        page.wait_for_timeout(500)
        assert "a-secret" not in page.url and "?" not in page.url, page.url
        assert not [url for url in sent if "a-secret" in url], sent
        expect(page.locator("#signin-password")).to_have_value("a-secret-on-the-train")
    finally:
        context.close()
