"""What the service worker precaches: the built shell, with content hashes.

The shell is every route's HTML, the files those pages reference, the router
manifest's modules with their *static* imports (followed transitively), and our own
assets. Lazy chunks that no learner page needs up front (syntax-highlighting
grammars, unused icons) are left to the runtime cache, so a deploy stays small.
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

OWN_ASSETS = ("js", "css", "icons", "i18n")
OWN_FILES = ("manifest.webmanifest", "favicon.svg")
_REFERENCE = re.compile(r'(?:src|href)="(/[^"?#]+)"')
_STATIC_IMPORT = re.compile(r'(?:\bfrom\s*|\bimport\s*)["\'](\.{1,2}/[^"\']+\.js)["\']')
_MANIFEST = re.compile(r"window\.__reactRouterManifest\s*=\s*(\{.*\})\s*;?\s*$", re.S)


def _url(static_dir: Path, path: Path) -> str:
    return "/" + path.relative_to(static_dir).as_posix()


def _router_manifest_files(static_dir: Path) -> set[str]:
    urls: set[str] = set()
    for path in (static_dir / "assets").glob("manifest-*.js"):
        urls.add(_url(static_dir, path))
        match = _MANIFEST.search(path.read_text())
        if not match:
            continue
        manifest = json.loads(match.group(1))
        for entry in [manifest["entry"], *manifest["routes"].values()]:
            urls.update(u for u in [entry.get("module"), *entry.get("imports", [])] if u)
            urls.update(entry.get("css", []))
    return urls


def _follow_static_imports(static_dir: Path, urls: set[str]) -> set[str]:
    pending, seen = [u for u in urls if u.endswith(".js")], set(urls)
    while pending:
        url = pending.pop()
        path = static_dir / url.lstrip("/")
        if not path.is_file():
            continue
        for relative in _STATIC_IMPORT.findall(path.read_text(errors="replace")):
            target = _url(static_dir, (path.parent / relative).resolve())
            if target not in seen:
                seen.add(target)
                pending.append(target)
    return seen


def collect(static_dir: Path) -> list[dict[str, str]]:
    """List shell files as `{"url", "hash"}`, sorted, hashing each file's bytes.

    Args:
        static_dir: The production build's client folder.
    """
    static_dir = static_dir.resolve()
    urls: set[str] = set()
    for html in static_dir.rglob("*.html"):
        if html.name == "404.html":
            continue
        urls.add(_url(static_dir, html))
        urls.update(_REFERENCE.findall(html.read_text(errors="replace")))
    urls |= _router_manifest_files(static_dir)
    for folder in OWN_ASSETS:
        urls.update(_url(static_dir, p) for p in (static_dir / folder).rglob("*") if p.is_file())
    urls.update("/" + name for name in OWN_FILES)
    urls = _follow_static_imports(static_dir, urls)
    entries = []
    for url in sorted(urls):
        path = static_dir / url.lstrip("/")
        if path.is_file() and not path.name.endswith(".gz") and path.name != "sw.js":
            digest = hashlib.sha256(path.read_bytes()).hexdigest()[:16]
            entries.append({"url": url, "hash": digest})
    return entries


def version_of(entries: list[dict[str, str]]) -> str:
    """One hash for the whole shell: changes exactly when any precached file does."""
    return hashlib.sha256(json.dumps(entries, sort_keys=True).encode()).hexdigest()[:16]
