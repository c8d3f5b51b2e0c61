"""Mentoring for the learner: ask a mentor, follow the request, book, meet, reflect.

Opened from a nugget (`?nugget=<id>`), a skill on Progress (`?skill=<id>`), Today, or a
push (`?session=<id>`, `?action=<id>`: that card, in view). Local-first: the form, the
draft, requests, sessions and actions paint from the phone (mm_ask, mm_mentoring);
asking goes through the outbox and so works offline; finding mentors, booking and the
calendar need the network and say so calmly.
"""

from __future__ import annotations

from collections.abc import Callable

import reflex as rx

from mmapp import routes
from mmapp.components.bridge import mm
from mmapp.components.layout import TOUCH, page, tap_button, up_to_today
from mmapp.components.mentoring import message_lines, session_card, slot_picker
from mmapp.components.mentoring_ask import ask_form
from mmapp.components.mentoring_plan import answer_buttons
from mmapp.i18n import N_
from mmapp.i18n.client import t
from mmapp.state import MENTORING

V = MENTORING.value


def _request_row(r: rx.Var) -> rx.Component:
    rid = r["id"].to(str)
    picking = (V["slots_for"].to(str) == rid) & (V["slots_mode"].to(str) == "book")
    return rx.card(
        rx.vstack(
            rx.text(r["skill"].to(str), weight="bold"),
            rx.text(r["need"].to(str), size="2"),
            rx.text(r["line"].to(str), size="2", class_name="mm-request-line"),
            rx.hstack(
                rx.cond(
                    r["can_book"].to(bool),
                    tap_button(t("Pick a time"), on_click=mm("mentoring", "slots", rid)),
                ),
                rx.cond(
                    r["can_withdraw"].to(bool),
                    tap_button(
                        t("Withdraw"),
                        on_click=mm("mentoring", "withdraw", rid),
                        variant="outline",
                        color_scheme="gray",
                    ),
                ),
                wrap="wrap",
                spacing="2",
            ),
            rx.cond(picking, slot_picker(V, "mentoring")),
            spacing="1",
            width="100%",
        ),
        width="100%",
        class_name="mm-request",
    )


def _session(row: rx.Var) -> rx.Component:
    moving = (V["slots_for"].to(str) == row["id"].to(str)) & (V["slots_mode"].to(str) == "move")
    picker = slot_picker(V, "mentoring")
    return rx.vstack(session_card(row, "mentoring"), rx.cond(moving, picker), width="100%")


def _action(a: rx.Var) -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.text(a["text"].to(str), weight="bold"),
            rx.text(a["line"].to(str), size="2"),
            rx.cond(a["open"].to(bool), answer_buttons(a["id"])),
            spacing="1",
            width="100%",
        ),
        width="100%",
        id="maction-" + a["id"].to(str),
        class_name="mm-action",
        data_focus=rx.cond(a["focus"].to(bool), "yes", "no"),
    )


def _list(
    title: rx.Var[str], rows: rx.Var, render: Callable[[rx.Var], rx.Component], section_id: str
) -> rx.Component:
    return rx.cond(
        rows.to(list[dict]).bool(),
        rx.vstack(
            rx.heading(title, size="4", as_="h2"),
            rx.foreach(rows.to(list[dict]), render),
            width="100%",
            spacing="2",
            id=section_id,
        ),
    )


def feed_section() -> rx.Component:
    """The secret calendar-feed URL: make one (a new one stops the old), copy it."""
    url = V["feed_url"].to(str)
    return rx.vstack(
        rx.heading(t("Your calendar"), size="4", as_="h2"),
        rx.text(
            t("A private link for your calendar app: sessions appear, move and cancel there."),
            size="2",
        ),
        rx.cond(
            url != "",
            rx.vstack(
                rx.el.label(t("Calendar link"), html_for="feed-url", font_weight="600"),
                rx.input(id="feed-url", value=url, read_only=True, width="100%", size="3"),
                tap_button(t("Copy"), on_click=mm("mentoring", "copy"), variant="soft"),
                width="100%",
                spacing="1",
            ),
        ),
        tap_button(
            rx.cond(url != "", t("Make a new link (the old one stops)"), t("Get my calendar link")),
            on_click=mm("mentoring", "feed"),
            variant="soft",
            id="feed-make",
            white_space="normal",
            height="auto",
        ),
        width="100%",
        spacing="2",
    )


def mentoring_page() -> rx.Component:
    """Ask, then requests, sessions, actions, who helped, and the calendar link."""
    return page(
        "mentoring",
        rx.vstack(
            up_to_today(),
            rx.heading(t("Mentoring"), size="6", as_="h1"),
            rx.cond(V["synced"].to(str) != "", rx.text(V["synced"].to(str), size="2")),
            message_lines(V, "mentoring"),
            rx.cond(
                V["offers"].to(str) != "",
                rx.link(
                    rx.callout(V["offers"].to(str), icon="handshake", id="mentoring-offers"),
                    href=routes.MENTOR,
                    underline="none",
                ),
            ),
            ask_form(),
            _list(t("Your requests"), V["requests"], _request_row, "mentoring-requests"),
            _list(t("Your sessions"), V["sessions"], _session, "mentoring-sessions"),
            _list(t("Your actions"), V["actions"], _action, "mentoring-actions"),
            rx.cond(
                V["refused"].to(list[dict]).bool(),
                rx.vstack(
                    rx.foreach(
                        V["refused"].to(list[dict]),
                        lambda r: rx.callout(
                            rx.hstack(
                                rx.text(r["text"].to(str)),
                                tap_button(
                                    t("Dismiss"),
                                    on_click=mm("mentoring", "dismiss", r["id"].to(str)),
                                    variant="soft",
                                ),
                                wrap="wrap",
                                align="center",
                            ),
                            icon="info",
                            class_name="mm-refused",
                        ),
                    ),
                    width="100%",
                ),
            ),
            rx.cond(
                V["waiting"].to(list[dict]).bool(),
                tap_button(
                    t("Send now"), on_click=mm("mentoring", "send"), variant="soft", id="send-now"
                ),
            ),
            _list(
                t("Who helped you"),
                V["history"],
                lambda h: rx.text(rx.text.strong(h["skill"].to(str)), " · ", h["line"].to(str)),
                "mentoring-history",
            ),
            feed_section(),
            rx.link(t("Mentor others"), href=routes.MENTOR, min_height=TOUCH, display="flex"),
            spacing="3",
            width="100%",
        ),
        nav="today",
    )


rx_page = {"route": routes.MENTORING, "title": N_("Mentoring · Micromastery")}
