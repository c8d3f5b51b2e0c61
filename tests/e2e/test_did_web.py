"""The issuer DID document on the real server, and `mmapp verify-badge` against its keys."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
import urllib.request

import pytest
from sqlmodel import Session

from mmapp.credentials import (
    Achievement,
    CredentialInput,
    Issuer,
    badge_image,
    bake,
    build_credential,
    did_web,
    method_id,
    sign,
    signing_key,
)
from tests.e2e.conftest import ROOT

pytestmark = pytest.mark.e2e
DID = did_web("http://localhost:3000")  # the server runs with the default public URL


def _cli(app_server, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "MM_DATABASE_URL": app_server.db_url}
    return subprocess.run(
        [sys.executable, "-m", "mmapp.cli", *args],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )


def _did_document(app_server) -> tuple[str, dict]:
    with urllib.request.urlopen(app_server.base_url + "/.well-known/did.json", timeout=10) as r:
        return r.headers["Content-Type"], json.loads(r.read())


def test_did_json_at_the_root_and_verify_badge_through_rotation(app_server, tmp_path) -> None:
    content_type, document = _did_document(app_server)
    assert content_type.startswith("application/did+ld+json")
    assert document["id"] == DID
    assert document["assertionMethod"] == [f"{DID}#key-1"]

    now = dt.datetime.now(dt.UTC)
    with Session(app_server.engine) as session:  # the key the server made on first request
        key = signing_key(session=session, now=now)
        session.commit()
    assert key.public_key_multibase == document["verificationMethod"][0]["publicKeyMultibase"]
    credential = build_credential(
        CredentialInput(
            id="urn:uuid:5b1d6f7e-8a9b-4c0d-9e1f-2a3b4c5d6e7f",
            issuer=Issuer(did=DID, name="Micromastery", url="http://localhost:3000"),
            recipient_email="learner@example.com",
            achievement=Achievement(
                id="http://localhost:3000/badges/achievements/feedback-3",
                name="Giving feedback that lands: level 3",
                description="Can give feedback that lands, on their own.",
                criteria="Every level 1-3 nugget done; first-try score at least 80%.",
                image_url="http://localhost:3000/badges/achievements/feedback-3.png",
            ),
            valid_from=now - dt.timedelta(minutes=1),
        )
    )
    signed = sign(
        credential, key=key.private_key, verification_method=method_id(DID, 1), created=now
    )
    baked = tmp_path / "badge.png"
    baked.write_bytes(bake(badge_image("Giving feedback", 3, achievement_name="x").png, signed))

    verified = _cli(app_server, "verify-badge", str(baked))
    assert verified.returncode == 0, verified
    assert verified.stdout.startswith(f"Verified: issued by Micromastery ({DID}) to sha256$")

    rotated = _cli(app_server, "badge-key-rotate")
    assert rotated.returncode == 0, rotated
    _, after = _did_document(app_server)
    assert after["assertionMethod"] == [f"{DID}#key-1", f"{DID}#key-2"]
    assert _cli(app_server, "verify-badge", str(baked)).returncode == 0

    altered = tmp_path / "altered.json"
    altered.write_text(json.dumps(signed).replace("level 3", "level 9"))
    failed = _cli(app_server, "verify-badge", str(altered))
    assert failed.returncode == 1
    assert failed.stdout.startswith("Not verified: The signature does not match")
