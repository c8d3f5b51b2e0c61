"""Bugs the fuzz tier (tests/fuzz) found, each pinned by the request that showed it."""

from __future__ import annotations

import io
import struct
import time
import zipfile

import pytest
from sqlmodel import select

from mmapp.db import session_scope
from mmapp.models import Nugget
from tests.api.conftest import coach_headers


def _damage(data: bytes, how: str) -> bytes:
    """The archive with its first member broken in one way zipfile cannot read."""
    out = bytearray(data)
    first = zipfile.ZipFile(io.BytesIO(data)).infolist()[0]
    local = first.header_offset
    central = data.index(b"PK\x01\x02")  # the first member's central directory entry
    if how == "header magic":
        out[local : local + 2] = b"QK"
    elif how == "deflate stream":
        name_len, extra_len = struct.unpack("<HH", data[local + 26 : local + 30])
        out[local + 30 + name_len + extra_len] ^= 0xFF
    elif how == "crc":
        out[central + 16] ^= 0xFF
    elif how == "compression method":
        out[local + 8 : local + 10] = out[central + 10 : central + 12] = struct.pack("<H", 99)
    elif how == "encryption flag":
        out[local + 6] |= 1
        out[central + 8] |= 1
    return bytes(out)


@pytest.mark.parametrize(
    "how", ["header magic", "deflate stream", "crc", "compression method", "encryption flag"]
)
def test_a_damaged_skill_archive_is_refused_with_422_and_nothing_is_imported(client, how):
    # Found by the fuzzer: a skill archive whose first bytes were flipped got a 500
    # (zipfile raised BadZipFile from reading a member, after the archive opened).
    coach = coach_headers(client)
    data = client.get("/api/v1/coach/skills/reading-charts/export.zip", headers=coach).content
    with session_scope() as s:
        before = {n.slug: (n.title, n.change_seq) for n in s.exec(select(Nugget))}

    r = client.post(
        "/api/v1/coach/import.zip",
        headers={**coach, "Content-Type": "application/zip"},
        content=_damage(data, how),
    )

    assert r.status_code == 422, r.text
    body = r.json()
    assert body["error"] == "invalid_archive"
    assert "skill.yaml line 1: cannot be read" in body["reason"], body["reason"]
    with session_scope() as s:
        assert {n.slug: (n.title, n.change_seq) for n in s.exec(select(Nugget))} == before
    intact = client.post(  # the undamaged archive still imports
        "/api/v1/coach/import.zip",
        headers={**coach, "Content-Type": "application/zip"},
        content=data,
    )
    assert intact.status_code == 201 and len(intact.json()["imported"]) == 4


SECTIONS = (
    "\n\n## Context\n\nc\n\n## Way in\n\nw\n\n## Purposeful practice\n\n1. p\n\n## Payoff\n\np\n"
)
# Nine aliases of nine aliases, eight deep: 43 million values from 300 bytes of YAML.
LAUGHS = "quiz: [&a [x, x, x, x, x, x, x, x, x], " + ", ".join(
    f"&{k} [{', '.join(['*' + p] * 9)}]" for p, k in zip("abcdefg", "bcdefgh", strict=True)
) + "]"  # fmt: skip


@pytest.mark.parametrize(
    ("front", "problem"),
    [
        ("[" * 5000, "line 2: front matter: it nests deeper than 32 levels"),
        ("{a: " * 3000, "line 2: front matter: it nests deeper than 32 levels"),
        ("slug: x\ntitle: a\x00b", "line 3: front matter: character U+0000 is not allowed"),
        ("title: bell\x07", "line 2: front matter: character U+0007 is not allowed"),
        (LAUGHS, "line 2: front matter: aliases (*name) are not allowed"),
    ],
    ids=["deep list", "deep map", "NUL", "control character", "billion laughs"],
)
def test_front_matter_yaml_that_cannot_be_read_is_a_422_naming_its_line(client, front, problem):
    # Found by the fuzzer: deep nesting overflowed PyYAML's recursive composer and a
    # control character raised ReaderError (not a MarkedYAMLError), both 500s; and a
    # billion-laughs quiz kept a worker busy for 34 s walking 43 million values.
    coach = coach_headers(client)
    with session_scope() as s:
        before = len(list(s.exec(select(Nugget))))
    started = time.perf_counter()

    r = client.post(
        "/api/v1/coach/nuggets/import.md",
        headers={**coach, "Content-Type": "text/markdown"},
        content=f"---\n{front}\n---{SECTIONS}".encode(),
    )

    assert time.perf_counter() - started < 5
    assert r.status_code == 422, r.text
    assert r.json() == {"error": "invalid_file", "reason": problem}
    with session_scope() as s:
        assert len(list(s.exec(select(Nugget)))) == before


@pytest.mark.parametrize(
    ("name", "text", "problem"),
    [
        ("skill.yaml", "[" * 5000, "skill.yaml line 1: not a valid skill"),
        ("nuggets/01-x.md", "---\ntitle: a\x00b\n---\n", "nuggets/01-x.md line 2: front matter"),
    ],
)
def test_an_archive_with_unreadable_yaml_is_a_422(client, name, text, problem):
    coach = coach_headers(client)
    data = io.BytesIO()
    with zipfile.ZipFile(data, "w") as archive:
        archive.writestr(name, text)

    r = client.post(
        "/api/v1/coach/import.zip",
        headers={**coach, "Content-Type": "application/zip"},
        content=data.getvalue(),
    )

    assert r.status_code == 422, r.text
    assert r.json()["error"] == "invalid_archive" and problem in r.json()["reason"], r.text
