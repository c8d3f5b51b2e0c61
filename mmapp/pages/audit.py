"""Skills audit: "Where are you today?" per skill in a minute, and the learner's own goal.

One question per skill the learner has nuggets in, its five scale words as large
radio buttons (0-4). Everything runs on the phone, offline too: a tap records a
`skill_rated` event, "Save goal" a `goal_set` one (a goal only raises the target).
"""

from __future__ import annotations

import reflex as rx

from mmapp import routes
from mmapp.components.bridge import mm
from mmapp.components.layout import TOUCH, page, tap_button, up_to_today
from mmapp.i18n import N_
from mmapp.i18n.client import t
from mmapp.state import AUDIT

A = AUDIT.value


def radio(option: rx.Var, action: str) -> rx.Component:
    """One choice of a radio group, a 44 px button that says whether it is chosen."""
    chosen = option["chosen"].to(bool)
    return tap_button(
        rx.cond(chosen, rx.icon("circle-dot", size=18), rx.icon("circle", size=18)),
        rx.text(option["word"].to(str), as_="span"),
        role="radio",
        aria_checked=rx.cond(chosen, "true", "false"),
        on_click=mm("audit", action, option["slug"].to(str), option["level"].to(int)),
        variant=rx.cond(chosen, "solid", "soft"),
        width="100%",
        justify_content="flex-start",
        white_space="normal",
        text_align="left",
        height="auto",
        padding_y="10px",
        class_name=f"mm-audit-{action}",
    )


def goal_form(skill: rx.Var) -> rx.Component:
    """Choose a level above the current target and, optionally, a date."""
    slug = skill["slug"].to(str)
    return rx.vstack(
        rx.text(t("Aim for"), weight="medium", id="goal-label-" + slug),
        rx.vstack(
            rx.foreach(skill["goal_choices"].to(list[dict]), lambda o: radio(o, "goal_level")),
            role="radiogroup",
            aria_labelledby="goal-label-" + slug,
            width="100%",
            spacing="2",
        ),
        rx.el.label(t("By (optional)"), html_for="goal-by-" + slug, font_weight="600"),
        rx.el.input(type="date", id="goal-by-" + slug, min_height=TOUCH),
        rx.cond(
            skill["goal_error"].to(str) != "",
            rx.text(skill["goal_error"].to(str), color=rx.color("red", 11), role="alert"),
        ),
        tap_button(
            t("Save goal"),
            on_click=mm("audit", "goal_save", slug),
            width="100%",
            class_name="mm-audit-goal-save",
        ),
        width="100%",
        spacing="2",
    )


def question(skill: rx.Var) -> rx.Component:
    """One skill: the question, its five words, the saved answer and the goal."""
    slug = skill["slug"].to(str)
    goal_open = skill["goal_open"].to(bool)
    return rx.card(
        rx.vstack(
            rx.heading(skill["name"].to(str), size="4", as_="h2", id="audit-q-" + slug),
            rx.vstack(
                rx.foreach(skill["levels"].to(list[dict]), lambda o: radio(o, "rate")),
                role="radiogroup",
                aria_labelledby="audit-q-" + slug,
                width="100%",
                spacing="2",
            ),
            rx.cond(
                skill["goal"].to(str) != "",
                rx.text(skill["goal"].to(str), size="2", class_name="mm-audit-goal"),
            ),
            rx.cond(
                skill["can_set_goal"].to(bool),
                tap_button(
                    rx.cond(goal_open, t("Close"), t("Set my goal")),
                    on_click=mm("audit", "goal", slug),
                    variant="ghost",
                    aria_expanded=rx.cond(goal_open, "true", "false"),
                    class_name="mm-audit-goal-open",
                ),
            ),
            rx.cond(goal_open, goal_form(skill)),
            width="100%",
            spacing="2",
        ),
        width="100%",
        class_name="mm-audit-skill",
    )


def finish() -> rx.Component:
    """Done (back to Today) and the quieter "Skip for now"."""
    return rx.vstack(
        rx.link(
            tap_button(t("Done"), width="100%", id="audit-done"), href=routes.TODAY, width="100%"
        ),
        rx.link(
            t("Skip for now"),
            href=routes.TODAY,
            id="audit-skip",
            min_height=TOUCH,
            display="flex",
            align_items="center",
        ),
        width="100%",
        align="center",
        spacing="2",
    )


def audit_page() -> rx.Component:
    """The audit: one card per skill, then Done."""
    return page(
        "audit",
        rx.vstack(
            up_to_today(),
            rx.heading(t("Where are you today?"), size="6", as_="h1"),
            rx.text(
                t("One tap per skill; it takes a minute and you can change it any time."),
                color=rx.color("gray", 11),
            ),
            rx.cond(
                A["loaded"].to(bool),
                rx.cond(
                    A["empty"].to(bool),
                    rx.text(
                        t("Your skills appear here once your first nuggets are on this phone."),
                        id="audit-empty",
                    ),
                    rx.vstack(
                        rx.text(A["label"].to(str), size="2", role="status", id="audit-count"),
                        rx.foreach(A["skills"].to(list[dict]), question),
                        width="100%",
                        spacing="3",
                    ),
                ),
                rx.text(t("Opening…")),
            ),
            finish(),
            spacing="3",
            width="100%",
        ),
        nav="today",
    )


rx_page = {"route": routes.AUDIT, "title": N_("Skills audit · Micromastery")}
