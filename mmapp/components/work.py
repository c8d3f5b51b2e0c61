"""Practice at work on learner pages: "Try it at work", the check-in card, the list.

All local-first: the views come from `mm_work`, `mm_today` and `mm_progress` (filled
by assets/js/mm-work.js through the bridge); taps call `mm("work", ...)`. The
learner's own words are shown as text, never as HTML.
"""

from __future__ import annotations

import reflex as rx

from mmapp.components.bridge import mm
from mmapp.components.forms import field
from mmapp.components.layout import tap_button
from mmapp.i18n.client import t
from mmapp.state import PROGRESS, TODAY, WORK


def day_chips(chips: rx.Var, action: str, label_id: str) -> rx.Component:
    """Day choices as toggle buttons ("Today", "Tomorrow", weekdays by name)."""

    def chip(c: rx.Var) -> rx.Component:
        chosen = c["chosen"].to(bool)
        return tap_button(
            c["label"].to(str),
            on_click=mm(action, "day", c["on"].to(str)),
            variant=rx.cond(chosen, "solid", "soft"),
            aria_pressed=rx.cond(chosen, "true", "false"),
            class_name="mm-day-chip",
        )

    return rx.hstack(
        rx.foreach(chips.to(list[dict]), chip),
        wrap="wrap",
        spacing="2",
        role="group",
        aria_labelledby=label_id,
    )


def _form() -> rx.Component:
    w = WORK.value
    return rx.vstack(
        rx.text(t("When will you try it?"), weight="medium", id="work-when"),
        day_chips(w["chips"], "work", "work-when"),
        field(t("What will you try? (optional)"), "work-plan", max_length=200),
        rx.cond(
            w["error"].to(str) != "",
            rx.text(w["error"].to(str), color=rx.color("red", 11), role="alert"),
        ),
        tap_button(t("Commit"), on_click=mm("work", "commit"), id="work-commit", width="100%"),
        width="100%",
        spacing="2",
    )


def try_at_work() -> rx.Component:
    """Under the practice steps: the commitment made, or "Try it at work" and its form."""
    w = WORK.value
    is_open = w["open"].to(bool)
    made = w["line"].to(str) != ""
    return rx.card(
        rx.vstack(
            rx.cond(
                made,
                rx.vstack(
                    rx.hstack(
                        rx.icon("briefcase", size=16, aria_hidden="true"),
                        rx.text(w["line"].to(str), weight="bold", id="work-line"),
                        align="center",
                        spacing="2",
                    ),
                    rx.cond(w["plan"].to(str) != "", rx.text(w["plan"].to(str), size="2")),
                    spacing="1",
                ),
            ),
            tap_button(
                rx.cond(
                    is_open,
                    t("Close"),
                    rx.cond(w["line"].to(str) != "", t("Change day"), t("Try it at work")),
                ),
                on_click=mm("work", "open"),
                variant="soft",
                aria_expanded=rx.cond(is_open, "true", "false"),
                id="work-open",
            ),
            rx.cond(is_open, _form()),
            width="100%",
            spacing="2",
        ),
        width="100%",
        class_name="mm-work",
    )


def checkin_card() -> rx.Component:
    """Today's one calm card when a day to try something at work has passed."""
    today = TODAY.value
    return rx.link(
        rx.card(
            rx.hstack(
                rx.icon("briefcase", size=22, color=rx.color("accent", 11)),
                rx.vstack(
                    rx.text(today["checkin_text"].to(str), weight="bold", size="3"),
                    rx.text(t("30 seconds to note how it went."), size="2"),
                    spacing="1",
                    flex="1",
                ),
                rx.icon("chevron-right", size=18),
                align="center",
            ),
            width="100%",
        ),
        href=today["checkin_href"].to(str),
        underline="none",
        color="inherit",
        width="100%",
        id="checkin-card",
    )


def tried_list() -> rx.Component:
    """Progress: "Tried at work", each nugget with its day and how it went."""
    rows = PROGRESS.value["tried"].to(list[dict])
    return rx.cond(
        rows.bool(),
        rx.vstack(
            rx.heading(t("Tried at work"), size="4", as_="h2"),
            rx.foreach(
                rows,
                lambda r: rx.text(
                    r["title"].to(str),
                    f" · {r['day'].to(str)} · {r['went'].to(str)}",
                    class_name="mm-tried",
                ),
            ),
            width="100%",
            spacing="2",
        ),
    )


__all__ = ["checkin_card", "day_chips", "tried_list", "try_at_work"]
