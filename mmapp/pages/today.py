"""Today: what next (reviews and nuggets, with reasons), the nuggets, an "I have N min" filter.

The picks come from the pathway on the phone (assets/js/mm-plan.js, mmapp/skills/pathway.py
rules), offline. With "Any": "Up next" (the reviews card and the first picks), then every
nugget; locked ones are dimmed with "Unlocks after …" but still open (coordinators assign
them). With minutes: "Up next" is what fits, reviews bounded to 40 % of the time.
"""

from __future__ import annotations

import reflex as rx

from mmapp import routes
from mmapp.components.bridge import mm
from mmapp.components.forms import field, form_messages, live_form, submit
from mmapp.components.layout import page, tap_button, workspace_link
from mmapp.components.mentoring_plan import mentoring_link, plan_action_cards
from mmapp.components.work import checkin_card
from mmapp.i18n import N_
from mmapp.i18n.client import nt, t
from mmapp.state import SESSION, TODAY

MINUTE_CHOICES = (5, 10, 15)


def minutes_filter() -> rx.Component:
    """Toggle buttons: any length, or what fits in 5, 10 or 15 minutes."""

    def choice(label: rx.Var[str], value: int) -> rx.Component:
        pressed = TODAY.value["minutes"].to(int) == value
        return tap_button(
            label,
            on_click=mm("setMinutes", value),
            variant=rx.cond(pressed, "solid", "soft"),
            aria_pressed=rx.cond(pressed, "true", "false"),
            id=f"minutes-{value}",
        )

    return rx.vstack(
        rx.text(t("I have…"), weight="bold", id="minutes-label"),
        rx.hstack(
            choice(t("Any"), 0),
            *[choice(t("{n} min", n=m), m) for m in MINUTE_CHOICES],
            spacing="2",
            wrap="wrap",
            role="group",
            aria_labelledby="minutes-label",
        ),
        rx.cond(TODAY.value["fit"] != "", rx.text(TODAY.value["fit"].to(str), id="fit-summary")),
        spacing="2",
    )


def _card(item: rx.Var, class_name: str) -> rx.Component:
    """A nugget card, the whole card the link, with its reason line when it has one."""
    return rx.link(
        rx.card(
            rx.hstack(
                rx.vstack(
                    rx.text(item["title"].to(str), weight="bold", size="4"),
                    rx.text(item["meta"].to(str), size="2", color=rx.color("gray", 11)),
                    rx.cond(
                        item["reason"],  # absent in a list remembered before reasons existed
                        # The icon beside the words, not above them (an svg is a block).
                        rx.hstack(
                            rx.cond(
                                item["locked"].to(bool),
                                rx.icon("lock", size=12, flex_shrink="0", margin_top="4px"),
                                rx.icon("sparkles", size=12, flex_shrink="0", margin_top="4px"),
                            ),
                            rx.text(item["reason"].to(str), size="2", weight="medium"),
                            spacing="1",
                            align="start",
                            color=rx.color("accent", 11),
                            class_name="mm-reason",
                        ),
                    ),
                    rx.text(item["summary"].to(str), size="2"),
                    spacing="1",
                    flex="1",
                ),
                rx.cond(
                    item["done"].to(bool),
                    rx.badge(
                        rx.icon("check", size=14),
                        t("Done"),
                        color_scheme="teal",
                        high_contrast=True,
                    ),
                ),
                align="start",
            ),
            width="100%",
        ),
        href=item["href"].to(str),
        underline="none",
        color="inherit",
        width="100%",
        opacity=rx.cond(item["locked"].to(bool), "0.6", "1"),
        class_name=class_name,
    )


def nugget_card(item: rx.Var) -> rx.Component:
    """One nugget of the list (with minutes chosen: one that fits)."""
    return _card(item, "mm-nugget-card")


def pick_card(item: rx.Var) -> rx.Component:
    """One of the first picks shown above the full list with "Any"."""
    return _card(item, "mm-pick-card")


def reviews_card() -> rx.Component:
    """Reviews due today, first: they are short and keep what was learned."""
    return rx.link(
        rx.card(
            rx.hstack(
                rx.icon("brain", size=22, color=rx.color("accent", 11)),
                rx.vstack(
                    rx.text(t("Review"), weight="bold", size="4"),
                    rx.text(TODAY.value["reviews_label"].to(str), size="2", id="reviews-due"),
                    spacing="1",
                    flex="1",
                ),
                rx.icon("chevron-right", size=18),
                align="center",
            ),
            width="100%",
        ),
        href=routes.REVIEW,
        underline="none",
        color="inherit",
        width="100%",
        class_name="mm-reviews-card",
    )


def week_link() -> rx.Component:
    """The week page: the same picks placed into the learner's commute times."""
    return rx.link(
        rx.icon("calendar-days", size=16),
        " ",  # the space between the icon and the words, as before
        t("Your week"),
        href=routes.WEEK,
        id="week-link",
        min_height="44px",
        display="inline-flex",
        align_items="center",
        gap="6px",
        weight="medium",
    )


def join_form() -> rx.Component:
    """Join a cohort with an invite code (needs the network)."""
    return live_form(
        rx.vstack(
            field(
                t("Invite code"),
                "join-code",
                placeholder=t("e.g. COMMUTE1"),
                auto_complete="off",
            ),
            form_messages(),
            submit(t("Join cohort"), t("Joining…")),
            width="100%",
        ),
        on_submit=mm("joinCohort"),
        reset_on_submit=False,
        width="100%",
        aria_label=t("Join a cohort"),
    )


def empty_today() -> rx.Component:
    """No nuggets: how a learner joins, or, for a coordinator, what this page is."""
    heading = TODAY.value["empty_heading"].to(str)
    staff = TODAY.value["empty_staff"].to(bool)
    return rx.vstack(
        # A Today list remembered by an older version has no words of its own: a learner's.
        rx.heading(rx.cond(heading != "", heading, t("No nuggets yet")), size="4", as_="h2"),
        rx.text(
            rx.cond(
                heading != "",
                TODAY.value["empty_text"].to(str),
                t("Join your cohort with the invite code your coordinator gave you."),
            ),
            id="today-empty-text",
        ),
        rx.cond(
            staff,
            rx.vstack(
                rx.link(t("Open the workspace"), href=routes.COACH, min_height="44px"),
                rx.text(t("To try it as a learner, join a cohort with its invite code:")),
                width="100%",
                spacing="1",
            ),
        ),
        join_form(),
        width="100%",
    )


def audit_invite() -> rx.Component:
    """For a learner who never rated a skill: the one-minute audit, or "Not now"."""
    return rx.card(
        rx.vstack(
            rx.heading(t("Where are you today?"), size="4", as_="h2"),
            rx.text(
                t(
                    "A one-minute skills audit: say where you stand in each skill, and "
                    "what comes next fits you."
                ),
                size="2",
            ),
            rx.hstack(
                rx.link(tap_button(t("Take the audit")), href=routes.AUDIT, id="audit-invite"),
                tap_button(t("Not now"), on_click=mm("dismissAudit"), variant="soft"),
                spacing="2",
                wrap="wrap",
            ),
            spacing="2",
        ),
        width="100%",
        class_name="mm-audit-invite",
    )


def today_page() -> rx.Component:
    """Greeting, streak, the time filter, what next (reviews, picks) and the nuggets."""
    return page(
        "today",
        rx.vstack(
            rx.hstack(
                rx.heading(t("Hi {name}", name=SESSION.value["name"].to(str)), size="6", as_="h1"),
                rx.spacer(),
                rx.badge(
                    rx.icon("flame", size=14),
                    nt("{n} day streak", "{n} day streak", TODAY.value["streak"].to(int)),
                    color_scheme="orange",
                    size="2",
                    high_contrast=True,
                ),
                width="100%",
                align="center",
            ),
            rx.text(TODAY.value["headline"].to(str), color=rx.color("gray", 11)),
            workspace_link(),
            # Absent from a Today list remembered by an older version: falsy then.
            rx.cond(TODAY.value["offer_audit"].to(bool), audit_invite()),
            # Absent from a remembered list too: falsy then.
            rx.cond(TODAY.value["checkin_text"].to(bool), checkin_card()),
            plan_action_cards(),  # "Did you try …?": actions from mentoring sessions
            rx.cond(
                TODAY.value["empty"].to(bool),
                empty_today(),
                rx.vstack(
                    minutes_filter(),
                    rx.hstack(week_link(), mentoring_link(), spacing="4", wrap="wrap"),
                    # `picks` is absent from a Today list remembered by an older version.
                    rx.cond(
                        (TODAY.value["reviews_due"].to(int) > 0)
                        | TODAY.value["picks"].to(list[dict]).bool()
                        | (
                            (TODAY.value["minutes"].to(int) > 0)
                            & TODAY.value["items"].to(list[dict]).bool()
                        ),
                        rx.heading(t("Up next"), size="4", as_="h2", padding_top="8px"),
                    ),
                    rx.cond(TODAY.value["reviews_due"].to(int) > 0, reviews_card()),
                    rx.cond(
                        TODAY.value["picks"].to(list[dict]).bool(),
                        rx.foreach(TODAY.value["picks"].to(list[dict]), pick_card),
                    ),
                    rx.cond(
                        TODAY.value["minutes"].to(int) == 0,
                        rx.heading(t("Your nuggets"), size="4", as_="h2", padding_top="8px"),
                    ),
                    rx.foreach(TODAY.value["items"].to(list[dict]), nugget_card),
                    width="100%",
                    spacing="3",
                ),
            ),
            spacing="3",
            width="100%",
        ),
        nav="today",
    )


rx_page = {"route": routes.TODAY, "title": N_("Today · Micromastery")}
