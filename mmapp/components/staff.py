"""Layout pieces of the coordinator workspace: a wider page, messages, the phone frame."""

from __future__ import annotations

import reflex as rx

from mmapp import routes
from mmapp.components.forms import status_callouts
from mmapp.state.staff import StaffState


def messages(state: type[StaffState]) -> rx.Component:
    """The last error (announced) or confirmation of a workspace action."""
    return status_callouts(state.error, state.notice, error_id="ws-error", notice_id="ws-notice")


def staff_page(state: type[StaffState], title: str, *children: rx.Component) -> rx.Component:
    """A workspace page: header and content for staff, or why not and how to sign in."""
    return rx.box(
        rx.el.header(
            rx.hstack(
                rx.el.a("Micromastery workspace", href=routes.COACH, class_name="mm-ws-brand"),
                rx.spacer(),
                rx.text(state.viewer_name, size="2", color=rx.color("gray", 11)),
                rx.el.a("Credentials", href=routes.COACH_BADGES, class_name="mm-ws-link"),
                rx.cond(
                    state.viewer_is_admin,
                    rx.el.a("Accounts", href=routes.ADMIN_ACCOUNTS, class_name="mm-ws-link"),
                ),
                rx.el.a("Learner view", href=routes.TODAY, class_name="mm-ws-link"),
                align="center",
                width="100%",
                wrap="wrap",
            ),
            padding_y="12px",
        ),
        rx.el.main(
            rx.cond(
                state.denied != "",
                rx.vstack(
                    rx.heading("Workspace", size="6", as_="h1"),
                    rx.callout(
                        state.denied, icon="lock", role="alert", id="ws-denied", high_contrast=True
                    ),
                    rx.el.a("Sign in", href=routes.SIGNIN, class_name="mm-ws-link"),
                    spacing="3",
                ),
                rx.vstack(
                    rx.heading(title, size="6", as_="h1"),
                    messages(state),
                    *children,
                    spacing="4",
                    width="100%",
                ),
            ),
        ),
        max_width="1100px",
        margin="0 auto",
        padding_x="16px",
        padding_bottom="48px",
    )


def phone_frame(*children: rx.Component) -> rx.Component:
    """A 390-px phone outline around a preview of what learners will see."""
    return rx.box(
        *children,
        class_name="mm-phone-frame",
        aria_label="Phone preview",
        role="region",
    )
