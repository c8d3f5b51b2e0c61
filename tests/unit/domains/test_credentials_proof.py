"""eddsa-rdfc-2022 proofs: the 1EdTech test vector, tampering, and no network at all."""

from __future__ import annotations

import copy
import datetime as dt
import hashlib
import json
import socket
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from mmapp.credentials import linked_data, multibase, proof
from mmapp.credentials.proof import VerificationMethod

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "ob3"
VECTOR = json.loads((FIXTURES / "linked-data-proof-vector.json").read_text())
NOW = dt.datetime(2026, 11, 21, 9, 0, tzinfo=dt.UTC)
CREATED = dt.datetime(2010, 1, 1, 19, 23, 24, tzinfo=dt.UTC)


def _key() -> Ed25519PrivateKey:
    seed = bytes.fromhex(VECTOR["privateKeyHex"])[:32]  # Node's 64-byte secret = seed ‖ public
    return Ed25519PrivateKey.from_private_bytes(seed)


def _method() -> VerificationMethod:
    return VerificationMethod(
        id=VECTOR["proofOptions"]["verificationMethod"],
        controller=VECTOR["controller"],
        public_key=bytes.fromhex(VECTOR["publicKeyHex"]),
    )


def _resolve(method_id: str) -> VerificationMethod | None:
    return _method() if method_id == _method().id else None


def _signed() -> dict[str, Any]:
    return proof.sign(
        VECTOR["credential"],
        key=_key(),
        verification_method=VECTOR["proofOptions"]["verificationMethod"],
        created=CREATED,
    )


def test_the_1edtech_vector_is_reproduced_exactly() -> None:
    credential = VECTOR["credential"]
    options = {**VECTOR["proofOptions"], "@context": credential["@context"]}
    document_nquads = linked_data.canonize(credential)
    proof_nquads = linked_data.canonize(options)
    assert document_nquads == (FIXTURES / "document-canon.txt").read_text()
    assert proof_nquads == (FIXTURES / "proof-canon.txt").read_text()
    assert hashlib.sha256(document_nquads.encode()).hexdigest() == VECTOR["documentHashHex"]
    assert hashlib.sha256(proof_nquads.encode()).hexdigest() == VECTOR["proofHashHex"]

    public_raw = _key().public_key().public_bytes_raw()
    assert public_raw.hex() == VECTOR["publicKeyHex"]
    assert multibase.public_key_multibase(public_raw) == VECTOR["publicKeyMultibase"]
    assert multibase.raw_public_key(VECTOR["publicKeyMultibase"]) == public_raw

    signed = _signed()
    assert signed["proof"] == {**VECTOR["proofOptions"], "proofValue": VECTOR["proofValue"]}
    signature = multibase.decode_multibase(signed["proof"]["proofValue"])
    assert signature.hex() == VECTOR["signatureHex"]
    assert "proof" not in credential  # the input is left alone


def test_the_published_signed_vector_verifies() -> None:
    published = {**VECTOR["credential"], "proof": {**VECTOR["proofOptions"]}}
    published["proof"]["proofValue"] = VECTOR["proofValue"]
    result = proof.verify(published, resolve_key=_resolve, now=NOW)
    assert result.ok, result
    assert result.verification_method == VECTOR["proofOptions"]["verificationMethod"]


def _paths(node: Any, path: tuple[Any, ...] = ()) -> list[tuple[tuple[Any, ...], str]]:
    """Every string in the document, and every key: (path, "value" | "key")."""
    found: list[tuple[tuple[Any, ...], str]] = []
    if isinstance(node, dict):
        for key, value in node.items():
            if key != "@context":
                found.append(((*path, key), "key"))
            found.extend(_paths(value, (*path, key)))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            found.extend(_paths(value, (*path, i)))
    elif isinstance(node, str):
        found.append((path, "value"))
    return found


def _one_char_changed(text: str) -> str:
    i = len(text) // 2
    return text[:i] + ("x" if text[i] != "x" else "y") + text[i + 1 :]


def _mutated(doc: dict[str, Any], path: tuple[Any, ...], what: str) -> dict[str, Any]:
    doc = copy.deepcopy(doc)
    parent: Any = doc
    for step in path[:-1]:
        parent = parent[step]
    last = path[-1]
    if what == "value":
        parent[last] = _one_char_changed(parent[last])
    else:
        parent[_one_char_changed(last)] = parent.pop(last)
    return doc


def test_one_changed_character_anywhere_fails() -> None:
    signed = _signed()
    cases = _paths(signed)
    assert len(cases) > 40
    reasons = {}
    for path, what in cases:
        result = proof.verify(_mutated(signed, path, what), resolve_key=_resolve, now=NOW)
        assert not result.ok, (path, what)
        reasons[(path, what)] = result.reason
    assert reasons[(("name",), "value")] == "tampered"
    assert reasons[(("validFrom",), "value")] == "tampered"
    assert reasons[(("proof", "created"), "value")] == "tampered"
    assert reasons[(("name",), "key")] == "undefined_term"
    assert reasons[(("type", 1), "value")] == "undefined_term"
    assert reasons[(("proof", "verificationMethod"), "value")] == "unknown_key"
    assert reasons[(("proof", "cryptosuite"), "value")] == "unsupported_cryptosuite"
    assert reasons[(("proof", "proofValue"), "value")] in {"tampered", "bad_proof"}


def test_a_changed_context_or_an_added_field_fails() -> None:
    signed = _signed()
    other_context = copy.deepcopy(signed)
    other_context["@context"][1] = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.2.json"
    assert proof.verify(other_context, resolve_key=_resolve, now=NOW).reason == "unknown_context"
    extra = copy.deepcopy(signed)
    extra["credentialSubject"]["achievement"]["level"] = "expert"  # not in the OB context
    assert proof.verify(extra, resolve_key=_resolve, now=NOW).reason == "undefined_term"
    defined = copy.deepcopy(signed)
    defined["description"] = "added after signing"  # a defined term: the signature breaks
    assert proof.verify(defined, resolve_key=_resolve, now=NOW).reason == "tampered"


def test_reasons_for_keys_purposes_issuers_and_dates() -> None:
    signed = _signed()
    assert proof.verify(signed, resolve_key=lambda _: None, now=NOW).reason == "unknown_key"
    signing_only = VerificationMethod(
        id=_method().id,
        controller=_method().controller,
        public_key=_method().public_key,
        purposes=frozenset({"authentication"}),
    )
    result = proof.verify(signed, resolve_key=lambda _: signing_only, now=NOW)
    assert result.reason == "not_assertion_method"
    stranger = VerificationMethod(
        id=_method().id, controller="did:web:elsewhere.example", public_key=_method().public_key
    )
    result = proof.verify(signed, resolve_key=lambda _: stranger, now=NOW)
    assert result.reason == "issuer_mismatch"
    other_key = Ed25519PrivateKey.generate().public_key().public_bytes_raw()
    impostor = VerificationMethod(
        id=_method().id, controller=_method().controller, public_key=other_key
    )
    assert proof.verify(signed, resolve_key=lambda _: impostor, now=NOW).reason == "tampered"
    before = dt.datetime(2009, 12, 31, 23, 59, 59, tzinfo=dt.UTC)
    assert proof.verify(signed, resolve_key=_resolve, now=before).reason == "not_yet_valid"
    assert proof.verify(signed, resolve_key=_resolve, now=NOW).ok


def test_expired_and_malformed_inputs() -> None:
    credential = {**VECTOR["credential"], "validUntil": "2020-01-01T00:00:00Z"}
    signed = proof.sign(credential, key=_key(), verification_method=_method().id, created=CREATED)
    assert proof.verify(signed, resolve_key=_resolve, now=NOW).reason == "expired"
    assert proof.verify(signed, resolve_key=_resolve, now=CREATED).ok
    assert proof.verify({"a": 1}, resolve_key=_resolve, now=NOW).reason == "malformed"
    no_proof = dict(VECTOR["credential"])
    assert proof.verify(no_proof, resolve_key=_resolve, now=NOW).reason == "bad_proof"
    jwt_like = {**signed, "proof": {**signed["proof"], "cryptosuite": "ecdsa-rdfc-2019"}}
    assert proof.verify(jwt_like, resolve_key=_resolve, now=NOW).reason == (
        "unsupported_cryptosuite"
    )
    wrong_purpose = {**signed, "proof": {**signed["proof"], "proofPurpose": "authentication"}}
    assert proof.verify(wrong_purpose, resolve_key=_resolve, now=NOW).reason == "bad_proof"
    with pytest.raises(ValueError, match="already has a proof"):
        proof.sign(signed, key=_key(), verification_method=_method().id, created=CREATED)
    with pytest.raises(ValueError, match="timezone-aware"):
        proof.sign(credential, key=_key(), verification_method="x", created=dt.datetime(2020, 1, 1))


def test_undefined_terms_are_refused_when_signing() -> None:
    typo = {**VECTOR["credential"], "nmae": "Teamwork Badge"}
    with pytest.raises(linked_data.UndefinedTermError, match="nmae"):
        proof.sign(typo, key=_key(), verification_method=_method().id, created=CREATED)
    relative = {**VECTOR["credential"], "id": "credentials/3527"}
    with pytest.raises(linked_data.UndefinedTermError, match="relative"):
        linked_data.canonize(relative)
    bad_type = copy.deepcopy(VECTOR["credential"])
    bad_type["issuer"]["type"] = ["Profle"]
    with pytest.raises(linked_data.UndefinedTermError, match="Profle"):
        linked_data.canonize(bad_type)


def test_the_loader_refuses_every_other_url() -> None:
    with pytest.raises(linked_data.UnknownContextError, match="not bundled"):
        linked_data.document_loader("https://www.w3.org/2018/credentials/v1")
    with pytest.raises(linked_data.UnknownContextError):
        linked_data.canonize({"@context": "https://example.org/ctx", "name": "x"})
    loaded = linked_data.document_loader(linked_data.VC_V2)
    assert loaded["document"]["@context"]["@protected"] is True


def test_signing_and_verifying_open_no_socket(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("network use while signing or verifying")

    monkeypatch.setattr(socket, "socket", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    linked_data.context_bytes.cache_clear()  # read the bundled files again, offline
    signed = _signed()
    assert signed["proof"]["proofValue"] == VECTOR["proofValue"]
    assert proof.verify(signed, resolve_key=_resolve, now=NOW).ok
    with pytest.raises(linked_data.UnknownContextError):
        linked_data.canonize({"@context": "https://example.org/ctx", "name": "x"})
    with pytest.raises(AssertionError, match="network use"):
        socket.create_connection(("127.0.0.1", 9))  # the trap is armed


def test_base58_round_trips_leading_zeros() -> None:
    for raw in (b"", b"\0", b"\0\0\x01", bytes(range(40)), b"\xff" * 64):
        assert multibase.b58decode(multibase.b58encode(raw)) == raw
    with pytest.raises(ValueError):
        multibase.b58decode("0OIl")
    with pytest.raises(ValueError):
        multibase.raw_public_key("z" + multibase.b58encode(b"\x12\x00" + bytes(32)))
