"""The one-time password-reset link's page: set a new password (online)."""

from __future__ import annotations

import reflex as rx

from mmapp import routes
from mmapp.accounts.users import MIN_PASSWORD
from mmapp.components.forms import live_form, submit_button
from mmapp.components.staff import messages
from mmapp.i18n.client import attach_catalogue, t
from mmapp.state.admin import ResetState


def reset_page() -> rx.Component:
    """Two password fields and a button; then the way to sign in."""
    return rx.el.main(
        rx.vstack(
            rx.heading(t("Set a new password"), size="6", as_="h1"),
            messages(ResetState),
            rx.cond(
                ResetState.done,
                rx.el.a(
                    t("Sign in"), href=routes.SIGNIN, class_name="mm-ws-link", id="reset-signin"
                ),
            ),
            # Hidden, not removed, once done: the page as built shows the form, and what
            # is typed there before the page is live must survive it going live.
            live_form(
                rx.vstack(
                    rx.el.label(t("New password"), html_for="reset-password", font_weight="600"),
                    rx.input(
                        id="reset-password",
                        name="password",
                        type="password",
                        required=True,
                        min_length=MIN_PASSWORD,
                        auto_complete="new-password",
                        size="3",
                        width="100%",
                    ),
                    rx.text(t("At least {n} characters.", n=MIN_PASSWORD), size="2"),
                    rx.el.label(t("Type it again"), html_for="reset-again", font_weight="600"),
                    rx.input(
                        id="reset-again",
                        name="again",
                        type="password",
                        required=True,
                        auto_complete="new-password",
                        size="3",
                        width="100%",
                    ),
                    submit_button(
                        t("Set password"),
                        size="3",
                    ),
                    width="100%",
                ),
                on_submit=ResetState.submit,
                width="100%",
                display=rx.cond(ResetState.done, "none", "block"),
            ),
            spacing="4",
            width="100%",
        ),
        max_width="420px",
        margin="0 auto",
        padding="24px 16px",
        on_mount=attach_catalogue(),
    )


rx_page = {
    "route": routes.RESET,
    "title": t("New password · Micromastery"),
    "on_load": ResetState.load,
}
