"""Mentoring in the learning plan, and the ways into it from the learner's pages.

Actions planned after a session show on Today on or after their day ("Did you try …?"
Done / Not yet / Drop, through the outbox, so offline too) and on their day in the
week (`mm_mplan`, filled by assets/js/mm-mentoring.js); "Ask a mentor" sits on each
skill of Progress, and Today links to the mentoring page.
"""

from __future__ import annotations

import reflex as rx

from mmapp import routes
from mmapp.components.bridge import mm
from mmapp.components.layout import TOUCH, tap_button
from mmapp.i18n.client import t
from mmapp.state import MPLAN


def answer_buttons(action_id: rx.Var) -> rx.Component:
    """Done / Not yet / Drop on an action (offline too: they go through the outbox)."""
    return rx.hstack(
        tap_button(
            t("Done"), on_click=mm("actionAnswer", action_id, "done"), class_name="mm-act-done"
        ),
        tap_button(
            t("Not yet"),
            on_click=mm("actionAnswer", action_id, "not_yet"),
            variant="soft",
            class_name="mm-act-later",
        ),
        tap_button(
            t("Drop"),
            on_click=mm("actionAnswer", action_id, "drop"),
            variant="outline",
            color_scheme="gray",
            class_name="mm-act-drop",
        ),
        wrap="wrap",
        spacing="2",
    )


def plan_action_cards() -> rx.Component:
    """Today: "Did you try …?" for each action from a session on or after its day."""

    def card(a: rx.Var) -> rx.Component:
        return rx.card(
            rx.vstack(
                rx.hstack(
                    rx.icon("handshake", size=20, color=rx.color("accent", 11)),
                    rx.text(a["text"].to(str), weight="bold"),
                    align="center",
                    spacing="2",
                ),
                rx.text(a["detail"].to(str), size="2"),
                answer_buttons(a["id"]),
                spacing="2",
                width="100%",
            ),
            width="100%",
            class_name="mm-plan-action",
        )

    return rx.cond(
        MPLAN.value["today"].to(list[dict]).bool(),
        rx.foreach(MPLAN.value["today"].to(list[dict]), card),
    )


def plan_action_week() -> rx.Component:
    """The week page: actions from sessions on their days (the next 7 days)."""

    def day(d: rx.Var) -> rx.Component:
        return rx.vstack(
            rx.text(d["label"].to(str), weight="bold"),
            rx.foreach(
                d["items"].to(list[dict]),
                lambda a: rx.text(a["text"].to(str), class_name="mm-week-action"),
            ),
            spacing="1",
            width="100%",
        )

    return rx.cond(
        MPLAN.value["week"].to(list[dict]).bool(),
        rx.card(
            rx.vstack(
                rx.heading(t("From your mentoring sessions"), size="3", as_="h2"),
                rx.foreach(MPLAN.value["week"].to(list[dict]), day),
                spacing="2",
                width="100%",
            ),
            width="100%",
            id="week-actions",
        ),
    )


def ask_mentor(skill: rx.Var) -> rx.Component:
    """Progress: "Ask a mentor" on a skill; with a goal at risk, saying so first."""
    href = skill["ask_href"].to(str)
    return rx.cond(
        href != "",
        rx.hstack(
            rx.cond(
                skill["at_risk"].to(bool),
                rx.text(
                    t("Your goal is at risk."), size="2", weight="bold", class_name="mm-at-risk"
                ),
            ),
            rx.link(t("Ask a mentor"), href=href, class_name="mm-skill-ask", min_height=TOUCH),
            align="center",
            spacing="2",
            wrap="wrap",
        ),
    )


def mentoring_link() -> rx.Component:
    """Today's way to mentoring: ask for help, see requests and sessions."""
    return rx.link(
        rx.icon("handshake", size=16),
        " ",
        t("Mentoring"),
        href=routes.MENTORING,
        id="mentoring-link",
        min_height="44px",
        display="inline-flex",
        align_items="center",
        gap="6px",
        weight="medium",
    )


__all__ = [
    "answer_buttons",
    "ask_mentor",
    "mentoring_link",
    "plan_action_cards",
    "plan_action_week",
]
