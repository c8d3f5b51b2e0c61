"""OpenBadgeCredential shape, baking into PNG, and `mmapp verify-badge` exit codes."""

from __future__ import annotations

import datetime as dt
import io
import json
import struct
import zlib
from pathlib import Path

import pytest
from PIL import Image

from mmapp import cli, db, settings
from mmapp.credentials import (
    Achievement,
    CredentialInput,
    Evidence,
    Issuer,
    badge_image,
    bake,
    build_credential,
    did_web,
    identity_hash,
    method_id,
    recipient_matches,
    resolve_own_keys,
    sign,
    signing_key,
    unbake,
    verify,
    verify_file,
)
from mmapp.credentials.baking import KEYWORD, BakingError, initials
from mmapp.credentials.linked_data import CREDENTIAL_CONTEXT

NOW = dt.datetime(2026, 11, 21, 9, 0, tzinfo=dt.UTC)
PUBLIC_URL = "http://localhost:3000"
DID = did_web(PUBLIC_URL)
ACHIEVEMENT = Achievement(
    id="http://localhost:3000/badges/achievements/feedback-3",
    name="Giving feedback that lands: level 3",
    description="Can give feedback that lands, on their own.",
    criteria="Every level 1-3 nugget done; first-try score at least 80%; recall 0.8 at 30 days.",
    image_url="http://localhost:3000/badges/achievements/feedback-3.png",
)


def _input(email: str = "Robin@Example.com") -> CredentialInput:
    return CredentialInput(
        id="urn:uuid:1c0ffee0-0000-4000-8000-000000000001",
        issuer=Issuer(did=DID, name="Micromastery", url=PUBLIC_URL),
        recipient_email=email,
        achievement=ACHIEVEMENT,
        valid_from=NOW,
        evidence=(Evidence(name="Nuggets done", narrative="4 of 4 nuggets, 86% first try."),),
    )


def test_the_published_identity_hash_example() -> None:
    # OB 3.0 getting-started guide: jjefferson18@example.com salted with FleurDeSel
    assert identity_hash("jjefferson18@example.com", "FleurDeSel") == (
        "sha256$658625b25ab3d75d613ca97d9a5a77f70e2192feca5557f4ad09a4d4f121f5fc"
    )


def test_credential_shape_never_holds_the_email() -> None:
    credential = build_credential(_input())
    assert credential["@context"] == list(CREDENTIAL_CONTEXT)
    assert credential["type"] == ["VerifiableCredential", "OpenBadgeCredential"]
    assert credential["issuer"] == {
        "id": "did:web:localhost%3A3000",
        "type": ["Profile"],
        "name": "Micromastery",
        "url": PUBLIC_URL,
    }
    assert credential["validFrom"] == "2026-11-21T09:00:00Z"
    subject = credential["credentialSubject"]
    assert subject["type"] == ["AchievementSubject"] and "id" not in subject
    (identity,) = subject["identifier"]
    assert identity["type"] == "IdentityObject" and identity["hashed"] is True
    assert identity["identityHash"] == identity_hash("robin@example.com", identity["salt"])
    assert subject["achievement"]["criteria"] == {"narrative": ACHIEVEMENT.criteria}
    assert subject["achievement"]["achievementType"] == "Competency"
    assert credential["evidence"][0]["type"] == ["Evidence"]
    assert "robin" not in json.dumps(credential).lower()
    other = build_credential(_input())
    assert other["credentialSubject"]["identifier"][0]["salt"] != identity["salt"]
    assert recipient_matches(credential, "robin@example.com")
    assert not recipient_matches(credential, "sam@example.com")


def test_build_sign_verify_round_trip(session) -> None:
    key = signing_key(session=session, now=NOW)
    signed = sign(
        build_credential(_input()),
        key=key.private_key,
        verification_method=method_id(DID, key.number),
        created=NOW,
    )
    assert verify(signed, resolve_key=resolve_own_keys(session=session, did=DID), now=NOW).ok


def test_the_credential_passes_the_1edtech_json_schema(session) -> None:
    import jsonschema

    schema_path = Path(__file__).resolve().parents[2] / "fixtures" / "ob3" / "schema.json"
    schema = json.loads(schema_path.read_text())
    key = signing_key(session=session, now=NOW)
    signed = sign(
        build_credential(_input()),
        key=key.private_key,
        verification_method=method_id(DID, key.number),
        created=NOW,
    )
    # This schema version types `proof` as an array only (VC 2.0 also allows one object),
    # so the proof is checked as a one-element list.
    jsonschema.validate({**signed, "proof": [signed["proof"]]}, schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({**signed, "proof": [signed["proof"]], "issuer": 7}, schema)


def test_baking_round_trip_and_exactly_once() -> None:
    image = badge_image("Giving feedback", 3, achievement_name=ACHIEVEMENT.name)
    assert image.alt == ACHIEVEMENT.name
    credential = build_credential(_input())
    baked = bake(image.png, credential)
    assert unbake(baked) == credential
    assert unbake(bake(baked, {**credential, "name": "again"}))["name"] == "again"
    assert baked.count(b"iTXt" + KEYWORD.encode()) == 1
    with Image.open(io.BytesIO(baked)) as opened:
        assert opened.size == (256, 256)
    with pytest.raises(BakingError, match="no Open Badges"):
        unbake(image.png)
    with pytest.raises(BakingError, match="not a PNG"):
        bake(b"GIF89a", credential)


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def test_unbake_refuses_duplicates_compression_and_damage() -> None:
    png = badge_image("X", 1, achievement_name="X").png
    iend = png.rindex(b"IEND") - 4
    plain = _chunk(b"iTXt", KEYWORD.encode() + b"\0\0\0\0\0{}")
    twice = png[:iend] + plain + plain + png[iend:]
    with pytest.raises(BakingError, match="more than one"):
        unbake(twice)
    packed = _chunk(b"iTXt", KEYWORD.encode() + b"\0\x01\0\0\0" + zlib.compress(b"{}"))
    with pytest.raises(BakingError, match="compressed"):
        unbake(png[:iend] + packed + png[iend:])
    damaged = bytearray(png[:iend] + plain + png[iend:])
    damaged[iend + 20] ^= 1
    with pytest.raises(BakingError, match="damaged"):
        unbake(bytes(damaged))


def test_badge_image_initials() -> None:
    assert initials("Giving feedback that lands") == "GF"
    assert initials("one-to-one coaching") == "OT"
    assert initials("  ") == "?"


@pytest.fixture
def cli_db(tmp_path, monkeypatch):
    monkeypatch.setenv("MM_DATABASE_URL", f"sqlite:///{tmp_path / 'cli.db'}")
    monkeypatch.setenv("MM_PUBLIC_URL", PUBLIC_URL)
    monkeypatch.delenv("MM_BADGE_PRIVATE_KEY", raising=False)
    settings.get_settings.cache_clear()
    db.get_engine.cache_clear()
    assert cli.main(["db-upgrade"]) == 0
    yield db.get_engine()
    db.get_engine().dispose()
    db.get_engine.cache_clear()
    settings.get_settings.cache_clear()


def test_verify_badge_cli_exit_codes_and_rotation(cli_db, tmp_path, capsys) -> None:
    with db.session_scope(cli_db) as s:
        key = signing_key(session=s, now=NOW)
    signed = sign(
        build_credential(_input(), salt="s"),
        key=key.private_key,
        verification_method=method_id(DID, key.number),
        created=NOW,
    )
    good_json = tmp_path / "badge.json"
    good_json.write_text(json.dumps(signed))
    good_png = tmp_path / "badge.png"
    good_png.write_bytes(bake(badge_image("Giving feedback", 3, achievement_name="x").png, signed))
    capsys.readouterr()
    for path in (good_json, good_png):
        assert cli.main(["verify-badge", str(path)]) == 0
        assert capsys.readouterr().out == (
            "Verified: issued by Micromastery (did:web:localhost%3A3000) to "
            f"{identity_hash('robin@example.com', 's')} on 2026-11-21, "
            "for Giving feedback that lands: level 3.\n"
        )
    assert cli.main(["badge-key-rotate"]) == 0
    assert "did:web:localhost%3A3000#key-2" in capsys.readouterr().out
    assert cli.main(["verify-badge", str(good_png)]) == 0  # signed by key-1, still good
    capsys.readouterr()

    altered = tmp_path / "altered.json"
    altered.write_text(json.dumps(signed).replace("level 3", "level 4"))
    assert cli.main(["verify-badge", str(altered)]) == 1
    assert capsys.readouterr().out.startswith("Not verified: The signature does not match")
    garbage = tmp_path / "garbage.json"
    garbage.write_text("{not json")
    assert cli.main(["verify-badge", str(garbage)]) == 1
    assert "neither a PNG nor JSON" in capsys.readouterr().out
    assert cli.main(["verify-badge", str(tmp_path / "missing.png")]) == 1
    assert "cannot read the file" in capsys.readouterr().out


def test_revocation_hook_says_why(cli_db, tmp_path) -> None:
    with db.session_scope(cli_db) as s:
        key = signing_key(session=s, now=NOW)
    signed = sign(
        build_credential(_input()),
        key=key.private_key,
        verification_method=method_id(DID, key.number),
        created=NOW,
    )
    path = tmp_path / "badge.json"
    path.write_text(json.dumps(signed))
    revoked = {signed["id"]: "issued to the wrong learner"}
    with db.session_scope(cli_db, read_only=True) as s:
        verdict = verify_file(path, session=s, did=DID, now=NOW, is_revoked=revoked.get)
        assert (verdict.ok, verdict.reason) == (False, "revoked")
        assert verdict.message == "Not verified: revoked (issued to the wrong learner)."
        fine = verify_file(path, session=s, did=DID, now=NOW, is_revoked=lambda _: None)
        assert fine.ok
        other_did = verify_file(path, session=s, did="did:web:elsewhere.example", now=NOW)
        assert other_did.reason == "unknown_key"
