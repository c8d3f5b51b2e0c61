"""Layout pieces of the coordinator workspace: a wider page, messages, the phone frame."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

import reflex as rx

from mmapp import routes
from mmapp.components.forms import status_callouts
from mmapp.i18n import N_
from mmapp.i18n.client import attach_catalogue, t
from mmapp.state.staff import SortableTables, StaffState

# A label: a literal, or `t("…")` (text in the reader's language).
Label = str | rx.Var


def messages(state: type[StaffState]) -> rx.Component:
    """The last error (announced) or confirmation of a workspace action."""
    return status_callouts(state.error, state.notice, error_id="ws-error", notice_id="ws-notice")


# The workspace's own pages, in its navigation (label msgid, route, admins only).
NAV = (
    (N_("Workspace"), routes.COACH, False),
    (N_("Credentials"), routes.COACH_BADGES, False),
    (N_("Accounts and audit log"), routes.ADMIN_ACCOUNTS, True),
)
LEARNER_VIEW = N_("Learner view")


def coded(value: rx.Var, words: dict[str, rx.Var]) -> rx.Var:
    """A stored code ("draft", "behind") in the reader's words; an unknown code as it is.

    Args:
        value: The code.
        words: Each code's words, `t("…")`.
    """
    return rx.match(value, *words.items(), value.to(str))  # type: ignore[return-value]


def nugget_status(status: rx.Var) -> rx.Var:
    """A nugget's status ("draft", "published"…) in the reader's words."""
    words = {
        "new": t("new"),
        "draft": t("draft"),
        "published": t("published"),
        "retracted": t("retracted"),
    }
    return coded(status, words)


def _nav_link(label: str, href: str, active: str) -> rx.Component:
    return rx.el.li(
        rx.el.a(
            t(label),
            href=href,
            class_name="mm-ws-link mm-ws-nav-link",
            aria_current="page" if href == active else None,
        )
    )


def workspace_nav(state: type[StaffState], active: str) -> rx.Component:
    """The workspace's pages: beside the content from 1024 px, a row of links above it below."""
    links = [
        rx.cond(state.viewer_is_admin, _nav_link(label, href, active))
        if admin_only
        else _nav_link(label, href, active)
        for label, href, admin_only in NAV
    ]
    return rx.el.nav(
        rx.el.ul(
            *links, _nav_link(LEARNER_VIEW, routes.TODAY, active), class_name="mm-ws-nav-list"
        ),
        aria_label=t("Workspace"),
        class_name="mm-ws-nav",
    )


def staff_page(
    state: type[StaffState], title: Label, *children: rx.Component, active: str = ""
) -> rx.Component:
    """A workspace page: header, navigation and content for staff (or how to sign in).

    From 1024 px the navigation stands beside the content. Its text follows the
    device's catalogue (loaded on mount); the server writes in `state.locale`.

    Args:
        state: The page's state.
        title: The page's heading, `t("…")`.
        *children: The content.
        active: The page's route (marked current in the navigation).
    """
    return rx.box(
        rx.el.header(
            rx.hstack(
                rx.el.a(t("Micromastery workspace"), href=routes.COACH, class_name="mm-ws-brand"),
                rx.spacer(),
                rx.text(state.viewer_name, size="2", color=rx.color("gray", 11)),
                align="center",
                width="100%",
                wrap="wrap",
            ),
            padding_y="12px",
        ),
        rx.box(
            workspace_nav(state, active),
            rx.el.main(
                rx.cond(
                    state.denied != "",
                    rx.vstack(
                        rx.heading(t("Workspace"), size="6", as_="h1"),
                        rx.callout(
                            state.denied,
                            icon="lock",
                            role="alert",
                            id="ws-denied",
                            high_contrast=True,
                        ),
                        rx.el.a(t("Sign in"), href=routes.SIGNIN, class_name="mm-ws-link"),
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
                min_width="0",
            ),
            class_name="mm-ws-shell",
        ),
        max_width="1280px",
        margin="0 auto",
        padding_x="16px",
        padding_bottom="48px",
        on_mount=attach_catalogue(),
    )


def phone_frame(*children: rx.Component) -> rx.Component:
    """A 390-px phone outline around a preview of what learners will see."""
    return rx.box(
        *children,
        class_name="mm-phone-frame",
        aria_label=t("Phone preview"),
        role="region",
        tab_index=0,  # it scrolls: keyboard users reach it (axe scrollable-region-focusable)
    )


@dataclasses.dataclass(frozen=True)
class Column:
    """One column of a workspace table (a line "label: value" on a card under 600 px).

    Attributes:
        key: The row field shown (as text) when there is no `cell`.
        label: The header, and the label on a card: `t("…")` (or "" for none).
        sort: The field the column sorts on ("" means `key`; None: it does not sort).
        cell: Draws the cell from the row, for links, forms, times.
    """

    key: str
    label: Label
    sort: str | None = ""
    cell: Callable[[rx.Var], rx.Component] | None = None

    @property
    def sort_key(self) -> str | None:
        """The field this column sorts on, or None."""
        return None if self.sort is None else (self.sort or self.key)


def moment(row: rx.Var, name: str) -> rx.Component:
    """A time in words ("2 hours ago"), with its local time and timezone.

    The local time shows on hover, and beside the words on a phone (no hover there).
    """
    local = row[f"{name}_local"].to(str)
    return rx.fragment(
        rx.el.time(
            row[f"{name}_ago"].to(str),
            title=local,
            date_time=row[name].to(str),
            class_name="mm-when",
        ),
        rx.cond(local != "", rx.el.span(" (", local, ")", class_name="mm-when-local")),
    )


def _header(state: type[SortableTables], table: str, column: Column) -> rx.Component:
    key = column.sort_key
    if key is None:
        return rx.el.th(column.label, scope="col")
    order = state.sorts[table].to(str)
    return rx.el.th(
        rx.el.button(
            column.label,
            rx.cond(
                order == key,
                rx.icon("arrow-up", size=14, aria_hidden="true"),
                rx.cond(
                    order == f"-{key}",
                    rx.icon("arrow-down", size=14, aria_hidden="true"),
                    rx.icon("arrow-up-down", size=14, aria_hidden="true", opacity="0.45"),
                ),
            ),
            type="button",
            on_click=state.sort_table(table, key),
            class_name="mm-sort",
        ),
        scope="col",
        aria_sort=rx.cond(
            order == key, "ascending", rx.cond(order == f"-{key}", "descending", "none")
        ),
    )


def _narrow_sort(state: type[SortableTables], table: str, columns: list[Column]) -> rx.Component:
    """Under 600 px the headers give way to cards: a "Sort by" list does their job."""
    options = [rx.el.option(t("As listed"), value="")]
    for c in columns:
        if c.sort_key is not None:
            options.append(rx.el.option(c.label, value=c.sort_key))
            reversed_ = t("{label}, reversed", label=c.label)
            options.append(rx.el.option(reversed_, value=f"-{c.sort_key}"))
    return rx.el.label(
        rx.el.span(t("Sort by"), font_weight="600"),
        rx.el.select(
            *options,
            value=state.sorts[table].to(str),
            on_change=lambda spec: state.sort_to(table, spec),
            class_name="mm-ws-select",
        ),
        class_name="mm-ws-narrow-sort",
    )


def data_table(
    state: type[SortableTables],
    table: str,
    rows: rx.Var,
    columns: list[Column],
    caption: Label,
) -> rx.Component:
    """A workspace table: sortable headers from 600 px, the same rows as cards below.

    Args:
        state: The page's state (its `sorts` and `sort_table`; `table` must be one of
            its `_sortable()` names when any column sorts).
        table: The table's name (its rows' attribute, its element id `table-<name>`).
        rows: The rows (list of dicts or models).
        columns: What to show of each row.
        caption: The table's name for screen readers and the card list's label.
    """

    def row(r: rx.Var) -> rx.Component:
        return rx.el.tr(
            *[
                rx.el.td(
                    c.cell(r) if c.cell else r[c.key].to(str),
                    custom_attrs={"data-label": c.label},
                )
                for c in columns
            ]
        )

    sorts = any(c.sort_key is not None for c in columns)
    return rx.box(
        rx.cond(rows.length() > 0, _narrow_sort(state, table, columns)) if sorts else rx.fragment(),  # type: ignore[attr-defined]
        rx.el.table(
            rx.el.caption(caption, class_name="mm-visually-hidden"),
            rx.el.thead(rx.el.tr(*[_header(state, table, c) for c in columns])),
            rx.el.tbody(rx.foreach(rows, row)),
            class_name="mm-ws-table",
            id=f"table-{table}",
        ),
        width="100%",
    )
