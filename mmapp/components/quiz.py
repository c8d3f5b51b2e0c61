"""The quiz card: options or a text box, instant feedback and the explanation."""

from __future__ import annotations

import reflex as rx

from mmapp.components.bridge import mm
from mmapp.components.layout import TOUCH, tap_button
from mmapp.state import PLAYER

QUIZ = PLAYER.value["quiz"].to(dict)


def option(opt: rx.Var) -> rx.Component:
    """One answer option as a toggle button; colours plus icons show the result."""
    state = opt["state"].to(str)
    return tap_button(
        rx.match(
            state,
            ("correct", rx.icon("circle-check", size=18, aria_label="correct answer")),
            ("wrong", rx.icon("circle-x", size=18, aria_label="your answer, wrong")),
            ("selected", rx.icon("circle-dot", size=18)),
            rx.icon("circle", size=18),
        ),
        rx.text(opt["text"].to(str), text_align="left", flex="1"),
        on_click=mm("player", "choose", opt["i"]),
        aria_pressed=rx.cond(opt["selected"].to(bool), "true", "false"),
        # Not `disabled`: answered options must keep their right/wrong colours.
        # The bridge ignores taps once the item is answered.
        aria_disabled=QUIZ["answered"].to(bool),
        variant=rx.cond(state == "idle", "outline", "soft"),
        color_scheme=rx.match(
            state, ("correct", "teal"), ("wrong", "red"), ("selected", "indigo"), "gray"
        ),
        high_contrast=True,
        width="100%",
        height="auto",
        padding_y="10px",
        justify_content="flex-start",
        white_space="normal",
        class_name="mm-option",
    )


def short_answer() -> rx.Component:
    """A labelled text box for short-answer items."""
    return rx.vstack(
        rx.el.label("Your answer", html_for="quiz-text", font_weight="600"),
        rx.input(
            id="quiz-text",
            size="3",
            width="100%",
            min_height=TOUCH,
            disabled=QUIZ["answered"].to(bool),
            default_value=QUIZ["text"].to(str),
            key=QUIZ["index"].to(str),
            auto_complete="off",
        ),
        width="100%",
        spacing="1",
    )


def feedback() -> rx.Component:
    """Right or not, and why: announced to screen readers."""
    return rx.box(
        rx.cond(
            QUIZ["answered"].to(bool),
            rx.callout(
                rx.vstack(
                    rx.text(QUIZ["feedback"].to(str), weight="bold", id="quiz-feedback"),
                    rx.cond(QUIZ["accepted"].to(str) != "", rx.text(QUIZ["accepted"].to(str))),
                    # Sanitised on the server (nh3), like the nugget's parts.
                    rx.html(QUIZ["explanation"].to(str), class_name="mm-explain"),
                    spacing="1",
                ),
                icon=rx.cond(QUIZ["correct"].to(bool), "circle-check", "info"),
                color_scheme=rx.cond(QUIZ["correct"].to(bool), "teal", "amber"),
                high_contrast=True,
            ),
        ),
        aria_live="polite",
        width="100%",
    )


def quiz_card() -> rx.Component:
    """The current quiz item with its action button."""
    is_text = QUIZ["kind"].to(str) == "short_answer"
    # Choice items ignore the argument; short answers read their text box.
    check = mm("player", "check", rx.Var("(document.getElementById('quiz-text')||{}).value"))
    return rx.vstack(
        rx.text(
            f"Question {QUIZ['number'].to(int)} of {QUIZ['total'].to(int)}",
            size="2",
            color=rx.color("gray", 11),
        ),
        rx.heading(QUIZ["prompt"].to(str), size="5", as_="h2", id="quiz-prompt"),
        rx.text(QUIZ["hint"].to(str), size="2", color=rx.color("gray", 11)),
        rx.cond(
            is_text,
            short_answer(),
            rx.vstack(
                rx.foreach(QUIZ["options"].to(list[dict]), option),
                width="100%",
                role="group",
                aria_label="Answer options",
            ),
        ),
        feedback(),
        rx.cond(
            QUIZ["answered"].to(bool),
            tap_button(
                rx.cond(QUIZ["is_last"].to(bool), "Finish", "Next question"),
                on_click=mm("player", "next_item"),
                width="100%",
                id="quiz-next",
            ),
            tap_button(
                "Check answer",
                on_click=check,
                disabled=~QUIZ["can_check"].to(bool),
                width="100%",
                id="quiz-check",
            ),
        ),
        spacing="3",
        width="100%",
    )
