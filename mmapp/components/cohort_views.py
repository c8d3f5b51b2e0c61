"""Parts of the cohort page: charts, tables with CSV downloads, invite, members, settings."""

from __future__ import annotations

from typing import Any

import reflex as rx

from mmapp.components.forms import live_form, submit_button
from mmapp.components.staff import Column, Label, data_table, moment
from mmapp.i18n.client import t
from mmapp.state.cohort import CohortState


def table(
    name: str, columns: list[tuple[str, Label] | Column], caption: Label, download: Label
) -> rx.Component:
    """One analytics table (sortable; cards on a phone) with its CSV download.

    Args:
        name: The analytics table's name.
        columns: `(key, label)` pairs, or `Column`s for cells drawn their own way.
        caption: What the table is, for screen readers.
        download: The download button's words, e.g. `t("Download devices (CSV)")`.
    """
    rows = CohortState.tables[name].to(list[dict[str, Any]])
    shown = [c if isinstance(c, Column) else Column(*c) for c in columns]
    return rx.vstack(
        data_table(CohortState, name, rows, shown, caption),
        rx.button(
            download,
            on_click=CohortState.download(name),
            variant="ghost",
            size="3",
            min_height="44px",
        ),
        width="100%",
    )


def bars(data: rx.Var, *, x: str, y: str, name: Label) -> rx.Component:
    """A bar chart of counts: `y` of each row against its `x`."""
    return rx.recharts.bar_chart(
        rx.recharts.bar(data_key=y, fill="var(--accent-9)", name=name, is_animation_active=False),
        rx.recharts.x_axis(data_key=x),
        rx.recharts.y_axis(allow_decimals=False),
        rx.recharts.graphing_tooltip(),
        data=data,
        width="100%",
        height=220,
    )


def charts() -> rx.Component:
    """Completions over time and minutes by hour of day (the commute peaks)."""
    completion = CohortState.tables["completion"].to(list[dict[str, Any]])
    hours = CohortState.tables["hours"].to(list[dict[str, Any]])
    return rx.flex(
        rx.box(
            rx.heading(t("Completions over time"), size="3", as_="h3"),
            rx.recharts.line_chart(
                rx.recharts.line(
                    data_key="cumulative",
                    stroke="var(--accent-9)",
                    name=t("Nuggets completed"),
                    is_animation_active=False,
                ),
                rx.recharts.x_axis(data_key="day"),
                rx.recharts.y_axis(allow_decimals=False),
                rx.recharts.graphing_tooltip(),
                data=completion,
                width="100%",
                height=220,
            ),
            flex="1 1 360px",
        ),
        rx.box(
            rx.heading(t("Minutes by hour of day"), size="3", as_="h3"),
            bars(hours, x="hour", y="minutes", name=t("Minutes")),
            flex="1 1 360px",
        ),
        gap="24px",
        wrap="wrap",
        width="100%",
    )


def review_chart() -> rx.Component:
    """Review answers per day over the last 28 days (learners' local dates)."""
    reviews = CohortState.tables["reviews"].to(list[dict[str, Any]])
    return rx.box(
        rx.heading(t("Reviews per day, last 28 days"), size="3", as_="h3"),
        bars(reviews, x="day", y="reviews", name=t("Reviews")),
        width="100%",
        id="chart-reviews",
    )


def invite() -> rx.Component:
    """The full invite link, a Copy button and the same link as a QR code for a phone."""
    return rx.flex(
        rx.vstack(
            rx.text(t("Invite link"), weight="bold", id="invite-label"),
            rx.el.a(
                CohortState.invite_link,
                href=CohortState.invite_link,
                id="invite-link",
                class_name="mm-break",
            ),
            rx.text(t("Opening it, and signing in, joins this cohort."), size="2"),
            rx.button(
                rx.icon("copy", size=16),
                t("Copy link"),
                on_click=[rx.set_clipboard(CohortState.invite_link), CohortState.copied],
                type="button",
                size="3",
                variant="soft",
                id="invite-copy",
            ),
            spacing="2",
            min_width="0",
            flex="1 1 16rem",
        ),
        rx.image(
            src=CohortState.invite_qr,
            alt=t("QR code of the invite link: scan it with a phone's camera to join"),
            width="164px",
            height="164px",
            id="invite-qr",
        ),
        gap="16px",
        wrap="wrap",
        align="start",
        width="100%",
    )


def device(row: rx.Var) -> rx.Component:
    """The device in words; the stored browser string only as its title."""
    return rx.text(row["device_name"].to(str), title=row["device"].to(str), as_="span")


def members() -> rx.Component:
    """The members: name, email, when they joined, and Remove."""
    return data_table(
        CohortState,
        "members",
        CohortState.members,
        [
            Column("name", t("Name")),
            Column(
                "email",
                t("Email"),
                cell=lambda m: rx.text(m["email"].to(str), class_name="mm-break", as_="span"),
            ),
            Column("joined_at", t("Joined"), cell=lambda m: moment(m, "joined")),
            Column(
                "id",
                "",
                sort=None,
                cell=lambda m: rx.button(
                    t("Remove"),
                    on_click=CohortState.remove_member(m["id"].to(str)),
                    variant="soft",
                    color_scheme="gray",
                    size="3",
                    aria_label=t("Remove {name}", name=m["name"].to(str)),
                ),
            ),
        ],
        t("Members"),
    )


def settings_form() -> rx.Component:
    """Rename the cohort (the box shows its name); archive or restore it.

    An archived cohort's invite code stops working.
    """
    c = CohortState.cohort
    return rx.hstack(
        live_form(
            rx.hstack(
                rx.vstack(
                    rx.el.label(t("Cohort name"), html_for="cohort-rename", font_weight="600"),
                    rx.input(
                        width="100%",
                        id="cohort-rename",
                        name="name",
                        required=True,
                        size="3",
                        default_value=c.name,
                        key=c.name,  # a new name re-mounts the box with it
                        max_length=120,
                    ),
                    class_name="mm-ws-field",
                ),
                submit_button(t("Save name"), size="3", variant="soft"),
                align="end",
                wrap="wrap",
            ),
            on_submit=CohortState.update,
            reset_on_submit=False,
        ),
        rx.button(
            rx.cond(c.archived, t("Restore cohort"), t("Archive cohort")),
            on_click=CohortState.update({"archive": rx.cond(c.archived, "restore", "archive")}),
            type="button",
            size="3",
            variant="soft",
            color_scheme="gray",
            id="cohort-archive",
        ),
        align="end",
        wrap="wrap",
    )


def sharing() -> rx.Component:
    """Co-coordinators: who else manages this cohort, and adding one by email."""
    return rx.vstack(
        rx.heading(t("Co-coordinators"), size="4", as_="h2"),
        rx.foreach(CohortState.shares, lambda u: rx.text(u.name, " · ", u.email)),
        live_form(
            rx.hstack(
                rx.vstack(
                    rx.el.label(
                        t("Coordinator's email"), html_for="share-email", font_weight="600"
                    ),
                    rx.input(
                        width="100%",
                        id="share-email",
                        name="email",
                        type="email",
                        placeholder="coordinator@example.org",
                        required=True,
                        size="3",
                    ),
                    class_name="mm-ws-field",
                ),
                submit_button(t("Share cohort"), size="3", variant="soft"),
                align="end",
                wrap="wrap",
            ),
            on_submit=CohortState.share,
            reset_on_submit=True,
        ),
        width="100%",
    )
