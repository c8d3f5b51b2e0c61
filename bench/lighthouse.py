"""Lighthouse scores of the learner pages, signed in, at Lighthouse's mobile emulation.

Starts the production build the way the browser tests do, signs a learner with the
demo history in, and runs the pinned `lighthouse` (npm, 12.2.3: 13 needs Node 22)
against Debian's Chromium on Today, a nugget, Progress, Reminders, Review and Week.
Prints performance, accessibility and best practices per page, and performance as a
ratio to a blank Reflex page (bench/blank_reflex.py) built and audited in the same
run, before, among and after ours (the median of the three). The HTML reports land in
`test-artifacts/lighthouse/`. Performance is only reported: on a shared 2-core machine
Lighthouse warns the CPU is slower than it expects, and the figure moves with the
load. `tests/e2e/test_lighthouse.py` gates the other two at 95.
"""

from __future__ import annotations

import pathlib
import shutil
import statistics
import tempfile

from playwright.sync_api import sync_playwright

from bench import blank_reflex
from tests.support.app_server import ROOT, running_app
from tests.support.lighthouse import (
    ALL_CATEGORIES,
    PageReport,
    audit_pages,
    learner_page_urls,
    signed_in_chromium,
)

REPORTS = ROOT / "test-artifacts" / "lighthouse"
BLANK = "Blank Reflex"


def print_scores(reports: list[PageReport], blank: list[PageReport]) -> None:
    """A table of scores per page, then the audits that cost points."""
    base = statistics.median(r.scores["performance"] for r in blank)
    print("\n== Lighthouse 12.2.3, learner pages signed in, mobile emulation ==")
    print(f"{'page':14}" + "".join(f"{c:>16}" for c in ALL_CATEGORIES) + "   perf / blank")
    for report in reports:
        scores = "".join(f"{report.scores[c]:16d}" for c in ALL_CATEGORIES)
        print(f"{report.page:14}{scores}{report.scores['performance'] / base:15.2f}")
    runs = ", ".join(str(r.scores["performance"]) for r in blank)
    print(f"{BLANK:14}{base:16.0f}   (performance, median of 3 runs among ours: {runs})")
    for report in reports:
        for category in ALL_CATEGORIES:
            for audit in report.failing.get(category, []):
                print(f"  {report.page} {category}: {audit[:160]}")
    warnings = {w for r in reports + blank for w in r.failing.get("warnings", [])}
    for warning in sorted(warnings):
        print(f"  warning: {warning[:160]}")


def main() -> None:
    folder = pathlib.Path(tempfile.mkdtemp())
    try:
        (folder / "blank").mkdir()
        blank_client = blank_reflex.export(blank_reflex.blank_project(folder / "blank"))
        with (
            running_app(folder, folder / "server.log") as app,
            blank_reflex.serving(blank_client) as blank_url,
            sync_playwright() as p,
            signed_in_chromium(p, app, folder / "profile") as (port, nugget_path),
        ):
            pages = learner_page_urls(app.base_url, nugget_path)
            blank_page = [(BLANK, blank_url + "/")]
            half = len(pages) // 2
            blank = audit_pages(port, blank_page, REPORTS, ALL_CATEGORIES)
            reports = audit_pages(port, pages[:half], REPORTS, ALL_CATEGORIES)
            blank += audit_pages(port, blank_page, REPORTS, ALL_CATEGORIES)
            reports += audit_pages(port, pages[half:], REPORTS, ALL_CATEGORIES)
            blank += audit_pages(port, blank_page, REPORTS, ALL_CATEGORIES)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    print_scores(reports, blank)


if __name__ == "__main__":
    main()
