"""Forms that cannot submit before the page is live, labelled fields, and messages.

A page arrives as built HTML and goes live when React hydrates it. A form tapped in
between would submit natively: a GET to the page itself with every field, the password
or invite code among them, in the URL, and nothing typed would reach the handler. So every
form is a `live_form`, and its buttons (`submit`, `submit_button`) stay disabled until
the form has mounted; with its default button disabled, the browser's implicit
submission (Enter in a field) does nothing either.
"""

from __future__ import annotations

from typing import Any

import reflex as rx
from reflex.experimental.client_state import ClientStateVar

from mmapp.components.layout import TOUCH, tap_button
from mmapp.state import FORM

# False in the page as built; every `live_form` sets it when it mounts, so it is True
# from then on in this tab (offline too: it needs React, not the server).
LIVE = ClientStateVar.create("mm_live", default=False, global_ref=True)


def not_live() -> rx.Var[bool]:
    """True until a form on this page has mounted: the page is not live yet."""
    return ~LIVE.value.to(bool)


def live_form(*children: rx.Component, **props: Any) -> rx.Component:
    """A `rx.form` that marks the page live when it mounts (use its submit buttons)."""
    return rx.form(*children, on_mount=LIVE.set_value(True), **props)


def submit_button(
    label: str | rx.Var[str], *, disabled: rx.Var[bool] | None = None, **props: Any
) -> rx.Component:
    """A form's submit button, disabled until the page is live (and while `disabled`)."""
    off = not_live() if disabled is None else not_live() | disabled
    return rx.button(label, type="submit", disabled=off, **props)


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
    """The learner form's submit button, disabled while busy or not yet live."""
    return tap_button(
        rx.cond(FORM.value["busy"], busy_label, label),
        type="submit",
        width="100%",
        disabled=not_live() | FORM.value["busy"].to(bool),
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
