"""Mentoring pieces both sides' pages share: choices, messages, sessions, reflection.

All local-first: the views come from `mm_mentoring`, `mm_mentor` and `mm_mreflect`
(filled by assets/js/mm-mentoring.js and mm-mentor.js through the bridge); taps call
`mm("mentoring" | "mentor" | "mreflect", ...)`. People's own words are shown as text,
never as HTML.
"""

from __future__ import annotations

import reflex as rx

from mmapp.components.bridge import mm
from mmapp.components.forms import live_form, status_callouts, submit_button
from mmapp.components.layout import TOUCH, tap_button
from mmapp.i18n.client import t
from mmapp.state import MREFLECT

F = MREFLECT.value


def choice_buttons(
    options: rx.Var, action: str, step: str, label_id: str, name: str
) -> rx.Component:
    """A radio group of large buttons over `Choice` rows; a tap calls `mm(action, step, value)`."""

    def one(c: rx.Var) -> rx.Component:
        chosen = c["chosen"].to(bool)
        return tap_button(
            c["label"].to(str),
            role="radio",
            aria_checked=rx.cond(chosen, "true", "false"),
            on_click=mm(action, step, c["value"].to(str)),
            variant=rx.cond(chosen, "solid", "soft"),
            type="button",
            class_name=f"mm-choice-{name}",
        )

    return rx.hstack(
        rx.foreach(options.to(list[dict]), one),
        role="radiogroup",
        aria_labelledby=label_id,
        wrap="wrap",
        spacing="2",
    )


def message_lines(view: rx.Var, prefix: str) -> rx.Component:
    """A view's `error` (an alert) and `notice` (a status), as the workspace forms show them."""
    return status_callouts(
        view["error"].to(str),
        view["notice"].to(str),
        error_id=f"{prefix}-error",
        notice_id=f"{prefix}-notice",
    )


def _action_row(i: int) -> rx.Component:
    return rx.cond(
        F["rows"].to(int) > i,
        rx.hstack(
            rx.vstack(
                rx.el.label(t("Action {n}", n=i + 1), html_for=f"mr-action-{i}", font_weight="600"),
                rx.input(id=f"mr-action-{i}", max_length=140, size="3", width="100%"),
                spacing="1",
                flex="1",
            ),
            rx.vstack(
                rx.el.label(t("By"), html_for=f"mr-due-{i}", font_weight="600"),
                rx.input(
                    id=f"mr-due-{i}",
                    type="date",
                    min=F["first_due"].to(str),
                    max=F["last_due"].to(str),
                    size="3",
                ),
                spacing="1",
            ),
            align="end",
            width="100%",
            wrap="wrap",
        ),
    )


def reflect_form() -> rx.Component:
    """The "How did it go?" form: rating 1-4, fit, and the mentee's takeaway and actions."""
    return live_form(
        rx.vstack(
            rx.heading(t("How did it go?"), size="4", as_="h3", id="mr-heading"),
            rx.text(F["title"].to(str), weight="bold"),
            rx.text(t("Rate the session (1 = not useful, 4 = very useful)"), id="mr-rating-label"),
            choice_buttons(F["ratings"], "mreflect", "rating", "mr-rating-label", "rating"),
            rx.text(t("Was it a good fit?"), id="mr-fit-label"),
            choice_buttons(F["fits"], "mreflect", "fit", "mr-fit-label", "fit"),
            rx.cond(
                F["mentee"].to(bool),
                rx.vstack(
                    rx.el.label(t("Your takeaway"), html_for="mr-takeaway", font_weight="600"),
                    rx.text_area(id="mr-takeaway", max_length=280, rows="3", width="100%"),
                    rx.text(t("Up to 3 things you will try, each by a day:"), size="2"),
                    _action_row(0),
                    _action_row(1),
                    _action_row(2),
                    rx.cond(
                        F["rows"].to(int) < 3,
                        tap_button(
                            t("Add an action"),
                            on_click=mm("mreflect", "row"),
                            variant="soft",
                            type="button",
                            id="mr-add-row",
                        ),
                    ),
                    width="100%",
                    spacing="2",
                ),
            ),
            rx.cond(
                F["error"].to(str) != "",
                rx.text(F["error"].to(str), color=rx.color("red", 11), role="alert"),
            ),
            submit_button(t("Save"), size="3", min_height=TOUCH, width="100%", id="mr-save"),
            rx.text(t("Saved on this phone first; it goes when you are online."), size="2"),
            width="100%",
            spacing="2",
        ),
        on_submit=mm("mreflect", "save"),
        reset_on_submit=False,
        aria_labelledby="mr-heading",
        width="100%",
    )


def slot_picker(view: rx.Var, side: str) -> rx.Component:
    """The mentor's free times in the next 7 days, in this person's timezone, by day.

    Args:
        view: The page's view (`slot_days`).
        side: The page's handlers, "mentoring" (book or move) or "mentor" (move).
    """

    def day(d: rx.Var) -> rx.Component:
        return rx.vstack(
            rx.text(d["label"].to(str), weight="bold"),
            rx.hstack(
                rx.foreach(
                    d["slots"].to(list[dict]),
                    lambda s: tap_button(
                        s["label"].to(str),
                        on_click=mm(side, "pick", s["start"].to(str)),
                        variant="soft",
                        class_name="mm-slot",
                    ),
                ),
                wrap="wrap",
                spacing="2",
            ),
            spacing="1",
            width="100%",
        )

    return rx.vstack(
        rx.foreach(view["slot_days"].to(list[dict]), day),
        tap_button(t("Close"), on_click=mm(side, "close"), variant="ghost"),
        width="100%",
        spacing="2",
        id="slot-picker",
    )


def session_card(row: rx.Var, side: str) -> rx.Component:
    """A session: what, when, how it stands; calendar, move, cancel, "How did it go?".

    Args:
        row: A `SessionRow`.
        side: "mentoring" (the learner's page) or "mentor" (the mentor's): whose handlers
            the buttons call; both may move the session.
    """
    sid = row["id"].to(str)
    reflecting = F["session_id"].to(str) == sid
    move = tap_button(
        t("Reschedule"),
        on_click=mm(side, "move", sid),
        variant="soft",
        class_name="mm-session-move",
    )
    return rx.card(
        rx.vstack(
            rx.text(row["title"].to(str), weight="bold"),
            rx.text(row["when"].to(str), class_name="mm-session-when"),
            rx.text(row["need"].to(str), size="2", color=rx.color("gray", 11)),
            rx.cond(row["line"].to(str) != "", rx.text(row["line"].to(str), size="2")),
            rx.hstack(
                rx.cond(
                    row["state"].to(str) != "cancelled",
                    tap_button(
                        t("Add to calendar"),
                        on_click=mm(side, "ics", sid),
                        variant="soft",
                        class_name="mm-session-ics",
                    ),
                ),
                rx.cond(row["can_change"].to(bool), move),
                rx.cond(
                    row["can_change"].to(bool),
                    tap_button(
                        t("Cancel session"),
                        on_click=mm(side, "cancel", sid),
                        variant="outline",
                        color_scheme="gray",
                        class_name="mm-session-cancel",
                    ),
                ),
                rx.cond(
                    row["can_reflect"].to(bool),
                    tap_button(
                        t("How did it go?"),
                        on_click=mm("mreflect", "open", sid),
                        aria_expanded=rx.cond(reflecting, "true", "false"),
                        class_name="mm-session-reflect",
                    ),
                ),
                wrap="wrap",
                spacing="2",
            ),
            rx.cond(reflecting & row["can_reflect"].to(bool), reflect_form()),
            width="100%",
            spacing="1",
        ),
        width="100%",
        id="msession-" + sid,
        class_name="mm-session",
        data_focus=rx.cond(row["focus"].to(bool), "yes", "no"),
    )


__all__ = [
    "choice_buttons",
    "message_lines",
    "reflect_form",
    "session_card",
    "slot_picker",
]
