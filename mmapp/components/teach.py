"""Teach it back, on learner pages: the link to ask from a finished nugget or Progress.

The page itself is `mmapp/pages/teach.py`; the link opens its ask form for the nugget
(`/teach?nugget=<id>`), offline too.
"""

from __future__ import annotations

import reflex as rx

from mmapp import routes
from mmapp.components.layout import TOUCH
from mmapp.i18n.client import t


def teach_link(nugget_id: rx.Var, **props: object) -> rx.Component:
    """The "Teach it back" link of a finished nugget (`nugget_id`: a client-side Var)."""
    return rx.link(
        rx.hstack(rx.icon("graduation-cap", size=16), t("Teach it back"), align="center"),
        href=f"{routes.TEACH}?nugget=" + nugget_id.to(str),
        min_height=TOUCH,
        display="flex",
        align_items="center",
        # Reflex's links fade to accent 8 on hover (2.4:1 on white): keep them readable.
        _hover={"color": rx.color("accent", 11)},
        **props,
    )


def done_title(n: rx.Var) -> rx.Component:
    """A finished nugget on Progress, with "Teach it back" to a colleague."""
    return rx.hstack(
        rx.text("✓ ", n["title"].to(str), class_name="mm-done-title"),
        rx.spacer(),
        teach_link(
            n["id"],
            size="2",
            white_space="nowrap",
            class_name="mm-teach-link",
            aria_label=t("Teach it back: {title}", title=n["title"].to(str)),
        ),
        width="100%",
        align="center",
    )


__all__ = ["done_title", "teach_link"]
