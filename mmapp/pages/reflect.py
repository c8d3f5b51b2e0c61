"""Reflection: "Did you try it? How did it go?" for a nugget tried at work, in 30 seconds.

Opened from the check-in push or Today's check-in card (`/reflect?nugget=<id>`). Runs
on the phone, offline too: "Yes" asks how it went, "No" notes it, "Not yet" moves the
day (a new commitment, not a failure). "Save" records the event and goes back to Today.
"""

from __future__ import annotations

import reflex as rx

from mmapp import routes
from mmapp.components.bridge import mm
from mmapp.components.layout import TOUCH, page, tap_button, up_to_today
from mmapp.components.work import day_chips
from mmapp.i18n import N_
from mmapp.i18n.client import t
from mmapp.state import REFLECT

R = REFLECT.value
ANSWERS = (("yes", t("Yes")), ("not_yet", t("Not yet")), ("no", t("No")))
WENT = (("well", t("Well")), ("mixed", t("Mixed")), ("badly", t("Badly")))


def choices(
    field: str, options: tuple[tuple[str, rx.Var[str]], ...], label_id: str
) -> rx.Component:
    """A radio group of large buttons; `field` is the view's key and the action."""

    def one(value: str, label: rx.Var[str]) -> rx.Component:
        chosen = R[field].to(str) == value
        return tap_button(
            label,
            role="radio",
            aria_checked=rx.cond(chosen, "true", "false"),
            on_click=mm("reflect", field, value),
            variant=rx.cond(chosen, "solid", "soft"),
            id=f"reflect-{field}-{value}",
        )

    return rx.hstack(
        *[one(v, label) for v, label in options],
        role="radiogroup",
        aria_labelledby=label_id,
        wrap="wrap",
        spacing="2",
    )


def ask() -> rx.Component:
    """The questions, the note and Save."""
    answer = R["answer"].to(str)
    return rx.vstack(
        rx.text(R["planned"].to(str), color=rx.color("gray", 11)),
        rx.cond(R["plan"].to(str) != "", rx.text(R["plan"].to(str), class_name="mm-plan")),
        rx.text(t("Did you try it?"), weight="bold", size="4", id="reflect-tried"),
        choices("answer", ANSWERS, "reflect-tried"),
        rx.cond(
            answer == "yes",
            rx.vstack(
                rx.text(t("How did it go?"), weight="bold", size="4", id="reflect-went"),
                choices("went", WENT, "reflect-went"),
                width="100%",
            ),
        ),
        rx.cond(
            answer == "not_yet",
            rx.vstack(
                rx.text(t("No rush. When will you try it?"), weight="bold", id="reflect-when"),
                day_chips(R["chips"], "reflect", "reflect-when"),
                width="100%",
            ),
        ),
        rx.cond(
            (answer == "yes") | (answer == "no"),
            rx.vstack(
                rx.el.label(t("A note for yourself (optional)"), html_for="reflect-note"),
                rx.text_area(id="reflect-note", max_length=500, rows="3", width="100%"),
                width="100%",
            ),
        ),
        rx.cond(
            R["error"].to(str) != "",
            rx.text(R["error"].to(str), color=rx.color("red", 11), role="alert"),
        ),
        tap_button(t("Save"), on_click=mm("reflect", "save"), id="reflect-save", width="100%"),
        width="100%",
        spacing="3",
    )


def reflect_page() -> rx.Component:
    """The nugget's title, then the questions (or a calm note when nothing is open)."""
    return page(
        "reflect",
        rx.vstack(
            up_to_today(),
            rx.heading(t("Did you try it? How did it go?"), size="6", as_="h1"),
            rx.cond(
                R["title"].to(str) != "",
                rx.text(R["title"].to(str), weight="bold", size="4", id="reflect-title"),
            ),
            rx.match(
                R["state"].to(str),
                ("ask", ask()),
                (
                    "none",
                    rx.text(
                        t("Nothing to note for this nugget right now."),
                        id="reflect-none",
                    ),
                ),
                rx.text(t("Opening…"), color=rx.color("gray", 11)),
            ),
            # Save goes back to Today through this link (a client-side navigation).
            rx.link(
                t("Back to Today"),
                href=routes.TODAY,
                id="reflect-home",
                min_height=TOUCH,
                display="flex",
                align_items="center",
            ),
            spacing="3",
            width="100%",
        ),
        nav="today",
    )


rx_page = {"route": routes.REFLECT, "title": N_("How did it go? · Micromastery")}
