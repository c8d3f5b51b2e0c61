"""Sign-in: the one learner page that needs the network."""

from __future__ import annotations

import reflex as rx

from mmapp import routes
from mmapp.components.bridge import mm
from mmapp.components.forms import field, form_messages, live_form, submit
from mmapp.components.layout import page
from mmapp.i18n import N_
from mmapp.i18n.client import t
from mmapp.state import SESSION


def signin_page() -> rx.Component:
    """Email and password; the token then lives on the device."""
    return page(
        "signin",
        rx.vstack(
            rx.heading(t("Learn on the way"), size="7", as_="h1"),
            rx.text(
                t("Five to fifteen minute lessons that work on the train, even without signal."),
                color=rx.color("gray", 11),
            ),
            rx.cond(
                SESSION.value["expired"],
                rx.callout(
                    t("Your sign-in has expired. Sign in again to sync."),
                    icon="info",
                    high_contrast=True,
                ),
            ),
            live_form(
                rx.vstack(
                    field(t("Email"), "signin-email", type="email", auto_complete="username"),
                    field(
                        t("Password"),
                        "signin-password",
                        type="password",
                        auto_complete="current-password",
                    ),
                    form_messages(),
                    submit(t("Sign in"), t("Signing in…")),
                    spacing="4",
                    width="100%",
                ),
                on_submit=mm("signIn"),
                reset_on_submit=False,
                width="100%",
                aria_label=t("Sign in"),
            ),
            spacing="4",
            padding_top="24px",
        ),
    )


rx_page = {"route": routes.SIGNIN, "title": N_("Sign in · Micromastery")}
