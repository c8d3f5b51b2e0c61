"""Lighthouse (npm `lighthouse`, pinned in package.json) on the learner pages, signed in.

Learner pages render from the phone's IndexedDB, so a fresh Lighthouse browser would
only see the sign-in page. Instead Playwright launches Debian's Chromium with a
persistent profile and a remote-debugging port, signs a learner in (the session lands
in IndexedDB, the service worker installs), and Lighthouse attaches to that browser
(`--port`) with `--disable-storage-reset`, opening each page in a new tab of the same
profile. Lighthouse's own mobile emulation (Moto G Power, the default) applies.

Used by `bench/lighthouse.py` (prints every score) and `tests/e2e/test_lighthouse.py`
(gates accessibility and best practices).
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import pathlib
import subprocess
import uuid
from collections.abc import Iterator

from mmapp import routes
from tests.support.app_server import (
    ROOT,
    AppServer,
    create_learner,
    free_port,
    give_history,
    launch_phone,
    wait_until,
)

LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
# The learner pages, by name; the nugget's path is found by opening Today's first card.
LEARNER_PAGES = (
    ("Today", routes.TODAY),
    ("Nugget", None),
    ("Progress", routes.PROGRESS),
    ("Reminders", routes.REMINDERS),
    ("Review", routes.REVIEW),
    ("Week", routes.WEEK),
)
ALL_CATEGORIES = ("performance", "accessibility", "best-practices")
RUN_TIMEOUT_S = 180
# Audits that carry no score (or not here) are not failures.
_UNSCORED = {"notApplicable", "manual", "informative", "error"}


@dataclasses.dataclass(frozen=True)
class PageReport:
    """What Lighthouse said about one page.

    Attributes:
        page: The page's name (`LEARNER_PAGES`).
        url: The address audited.
        scores: Category id to score, 0-100.
        failing: Category id to the audits that lost it points, as "id: title (details)".
    """

    page: str
    url: str
    scores: dict[str, int]
    failing: dict[str, list[str]]


def _details(audit: dict) -> str:
    """The first few failing elements or URLs of an audit, for people to act on."""
    details = audit.get("details") or {}
    if audit.get("displayValue") or details.get("type") == "debugdata":
        return str(audit.get("displayValue", ""))
    items = details.get("items") or []
    named = []
    for item in items[:3]:
        node = item.get("node") or {}
        named.append(
            node.get("snippet") or item.get("url") or item.get("description") or str(item)[:120]
        )
    return "; ".join(str(n) for n in named)


def summarize(page: str, lhr: dict) -> PageReport:
    """Scores and failing audits of a Lighthouse result (its JSON report).

    Args:
        page: The page's name.
        lhr: The parsed JSON report.
    """
    scores: dict[str, int] = {}
    failing: dict[str, list[str]] = {}
    for cat_id, category in lhr["categories"].items():
        scores[cat_id] = round((category["score"] or 0) * 100)
        lost = []
        for ref in category["auditRefs"]:
            audit = lhr["audits"][ref["id"]]
            scored = ref["weight"] and audit["scoreDisplayMode"] not in _UNSCORED
            if scored and (audit["score"] or 0) < 1:
                lost.append(f"{ref['id']}: {audit['title']} ({_details(audit)})")
        failing[cat_id] = lost
    for warning in lhr.get("runWarnings", []):
        failing.setdefault("warnings", []).append(warning)
    return PageReport(page, lhr["finalDisplayedUrl"], scores, failing)


def run_lighthouse(
    url: str, port: int, categories: tuple[str, ...], out_base: pathlib.Path
) -> dict:
    """Run the Lighthouse CLI against the Chromium listening on `port`; its JSON report.

    Also writes `<out_base>.report.html` for people to read.

    Args:
        url: The page to audit.
        port: The remote-debugging port of a Chromium that is signed in.
        categories: Lighthouse category ids.
        out_base: Where the reports go, without suffix.

    Raises:
        RuntimeError: Lighthouse is not installed or failed.
    """
    if not LIGHTHOUSE.exists():
        raise RuntimeError(f"{LIGHTHOUSE} is missing: run `scripts/setup.sh test` (npm ci)")
    out_base.parent.mkdir(parents=True, exist_ok=True)
    command = [
        str(LIGHTHOUSE),
        url,
        f"--port={port}",
        "--hostname=127.0.0.1",
        "--disable-storage-reset",
        f"--only-categories={','.join(categories)}",
        "--form-factor=mobile",
        "--output=json",
        "--output=html",
        f"--output-path={out_base}",
        "--quiet",
    ]
    done = subprocess.run(
        command, cwd=ROOT, capture_output=True, text=True, timeout=RUN_TIMEOUT_S, check=False
    )
    report = out_base.with_name(out_base.name + ".report.json")
    if done.returncode != 0 or not report.exists():
        raise RuntimeError(
            f"lighthouse failed on {url} ({done.returncode}):\n{done.stderr[-3000:]}"
        )
    return json.loads(report.read_text())


@contextlib.contextmanager
def signed_in_chromium(
    playwright, app: AppServer, profile: pathlib.Path
) -> Iterator[tuple[int, str]]:
    """Debian's Chromium with a new learner signed in, open for Lighthouse to attach.

    The learner is made in the demo cohort with the demo's few weeks of history, so
    Review has due cards and Progress has levels.

    Yields:
        The remote-debugging port and the path of Today's first nugget.
    """
    email, password = create_learner(
        app.db_url, f"lighthouse-{uuid.uuid4().hex[:8]}@example.org", "audits-daily", "Lee"
    )
    give_history(app, email)
    port = free_port()
    context = launch_phone(playwright, profile, app.base_url, debugging_port=port)
    try:
        page = context.pages[0] if context.pages else context.new_page()
        page.goto(routes.SIGNIN)
        page.fill("#signin-email", email)
        page.fill("#signin-password", password)
        page.click("button[type=submit]")
        page.locator(".mm-nugget-card").first.wait_for(timeout=30_000)
        wait_until(page, "navigator.serviceWorker.controller !== null", timeout=30_000)
        page.locator(".mm-nugget-card").first.click()
        page.locator("#phase-label").wait_for(timeout=15_000)
        nugget_path = page.url.removeprefix(app.base_url)
        page.goto(routes.TODAY)
        yield port, nugget_path
    finally:
        context.close()


def learner_page_urls(base_url: str, nugget_path: str) -> list[tuple[str, str]]:
    """The learner pages' names and addresses (`LEARNER_PAGES`, the nugget's filled in)."""
    return [(name, base_url + (path or nugget_path)) for name, path in LEARNER_PAGES]


def audit_pages(
    port: int, pages: list[tuple[str, str]], out: pathlib.Path, categories: tuple[str, ...]
) -> list[PageReport]:
    """Lighthouse on each (name, URL) in turn, in the Chromium listening on `port`.

    Args:
        port: The Chromium's remote-debugging port.
        pages: Names and addresses.
        out: Where the reports go (`<name>.report.html` and `.json`).
        categories: Lighthouse category ids.
    """
    reports = []
    for name, url in pages:
        lhr = run_lighthouse(url, port, categories, out / name.lower().replace(" ", "-"))
        reports.append(summarize(name, lhr))
    return reports


def audit_learner_pages(
    playwright,
    app: AppServer,
    profile: pathlib.Path,
    out: pathlib.Path,
    categories: tuple[str, ...],
) -> list[PageReport]:
    """Lighthouse on every learner page for one signed-in learner.

    Args:
        playwright: The Playwright instance.
        app: The running app.
        profile: The browser profile's folder (a new one).
        out: Where the reports go (`<page>.report.html` and `.json`).
        categories: Lighthouse category ids.
    """
    with signed_in_chromium(playwright, app, profile) as (port, nugget_path):
        return audit_pages(port, learner_page_urls(app.base_url, nugget_path), out, categories)
