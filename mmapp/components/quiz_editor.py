"""The quiz part of the nugget editor: one card per item, fields for its kind."""

from __future__ import annotations

import reflex as rx

from mmapp.state.editor import EditorState as E

KINDS = [
    ("single_choice", "One right answer"),
    ("multiple_choice", "Several right answers"),
    ("true_false", "True or false"),
    ("short_answer", "Short typed answer"),
]


def _caption(text: str) -> rx.Component:
    """The visible name above a field (its aria-label names it with the item number)."""
    return rx.text(text, size="2", weight="medium", aria_hidden="true", margin_bottom="-4px")


def quiz_item(item: rx.Var, i: rx.Var) -> rx.Component:
    """One quiz item: kind, prompt, answers for its kind, explanation."""
    n = (i + 1).to(str)
    return rx.card(
        rx.vstack(
            rx.hstack(
                rx.text("Quiz item ", n, weight="bold", white_space="nowrap"),
                rx.spacer(),
                rx.el.select(
                    *[rx.el.option(label, value=kind) for kind, label in KINDS],
                    value=item["kind"],
                    on_change=lambda v: E.set_item(i, "kind", v),
                    aria_label="Quiz item " + n + " kind",
                    class_name="mm-select",
                    flex="1 1 12rem",
                    max_width="18rem",
                ),
                rx.button(
                    "Remove",
                    on_click=E.remove_item(i),
                    variant="soft",
                    color_scheme="gray",
                    type="button",
                    size="3",
                    aria_label="Remove quiz item " + n,
                ),
                width="100%",
                align="center",
                wrap="wrap",
            ),
            _caption("Question"),
            rx.input(
                value=item["prompt"],
                on_change=lambda v: E.set_item(i, "prompt", v),
                placeholder="The question",
                aria_label="Quiz item " + n + " question",
                width="100%",
                size="3",
            ),
            rx.match(
                item["kind"],
                (
                    "true_false",
                    _caption("Right answer"),
                ),
                ("short_answer", _caption("Accepted answers, one per line")),
                _caption("Options, one per line; start right ones with *"),
            ),
            rx.match(
                item["kind"],
                (
                    "true_false",
                    rx.el.select(
                        rx.el.option("The statement is true", value="True"),
                        rx.el.option("The statement is false", value="False"),
                        value=item["truth"],
                        on_change=lambda v: E.set_item(i, "truth", v),
                        aria_label="Quiz item " + n + " right answer",
                        class_name="mm-select",
                    ),
                ),
                (
                    "short_answer",
                    rx.text_area(
                        value=item["accepted"],
                        on_change=lambda v: E.set_item(i, "accepted", v),
                        placeholder="Accepted answers, one per line",
                        aria_label="Quiz item " + n + " accepted answers",
                        rows="3",
                        width="100%",
                    ),
                ),
                rx.text_area(
                    value=item["options"],
                    on_change=lambda v: E.set_item(i, "options", v),
                    placeholder="Options, one per line; start right ones with *",
                    aria_label="Quiz item " + n + " options (right ones start with *)",
                    rows="4",
                    width="100%",
                ),
            ),
            _caption("Explanation, shown after the learner answers"),
            rx.text_area(
                value=item["explanation"],
                on_change=lambda v: E.set_item(i, "explanation", v),
                placeholder="Why: shown after the learner answers",
                aria_label="Quiz item " + n + " explanation",
                rows="2",
                width="100%",
            ),
            spacing="2",
            width="100%",
        ),
        width="100%",
        class_name="mm-quiz-item",
    )
