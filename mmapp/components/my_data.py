"""The "Your data" section of Progress: download everything, or delete the account.

Both actions need the network (the bridge says so when offline); deleting asks for
the password in a second step and then signs the phone out (mm-auth.js).
"""

from __future__ import annotations

import reflex as rx

from mmapp.components.bridge import mm
from mmapp.components.forms import field, live_form, not_live, status_callouts
from mmapp.components.layout import tap_button
from mmapp.i18n.client import t
from mmapp.state import MY_DATA

D = MY_DATA.value


def _messages() -> rx.Component:
    return status_callouts(
        D["error"].to(str),
        D["notice"].to(str),
        error_id="my-data-error",
        notice_id="my-data-notice",
    )


def _confirm_delete() -> rx.Component:
    """The second step: what goes, the password, and the red button."""
    busy = D["busy"].to(bool)
    return live_form(
        rx.vstack(
            rx.text(
                t(
                    "This deletes your account, your answers and your progress on every "
                    "device. It cannot be undone."
                ),
                weight="medium",
                id="delete-warning",
            ),
            field(
                t("Your password"),
                "delete-password",
                type="password",
                auto_complete="current-password",
            ),
            rx.hstack(
                tap_button(
                    rx.cond(busy, t("Deleting…"), t("Delete my account for good")),
                    type="submit",
                    color_scheme="red",
                    high_contrast=True,  # white on red 9 is 3.9:1; on red 12 it passes
                    disabled=not_live() | busy,
                    id="delete-account-confirm",
                ),
                tap_button(
                    t("Cancel"),
                    type="button",
                    variant="soft",
                    color_scheme="gray",
                    on_click=mm("deleteAccount", "cancel"),
                ),
                wrap="wrap",
                spacing="2",
            ),
            spacing="3",
            width="100%",
        ),
        on_submit=mm("deleteAccount", "confirm"),
        reset_on_submit=False,
        width="100%",
        aria_label=t("Delete my account"),
        aria_describedby="delete-warning",
    )


def my_data_section() -> rx.Component:
    """Heading, what the two actions do, their buttons and their message line."""
    return rx.vstack(
        rx.heading(t("Your data"), size="4", as_="h2"),
        rx.text(
            t(
                "Download everything Micromastery stores about you, or delete your account. "
                "Both need a connection."
            ),
            size="2",
        ),
        rx.hstack(
            tap_button(
                t("Download my data"),
                on_click=mm("downloadMyData"),
                variant="soft",
                disabled=D["busy"].to(bool),
                id="download-my-data",
            ),
            rx.cond(
                ~D["confirming"].to(bool),
                tap_button(
                    t("Delete my account"),
                    on_click=mm("deleteAccount", "open"),
                    variant="outline",
                    color_scheme="red",
                    id="delete-account",
                ),
            ),
            wrap="wrap",
            spacing="2",
        ),
        rx.cond(D["confirming"].to(bool), _confirm_delete()),
        _messages(),
        width="100%",
        spacing="2",
    )
