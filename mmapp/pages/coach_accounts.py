"""Admin page: accounts (role, disable, reset link) and the audit log, newest first."""

from __future__ import annotations

import reflex as rx

from mmapp import routes
from mmapp.components.staff import staff_page
from mmapp.state.admin import ACTIONS, ALL, AdminState

ROLES = ["learner", "coordinator", "admin"]


def account_card(a: rx.Var) -> rx.Component:
    """One account: who, role picker, disable/enable, reset link."""
    return rx.el.li(
        rx.vstack(
            rx.text(a.email, weight="bold", class_name="mm-break"),
            rx.text(
                a.name,
                rx.cond(a.disabled, " · disabled", ""),
                size="2",
                color=rx.color("gray", 11),
            ),
            rx.hstack(
                rx.el.label("Role", html_for="role-" + a.id.to(str), font_weight="600"),
                rx.el.select(
                    *[rx.el.option(r, value=r) for r in ROLES],
                    id="role-" + a.id.to(str),
                    value=a.role.to(str),
                    on_change=lambda v: AdminState.set_role(a.id.to(str), v),
                    class_name="mm-ws-select",
                ),
                rx.cond(
                    a.disabled,
                    rx.button(
                        "Enable",
                        on_click=AdminState.set_disabled(a.id.to(str), False),
                        variant="soft",
                        size="3",
                    ),
                    rx.button(
                        "Disable",
                        on_click=AdminState.set_disabled(a.id.to(str), True),
                        variant="soft",
                        color_scheme="red",
                        size="3",
                    ),
                ),
                rx.button(
                    "Make reset link",
                    on_click=AdminState.make_reset_link(a.id.to(str), a.email),
                    variant="outline",
                    size="3",
                ),
                wrap="wrap",
                align="center",
                spacing="3",
            ),
            spacing="2",
        ),
        class_name="mm-ws-card",
    )


def entry_card(e: rx.Var) -> rx.Component:
    """One audit entry: when (UTC), who, what, and the detail."""
    return rx.el.li(
        rx.text(
            rx.el.strong(e.action),
            " · ",
            e.actor,
            size="2",
            class_name="mm-break",
        ),
        rx.text(e.detail, class_name="mm-break"),
        rx.text(
            e.at.to(str),
            " UTC · ",
            e.subject_type,
            " ",
            e.subject_id,
            size="1",
            color=rx.color("gray", 11),
            class_name="mm-break",
        ),
        class_name="mm-ws-card",
    )


def reset_link_box() -> rx.Component:
    """The link just made, shown once, to pass on."""
    return rx.cond(
        AdminState.reset_link != "",
        rx.box(
            rx.text(
                "One-time link for ",
                AdminState.reset_for,
                " (works once, for 24 hours; shown once):",
            ),
            rx.el.code(AdminState.reset_link, id="reset-link", class_name="mm-break"),
            role="status",
            class_name="mm-ws-card",
            width="100%",
        ),
    )


def accounts_section() -> rx.Component:
    """Search and the accounts found."""
    return rx.vstack(
        rx.heading("Accounts", size="4", as_="h2"),
        rx.form(
            rx.hstack(
                rx.el.label("Search by email", html_for="account-search", font_weight="600"),
                rx.input(id="account-search", name="search", size="3", type="search"),
                rx.button("Search", type="submit", size="3"),
                wrap="wrap",
                align="center",
            ),
            on_submit=AdminState.find,
        ),
        reset_link_box(),
        rx.el.ul(
            rx.foreach(AdminState.accounts, account_card),
            class_name="mm-ws-cards",
            aria_label="Accounts",
        ),
        width="100%",
    )


def audit_section() -> rx.Component:
    """The audit log, newest first, by action, with its CSV export."""
    return rx.vstack(
        rx.heading("Audit log", size="4", as_="h2"),
        rx.hstack(
            rx.el.label("Action", html_for="audit-action", font_weight="600"),
            rx.el.select(
                rx.el.option("all actions", value=ALL),
                *[rx.el.option(a, value=a) for a in ACTIONS],
                id="audit-action",
                value=AdminState.action,
                on_change=AdminState.filter_audit,
                class_name="mm-ws-select",
            ),
            rx.button("Download CSV", on_click=AdminState.export_csv, variant="soft", size="3"),
            wrap="wrap",
            align="center",
        ),
        rx.el.ul(
            rx.foreach(AdminState.entries, entry_card),
            class_name="mm-ws-cards",
            aria_label="Audit log",
            id="audit-entries",
        ),
        width="100%",
    )


def coach_accounts() -> rx.Component:
    """Accounts and the audit log, for admins."""
    return staff_page(AdminState, "Accounts and audit log", accounts_section(), audit_section())


rx_page = {
    "route": routes.ADMIN_ACCOUNTS,
    "title": "Accounts · Micromastery",
    "on_load": AdminState.load,
}
