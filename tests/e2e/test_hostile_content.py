"""A nugget with hostile HTML renders as text on the phone; nothing in it runs."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.e2e.a11y import assert_accessible
from tests.e2e.conftest import nugget_card, sign_in
from tests.e2e.coordinator import Coordinator

pytestmark = pytest.mark.e2e

HOSTILE = (
    "Read **this** first.\n\n"
    "<script>window.__pwned = 'script'</script>\n\n"
    '<img src="/media/truncated-axis.svg" alt="chart" onload="window.__pwned = \'onload\'">\n\n'
    '<svg onload="window.__pwned = \'svg\'"><circle r="5"/></svg>\n\n'
    "[Open the report](javascript:window.__pwned='link')\n\n"
    '<a href="javascript:window.__pwned=\'anchor\'" id="evil-link">Tap here</a>\n\n'
    '<iframe src="/" onload="window.__pwned = \'iframe\'"></iframe>'
)


def test_script_and_handlers_in_a_nugget_never_run(phone, app_server, make_learner, shots):
    email, password = make_learner("Sam", cohort=None)
    coordinator = Coordinator(app_server.db_url)
    coordinator.publish(
        slug="hostile-nugget", title="Hostile nugget", skill="reading-charts", context=HOSTILE
    )
    coordinator.own_cohort(email, ["hostile-nugget"])
    sign_in(phone, email, password)
    nugget_card(phone, "Hostile nugget").click()
    prose = phone.locator(".mm-prose").first
    expect(prose).to_contain_text("Read this first.")
    expect(prose.locator("strong")).to_have_text("this")
    expect(prose.locator("img[alt=chart]")).to_have_count(1)
    expect(prose).to_contain_text("Tap here")
    phone.get_by_text("Tap here").click()  # a link with its javascript: URL removed
    phone.wait_for_timeout(500)
    assert phone.evaluate("window.__pwned") is None
    assert prose.locator("script, svg, iframe, [onload], [onclick]").count() == 0
    shots(phone, "hostile-nugget-inert")
    assert_accessible(phone, "Nugget with hostile content")
    assert phone.errors == []
