"""Badge keys and the issuer DID: first use, races, env override, rotation."""

from __future__ import annotations

import concurrent.futures
import datetime as dt

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlmodel import Session

from mmapp import db
from mmapp.credentials import (
    Achievement,
    CredentialInput,
    Issuer,
    build_credential,
    did_document,
    did_web,
    keys,
    method_id,
    resolve_own_keys,
    rotate,
    sign,
    signing_key,
    verify,
)
from mmapp.errors import ConflictError, ValidationError
from mmapp.models import BadgeKey

NOW = dt.datetime(2026, 11, 21, 9, 0, tzinfo=dt.UTC)
DID = "did:web:micromastery.example"


def _credential(valid_from: dt.datetime = NOW) -> dict:
    return build_credential(
        CredentialInput(
            id="urn:uuid:7f3c0d4e-2b1a-4c5d-9e8f-0a1b2c3d4e5f",
            issuer=Issuer(did=DID, name="Micromastery", url="https://micromastery.example"),
            recipient_email="robin@example.com",
            achievement=Achievement(
                id="https://micromastery.example/badges/achievements/feedback-3",
                name="Giving feedback that lands: level 3",
                description="Can give feedback that lands, on their own.",
                criteria="Every level 1-3 nugget done; first-try score at least 80%.",
                image_url="https://micromastery.example/badges/achievements/feedback-3.png",
            ),
            valid_from=valid_from,
        ),
        salt="pepper",
    )


def _sign_with_current(session: Session) -> dict:
    key = signing_key(session=session, now=NOW)
    return sign(
        _credential(),
        key=key.private_key,
        verification_method=method_id(DID, key.number),
        created=NOW,
    )


def test_did_web_names_the_host_and_port() -> None:
    assert did_web("https://micromastery.example") == "did:web:micromastery.example"
    assert did_web("http://localhost:3000") == "did:web:localhost%3A3000"
    assert did_web("https://Badges.Example.org/") == "did:web:badges.example.org"
    with pytest.raises(ValueError, match="without a path"):
        did_web("https://example.org/app")
    with pytest.raises(ValueError, match="no host"):
        did_web("not a url")


def test_the_key_is_made_once_and_reused(session: Session) -> None:
    first = signing_key(session=session, now=NOW)
    again = signing_key(session=session, now=NOW + dt.timedelta(days=1))
    assert (first.number, first.fragment) == (1, "key-1")
    assert again.public_key_multibase == first.public_key_multibase
    assert first.public_key_multibase.startswith("z6Mk")
    assert len(keys.all_keys(session=session)) == 1


def test_racing_processes_end_up_with_one_key(engine) -> None:
    def first_use() -> str:
        with db.session_scope(engine) as s:
            return signing_key(session=s, now=NOW).public_key_multibase

    with concurrent.futures.ThreadPoolExecutor(4) as pool:
        results = list(pool.map(lambda _: first_use(), range(4)))
    assert len(set(results)) == 1
    with db.session_scope(engine, read_only=True) as s:
        assert len(keys.all_keys(session=s)) == 1


def test_rotation_keeps_old_credentials_verifiable(session: Session) -> None:
    old_credential = _sign_with_current(session)
    assert old_credential["proof"]["verificationMethod"] == f"{DID}#key-1"
    new = rotate(session=session, now=NOW + dt.timedelta(days=30))
    assert new.fragment == "key-2"
    assert signing_key(session=session, now=NOW).number == 2
    retired = session.get(BadgeKey, 1)
    assert retired is not None and retired.private_pem is None and retired.retired_at

    document = did_document(session=session, did=DID)
    ids = [m["id"] for m in document["verificationMethod"]]
    assert ids == [f"{DID}#key-1", f"{DID}#key-2"]
    assert document["assertionMethod"] == ids
    assert {m["type"] for m in document["verificationMethod"]} == {"Multikey"}
    assert all(m["controller"] == DID for m in document["verificationMethod"])

    resolve = resolve_own_keys(session=session, did=DID)
    assert verify(old_credential, resolve_key=resolve, now=NOW).ok
    new_credential = _sign_with_current(session)
    assert new_credential["proof"]["verificationMethod"] == f"{DID}#key-2"
    assert verify(new_credential, resolve_key=resolve, now=NOW).ok


def test_a_key_nobody_published_is_unknown(session: Session) -> None:
    signed = sign(
        _credential(),
        key=Ed25519PrivateKey.generate(),
        verification_method=f"{DID}#key-9",
        created=NOW,
    )
    signing_key(session=session, now=NOW)
    result = verify(signed, resolve_key=resolve_own_keys(session=session, did=DID), now=NOW)
    assert result.reason == "unknown_key"
    forged = {**signed, "proof": {**signed["proof"], "verificationMethod": f"{DID}#key-1"}}
    result = verify(forged, resolve_key=resolve_own_keys(session=session, did=DID), now=NOW)
    assert result.reason == "tampered"


def test_env_override_is_published_and_rotation_is_refused(session: Session) -> None:
    stored = signing_key(session=session, now=NOW)
    pem = (
        Ed25519PrivateKey.generate()
        .private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
        .decode()
    )
    from_env = signing_key(session=session, now=NOW, override_pem=pem)
    assert from_env.number == 2 and from_env.public_key_multibase != stored.public_key_multibase
    assert signing_key(session=session, now=NOW, override_pem=pem).number == 2
    row = session.get(BadgeKey, 2)
    assert row is not None and row.private_pem is None  # the secret stays in the env
    assert len(did_document(session=session, did=DID)["verificationMethod"]) == 2
    with pytest.raises(ConflictError):  # the env key was unset: nothing to sign with
        signing_key(session=session, now=NOW)
    with pytest.raises(ValidationError):
        signing_key(session=session, now=NOW, override_pem="not a pem")
