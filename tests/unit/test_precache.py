import json
import re
import shutil
from pathlib import Path

from mmapp import routes
from mmapp.pwa.precache import collect, version_of

MANIFEST = {
    "entry": {"module": "/assets/entry-1.js", "imports": ["/assets/runtime-1.js"], "css": []},
    "routes": {
        "root": {"module": "/assets/root-1.js", "imports": [], "css": ["/assets/app-1.css"]},
        "routes/[nugget]._index": {"module": "/assets/nugget-1.js", "imports": []},
    },
}


def _build(tmp_path, nugget_js='import{a}from"./markdown-1.js";'):
    files = {
        "index.html": '<link href="/assets/app-1.css"><script src="/assets/entry-1.js"></script>',
        "nugget/index.html": '<script src="/assets/root-1.js"></script>',
        "404.html": '<script src="/assets/not-found-1.js"></script>',
        "__spa-fallback.html": "<div></div>",
        "assets/manifest-abc.js": "window.__reactRouterManifest=" + json.dumps(MANIFEST) + ";",
        "assets/entry-1.js": "x",
        "assets/runtime-1.js": "x",
        "assets/root-1.js": "x",
        "assets/app-1.css": "x",
        "assets/nugget-1.js": nugget_js,
        "assets/markdown-1.js": 'const l=()=>import("./grammar-abap-1.js");',
        "assets/grammar-abap-1.js": "x",
        "assets/not-found-1.js": "x",
        "assets/entry-1.js.gz": "x",
        "js/mm-bridge.js": "x",
        "icons/icon-192.png": "x",
        "manifest.webmanifest": "{}",
        "favicon.svg": "<svg/>",
        "sw.js": "x",
    }
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text)
    return tmp_path


def test_shell_is_pages_router_modules_static_imports_and_own_assets(tmp_path):
    urls = [e["url"] for e in collect(_build(tmp_path))]
    assert urls == sorted(urls)
    assert {
        "/index.html",
        "/nugget/index.html",
        "/__spa-fallback.html",
        "/assets/entry-1.js",
        "/assets/runtime-1.js",
        "/assets/root-1.js",
        "/assets/app-1.css",
        "/assets/nugget-1.js",
        "/assets/markdown-1.js",
        "/assets/manifest-abc.js",
        "/js/mm-bridge.js",
        "/icons/icon-192.png",
        "/manifest.webmanifest",
        "/favicon.svg",
    } == set(urls)
    # Lazy (dynamic import) chunks, the 404 page, .gz twins and the worker stay out.
    assert "/assets/grammar-abap-1.js" not in urls and "/sw.js" not in urls


def test_version_changes_exactly_when_a_file_changes(tmp_path):
    first = version_of(collect(_build(tmp_path)))
    assert version_of(collect(_build(tmp_path))) == first
    changed = version_of(collect(_build(tmp_path, nugget_js='import"./markdown-1.js";//v2')))
    assert changed != first


ASSETS = Path(__file__).resolve().parents[2] / "assets"


def _worker_imports() -> list[str]:
    found = re.search(r"importScripts\(([^)]*)\)", (ASSETS / "sw.js").read_text())
    assert found, "assets/sw.js imports no scripts"
    return re.findall(r'"(/js/[^"]+)"', found.group(1))


def test_every_device_script_is_loaded_and_precached(tmp_path):
    """Each file in assets/js is loaded by the pages or the worker, and precached."""
    build = _build(tmp_path)
    shutil.copytree(ASSETS / "js", build / "js", dirs_exist_ok=True)
    urls = {e["url"] for e in collect(build)}
    page, worker = set(routes.BRIDGE_SCRIPTS), set(_worker_imports())
    on_disk = {"/js/" + p.name for p in (ASSETS / "js").glob("*.js")}
    assert page | worker == on_disk  # nothing orphaned, nothing missing
    assert on_disk <= urls
    # The worker's files are the page's too (one copy of each in the shell), and
    # load in the same order there as in the page.
    assert worker <= page
    assert [s for s in routes.BRIDGE_SCRIPTS if s in worker] == _worker_imports()
    # The catalogue's reader first: every other script may call t() while loading.
    assert routes.BRIDGE_SCRIPTS[:2] == ("/js/mm-i18n.js", "/js/mm-shared.js")


def test_the_language_catalogues_are_precached_for_offline_use(tmp_path):
    """A German phone that goes offline still has its catalogue."""
    build = _build(tmp_path)
    shutil.copytree(ASSETS / "i18n", build / "i18n", dirs_exist_ok=True)
    urls = {e["url"] for e in collect(build)}
    assert {"/i18n/en.json", "/i18n/de.json"} <= urls
