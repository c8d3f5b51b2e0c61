"""Draw the app icons (PNG) into assets/icons; run once when the design changes.

Uses Pillow (a dependency: the workspace also resizes uploaded pictures with it).
"""

from __future__ import annotations

import itertools
import pathlib

from PIL import Image, ImageDraw

OUT = pathlib.Path(__file__).resolve().parents[1] / "assets" / "icons"
INDIGO, AMBER, WHITE = (62, 99, 221, 255), (251, 191, 36, 255), (255, 255, 255, 255)


def draw(size: int, *, maskable: bool) -> Image.Image:
    """The mark: a white 'm' stroke and an amber dot on indigo."""
    scale = 4  # draw large, then downsample for smooth edges
    s = size * scale
    img = Image.new("RGBA", (s, s), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    if maskable:
        d.rectangle((0, 0, s, s), fill=INDIGO)
        inset = s * 0.2  # keep the mark inside the 80% safe zone
    else:
        d.rounded_rectangle((0, 0, s, s), radius=s * 0.22, fill=INDIGO)
        inset = s * 0.14
    box = s - 2 * inset
    w = box * 0.11
    x0, y0, y1 = inset + box * 0.08, inset + box * 0.28, inset + box * 0.78
    xs = [x0, x0 + box * 0.27, x0 + box * 0.54]
    background = INDIGO
    for a, b in itertools.pairwise(xs):
        span = b - a
        # An arch: a white ellipse hollowed by a background one, lower half cut away.
        d.ellipse((a - w / 2, y0 - w / 2, b + w / 2, y0 + span + w / 2), fill=WHITE)
        d.ellipse((a + w / 2, y0 + w / 2, b - w / 2, y0 + span - w / 2), fill=background)
        d.rectangle((a - w / 2, y0 + span / 2, b + w / 2, y0 + span + w), fill=background)
    for x in xs:  # the three stems
        d.rectangle((x - w / 2, y0 + (xs[1] - xs[0]) / 2, x + w / 2, y1), fill=WHITE)
    r = box * 0.09
    cx, cy = inset + box * 0.86, y1 - r
    d.ellipse((cx - r, cy - r, cx + r, cy + r), fill=AMBER)
    return img.resize((size, size), Image.LANCZOS)


def main() -> None:
    """Write every icon size the manifest and iOS ask for."""
    OUT.mkdir(parents=True, exist_ok=True)
    draw(192, maskable=False).save(OUT / "icon-192.png", optimize=True)
    draw(512, maskable=False).save(OUT / "icon-512.png", optimize=True)
    draw(512, maskable=True).save(OUT / "icon-maskable-512.png", optimize=True)
    draw(180, maskable=True).convert("RGB").save(OUT / "apple-touch-icon.png", optimize=True)


if __name__ == "__main__":
    main()
