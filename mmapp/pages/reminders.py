"""Reminders: commute times, days, daily goal and quiet hours; "Remind me" on a tap.

Notification permission is asked only when the learner taps "Remind me". Saving
times needs the network (the server sends the reminders); the page says so.
"""

from __future__ import annotations

import reflex as rx

from mmapp import routes
from mmapp.components.bridge import mm
from mmapp.components.forms import form_messages
from mmapp.components.layout import TOUCH, around, page, tap_button
from mmapp.i18n import N_
from mmapp.i18n.client import nt, t
from mmapp.state import FORM, PUSH

DAYS = (t("Mon"), t("Tue"), t("Wed"), t("Thu"), t("Fri"), t("Sat"), t("Sun"))
GOALS = ("5", "10", "15", "20", "30")


def time_field(label: rx.Var[str], field_id: str, default: str) -> rx.Component:
    """A labelled native time picker (the phone's own wheel)."""
    return rx.vstack(
        rx.el.label(label, html_for=field_id, font_weight="600"),
        rx.el.input(
            type="time",
            id=field_id,
            default_value=default,
            class_name="mm-time",
            min_height=TOUCH,
        ),
        spacing="1",
    )


def day_toggle(index: int) -> rx.Component:
    """One weekday chip, pressed when reminders ring that day."""
    on = PUSH.value["days"].to(list[bool])[index]
    return rx.button(
        DAYS[index],
        on_click=mm("toggleDay", index),
        variant=rx.cond(on, "solid", "soft"),
        aria_pressed=rx.cond(on, "true", "false"),
        type="button",
        size="3",
        min_height=TOUCH,
        min_width=TOUCH,
        padding_x="8px",
        class_name="mm-day",
    )


def subscribe_block() -> rx.Component:
    """Where reminders stand on this phone, and the one button that changes it."""
    p = PUSH.value
    return rx.vstack(
        rx.callout(
            p["status"].to(str),
            icon=rx.cond(p["subscribed"].to(bool), "bell-ring", "bell-off"),
            high_contrast=True,
            role="status",
            id="push-status",
            width="100%",
        ),
        rx.cond(
            p["support"].to(str) == "ok",
            rx.cond(
                p["subscribed"].to(bool),
                tap_button(
                    t("Stop reminders on this phone"),
                    on_click=mm("stopReminders"),
                    variant="soft",
                    disabled=p["busy"].to(bool),
                    id="stop-reminders",
                ),
                tap_button(
                    rx.cond(p["busy"].to(bool), t("Turning on…"), t("Remind me")),
                    on_click=mm("remindMe"),
                    disabled=p["busy"].to(bool),
                    id="remind-me",
                ),
            ),
        ),
        spacing="3",
        width="100%",
    )


def plan_form() -> rx.Component:
    """Commute times, days, goal and quiet hours, saved to the server."""
    return rx.vstack(
        rx.heading(t("Your commute"), size="4", as_="h2"),
        rx.hstack(
            time_field(t("Morning"), "remind-morning", "08:10"),
            time_field(t("Evening"), "remind-evening", "17:40"),
            spacing="4",
        ),
        rx.text(t("Leave a time empty to skip it."), size="2", color=rx.color("gray", 11)),
        rx.el.fieldset(
            rx.el.legend(t("Days"), font_weight="600"),
            rx.hstack(*[day_toggle(i) for i in range(7)], spacing="1", wrap="wrap"),
            class_name="mm-fieldset",
        ),
        rx.vstack(
            rx.el.label(t("Daily goal"), html_for="remind-goal", font_weight="600"),
            rx.el.select(
                *[rx.el.option(nt("{n} minute", "{n} minutes", int(g)), value=g) for g in GOALS],
                id="remind-goal",
                default_value="10",
                class_name="mm-select",
                min_height=TOUCH,
            ),
            rx.text(
                t("No reminder once you've reached it that day."),
                size="2",
                color=rx.color("gray", 11),
            ),
            spacing="1",
        ),
        rx.hstack(
            time_field(t("Quiet from"), "quiet-start", "22:00"),
            time_field(t("until"), "quiet-end", "07:00"),
            spacing="4",
        ),
        rx.text(
            around(
                t("Times are local to {zone} and follow daylight saving."),
                "zone",
                rx.el.span(PUSH.value["timezone"].to(str), id="remind-timezone"),
            ),
            size="2",
        ),
        form_messages(),
        tap_button(
            rx.cond(FORM.value["busy"], t("Saving…"), t("Save reminder times")),
            on_click=mm("saveReminders"),
            disabled=FORM.value["busy"].to(bool),
            width="100%",
            id="save-reminders",
        ),
        rx.link(
            rx.icon("calendar-days", size=16),
            " ",  # the space between the icon and the words, as before
            t("See your week: what each trip holds"),
            href=routes.WEEK,
            id="see-week",
            min_height=TOUCH,
            display="inline-flex",
            align_items="center",
            gap="6px",
        ),
        spacing="3",
        width="100%",
    )


def reminders_page() -> rx.Component:
    """Reminder settings for this learner and this phone."""
    return page(
        "reminders",
        rx.vstack(
            rx.heading(t("Reminders"), size="6", as_="h1"),
            rx.text(t("A nudge at your commute, naming what your week plan holds for the ride.")),
            subscribe_block(),
            plan_form(),
            spacing="4",
            width="100%",
        ),
        nav="reminders",
    )


rx_page = {"route": routes.REMINDERS, "title": N_("Reminders · Micromastery")}
