"""Pictures for nuggets: uploaded, resized and re-encoded for phones, stored by hash.

Phones download what they are given on a metered connection and keep it offline,
so every picture is made small here: turned upright, at most 1080 px wide, stripped
of metadata (location included), WebP. The bytes live in the database, so every
server process can serve them; names are content hashes, so they never change.
"""

from __future__ import annotations

import hashlib
import io

from PIL import Image, ImageOps, UnidentifiedImageError
from sqlmodel import Session

from mmapp.errors import ValidationError
from mmapp.i18n import N_
from mmapp.models import MediaBlob

MAX_UPLOAD_BYTES = 10_000_000
MAX_WIDTH = 1080
MAX_PIXELS = 40_000_000  # refuse decompression bombs before decoding
URL_PREFIX = "/media/u/"


def prepare(data: bytes) -> bytes:
    """Resize and re-encode an uploaded picture for phones.

    Raises:
        ValidationError: Too big, not a picture, or too many pixels.
    """
    if len(data) > MAX_UPLOAD_BYTES:
        raise ValidationError(
            "image_too_large",
            N_("Pictures can be up to {mb} MB."),
            mb=MAX_UPLOAD_BYTES // 1_000_000,
        )
    try:
        with Image.open(io.BytesIO(data)) as probe:
            if probe.width * probe.height > MAX_PIXELS:
                raise ValidationError("image_too_large", N_("That picture has too many pixels."))
            probe.load()
            image = ImageOps.exif_transpose(probe)
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError) as exc:
        raise ValidationError(
            "not_an_image", N_("That file is not a picture (PNG, JPEG, WebP or GIF).")
        ) from exc
    if image.width > MAX_WIDTH:
        image.thumbnail((MAX_WIDTH, MAX_WIDTH * 10))
    if image.mode not in ("RGB", "RGBA"):
        image = image.convert("RGBA" if "A" in image.getbands() else "RGB")
    out = io.BytesIO()
    image.save(out, "WEBP", quality=80, method=4)  # no exif/icc passed on: metadata dropped
    return out.getvalue()


def store(*, session: Session, data: bytes) -> str:
    """Prepare and keep a picture; returns its URL (same picture, same URL)."""
    webp = prepare(data)
    name = hashlib.sha256(webp).hexdigest()[:24] + ".webp"
    if session.get(MediaBlob, name) is None:
        session.add(MediaBlob(name=name, content_type="image/webp", data=webp))
        session.flush()
    return URL_PREFIX + name


def load(*, session: Session, name: str) -> MediaBlob | None:
    """A stored picture by file name."""
    return session.get(MediaBlob, name)
