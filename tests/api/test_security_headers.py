"""Security headers on every kind of response, and the CSP's inline-script hashes."""

from __future__ import annotations

import base64
import hashlib

import pytest
from fastapi.testclient import TestClient
from starlette.staticfiles import StaticFiles

from mmapp.api import create_api
from mmapp.api.security import inline_script_hashes
from mmapp.demo.seed import DEMO_LEARNER

INLINE = 'window.__ctx = {"a": 1};'
PAGE = f'<html><head><script>{INLINE}</script><script src="/js/x.js"></script></head></html>'


def _sha(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


@pytest.fixture
def site(tmp_path, seeded) -> TestClient:
    """The API with a built frontend mounted beneath it, as Reflex does in prod."""
    (tmp_path / "index.html").write_text(PAGE)
    (tmp_path / "sw.js").write_text("self.addEventListener('fetch', () => {});")
    (tmp_path / "app.js").write_text("console.log(1);")
    (tmp_path / "manifest.webmanifest").write_text("{}")
    api = create_api(pages_dir=tmp_path)
    api.mount("", StaticFiles(directory=tmp_path, html=True))
    return TestClient(api)


def _check(response) -> str:
    h = response.headers
    assert h["x-content-type-options"] == "nosniff"
    assert h["referrer-policy"] == "strict-origin-when-cross-origin"
    assert "camera=()" in h["permissions-policy"] and "microphone=()" in h["permissions-policy"]
    assert h["cross-origin-opener-policy"] == "same-origin"
    csp = h["content-security-policy"]
    for directive in (
        "default-src 'self'",
        "img-src 'self' data: blob:",
        "worker-src 'self'",
        "manifest-src 'self'",
        "frame-ancestors 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "object-src 'none'",
        "connect-src 'self' ws://testserver wss://testserver",
    ):
        assert directive in csp, directive
    script_src = next(d for d in csp.split("; ") if d.startswith("script-src"))
    assert "unsafe-eval" not in csp and "unsafe-inline" not in script_src
    return script_src


def test_every_kind_of_response_carries_the_headers(site):
    token = site.post(
        "/api/v1/auth/token",
        json={"email": DEMO_LEARNER[0], "password": DEMO_LEARNER[1], "device_id": "device-hdr-1"},
    ).json()["token"]
    answers = {
        "page": site.get("/"),
        "js": site.get("/app.js"),
        "sw": site.get("/sw.js"),
        "manifest": site.get("/manifest.webmanifest"),
        "api 200": site.get("/api/v1/me", headers={"Authorization": f"Bearer {token}"}),
        "api 401": site.get("/api/v1/me"),
        "api 422": site.post("/api/v1/auth/token", json={"email": 3}),
        "api 413": site.post("/api/v1/sync/push", content=b"x" * 10_000_000),
        "404": site.get("/no/such/file.js"),
    }
    expected = {"api 401": 401, "api 422": 422, "api 413": 413, "404": 404}
    for kind, response in answers.items():
        assert response.status_code == expected.get(kind, 200), kind
        assert _sha(INLINE) in _check(response), kind


def test_hashes_cover_inline_scripts_only_and_a_bad_host_adds_no_socket_source(site, tmp_path):
    assert inline_script_hashes(tmp_path) == [_sha(INLINE)]
    csp = site.get("/", headers={"host": "evil.example;script-src *"}).headers[
        "content-security-policy"
    ]
    assert "connect-src 'self';" in csp and "evil" not in csp
