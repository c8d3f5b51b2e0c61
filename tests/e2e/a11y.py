"""axe-core checks (bundled with axe-playwright-python; nothing is downloaded)."""

from __future__ import annotations

import json

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page

_axe = Axe()
BLOCKING = {"serious", "critical"}


# The outermost elements that reach past the screen (to say what is too wide).
_WIDEST = """
[...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right
  > window.innerWidth + 1 && e.parentElement.getBoundingClientRect().right <= window.innerWidth + 1)
  .slice(0, 5).map(e => e.tagName + '.' + e.className + ' ' + (e.textContent || '').slice(0, 40))
"""


def assert_accessible(page: Page, where: str) -> None:
    """Fail on serious or critical axe violations, naming each with its targets."""
    results = _axe.run(page)
    bad = [v for v in results.response["violations"] if v.get("impact") in BLOCKING]
    summary = [
        {
            "id": v["id"],
            "impact": v["impact"],
            "help": v["help"],
            "targets": [n["target"] for n in v["nodes"][:5]],
            "why": [n.get("failureSummary", "") for n in v["nodes"][:2]],
        }
        for v in bad
    ]
    assert not bad, f"accessibility problems on {where}:\n{json.dumps(summary, indent=1)}"
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"{where} is {overflow}px wider than the screen: {page.evaluate(_WIDEST)}"
