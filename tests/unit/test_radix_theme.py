"""The lean Radix plugin ships only the colour scales the app names: check it names none else."""

from __future__ import annotations

import re
from pathlib import Path

from mmapp.radix_theme import COLOR_SCALES, LeanRadixThemesPlugin

ROOT = Path(__file__).resolve().parents[2]
RADIX_COLORS = [
    "gray",
    "mauve",
    "slate",
    "sage",
    "olive",
    "sand",
    "tomato",
    "red",
    "ruby",
    "crimson",
    "pink",
    "plum",
    "purple",
    "violet",
    "iris",
    "indigo",
    "blue",
    "cyan",
    "teal",
    "jade",
    "green",
    "grass",
    "bronze",
    "gold",
    "brown",
    "orange",
    "amber",
    "yellow",
    "lime",
    "mint",
    "sky",
]
PROP = re.compile(r"\b(?:color_scheme|accent_color|gray_color)\s*=\s*\"([a-z]+)\"")
CSS_VAR = re.compile(r"var\(--([a-z]+)-a?\d+\)")


def _named_colors() -> set[str]:
    found: set[str] = set()
    for path in (ROOT / "mmapp").rglob("*.py"):
        found |= set(PROP.findall(path.read_text("utf-8")))
    for path in [ROOT / "rxconfig.py", *(ROOT / "assets").rglob("*.css")]:
        text = path.read_text("utf-8")
        found |= set(PROP.findall(text)) | set(CSS_VAR.findall(text))
    return found & set(RADIX_COLORS)


def test_every_colour_the_app_names_is_shipped():
    named = _named_colors()
    assert {"indigo", "slate", "red", "teal"} <= named  # the scan does find them
    assert named <= set(COLOR_SCALES), f"add {sorted(named - set(COLOR_SCALES))} to COLOR_SCALES"


def test_the_stylesheets_are_the_split_radix_files():
    sheets = LeanRadixThemesPlugin().get_stylesheet_paths()
    assert sheets[0] == "@radix-ui/themes/tokens/base.css"
    assert {s.rsplit("/", 1)[-1] for s in sheets[1:-2]} == {f"{c}.css" for c in COLOR_SCALES}
    assert sheets[-2:] == ("@radix-ui/themes/components.css", "@radix-ui/themes/utilities.css")
    assert LeanRadixThemesPlugin().get_frontend_dependencies() == ()
