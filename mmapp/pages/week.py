"""Your week: the pathway placed into the learner's commute slots, day by day.

Built on the phone (assets/js/mm-plan.js `weekView`, rules in mmapp/skills/week.py),
offline, and planned afresh on every visit: a slot that passed is not shown, and what it
held moves to the next one without a word about it. Slots come from the Reminders page.
"""

from __future__ import annotations

import reflex as rx

from mmapp import routes
from mmapp.components.layout import page, tap_button, up_to_today
from mmapp.components.mentoring_plan import plan_action_week
from mmapp.i18n import N_
from mmapp.i18n.client import t
from mmapp.state import WEEK

W = WEEK.value


def chunk_row(chunk: rx.Var) -> rx.Component:
    """One slot: "08:10 · Ask 'per what?' · 7 min" and why; a link when it holds something."""
    planned = chunk["state"].to(str) == "planned"
    body = rx.hstack(
        rx.text(chunk["time"].to(str), weight="bold", min_width="3.2em", class_name="mm-slot-time"),
        rx.vstack(
            rx.text(
                chunk["title"].to(str),
                weight=rx.cond(planned, "medium", "regular"),
                color=rx.cond(planned, rx.color("gray", 12), rx.color("gray", 11)),
            ),
            rx.cond(
                chunk["reason"].to(str) != "",
                rx.text(chunk["reason"].to(str), size="2", color=rx.color("accent", 11)),
            ),
            spacing="0",
            flex="1",
        ),
        rx.cond(planned, rx.badge(chunk["minutes"].to(str), size="2", high_contrast=True)),
        align="start",
        width="100%",
        padding_y="10px",
        min_height="44px",
    )
    return rx.cond(
        chunk["href"].to(str) != "",
        rx.link(
            body,
            href=chunk["href"].to(str),
            underline="none",
            color="inherit",
            width="100%",
            class_name="mm-week-chunk",
        ),
        rx.box(body, width="100%", class_name="mm-week-chunk mm-week-free"),
    )


def day_card(day: rx.Var) -> rx.Component:
    """A day's label and its slots."""
    return rx.card(
        rx.vstack(
            rx.heading(day["label"].to(str), size="3", as_="h2"),
            rx.foreach(day["chunks"].to(list[dict]), chunk_row),
            spacing="0",
            width="100%",
        ),
        width="100%",
        class_name="mm-week-day",
    )


def no_slots() -> rx.Component:
    """Before any commute time is saved: where to add them."""
    return rx.card(
        rx.vstack(
            rx.text(
                t(
                    "Add the times you commute and your week plans itself: "
                    "each trip gets a chunk that fits your daily goal."
                ),
            ),
            rx.link(tap_button(t("Add commute times")), href=routes.REMINDERS, id="week-add-times"),
            spacing="2",
        ),
        width="100%",
        id="week-no-slots",
    )


def week_page() -> rx.Component:
    """The week's commute slots with what each holds, then what waits for later."""
    return page(
        "week",
        rx.vstack(
            up_to_today(),
            rx.heading(t("Your week"), size="6", as_="h1"),
            plan_action_week(),
            rx.cond(
                W["loaded"].to(bool),
                rx.cond(
                    W["has_slots"].to(bool),
                    rx.vstack(
                        rx.cond(
                            W["summary"].to(str) != "",
                            rx.text(W["summary"].to(str), role="status", id="week-summary"),
                        ),
                        rx.foreach(W["days"].to(list[dict]), day_card),
                        rx.cond(
                            W["later"].to(str) != "",
                            rx.text(
                                W["later"].to(str), color=rx.color("gray", 11), id="week-later"
                            ),
                        ),
                        rx.text(
                            t(
                                "Planned afresh each time you look: what you have not done "
                                "yet moves to your next trip."
                            ),
                            size="2",
                            color=rx.color("gray", 11),
                        ),
                        rx.link(t("Change commute times"), href=routes.REMINDERS, size="2"),
                        spacing="3",
                        width="100%",
                    ),
                    no_slots(),
                ),
                rx.text(t("Opening…")),
            ),
            spacing="3",
            width="100%",
        ),
        nav="today",
    )


rx_page = {"route": routes.WEEK, "title": N_("Your week · Micromastery")}
