"""Review: the items due today, one at a time, retrieval first, then when each comes back.

The question comes first, never the nugget: recalling is what strengthens memory.
Feedback and the explanation show at once; a right answer may be marked "Too easy"
(it then comes back later). Everything runs on the phone, offline too.
"""

from __future__ import annotations

import reflex as rx

from mmapp import routes
from mmapp.components.bridge import mm
from mmapp.components.layout import back_to_today_button, page, tap_button, up_to_today
from mmapp.components.quiz import quiz_card
from mmapp.i18n import N_
from mmapp.i18n.client import t
from mmapp.state import REVIEW

R = REVIEW.value
QUIZ = R["quiz"].to(dict)


def too_easy() -> rx.Component:
    """After a right answer: "Too easy" pushes the item further out."""
    return rx.cond(
        R["can_mark_easy"].to(bool),
        tap_button(
            rx.icon("rabbit", size=16),
            t("Too easy: show it less often"),
            on_click=mm("review", "too_easy"),
            variant="soft",
            width="100%",
            id="review-too-easy",
        ),
        rx.cond(
            R["marked_easy"].to(bool),
            rx.text(t("Marked too easy: it comes back later."), size="2", id="review-marked"),
        ),
    )


def next_due_row(row: rx.Var) -> rx.Component:
    """One reviewed item and when it is due again."""
    return rx.el.li(
        rx.text(row["prompt"].to(str), weight="bold", size="2"),
        rx.text(t("Next: {when}", when=row["when"].to(str)), size="2", color=rx.color("gray", 11)),
        class_name="mm-next-due",
        padding_y="6px",
    )


def finished() -> rx.Component:
    """The summary once every due item is answered."""
    return rx.vstack(
        rx.icon("circle-check-big", size=40, color=rx.color("teal", 10)),
        rx.heading(t("Reviews done"), size="7", as_="h2", id="review-done"),
        rx.text(R["summary"].to(str), id="review-summary"),
        rx.heading(t("When they come back"), size="4", as_="h3"),
        rx.el.ul(
            rx.foreach(R["next_due"].to(list[dict]), next_due_row),
            list_style="none",
            padding="0",
            margin="0",
            width="100%",
        ),
        back_to_today_button(),
        spacing="3",
        width="100%",
    )


def nothing_due() -> rx.Component:
    """No review today: say when the next one is."""
    return rx.vstack(
        rx.heading(t("Nothing to review right now"), size="5", as_="h2", id="review-none"),
        rx.text(
            rx.cond(
                R["next_review"].to(str) != "",
                R["next_review"].to(str) + ".",
                t(
                    "Finish a nugget and its questions come back here, just before you'd "
                    "forget them."
                ),
            ),
        ),
        back_to_today_button(),
        spacing="3",
        width="100%",
    )


def review_page() -> rx.Component:
    """The review session: header, the current item, or the summary."""
    return page(
        "review",
        rx.vstack(
            up_to_today(),
            rx.heading(t("Review"), size="6", as_="h1"),
            rx.cond(
                R["active"].to(bool),
                rx.vstack(
                    rx.text(
                        t("From: {title}", title=R["nugget_title"].to(str)),
                        size="2",
                        color=rx.color("gray", 11),
                    ),
                    rx.progress(
                        value=(R["number"].to(int) - 1) * 100 / R["total"].to(int),
                        width="100%",
                        aria_label=t("Progress through today's reviews"),
                    ),
                    quiz_card(QUIZ, "review", (t("Finish"), t("Next review")), too_easy()),
                    width="100%",
                    spacing="3",
                ),
                rx.cond(
                    R["finished"].to(bool),
                    finished(),
                    rx.cond(R["loaded"].to(bool), nothing_due(), rx.text(t("Opening…"))),
                ),
            ),
            spacing="3",
            width="100%",
        ),
        nav="today",
    )


rx_page = {"route": routes.REVIEW, "title": N_("Review · Micromastery")}
