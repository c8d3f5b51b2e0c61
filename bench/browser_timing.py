"""Phone timings in real Chromium against the production build, same run baselines.

- Offline cold open to first nugget text under 4x CPU throttling (goal <= 1.0 s),
  beside the same open unthrottled, and beside a blank Reflex page built and opened
  the same way in the same run (bench/blank_reflex.py; opens alternate between the
  two apps, so machine load hits both alike). Also the start page's JS bytes as a
  ratio to the blank app's (goal <= 1.1).
- Quiz tap to feedback painted with 400 ms added network latency (goal <= 50 ms and no
  dependence on latency), beside the same tap with no added latency.
"""

from __future__ import annotations

import json
import pathlib
import shutil
import statistics
import tempfile
import uuid

from playwright.sync_api import sync_playwright

from bench import blank_reflex, build_size
from tests.support.app_server import ROOT, create_learner, launch_phone, running_app

RUNS = 7  # cold opens
TAP_RUNS = 5  # taps: each needs a fresh nugget (2 x 5 of the 12 titles)
TITLES = [
    "Check where the axis starts",
    'Ask "per what?"',
    "Beware the tiny sample",
    "Two lines moving together",
    "Describe the behaviour",
    "Add the impact",
    "Ask before you tell",
    "End with one next step",
    "Put the bottom line first",
    "Make the subject line do the work",
]
# Time from the tap to the first frame painted after the feedback appears.
TAP_TO_PAINT = """() => new Promise((resolve) => {
  const start = performance.now();
  const seen = () => document.getElementById("quiz-feedback");
  const done = () => requestAnimationFrame(() => resolve(performance.now() - start));
  if (seen()) return done();
  new MutationObserver((_, obs) => { if (seen()) { obs.disconnect(); done(); } })
    .observe(document.body, { childList: true, subtree: true });
  document.getElementById("quiz-check").click();
})"""


# Stamped in the page at the frame after the first nugget card entered the DOM (so
# after the frame that painted it); reading `performance.now()` once Playwright
# notices the card would add a throttled round trip to every figure.
FIRST_CARD = """new MutationObserver((_, obs) => {
  if (document.querySelector(SELECTOR)) {
    obs.disconnect();
    requestAnimationFrame(() => requestAnimationFrame(() => {
      window.__mmFirstCard = performance.now();
    }));
  }
}).observe(document, { childList: true, subtree: true });"""


NUGGET_CARD = ".mm-nugget-card"


def cold_open_ms(context, rate: float, selector: str = NUGGET_CARD) -> float:
    """Milliseconds from navigation start to the frame after `selector` appeared."""
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": rate})
    page.add_init_script(FIRST_CARD.replace("SELECTOR", json.dumps(selector)))
    page.goto("/", wait_until="commit")
    page.wait_for_function("window.__mmFirstCard !== undefined", timeout=30_000)
    ms = page.evaluate("window.__mmFirstCard")  # since navigation start
    page.close()
    return ms


def tap_ms(context, latency_ms: int, title: str) -> float:
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send(
        "Network.emulateNetworkConditions",
        {"offline": False, "latency": latency_ms, "downloadThroughput": -1, "uploadThroughput": -1},
    )
    page.goto("/")
    page.locator(".mm-nugget-card", has_text=title).click()
    for part in ("Part 2", "Part 3"):
        page.click("#player-next")
        page.wait_for_selector(f"#phase-label:has-text('{part}')")
    steps = page.locator(".mm-step button[role=checkbox]")
    for i in range(steps.count()):
        steps.nth(i).click()
    page.click("#player-next")
    page.wait_for_selector("#phase-label:has-text('Part 4')")
    page.click("#player-next")
    page.locator(".mm-option").first.click()
    page.wait_for_selector("#quiz-check:not([disabled])")
    ms = page.evaluate(TAP_TO_PAINT)
    page.close()
    return ms


def _sign_in(context, app) -> None:
    page = context.pages[0]
    email, password = create_learner(
        app.db_url, f"bench-{uuid.uuid4().hex[:8]}@example.org", "bench-password", "Bench"
    )
    page.goto("/signin")
    page.fill("#signin-email", email)
    page.fill("#signin-password", password)
    page.click("button[type=submit]")
    page.wait_for_selector(NUGGET_CARD, timeout=30_000)
    page.wait_for_function("navigator.serviceWorker.controller !== null", timeout=30_000)


def main() -> None:
    folder = pathlib.Path(tempfile.mkdtemp())
    try:
        (folder / "blank").mkdir()
        blank_client = blank_reflex.export(blank_reflex.blank_project(folder / "blank"))
        blank_size = build_size.measure(blank_client)
        with (
            running_app(folder, folder / "server.log") as app,
            blank_reflex.serving(blank_client) as blank_url,
            sync_playwright() as p,
        ):
            ours_client = ROOT / ".web" / "build" / "client"
            ours_size = build_size.measure(ours_client)
            workspace = build_size.workspace_line(ours_client)
            context = launch_phone(p, folder / "profile", app.base_url)
            blank = launch_phone(p, folder / "blank-profile", blank_url)
            _sign_in(context, app)
            blank_reflex.install_worker(blank)
            context.set_offline(True)
            blank.set_offline(True)
            opens: dict[float, list[float]] = {1: [], 4: []}
            blank_opens: dict[float, list[float]] = {1: [], 4: []}
            for rate in (1, 4):
                for _ in range(RUNS):
                    opens[rate].append(cold_open_ms(context, rate))
                    blank_opens[rate].append(cold_open_ms(blank, rate, blank_reflex.MARKER))
            blank.close()
            context.set_offline(False)
            # Each tap on a fresh nugget whose first question is a choice item.
            titles = iter(TITLES)
            taps = {
                lat: [tap_ms(context, lat, next(titles)) for _ in range(TAP_RUNS)]
                for lat in (0, 400)
            }
            context.close()
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    med = statistics.median
    print(f"\n== Phone timings, real Chromium, 390x844, median of {RUNS} opens, {TAP_RUNS} taps ==")
    print("offline cold open to first nugget        ours     blank Reflex page   ratio")
    for rate in (1, 4):
        ours, base = med(opens[rate]), med(blank_opens[rate])
        goal = "   (goal <= 1000 ms)" if rate == 4 else ""
        print(f"  {rate}x CPU {ours:31.0f} ms {base:12.0f} ms {ours / base:11.2f}{goal}")
    print(f"  4x / 1x ratio, ours {med(opens[4]) / med(opens[1]):.2f}")
    print(build_size.start_page_js_line(ours_size, blank_size))
    print(workspace)
    print(f"quiz tap to feedback painted, no latency    {med(taps[0]):7.1f} ms")
    print(
        f"quiz tap to feedback painted, +400 ms       {med(taps[400]):7.1f} ms   "
        f"ratio {med(taps[400]) / med(taps[0]):.2f}   (goal <= 50 ms, ratio ~1)"
    )


if __name__ == "__main__":
    main()
