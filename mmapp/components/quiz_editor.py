"""The quiz part of the nugget editor: one card per item, fields for its kind."""

from __future__ import annotations

import reflex as rx

from mmapp.i18n import N_
from mmapp.i18n.client import t
from mmapp.state.editor import EditorState as E

# Each kind of item and its name (msgids, shown with `t`).
KINDS = [
    ("single_choice", N_("One right answer")),
    ("multiple_choice", N_("Several right answers")),
    ("true_false", N_("True or false")),
    ("short_answer", N_("Short typed answer")),
]


def _caption(text: rx.Var) -> rx.Component:
    """The visible name above a field (its aria-label names it with the item number)."""
    return rx.text(text, size="2", weight="medium", aria_hidden="true", margin_bottom="-4px")


def quiz_item(item: rx.Var, i: rx.Var) -> rx.Component:
    """One quiz item: kind, prompt, answers for its kind, explanation."""
    n = (i + 1).to(str)
    return rx.card(
        rx.vstack(
            rx.hstack(
                rx.text(t("Quiz item {n}", n=n), weight="bold", white_space="nowrap"),
                rx.spacer(),
                rx.el.select(
                    *[rx.el.option(t(label), value=kind) for kind, label in KINDS],
                    value=item["kind"],
                    on_change=lambda v: E.set_item(i, "kind", v),
                    aria_label=t("Quiz item {n} kind", n=n),
                    class_name="mm-select",
                    flex="1 1 12rem",
                    max_width="18rem",
                ),
                rx.button(
                    t("Remove"),
                    on_click=E.remove_item(i),
                    variant="soft",
                    color_scheme="gray",
                    type="button",
                    size="3",
                    aria_label=t("Remove quiz item {n}", n=n),
                ),
                width="100%",
                align="center",
                wrap="wrap",
            ),
            _caption(t("Question")),
            rx.input(
                value=item["prompt"],
                on_change=lambda v: E.set_item(i, "prompt", v),
                placeholder=t("The question"),
                aria_label=t("Quiz item {n} question", n=n),
                width="100%",
                size="3",
            ),
            rx.match(
                item["kind"],
                (
                    "true_false",
                    _caption(t("Right answer")),
                ),
                ("short_answer", _caption(t("Accepted answers, one per line"))),
                _caption(t("Options, one per line; start right ones with *")),
            ),
            rx.match(
                item["kind"],
                (
                    "true_false",
                    rx.el.select(
                        rx.el.option(t("The statement is true"), value="True"),
                        rx.el.option(t("The statement is false"), value="False"),
                        value=item["truth"],
                        on_change=lambda v: E.set_item(i, "truth", v),
                        aria_label=t("Quiz item {n} right answer", n=n),
                        class_name="mm-select",
                    ),
                ),
                (
                    "short_answer",
                    rx.text_area(
                        value=item["accepted"],
                        on_change=lambda v: E.set_item(i, "accepted", v),
                        placeholder=t("Accepted answers, one per line"),
                        aria_label=t("Quiz item {n} accepted answers", n=n),
                        rows="3",
                        width="100%",
                    ),
                ),
                rx.text_area(
                    value=item["options"],
                    on_change=lambda v: E.set_item(i, "options", v),
                    placeholder=t("Options, one per line; start right ones with *"),
                    aria_label=t("Quiz item {n} options (right ones start with *)", n=n),
                    rows="4",
                    width="100%",
                ),
            ),
            _caption(t("Explanation, shown after the learner answers")),
            rx.text_area(
                value=item["explanation"],
                on_change=lambda v: E.set_item(i, "explanation", v),
                placeholder=t("Why: shown after the learner answers"),
                aria_label=t("Quiz item {n} explanation", n=n),
                rows="2",
                width="100%",
            ),
            spacing="2",
            width="100%",
        ),
        width="100%",
        class_name="mm-quiz-item",
    )
