"""Labelled form fields and the shared error/notice line."""

from __future__ import annotations

import reflex as rx

from mmapp.components.layout import TOUCH, tap_button
from mmapp.state import FORM


def field(label: str | rx.Var[str], field_id: str, **props: object) -> rx.Component:
    """A visible label above a full-width input (`label`: a `t("…")` Var)."""
    return rx.vstack(
        rx.el.label(label, html_for=field_id, font_weight="600"),
        rx.input(id=field_id, name=field_id, size="3", width="100%", min_height=TOUCH, **props),
        spacing="1",
        width="100%",
    )


def form_messages() -> rx.Component:
    """The last error (announced) or notice of a form on this page."""
    return rx.fragment(
        rx.cond(
            FORM.value["error"] != "",
            rx.callout(
                FORM.value["error"].to(str),
                icon="circle-alert",
                color_scheme="red",
                role="alert",
                id="form-error",
                high_contrast=True,
            ),
        ),
        rx.cond(
            FORM.value["notice"].to(str) != "",
            rx.callout(
                FORM.value["notice"].to(str), icon="check", color_scheme="teal", high_contrast=True
            ),
        ),
    )


def submit(label: str | rx.Var[str], busy_label: str | rx.Var[str]) -> rx.Component:
    """The form's submit button, disabled while busy."""
    return tap_button(
        rx.cond(FORM.value["busy"], busy_label, label),
        type="submit",
        width="100%",
        disabled=FORM.value["busy"].to(bool),
    )


def status_callouts(
    error: rx.Var, notice: rx.Var, *, error_id: str, notice_id: str
) -> rx.Component:
    """A workspace form's last error (announced as an alert) or its confirmation."""
    return rx.fragment(
        rx.cond(
            error != "",
            rx.callout(
                error,
                icon="circle-alert",
                color_scheme="red",
                role="alert",
                id=error_id,
                high_contrast=True,
            ),
        ),
        rx.cond(
            notice != "",
            rx.callout(
                notice,
                icon="check",
                color_scheme="teal",
                role="status",
                id=notice_id,
                high_contrast=True,
            ),
        ),
    )
