"""Analytics views of the cohort page: the charts and the tables with CSV downloads."""

from __future__ import annotations

from typing import Any

import reflex as rx

from mmapp.state.cohort import CohortState


def table(name: str, headers: list[tuple[str, str]], caption: str) -> rx.Component:
    """One analytics table with its CSV download."""
    rows = CohortState.tables[name].to(list[dict[str, Any]])
    return rx.vstack(
        rx.el.div(  # a narrow screen scrolls the table, not the page
            rx.el.table(
                rx.el.caption(caption, class_name="mm-visually-hidden"),
                rx.el.thead(rx.el.tr(*[rx.el.th(label, scope="col") for _, label in headers])),
                rx.el.tbody(
                    rx.foreach(
                        rows,
                        lambda r: rx.el.tr(*[rx.el.td(r[key].to(str)) for key, _ in headers]),
                    )
                ),
                class_name="mm-ws-table",
                id=f"table-{name}",
            ),
            class_name="mm-ws-scroll",
            role="region",
            aria_label=caption,
            tab_index=0,
        ),
        rx.button(
            f"Download {caption.lower()} (CSV)",
            on_click=CohortState.download(name),
            variant="ghost",
            size="2",
        ),
        width="100%",
    )


def bars(data: rx.Var, *, x: str, y: str, name: str) -> rx.Component:
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
            rx.heading("Completions over time", size="3", as_="h3"),
            rx.recharts.line_chart(
                rx.recharts.line(
                    data_key="cumulative",
                    stroke="var(--accent-9)",
                    name="Nuggets completed",
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
            rx.heading("Minutes by hour of day", size="3", as_="h3"),
            bars(hours, x="hour", y="minutes", name="Minutes"),
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
        rx.heading("Reviews per day, last 28 days", size="3", as_="h3"),
        bars(reviews, x="day", y="reviews", name="Reviews"),
        width="100%",
        id="chart-reviews",
    )
