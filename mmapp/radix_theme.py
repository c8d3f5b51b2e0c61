"""Radix Themes, loaded lean: the colour scales the app uses, and no JS namespace export.

Reflex's Radix plugin imports the whole of `@radix-ui/themes/styles.css` (all 30
colour scales) and registers the package as a "bundled library", which makes every
page import every Radix component (~200 KB of JS) to expose it on `window.__reflex`
for dynamic components. This app has no dynamic components, so each page now bundles
only the components it renders, and the stylesheet carries only our colours. Both
are on the path of an offline cold open on a slow phone.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from reflex.plugins import RadixThemesPlugin

# Every colour a component or stylesheet of the app names (tests keep this honest).
COLOR_SCALES = ("indigo", "slate", "gray", "amber", "orange", "red", "teal")


@dataclasses.dataclass
class LeanRadixThemesPlugin(RadixThemesPlugin):
    """Radix Themes with the split stylesheets and no `window.__reflex` namespace."""

    colors: tuple[str, ...] = COLOR_SCALES

    def get_stylesheet_paths(self, **context: Any) -> tuple[str, ...]:
        """The base tokens, our colour scales, components and utilities."""
        if not self.enabled:
            return ()
        return (
            "@radix-ui/themes/tokens/base.css",
            *(f"@radix-ui/themes/tokens/colors/{color}.css" for color in self.colors),
            "@radix-ui/themes/components.css",
            "@radix-ui/themes/utilities.css",
        )

    def get_frontend_dependencies(self, **context: Any) -> tuple[str, ...]:
        """Nothing to bundle: the Radix components on each page bring their package."""
        return ()
