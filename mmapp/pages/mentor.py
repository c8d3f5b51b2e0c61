"""The mentor's own page: offers waiting, upcoming sessions, capacity, and the profile.

For the mentor role and anyone with a mentor profile (the navigation shows it then);
a learner who can teach a skill (level 4) may offer it here too. Local-first like the
learner pages: it paints from the phone (mm_mentor); Accept, Decline and saving the
profile need the network and say so calmly.
"""

from __future__ import annotations

import reflex as rx

from mmapp import routes
from mmapp.components.bridge import mm
from mmapp.components.forms import live_form, submit_button
from mmapp.components.layout import TOUCH, page, tap_button
from mmapp.components.mentoring import (
    choice_buttons,
    message_lines,
    session_card,
    slot_picker,
)
from mmapp.i18n import N_
from mmapp.i18n.client import t
from mmapp.state import MENTOR

V = MENTOR.value
LEVELS = (
    ("0", t("Not offered")),
    ("3", t("Level 3: on my own")),
    ("4", t("Level 4: I can teach it")),
)


def _offer(o: rx.Var) -> rx.Component:
    oid = o["id"].to(str)
    return rx.card(
        rx.vstack(
            rx.text(o["skill"].to(str), " · ", o["who"].to(str), weight="bold"),
            rx.text(o["need"].to(str)),
            rx.text(o["meta"].to(str), size="2", color=rx.color("gray", 11)),
            rx.hstack(
                tap_button(
                    t("Accept"), on_click=mm("mentor", "accept", oid), class_name="mm-accept"
                ),
                tap_button(
                    t("Decline"),
                    on_click=mm("mentor", "decline", oid),
                    variant="outline",
                    color_scheme="gray",
                    class_name="mm-decline",
                ),
                spacing="2",
            ),
            spacing="1",
            width="100%",
        ),
        width="100%",
        class_name="mm-offer",
    )


def _skill(s: rx.Var) -> rx.Component:
    sid = s["skill_id"].to(str)
    field_id = "mp-skill-" + sid
    chosen = rx.Var(f"(document.getElementById('mp-skill-'+{sid!s})||{{}}).value").to(str)
    return rx.vstack(
        rx.el.label(s["name"].to(str), html_for=field_id, font_weight="600"),
        rx.el.select(
            *[rx.el.option(label, value=value) for value, label in LEVELS],
            id=field_id,
            value=s["level"].to(str),
            disabled=~s["may_offer"].to(bool),
            on_change=mm("mentor", "level", sid, chosen),
            class_name="mm-select",
            min_height=TOUCH,
        ),
        spacing="1",
        width="100%",
    )


def _window(w: rx.Var, i: rx.Var) -> rx.Component:
    n = i.to(str)
    return rx.hstack(
        rx.vstack(
            rx.el.label(t("Day"), html_for="mw-day-" + n),
            rx.el.select(
                rx.foreach(
                    V["weekdays"].to(list[dict]),
                    lambda d: rx.el.option(d["label"].to(str), value=d["value"].to(str)),
                ),
                id="mw-day-" + n,
                default_value=w["weekday"].to(str),
                class_name="mm-select",
                min_height=TOUCH,
            ),
            spacing="1",
        ),
        rx.vstack(
            rx.el.label(t("From"), html_for="mw-start-" + n),
            rx.input(id="mw-start-" + n, type="time", step="300", default_value=w["start"].to(str)),
            spacing="1",
        ),
        rx.vstack(
            rx.el.label(t("To"), html_for="mw-end-" + n),
            rx.input(id="mw-end-" + n, type="time", step="300", default_value=w["end"].to(str)),
            spacing="1",
        ),
        tap_button(
            t("Remove"),
            on_click=mm("mentor", "window_remove", i),
            variant="ghost",
            type="button",
        ),
        wrap="wrap",
        align="end",
        spacing="2",
        class_name="mm-window",
        # Re-created when the windows change, so each shows its own saved times.
        key=n + "-" + w["weekday"].to(str) + w["start"].to(str) + w["end"].to(str),
    )


def _session(row: rx.Var) -> rx.Component:
    moving = V["slots_for"].to(str) == row["id"].to(str)
    picker = slot_picker(V, "mentor")
    return rx.vstack(session_card(row, "mentor"), rx.cond(moving, picker), width="100%")


def profile_form() -> rx.Component:
    """Skills at level 3 or 4, bio, lengths, capacity, timezone, weekly windows."""
    return live_form(
        rx.vstack(
            rx.heading(t("What you offer"), size="4", as_="h2", id="mp-heading"),
            rx.cond(
                ~V["can_offer"].to(bool),
                rx.text(
                    t("When you can teach a skill (level 4), you can offer to mentor it here."),
                    id="mp-cannot",
                ),
            ),
            rx.foreach(V["skills"].to(list[dict]), _skill),
            rx.el.label(
                t("About you (up to 400 characters)"), html_for="mp-bio", font_weight="600"
            ),
            rx.text_area(
                id="mp-bio", default_value=V["bio"].to(str), max_length=400, rows="3", width="100%"
            ),
            rx.text(t("Session lengths"), weight="bold", id="mp-lengths"),
            choice_buttons(V["lengths"], "mentor", "length", "mp-lengths", "mlength"),
            rx.el.label(t("Sessions a month"), html_for="mp-capacity", font_weight="600"),
            rx.input(
                id="mp-capacity",
                type="number",
                min=1,
                max=60,
                default_value=V["monthly_capacity"].to(str),
                size="3",
            ),
            rx.el.label(t("Your timezone"), html_for="mp-timezone", font_weight="600"),
            rx.input(id="mp-timezone", default_value=V["timezone"].to(str), size="3", width="100%"),
            rx.text(t("When you are free each week (your time)"), weight="bold"),
            rx.foreach(V["windows"].to(list[dict]), _window),
            tap_button(
                t("Add a time"),
                on_click=mm("mentor", "window_add"),
                variant="soft",
                type="button",
                id="mw-add",
            ),
            submit_button(
                rx.cond(V["busy"].to(bool), t("Saving…"), t("Save what I offer")),
                disabled=V["busy"].to(bool) | ~V["can_offer"].to(bool),
                size="3",
                min_height=TOUCH,
                width="100%",
                id="mp-save",
            ),
            width="100%",
            spacing="2",
            # Re-created once the saved profile is on the phone, so its fields show it.
            key=V["loaded"].to(str) + V["has_profile"].to(str),
        ),
        on_submit=mm("mentor", "save"),
        reset_on_submit=False,
        aria_labelledby="mp-heading",
        width="100%",
    )


def mentor_page() -> rx.Component:
    """Offers, upcoming sessions, capacity this month, then the profile form."""
    return page(
        "mentor",
        rx.vstack(
            rx.heading(t("Mentor"), size="6", as_="h1"),
            message_lines(V, "mentor"),
            rx.cond(
                V["capacity"].to(str) != "",
                rx.card(
                    rx.vstack(
                        rx.text(V["capacity"].to(str), weight="bold", id="mentor-capacity"),
                        rx.progress(
                            value=V["capacity_pct"].to(int),
                            width="100%",
                            aria_label=t("Sessions this month"),
                        ),
                        width="100%",
                    ),
                    width="100%",
                ),
            ),
            rx.heading(t("Waiting for your answer"), size="4", as_="h2"),
            rx.cond(
                V["offers"].to(list[dict]).bool(),
                rx.foreach(V["offers"].to(list[dict]), _offer),
                rx.text(t("No requests are waiting for you."), id="mentor-no-offers"),
            ),
            rx.heading(t("Your sessions"), size="4", as_="h2"),
            rx.cond(
                V["sessions"].to(list[dict]).bool(),
                rx.foreach(V["sessions"].to(list[dict]), _session),
                rx.text(t("No sessions yet.")),
            ),
            profile_form(),
            spacing="3",
            width="100%",
        ),
        nav="mentor",
    )


rx_page = {"route": routes.MENTOR, "title": N_("Mentor · Micromastery")}
