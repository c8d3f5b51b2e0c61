"""Teach it back: ask a colleague to hear you teach a nugget; hear one and confirm it.

`/teach?nugget=<id>` (from a finished nugget or Progress): pick a colleague and a
moment, "Ask" (queued offline, sent with the next sync). `/teach?ask=<id>` (from the
push, or a list): for the colleague, the guide (the nugget's Way in and Payoff, three
prompts) and "They explained it; I could use it" with a 1-4 rating and a comment; for
the teacher, whether it was confirmed and whether it counted. `/teach`: both lists.
Runs on the phone, offline too (assets/js/mm-teach.js fills `mm_teach`).
"""

from __future__ import annotations

import reflex as rx

from mmapp import routes
from mmapp.components.bridge import mm
from mmapp.components.layout import TOUCH, page, tap_button, up_to_today
from mmapp.components.work import day_chips
from mmapp.i18n import N_
from mmapp.i18n.client import t
from mmapp.state import TEACH

V = TEACH.value


def _error() -> rx.Component:
    return rx.cond(
        V["error"].to(str) != "",
        rx.text(V["error"].to(str), color=rx.color("red", 11), role="alert", id="teach-error"),
    )


def _chip(item: rx.Var, action: str, key: str) -> rx.Component:
    chosen = item["chosen"].to(bool)
    return tap_button(
        item["label" if key == "value" else "name"].to(str),
        role="radio",
        aria_checked=rx.cond(chosen, "true", "false"),
        on_click=mm("teach", action, item[key]),
        variant=rx.cond(chosen, "solid", "soft"),
        class_name=f"mm-teach-{action}",
    )


def ask_form() -> rx.Component:
    """Who and when, then "Ask"; or why not yet."""
    colleagues = V["colleagues"].to(list[dict])
    return rx.cond(
        V["can_ask"].to(bool),
        rx.vstack(
            rx.text(t("Who will you teach?"), weight="bold", id="teach-who"),
            rx.cond(
                colleagues.length() > 0,
                rx.hstack(
                    rx.foreach(colleagues, lambda c: _chip(c, "peer", "id")),
                    role="radiogroup",
                    aria_labelledby="teach-who",
                    wrap="wrap",
                    spacing="2",
                ),
                rx.text(
                    t("No colleagues to ask yet: people in your cohorts appear here after a sync.")
                ),
            ),
            rx.text(t("When?"), weight="bold", id="teach-when"),
            day_chips(V["chips"], "teach", "teach-when"),
            rx.el.label(t("Time"), html_for="teach-time", font_weight="600"),
            rx.input(
                id="teach-time", type="time", default_value="12:00", size="3", min_height=TOUCH
            ),
            _error(),
            tap_button(t("Ask"), on_click=mm("teach", "ask"), id="teach-ask", width="100%"),
            rx.text(
                t("They get a message and a short guide. Offline, it goes with your next sync."),
                size="2",
                color=rx.color("gray", 11),
            ),
            width="100%",
            spacing="3",
        ),
        rx.text(t("Complete the nugget first, then teach it back."), id="teach-not-yet"),
    )


def _check(label: rx.Var[str], field: str) -> rx.Component:
    return rx.el.label(
        rx.hstack(
            rx.checkbox(
                checked=V[field].to(bool),
                on_change=mm("teach", field),
                size="3",
                id=f"teach-{field}",
                aria_label=label,
            ),
            rx.text(label),
            align="center",
            spacing="3",
            min_height=TOUCH,
        ),
        width="100%",
    )


def confirm_form() -> rx.Component:
    """The confirmation: explained, usable, a rating 1-4, a comment, then "Confirm"."""
    ratings = V["ratings"].to(list[dict])
    return rx.vstack(
        rx.heading(t("Afterwards"), size="4", as_="h2"),
        _check(t("They explained it"), "explained"),
        _check(t("I could use it"), "usable"),
        rx.text(t("How useful was it? 1 (not yet) to 4 (very)"), weight="bold", id="teach-rate"),
        rx.hstack(
            rx.foreach(ratings, lambda r: _chip(r, "rating", "value")),
            role="radiogroup",
            aria_labelledby="teach-rate",
            spacing="2",
        ),
        rx.el.label(t("A comment (optional)"), html_for="teach-comment", font_weight="600"),
        rx.text_area(id="teach-comment", max_length=280, rows="3", width="100%"),
        _error(),
        tap_button(t("Confirm"), on_click=mm("teach", "confirm"), id="teach-confirm", width="100%"),
        width="100%",
        spacing="3",
    )


def guide() -> rx.Component:
    """The colleague's side: the guide, then the confirm form (or what they answered)."""
    return rx.vstack(
        rx.heading(t("The way in"), size="4", as_="h2"),
        rx.html(V["way_in"].to(str), class_name="mm-prose"),
        rx.heading(t("What success looks like"), size="4", as_="h2"),
        rx.html(V["payoff"].to(str), class_name="mm-prose"),
        rx.heading(t("Three prompts"), size="4", as_="h2"),
        rx.el.ol(
            rx.foreach(V["prompts"].to(list[str]), lambda p: rx.el.li(p)),
            padding_left="24px",
            list_style_type="decimal",
            id="teach-prompts",
        ),
        rx.cond(
            V["confirmed"].to(bool),
            rx.callout(V["answer"].to(str), icon="check", id="teach-answered"),
            confirm_form(),
        ),
        width="100%",
        spacing="3",
    )


def _row(r: rx.Var) -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.link(
                r["title"].to(str),
                on_click=mm("teach", "open", r["id"].to(str)),
                href=r["href"].to(str),
                weight="bold",
            ),
            rx.text(r["who"].to(str), " · ", r["when"].to(str), size="2"),
            rx.text(r["status"].to(str), size="2", color=rx.color("gray", 11)),
            spacing="1",
        ),
        width="100%",
        class_name="mm-teach-row",
    )


def lists() -> rx.Component:
    """Both lists: asks made of me, then mine."""
    mine, theirs = V["asked_by_me"].to(list[dict]), V["asked_of_me"].to(list[dict])
    return rx.vstack(
        rx.heading(t("Asked of you"), size="4", as_="h2"),
        rx.cond(theirs.length() > 0, rx.foreach(theirs, _row), rx.text(t("Nothing yet."))),
        rx.heading(t("Your teach-backs"), size="4", as_="h2"),
        rx.cond(mine.length() > 0, rx.foreach(mine, _row), rx.text(t("Nothing yet."))),
        width="100%",
        spacing="2",
    )


def about() -> rx.Component:
    """Title, with whom and when, and where it stands (guide and status)."""
    return rx.vstack(
        rx.text(V["title"].to(str), weight="bold", size="4", id="teach-title"),
        rx.text(V["who"].to(str), id="teach-who-line"),
        rx.text(V["when"].to(str), id="teach-when-line"),
        rx.text(V["status"].to(str), color=rx.color("gray", 11), id="teach-status"),
        width="100%",
        spacing="1",
    )


def teach_page() -> rx.Component:
    """One of: the ask form, the guide, a status, or the lists."""
    mode = V["mode"].to(str)
    return page(
        "teach",
        rx.vstack(
            up_to_today(),
            rx.heading(t("Teach it back"), size="6", as_="h1"),
            rx.match(
                mode,
                ("ask", rx.vstack(rx.text(V["title"].to(str), weight="bold"), ask_form())),
                ("guide", rx.vstack(about(), guide(), width="100%")),
                (
                    "status",
                    rx.vstack(
                        about(),
                        rx.cond(V["answer"].to(str) != "", rx.text(V["answer"].to(str))),
                        rx.cond(
                            V["counted"].to(str) != "",
                            rx.callout(V["counted"].to(str), icon="award", id="teach-counted"),
                        ),
                        width="100%",
                    ),
                ),
                (
                    "missing",
                    rx.text(t("This is not on this phone yet: it arrives with the next sync.")),
                ),
                ("list", lists()),
                rx.text(t("Opening…"), color=rx.color("gray", 11)),
            ),
            rx.cond(
                (mode != "list") & (mode != ""),
                rx.link(
                    t("All teach-backs"),
                    href=routes.TEACH,
                    on_click=mm("teach", "open", ""),
                    min_height=TOUCH,
                    display="flex",
                    align_items="center",
                    id="teach-all",
                ),
            ),
            spacing="3",
            width="100%",
        ),
        nav="progress",
    )


rx_page = {"route": routes.TEACH, "title": N_("Teach it back · Micromastery")}
