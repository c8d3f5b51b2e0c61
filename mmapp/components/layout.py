"""The phone-sized page shell: top bar with sync status, content, bottom navigation."""

from __future__ import annotations

import reflex as rx

from mmapp import routes
from mmapp.components.bridge import mm, mount
from mmapp.i18n.client import t
from mmapp.state import APP, NOTICE, SESSION, SYNC

TOUCH = "44px"  # WCAG 2.5.5 target size


def tap_button(*children: rx.Component | str | rx.Var[str], **props: object) -> rx.Component:
    """A button sized for thumbs: large text, at least 44 px tall."""
    return rx.button(*children, size="3", min_height=TOUCH, **props)


def around(sentence: rx.Var[str], name: str, element: rx.Component) -> rx.Component:
    """A translated sentence with an element in place of its "{name}" placeholder.

    For text whose variable part is its own element (e.g. a span with an id): the
    sentence stays one msgid, so each language puts the element where it belongs.

    Args:
        sentence: `t("…{name}…")` with that placeholder left unfilled.
        name: The placeholder's name.
        element: What stands in its place.
    """
    parts = sentence.to(str).split("{" + name + "}")
    return rx.fragment(parts[0], element, parts[1])


def up_to_today() -> rx.Component:
    """The "← Today" link at the top of a page a learner opened from Today."""
    return rx.link(
        rx.hstack(rx.icon("arrow-left", size=16), t("Today"), align="center"),
        href=routes.TODAY,
        min_height=TOUCH,
        display="flex",
        align_items="center",
    )


def back_to_today_button() -> rx.Component:
    """A full-width "Back to Today" button, at the end of a finished task."""
    return rx.link(tap_button(t("Back to Today"), width="100%"), href=routes.TODAY, width="100%")


def sync_status() -> rx.Component:
    """A calm pill that always says how many answers wait to sync."""
    return rx.badge(
        rx.cond(SYNC.value["offline"], rx.icon("cloud-off", size=14), rx.icon("cloud", size=14)),
        rx.text(SYNC.value["label"].to(str), as_="span"),
        color_scheme=rx.cond(SYNC.value["state"] == "synced", "indigo", "gray"),
        variant="soft",
        size="2",
        radius="full",
        id="sync-status",
        role="status",
        aria_live="polite",
        white_space="normal",
        min_width="0",
    )


def top_bar() -> rx.Component:
    """App name and sync status."""
    return rx.hstack(
        rx.link(
            rx.heading(t("Micromastery"), size="4", weight="bold"),
            href=routes.TODAY,
            underline="none",
            color=rx.color("gray", 12),
        ),
        rx.spacer(),
        rx.cond(
            SYNC.value["expired"].to(bool),
            rx.link(sync_status(), href=routes.SIGNIN, aria_label=t("Sign in again to sync")),
            rx.cond(SYNC.value["label"] != "", sync_status()),
        ),
        align="center",
        padding_y="12px",
        width="100%",
    )


def nav_link(label: str | rx.Var[str], icon: str, href: str, active: bool) -> rx.Component:
    """One bottom-navigation target."""
    return rx.link(
        rx.vstack(rx.icon(icon, size=20), rx.text(label, size="1"), spacing="0", align="center"),
        href=href,
        underline="none",
        aria_current="page" if active else None,
        color=rx.color("accent", 11) if active else rx.color("gray", 11),
        min_height=TOUCH,
        min_width="88px",
        padding="6px",
        display="flex",
        justify_content="center",
    )


def bottom_nav(active: str) -> rx.Component:
    """Today, Progress and Reminders (and Mentor for mentors), fixed where thumbs reach."""
    mentor = SESSION.value["mentor"].to(bool)
    return rx.el.nav(
        rx.hstack(
            nav_link(t("Today"), "sun", routes.TODAY, active == "today"),
            nav_link(t("Progress"), "chart-no-axes-column", routes.PROGRESS, active == "progress"),
            rx.cond(mentor, nav_link(t("Mentor"), "handshake", routes.MENTOR, active == "mentor")),
            nav_link(t("Reminders"), "bell", routes.REMINDERS, active == "reminders"),
            justify="center",
            spacing="6",
            # Four targets still fit a 360 px phone side by side.
            gap=rx.cond(mentor, "0px", "32px"),
        ),
        aria_label=t("Main"),
        position="fixed",
        bottom="0",
        left="0",
        right="0",
        padding_bottom="env(safe-area-inset-bottom)",
        background=rx.color("gray", 2),
        border_top="1px solid var(--gray-5)",  # rx.color("gray", 5)
    )


def update_banner() -> rx.Component:
    """Offer a waiting new version; the learner chooses when (answers sync first)."""
    return rx.cond(
        APP.value["update_available"].to(bool),
        rx.callout(
            rx.hstack(
                rx.text(t("Update available: a new version of Micromastery is ready.")),
                tap_button(
                    rx.cond(APP.value["updating"].to(bool), t("Updating…"), t("Update now")),
                    on_click=mm("applyUpdate"),
                    disabled=APP.value["updating"].to(bool),
                    id="update-now",
                ),
                align="center",
                wrap="wrap",
            ),
            icon="sparkles",
            id="update-available",
            high_contrast=True,
        ),
    )


def notice() -> rx.Component:
    """A problem the learner must know about (e.g. storage full)."""
    return rx.cond(
        NOTICE.value != "",
        rx.callout(
            NOTICE.value.to(str),
            icon="triangle-alert",
            color_scheme="red",
            role="alert",
            high_contrast=True,
        ),
    )


def page(page_name: str, *children: rx.Component, nav: str | None = None) -> rx.Component:
    """Wrap a learner page: shell, bridge mount, optional bottom navigation."""
    return rx.box(
        rx.el.main(
            top_bar(),
            update_banner(),
            notice(),
            *children,
            max_width="480px",
            margin="0 auto",
            padding_x="16px",
            padding_bottom="96px",
        ),
        bottom_nav(nav) if nav else rx.fragment(),
        # Touch the session var so its hook is installed on every page.
        rx.cond(SESSION.value["expired"], rx.fragment()),
        on_mount=mount(page_name),
        min_height="100vh",
    )


def workspace_link() -> rx.Component:
    """For coordinators and admins: a full-page link into the (online) workspace."""
    return rx.cond(
        SESSION.value["staff"].to(bool),
        rx.el.a(
            rx.icon("layout-dashboard", size=16),
            t("Coordinator workspace"),
            href=routes.COACH,
            id="workspace-link",
            class_name="mm-workspace-link",
        ),
    )
