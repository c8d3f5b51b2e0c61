"""Baked badges: a credential inside a PNG, and the generated badge image per skill.

Baking follows the OB 3.0 "Badge baking" rules: one `iTXt` chunk with the keyword
`openbadgecredential`, uncompressed, holding the signed JSON, at most once per image.
Pillow writes it (re-encoding the picture drops any chunk it carried before, so a
re-baked image still has exactly one); reading walks the PNG chunks itself, so a file
with two such chunks, a compressed one or a broken CRC is refused rather than guessed at.
"""

from __future__ import annotations

import dataclasses
import hashlib
import io
import json
import struct
import zlib
from typing import Any

from PIL import Image, ImageDraw, ImageFont, PngImagePlugin

from mmapp.i18n import N_

KEYWORD = "openbadgecredential"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
SIZE = 256
# Dark fills: white text on each has a contrast ratio above 7:1 (WCAG AAA).
PALETTE = ("#1e3a8a", "#7c2d12", "#14532d", "#581c87", "#7f1d1d", "#134e4a", "#312e81")


class BakingError(ValueError):
    """The file is not a PNG with exactly one well-formed baked credential."""


@dataclasses.dataclass(frozen=True)
class BadgeImage:
    """A generated badge picture and the alt text to show it with."""

    png: bytes
    alt: str


def bake(png: bytes, credential: dict[str, Any]) -> bytes:
    """The PNG with `credential` baked into one uncompressed `openbadgecredential` iTXt.

    Raises:
        BakingError: The input is not a PNG.
    """
    try:
        image = Image.open(io.BytesIO(png))
        image.load()
    except (OSError, SyntaxError) as exc:
        raise BakingError(N_("not a PNG image")) from exc
    if image.format != "PNG":
        raise BakingError(N_("not a PNG image"))
    info = PngImagePlugin.PngInfo()
    info.add_itxt(KEYWORD, json.dumps(credential, ensure_ascii=False), zip=False)
    out = io.BytesIO()
    image.save(out, format="PNG", pnginfo=info)
    return out.getvalue()


def _chunks(png: bytes) -> list[tuple[bytes, bytes]]:
    if not png.startswith(PNG_SIGNATURE):
        raise BakingError(N_("not a PNG file"))
    chunks, at = [], len(PNG_SIGNATURE)
    while at + 12 <= len(png):
        (length,) = struct.unpack(">I", png[at : at + 4])
        kind, data = png[at + 4 : at + 8], png[at + 8 : at + 8 + length]
        (crc,) = struct.unpack(">I", png[at + 8 + length : at + 12 + length] or b"\0\0\0\0")
        if len(data) != length or zlib.crc32(kind + data) != crc:
            raise BakingError(N_("the PNG is damaged (bad chunk)"))
        chunks.append((kind, data))
        at += 12 + length
        if kind == b"IEND":
            return chunks
    raise BakingError(N_("the PNG is truncated"))


def unbake(png: bytes) -> dict[str, Any]:
    """The credential baked into a PNG.

    Raises:
        BakingError: No baked credential, more than one, compressed, or not JSON.
    """
    found = []
    for kind, data in _chunks(png):
        if kind == b"iTXt" and data.split(b"\0", 1)[0] == KEYWORD.encode():
            found.append(data)
    if not found:
        raise BakingError(N_("this PNG carries no Open Badges credential"))
    if len(found) > 1:
        raise BakingError(N_("this PNG carries more than one credential chunk"))
    rest = found[0][len(KEYWORD) + 1 :]
    if len(rest) < 2 or rest[0] != 0:
        raise BakingError(N_("the credential chunk is compressed; it must not be"))
    _lang, _translated, text = rest[2:].split(b"\0", 2)
    try:
        credential = json.loads(text.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise BakingError(N_("the baked credential is not JSON")) from exc
    if not isinstance(credential, dict):
        raise BakingError(N_("the baked credential is not a JSON object"))
    return credential


def initials(name: str) -> str:
    """Up to two initials of a skill name ("Giving feedback" -> "GF")."""
    words = [w for w in name.replace("-", " ").split() if w[:1].isalnum()]
    return "".join(w[0] for w in words[:2]).upper() or "?"


def badge_image(skill_name: str, level: int, *, achievement_name: str) -> BadgeImage:
    """A round badge with the skill's initials and level; alt text = the achievement name.

    The colour follows the skill name, so one skill's badges match at every level.
    """
    fill = PALETTE[hashlib.sha256(skill_name.encode()).digest()[0] % len(PALETTE)]
    image = Image.new("RGBA", (SIZE, SIZE), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.ellipse((4, 4, SIZE - 4, SIZE - 4), fill="#f8fafc", outline=fill, width=6)
    draw.ellipse((22, 22, SIZE - 22, SIZE - 22), fill=fill)
    centre = SIZE // 2
    big = ImageFont.load_default(size=88)
    small = ImageFont.load_default(size=26)
    draw.text((centre, centre - 14), initials(skill_name), fill="white", font=big, anchor="mm")
    draw.text((centre, centre + 62), f"Level {level}", fill="white", font=small, anchor="mm")
    info = PngImagePlugin.PngInfo()
    info.add_itxt("Title", achievement_name, zip=False)
    info.add_itxt("Description", f"Badge: {achievement_name}", zip=False)
    out = io.BytesIO()
    image.save(out, format="PNG", pnginfo=info, optimize=True)
    return BadgeImage(png=out.getvalue(), alt=achievement_name)
