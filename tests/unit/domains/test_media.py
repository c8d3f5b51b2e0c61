"""Uploaded pictures are made small, upright and anonymous for phones."""

import io

import pytest
from PIL import Image

from mmapp.content import media
from mmapp.errors import ValidationError


def picture(width: int, height: int, fmt: str = "JPEG", exif: bool = False) -> bytes:
    image = Image.new("RGB", (width, height), (200, 40, 40))
    out = io.BytesIO()
    if exif:
        data = Image.Exif()
        data[0x0112] = 6  # orientation: rotate 90 degrees clockwise to display
        data[0x010F] = "SecretCam"  # camera make
        image.save(out, fmt, exif=data)
    else:
        image.save(out, fmt)
    return out.getvalue()


def test_big_photos_become_small_upright_webp_without_metadata():
    data = picture(4000, 3000, exif=True)
    webp = media.prepare(data)
    with Image.open(io.BytesIO(webp)) as out:
        assert out.format == "WEBP"
        assert out.size == (1080, 1440)  # turned upright, then 1080 wide
        assert not out.getexif()
    assert len(webp) < len(data) / 5


def test_small_pictures_keep_their_size_and_png_transparency():
    image = Image.new("RGBA", (300, 200), (0, 0, 0, 0))
    out = io.BytesIO()
    image.save(out, "PNG")
    with Image.open(io.BytesIO(media.prepare(out.getvalue()))) as webp:
        assert webp.size == (300, 200) and webp.mode == "RGBA"


@pytest.mark.parametrize(
    ("data", "error"),
    [
        (b"<svg onload=alert(1)></svg>", "not_an_image"),
        (b"GIF89a broken", "not_an_image"),
        (b"x" * (media.MAX_UPLOAD_BYTES + 1), "image_too_large"),
    ],
)
def test_anything_else_is_refused(data, error):
    with pytest.raises(ValidationError) as caught:
        media.prepare(data)
    assert caught.value.code == error


def test_stored_once_by_content_and_served_by_name(session):
    url = media.store(session=session, data=picture(200, 100, "PNG"))
    again = media.store(session=session, data=picture(200, 100, "PNG"))
    assert url == again and url.startswith("/media/u/") and url.endswith(".webp")
    blob = media.load(session=session, name=url.rsplit("/", 1)[1])
    assert blob.content_type == "image/webp" and blob.data[:4] == b"RIFF"
