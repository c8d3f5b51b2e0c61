"""Asking a mentor: skill, a one-line need with a live count, length; then the mentors.

The form paints from `mm_ask` and keeps the need as typed in `mm_need` (both filled
from the phone's draft, so a half-written request survives a tunnel and a reload).
"Find a mentor" asks the server for the ranking; offline it says calmly that sending
needs the network, and offers to send to the best match once online.
"""

from __future__ import annotations

import reflex as rx

from mmapp.components.bridge import mm
from mmapp.components.forms import live_form, submit_button
from mmapp.components.layout import TOUCH, tap_button
from mmapp.components.mentoring import choice_buttons
from mmapp.i18n.client import t
from mmapp.state import ASK, NEED

A = ASK.value
NEED_MAX = 280
# The skill picked, read when the select changes (as Progress reads its language).
SKILL_CHOICE = rx.Var("(document.getElementById('ask-skill')||{}).value").to(str)


def _mentor_row(m: rx.Var) -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.hstack(
                rx.text(m["name"].to(str), weight="bold"),
                rx.spacer(),
                rx.badge(m["score"].to(str), high_contrast=True, class_name="mm-match-score"),
                width="100%",
                align="center",
            ),
            rx.el.ul(
                rx.foreach(m["reasons"].to(list[str]), lambda r: rx.el.li(r, font_size="14px")),
                padding_left="20px",
                margin="0",
            ),
            tap_button(
                t("Ask {name}", name=m["name"].to(str)),
                on_click=mm("mentoring", "ask", m["mentor_id"].to(str)),
                type="button",  # inside the ask form: a tap here must not submit it again
                class_name="mm-ask-mentor",
            ),
            spacing="2",
            width="100%",
        ),
        width="100%",
        class_name="mm-match",
    )


def _after_find() -> rx.Component:
    step = A["step"].to(str)
    best = tap_button(
        t("Send to the best and let it pass down the list"),
        on_click=mm("mentoring", "ask", ""),
        variant="soft",
        type="button",
        id="ask-best",
        white_space="normal",
        height="auto",
    )
    return rx.match(
        step,
        ("busy", rx.text(t("Finding mentors…"), role="status")),
        (
            "mentors",
            rx.vstack(
                rx.heading(t("Mentors who could help"), size="4", as_="h2"),
                rx.foreach(A["mentors"].to(list[dict]), _mentor_row),
                best,
                width="100%",
                spacing="2",
                id="ask-mentors",
            ),
        ),
        (
            "offline",
            rx.callout(
                rx.vstack(
                    rx.text(
                        t(
                            "Saved on this phone. Finding a mentor needs the network: "
                            "send it now and it goes to the best match when you are online."
                        )
                    ),
                    best,
                    spacing="2",
                ),
                icon="cloud-off",
                id="ask-offline",
                role="status",
            ),
        ),
        (
            "none",
            rx.text(
                t("Nobody can take this length in the next 7 days. Try another length, or later."),
                id="ask-none",
            ),
        ),
        rx.fragment(),
    )


def ask_form() -> rx.Component:
    """Skill, a one-line need with a live count, the length, then "Find a mentor"."""
    count = NEED.value.to(str).length()
    return live_form(
        rx.vstack(
            rx.heading(t("Ask a mentor"), size="5", as_="h2", id="ask-heading"),
            rx.el.label(t("Skill"), html_for="ask-skill", font_weight="600"),
            rx.el.select(
                rx.el.option(t("Choose a skill"), value=""),
                rx.foreach(
                    A["skills"].to(list[dict]),
                    lambda c: rx.el.option(c["label"].to(str), value=c["value"].to(str)),
                ),
                id="ask-skill",
                value=A["skill_id"].to(str),
                on_change=mm("mentoring", "skill", SKILL_CHOICE),
                class_name="mm-select",
                min_height=TOUCH,
            ),
            rx.el.label(
                t("What do you need, in one line?"), html_for="ask-need", font_weight="600"
            ),
            rx.text_area(
                id="ask-need",
                value=NEED.value.to(str),
                on_change=NEED.set_value,
                on_blur=mm("mentoring", "need"),
                max_length=NEED_MAX,
                rows="2",
                width="100%",
                aria_describedby="ask-need-count",
            ),
            rx.text(
                t("{n} of {max} characters", n=count, max=NEED_MAX),
                size="2",
                id="ask-need-count",
                aria_live="polite",
            ),
            rx.text(t("How long?"), weight="bold", id="ask-length-label"),
            choice_buttons(A["lengths"], "mentoring", "minutes", "ask-length-label", "length"),
            rx.cond(
                A["error"].to(str) != "",
                rx.text(A["error"].to(str), color=rx.color("red", 11), role="alert"),
            ),
            submit_button(
                t("Find a mentor"), size="3", min_height=TOUCH, width="100%", id="ask-find"
            ),
            _after_find(),
            width="100%",
            spacing="2",
        ),
        on_submit=mm("mentoring", "find"),
        reset_on_submit=False,
        aria_labelledby="ask-heading",
        width="100%",
    )


__all__ = ["ask_form"]
