"""Admin page: accounts (role, disable, reset link) and the audit log, newest first."""

from __future__ import annotations

import reflex as rx

from mmapp import routes
from mmapp.components.forms import live_form, submit_button
from mmapp.components.staff import Column, data_table, moment, staff_page
from mmapp.i18n.client import t
from mmapp.models import AuditAction
from mmapp.present.actions import ACTION_NAMES
from mmapp.state.admin import ACTIONS, ALL, AdminState

# Each role's code and its name in the reader's words (the server words notices alike).
ROLES = {"learner": t("learner"), "coordinator": t("coordinator"), "admin": t("admin")}


def role_cell(a: rx.Var) -> rx.Component:
    """The account's role, changed by picking another."""
    return rx.el.select(
        *[rx.el.option(name, value=role) for role, name in ROLES.items()],
        id="role-" + a["id"].to(str),
        value=a["role"].to(str),
        on_change=lambda v: AdminState.set_role(a["id"].to(str), v),
        aria_label=t("Role of {email}", email=a["email"].to(str)),
        class_name="mm-ws-select",
    )


def actions_cell(a: rx.Var) -> rx.Component:
    """Disable or enable the account; make a one-time reset link."""
    account = a["id"].to(str)
    return rx.flex(
        rx.cond(
            a["disabled"].to(bool),
            rx.button(
                t("Enable"),
                on_click=AdminState.set_disabled(account, False),
                variant="soft",
                size="3",
            ),
            rx.button(
                t("Disable"),
                on_click=AdminState.set_disabled(account, True),
                variant="soft",
                color_scheme="red",
                size="3",
            ),
        ),
        rx.button(
            t("Make reset link"),
            on_click=AdminState.make_reset_link(account, a["email"].to(str)),
            variant="outline",
            size="3",
        ),
        gap="8px",
        wrap="wrap",
    )


ACCOUNT_COLUMNS = [
    Column(
        "email",
        t("Email"),
        cell=lambda a: rx.text(
            a["email"].to(str), weight="bold", class_name="mm-break", as_="span"
        ),
    ),
    Column(
        "name",
        t("Name"),
        cell=lambda a: rx.text(
            rx.cond(
                a["disabled"].to(bool),
                t("{name} · disabled", name=a["name"].to(str)),
                a["name"].to(str),
            ),
            as_="span",
        ),
    ),
    Column("role", t("Role"), cell=role_cell),
    Column("created_at", t("Joined"), cell=lambda a: moment(a, "created")),
    Column("id", "", sort=None, cell=actions_cell),
]
AUDIT_COLUMNS = [
    Column("at", t("When"), cell=lambda e: moment(e, "at")),
    Column(
        "actor",
        t("Who"),
        cell=lambda e: rx.text(e["actor"].to(str), class_name="mm-break", as_="span"),
    ),
    Column(
        "what",
        t("What"),
        cell=lambda e: rx.text(e["what"].to(str), class_name="mm-break", as_="span"),
    ),
]


def reset_link_box() -> rx.Component:
    """The link just made, shown once, to pass on."""
    return rx.cond(
        AdminState.reset_link != "",
        rx.box(
            rx.text(
                t(
                    "One-time link for {email} (works once, for 24 hours; shown once):",
                    email=AdminState.reset_for,
                )
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
        rx.heading(t("Accounts"), size="4", as_="h2"),
        live_form(
            rx.hstack(
                rx.el.label(t("Search by email"), html_for="account-search", font_weight="600"),
                rx.input(id="account-search", name="search", size="3", type="search"),
                submit_button(t("Search"), size="3"),
                wrap="wrap",
                align="center",
            ),
            on_submit=AdminState.find,
        ),
        reset_link_box(),
        data_table(AdminState, "accounts", AdminState.accounts, ACCOUNT_COLUMNS, t("Accounts")),
        width="100%",
    )


def audit_section() -> rx.Component:
    """The audit log, newest first, by action, with its CSV export."""
    return rx.vstack(
        rx.heading(t("Audit log"), size="4", as_="h2"),
        rx.hstack(
            rx.el.label(t("Action"), html_for="audit-action", font_weight="600"),
            rx.el.select(
                rx.el.option(t("All actions"), value=ALL),
                *[rx.el.option(t(ACTION_NAMES[AuditAction(a)]), value=a) for a in ACTIONS],
                id="audit-action",
                value=AdminState.action,
                on_change=AdminState.filter_audit,
                class_name="mm-ws-select",
            ),
            rx.button(t("Download CSV"), on_click=AdminState.export_csv, variant="soft", size="3"),
            wrap="wrap",
            align="center",
        ),
        rx.box(
            data_table(AdminState, "entries", AdminState.entries, AUDIT_COLUMNS, t("Audit log")),
            id="audit-entries",
            width="100%",
        ),
        width="100%",
    )


def coach_accounts() -> rx.Component:
    """Accounts and the audit log, for admins."""
    return staff_page(
        AdminState,
        t("Accounts and audit log"),
        accounts_section(),
        audit_section(),
        active=routes.ADMIN_ACCOUNTS,
    )


rx_page = {
    "route": routes.ADMIN_ACCOUNTS,
    "title": t("Accounts · Micromastery"),
    "on_load": AdminState.load,
}
