"""GET /.well-known/did.json: the issuer's keys, made on first request, kept on rotation."""

from __future__ import annotations

import datetime as dt

from fastapi.testclient import TestClient

from mmapp import settings
from mmapp.api import create_api
from mmapp.credentials import rotate
from mmapp.db import session_scope

NOW = dt.datetime(2026, 11, 21, 9, 0, tzinfo=dt.UTC)


def test_the_did_document_lists_every_key(db_url, monkeypatch) -> None:
    monkeypatch.setenv("MM_PUBLIC_URL", "https://badges.example.org:8443/")
    settings.get_settings.cache_clear()
    client = TestClient(create_api())
    first = client.get("/.well-known/did.json")
    assert first.status_code == 200
    assert first.headers["content-type"].startswith("application/did+ld+json")
    assert first.headers["access-control-allow-origin"] == "*"
    did = "did:web:badges.example.org%3A8443"
    document = first.json()
    assert document["@context"] == [
        "https://www.w3.org/ns/did/v1",
        "https://w3id.org/security/multikey/v1",
    ]
    assert document["id"] == did
    (method,) = document["verificationMethod"]
    assert method["id"] == f"{did}#key-1" and method["type"] == "Multikey"
    assert method["controller"] == did and method["publicKeyMultibase"].startswith("z6Mk")
    assert document["assertionMethod"] == [f"{did}#key-1"]
    assert client.get("/.well-known/did.json").json() == document  # made once

    with session_scope() as session:
        rotate(session=session, now=NOW)
    after = client.get("/.well-known/did.json").json()
    assert [m["id"] for m in after["verificationMethod"]] == [f"{did}#key-1", f"{did}#key-2"]
    assert after["verificationMethod"][0] == method
    assert after["assertionMethod"] == [f"{did}#key-1", f"{did}#key-2"]
    assert client.post("/.well-known/did.json").status_code == 405
