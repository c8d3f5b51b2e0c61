"""The quiz card: options or a text box, instant feedback and the explanation.

The nugget player and the review session show the same card; each passes its own
quiz view (`QuizView` inside `mm_player` or `mm_review`) and the bridge method its
taps go to (`player` or `review`).
"""

from __future__ import annotations

import reflex as rx

from mmapp.components.bridge import mm
from mmapp.components.layout import TOUCH, tap_button
from mmapp.i18n.client import t
from mmapp.state import PLAYER

PLAYER_QUIZ = PLAYER.value["quiz"].to(dict)


def option(opt: rx.Var, quiz: rx.Var, action: str) -> rx.Component:
    """One answer option as a toggle button; colours plus icons show the result."""
    state = opt["state"].to(str)
    return tap_button(
        rx.match(
            state,
            ("correct", rx.icon("circle-check", size=18, aria_label=t("correct answer"))),
            ("wrong", rx.icon("circle-x", size=18, aria_label=t("your answer, wrong"))),
            ("selected", rx.icon("circle-dot", size=18)),
            rx.icon("circle", size=18),
        ),
        rx.text(opt["text"].to(str), text_align="left", flex="1"),
        on_click=mm(action, "choose", opt["i"]),
        aria_pressed=rx.cond(opt["selected"].to(bool), "true", "false"),
        # Not `disabled`: answered options must keep their right/wrong colours.
        # The bridge ignores taps once the item is answered.
        aria_disabled=quiz["answered"].to(bool),
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


def short_answer(quiz: rx.Var) -> rx.Component:
    """A labelled text box for short-answer items."""
    return rx.vstack(
        rx.el.label(t("Your answer"), html_for="quiz-text", font_weight="600"),
        rx.input(
            id="quiz-text",
            size="3",
            width="100%",
            min_height=TOUCH,
            disabled=quiz["answered"].to(bool),
            default_value=quiz["text"].to(str),
            key=quiz["index"].to(str),
            auto_complete="off",
        ),
        width="100%",
        spacing="1",
    )


def feedback(quiz: rx.Var) -> rx.Component:
    """Right or not, and why: announced to screen readers."""
    return rx.box(
        rx.cond(
            quiz["answered"].to(bool),
            rx.callout(
                rx.vstack(
                    rx.text(quiz["feedback"].to(str), weight="bold", id="quiz-feedback"),
                    rx.cond(quiz["accepted"].to(str) != "", rx.text(quiz["accepted"].to(str))),
                    # Sanitised on the server (nh3), like the nugget's parts.
                    rx.html(quiz["explanation"].to(str), class_name="mm-explain"),
                    spacing="1",
                ),
                icon=rx.cond(quiz["correct"].to(bool), "circle-check", "info"),
                color_scheme=rx.cond(quiz["correct"].to(bool), "teal", "amber"),
                high_contrast=True,
            ),
        ),
        aria_live="polite",
        width="100%",
    )


def quiz_card(
    quiz: rx.Var = PLAYER_QUIZ,
    action: str = "player",
    next_labels: tuple[rx.Var[str], rx.Var[str]] | None = None,
    after_feedback: rx.Component | None = None,
) -> rx.Component:
    """The current quiz item with its action button.

    Args:
        quiz: The quiz view to show.
        action: The bridge method its taps call (`window.mm[action](tap, arg)`).
        next_labels: The button after feedback, on the last item and on the others
            (default "Finish" and "Next question").
        after_feedback: Shown between the feedback and that button (e.g. "Too easy").

    """
    is_text = quiz["kind"].to(str) == "short_answer"
    # Choice items ignore the argument; short answers read their text box.
    check = mm(action, "check", rx.Var("(document.getElementById('quiz-text')||{}).value"))
    next_tap = "next_item" if action == "player" else "next"
    last_label, next_label = next_labels or (t("Finish"), t("Next question"))
    return rx.vstack(
        rx.text(
            t("Question {n} of {total}", n=quiz["number"].to(int), total=quiz["total"].to(int)),
            size="2",
            color=rx.color("gray", 11),
        ),
        rx.heading(quiz["prompt"].to(str), size="5", as_="h2", id="quiz-prompt"),
        rx.text(quiz["hint"].to(str), size="2", color=rx.color("gray", 11)),
        rx.cond(
            is_text,
            short_answer(quiz),
            rx.vstack(
                rx.foreach(quiz["options"].to(list[dict]), lambda o: option(o, quiz, action)),
                width="100%",
                role="group",
                aria_label=t("Answer options"),
            ),
        ),
        feedback(quiz),
        after_feedback if after_feedback is not None else rx.fragment(),
        rx.cond(
            quiz["answered"].to(bool),
            tap_button(
                rx.cond(quiz["is_last"].to(bool), last_label, next_label),
                on_click=mm(action, next_tap),
                width="100%",
                id="quiz-next",
            ),
            tap_button(
                t("Check answer"),
                on_click=check,
                disabled=~quiz["can_check"].to(bool),
                width="100%",
                id="quiz-check",
            ),
        ),
        spacing="3",
        width="100%",
    )
