"""Browser journeys: real Chromium against `reflex run --env prod` on a free port."""

from __future__ import annotations

import contextlib
import pathlib
import shutil
import uuid
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect, sync_playwright

from mmapp.demo.seed import DEMO_COHORT_CODE, DEMO_LEARNER
from tests.support.app_server import (
    CHROMIUM_FLAGS,
    PHONE,
    ROOT,
    AppServer,
    create_learner,
    launch_phone,
    running_app,
    wait_until,  # noqa: F401 - the journeys import it from here
)
from tests.support.push_receiver import PushReceiver, running_receiver

ARTIFACTS = ROOT / "test-artifacts" / "e2e"


@pytest.fixture(autouse=True)
def clock() -> None:
    """No fixed clock here: the journeys drive a real server on the wall clock."""
    return None


@pytest.fixture(scope="session")
def push_receiver(tmp_path_factory) -> Iterator[PushReceiver]:
    """A Web Push receiver on loopback that the app server may send to."""
    with running_receiver(tmp_path_factory.mktemp("receiver")) as receiver:
        yield receiver


@pytest.fixture(scope="session")
def app_server(tmp_path_factory, push_receiver) -> Iterator[AppServer]:
    """Migrate, seed and start the app; stop it at the end of the session.

    Its own scheduler (a lifespan task) ticks every second and may push to the
    loopback receiver.
    """
    if not shutil.which("chromium"):
        pytest.fail("chromium is not installed (the README test command installs it)")
    env = {
        "MM_PUSH_ALLOWED_HOSTS": f"127.0.0.1:{push_receiver.port}",
        "MM_PUSH_CA_BUNDLE": push_receiver.ca_file,
        "MM_SCHEDULER_INTERVAL_SECONDS": "1",
    }
    folder = tmp_path_factory.mktemp("e2e")
    with running_app(folder, ARTIFACTS.parent / "server.log", extra_env=env) as app:
        yield app


@pytest.fixture(scope="session")
def playwright():
    with sync_playwright() as p:
        yield p


@pytest.fixture(scope="session")
def browser(playwright) -> Iterator[Browser]:
    b = playwright.chromium.launch(executable_path=shutil.which("chromium"), args=CHROMIUM_FLAGS)
    yield b
    b.close()


@pytest.fixture
def persistent(playwright, app_server, tmp_path):
    """Open a persistent Chromium profile (installability checks need one); reopenable."""
    opened = []

    def open_profile(tunnel: bool = False):
        context = launch_phone(playwright, tmp_path / "profile", app_server.base_url, tunnel=tunnel)
        opened.append(context)
        return context

    yield open_profile
    for context in opened:
        with contextlib.suppress(Exception):  # already closed by the test
            context.close()


def open_phone(browser: Browser, app_server: AppServer, **options: object) -> Page:
    """A fresh phone-sized page (`options` add to `PHONE`, e.g. `locale="de-DE"`).

    Console errors are collected on `page.errors`; close it with `page.context.close()`.
    """
    context = browser.new_context(base_url=app_server.base_url, **{**PHONE, **options})
    page = context.new_page()
    page.errors = []
    page.on("pageerror", lambda e: page.errors.append(str(e)))
    return page


@pytest.fixture
def phone(browser, app_server) -> Iterator[Page]:
    """A fresh phone-sized page; console errors are collected on `page.errors`."""
    page = open_phone(browser, app_server)
    yield page
    page.context.close()


class Shots:
    """Numbered screenshots of a journey, saved for people to look at."""

    def __init__(self, name: str) -> None:
        self.folder = ARTIFACTS / name
        shutil.rmtree(self.folder, ignore_errors=True)
        self.folder.mkdir(parents=True)
        self.n = 0

    def __call__(self, page: Page, label: str) -> pathlib.Path:
        self.n += 1
        path = self.folder / f"{self.n:02d}-{label}.png"
        page.screenshot(path=str(path), full_page=True)
        return path


@pytest.fixture
def shots(request) -> Shots:
    return Shots(request.node.name)


def nugget_card(page: Page, title: str):
    """The Today card whose title is exactly `title` (other cards may name it in a reason)."""
    return page.locator(".mm-nugget-card").filter(has=page.get_by_text(title, exact=True))


def sign_in(page: Page, email: str = DEMO_LEARNER[0], password: str = DEMO_LEARNER[1]) -> None:
    """Sign in from the start URL and wait for the nugget list."""
    page.goto("/")
    page.wait_for_url("**/signin**")
    page.fill("#signin-email", email)
    page.fill("#signin-password", password)
    page.click("button[type=submit]")
    expect(page.locator(".mm-nugget-card").first).to_be_visible(timeout=20_000)


@pytest.fixture
def make_learner(app_server):
    """Create learner accounts of this test's own in the demo cohort (no shared history)."""

    def make(name: str = "Robin", cohort: str | None = DEMO_COHORT_CODE) -> tuple[str, str]:
        email = f"{name.lower()}-{uuid.uuid4().hex[:10]}@example.org"
        return create_learner(app_server.db_url, email, "commutes-daily", name, cohort)

    return make


@pytest.fixture
def new_learner(make_learner) -> tuple[str, str]:
    """One fresh learner account."""
    return make_learner()


def pytest_collection_modifyitems(items) -> None:
    """Run the server-restart journey after every other test.

    It rebuilds `.web` for a server of its own (another port baked into the build), so
    journeys run after it against the session's server would talk to a dead socket.
    """
    items.sort(key=lambda item: "test_server_restart" in item.nodeid)
