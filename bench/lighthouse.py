"""Lighthouse scores of the learner pages, signed in, at Lighthouse's mobile emulation.

Starts the production build the way the browser tests do, signs a learner with the
demo history in, and runs the pinned `lighthouse` (npm, 12.2.3: 13 needs Node 22)
against Debian's Chromium on Today, a nugget, Progress, Reminders, Review and Week.
Prints performance, accessibility and best practices per page; the HTML reports land
in `test-artifacts/lighthouse/`. Performance is only reported: on a shared 2-core
machine Lighthouse warns the CPU is slower than it expects, and the figure moves
between runs. `tests/e2e/test_lighthouse.py` gates the other two at 95.
"""

from __future__ import annotations

import pathlib
import shutil
import tempfile

from playwright.sync_api import sync_playwright

from tests.support.app_server import ROOT, running_app
from tests.support.lighthouse import ALL_CATEGORIES, PageReport, audit_learner_pages

REPORTS = ROOT / "test-artifacts" / "lighthouse"


def print_scores(reports: list[PageReport]) -> None:
    """A table of scores per page, then the audits that cost points."""
    print("\n== Lighthouse 12.2.3, learner pages signed in, mobile emulation ==")
    print(f"{'page':12}" + "".join(f"{c:>16}" for c in ALL_CATEGORIES))
    for report in reports:
        print(f"{report.page:12}" + "".join(f"{report.scores[c]:16d}" for c in ALL_CATEGORIES))
    for report in reports:
        for category in ("accessibility", "best-practices"):
            for audit in report.failing.get(category, []):
                print(f"  {report.page} {category}: {audit}")
    warnings = {w for r in reports for w in r.failing.get("warnings", [])}
    for warning in sorted(warnings):
        print(f"  warning: {warning[:200]}")


def main() -> None:
    folder = pathlib.Path(tempfile.mkdtemp())
    try:
        with running_app(folder, folder / "server.log") as app, sync_playwright() as p:
            reports = audit_learner_pages(p, app, folder / "profile", REPORTS, ALL_CATEGORIES)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    print_scores(reports)


if __name__ == "__main__":
    main()
