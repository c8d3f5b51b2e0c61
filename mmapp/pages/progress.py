"""Progress: nuggets done, minutes, goal, streak and per-skill progress; account actions."""

from __future__ import annotations

import reflex as rx

from mmapp import routes
from mmapp.components.bridge import mm
from mmapp.components.credentials import credentials_list
from mmapp.components.layout import TOUCH, page, tap_button, workspace_link
from mmapp.components.mentoring_plan import ask_mentor
from mmapp.components.my_data import my_data_section
from mmapp.components.skills_profile import skills_profile_section
from mmapp.components.teach import done_title
from mmapp.components.work import tried_list
from mmapp.i18n import LANGUAGE_NAMES, N_
from mmapp.i18n.client import I18N, t
from mmapp.pages.today import join_form
from mmapp.state import APP, PROGRESS, SYNC

P = PROGRESS.value
# The language picked, read when the select changes (as the quiz reads its text box).
LANGUAGE_CHOICE = rx.Var("(document.getElementById('language-select')||{}).value").to(str)


def stat(label: rx.Var[str], value: rx.Var, stat_id: str) -> rx.Component:
    """A big number with its label."""
    return rx.card(
        rx.vstack(
            rx.text(value, size="7", weight="bold", id=stat_id),
            rx.text(label, size="2", color=rx.color("gray", 11)),
            spacing="0",
            align="center",
        ),
        flex="1",
    )


def goal_card() -> rx.Component:
    """Today's minutes toward the daily goal, freezes held and any freeze spent."""
    return rx.card(
        rx.vstack(
            rx.text(P["goal_label"].to(str), weight="bold", id="goal-today"),
            rx.progress(value=P["goal_pct"].to(int), width="100%", aria_label=t("Daily goal")),
            rx.hstack(
                rx.text(P["freezes_label"].to(str), size="2", id="freezes-held"),
                rx.cond(
                    P["freeze_note"].to(str) != "",
                    rx.text(P["freeze_note"].to(str), size="2", id="freeze-note"),
                ),
                spacing="3",
                wrap="wrap",
            ),
            width="100%",
            spacing="2",
        ),
        width="100%",
    )


def self_rating(skill: rx.Var) -> rx.Component:
    """What the learner said in the audit beside what practice shows, or an invitation."""
    return rx.cond(
        skill["rated"].to(bool),
        rx.text(skill["said"].to(str), size="2", class_name="mm-skill-said"),
        rx.hstack(
            rx.text(t("Not rated yet"), size="2"),
            rx.link(
                tap_button(t("Take the audit"), variant="soft"),
                href=routes.AUDIT,
                class_name="mm-skill-said",
            ),
            align="center",
            spacing="2",
        ),
    )


def skill_row(skill: rx.Var) -> rx.Component:
    """One skill's progress bar, its level as a badge, the audit's word and the next step."""
    next_step = skill["next_step"].to(str)
    return rx.vstack(
        rx.hstack(
            rx.text(skill["name"].to(str), weight="bold"),
            rx.badge(skill["level_label"].to(str), variant="soft", class_name="mm-skill-level"),
            rx.spacer(),
            rx.text(skill["label"].to(str), size="2", white_space="nowrap"),
            width="100%",
            align="center",
        ),
        self_rating(skill),
        rx.cond(
            skill["goal"].to(str) != "",
            rx.text(skill["goal"].to(str), size="2", class_name="mm-skill-goal"),
        ),
        ask_mentor(skill),
        rx.progress(value=skill["pct"].to(int), width="100%", aria_label=skill["name"].to(str)),
        rx.hstack(
            rx.cond(
                next_step != "",
                rx.text(t("Next: {step}", step=next_step), size="2", class_name="mm-skill-next"),
            ),
            rx.spacer(),
            rx.cond(
                skill["recall_pct"].to(int) > 0,
                rx.text(
                    t("Recall {pct} %", pct=skill["recall_pct"].to(str)),
                    size="2",
                    white_space="nowrap",
                ),
            ),
            width="100%",
        ),
        width="100%",
        spacing="1",
    )


def downloads_choice(mode: rx.Var[str]) -> rx.Component:
    """Download new nuggets on Wi-Fi only, or on any network (answers always sync)."""

    def option(label: rx.Var[str], value: str) -> rx.Component:
        chosen = mode == value
        return tap_button(
            label,
            on_click=mm("setDownloads", value),
            variant=rx.cond(chosen, "solid", "soft"),
            aria_pressed=rx.cond(chosen, "true", "false"),
            id=f"downloads-{value}",
        )

    return rx.vstack(
        rx.text(t("Download new nuggets"), weight="medium", id="downloads-label"),
        rx.hstack(option(t("Wi-Fi only"), "wifi"), option(t("Any network"), "any"), spacing="2"),
        rx.text(t("Your answers always sync; they are tiny."), size="2"),
        spacing="1",
        role="group",
        aria_labelledby="downloads-label",
    )


def language_setting() -> rx.Component:
    """The language of the app and of its reminders: the browser's, or one chosen.

    The bridge keeps the choice in `mm_i18n.chosen` ("" for the browser's language).
    Each language is named in itself (`LANGUAGE_NAMES`), so its reader finds it.
    """
    chosen = I18N.value["chosen"]
    return rx.vstack(
        rx.el.label(t("Language"), html_for="language-select", font_weight="600"),
        rx.el.select(
            rx.el.option(t("Automatic (browser language)"), value=""),
            *[rx.el.option(name, value=code, lang=code) for code, name in LANGUAGE_NAMES.items()],
            id="language-select",
            value=rx.cond(chosen, chosen.to(str), ""),
            on_change=mm("setLanguage", LANGUAGE_CHOICE),
            aria_describedby="language-hint",
            class_name="mm-select",
            min_height=TOUCH,
        ),
        rx.text(
            t("Reminders and messages use this language too."),
            size="2",
            color=rx.color("gray", 11),
            id="language-hint",
        ),
        spacing="1",
        width="100%",
    )


def app_section() -> rx.Component:
    """Install the app (or how to on iPhone) and what it stores on this phone."""
    a = APP.value
    return rx.vstack(
        rx.heading(t("App on this phone"), size="4", as_="h2"),
        rx.cond(
            a["installed"].to(bool),
            rx.text(t("Installed. Open Micromastery from your home screen.")),
            rx.cond(
                a["can_install"].to(bool),
                tap_button(t("Install app"), on_click=mm("install"), id="install-app"),
                rx.cond(
                    a["ios_hint"].to(bool),
                    rx.text(
                        t(
                            "On iPhone or iPad: tap Share, then Add to Home Screen. "
                            "Reminders need the installed app."
                        ),
                        id="ios-install-hint",
                    ),
                    rx.text(t("Use your browser's menu to add Micromastery to your home screen.")),
                ),
            ),
        ),
        rx.cond(a["storage"].to(str) != "", rx.text(a["storage"].to(str), size="2")),
        rx.cond(a["connection_known"].to(bool), downloads_choice(a["downloads"].to(str))),
        language_setting(),
        rx.cond(
            a["persisted"].to(bool),
            rx.text(t("Your nuggets and answers are kept safe on this phone."), size="2"),
            rx.text(
                t(
                    "Your browser may clear stored nuggets if space runs low; answers are "
                    "synced first whenever you are online."
                ),
                size="2",
            ),
        ),
        width="100%",
        spacing="2",
    )


def progress_page() -> rx.Component:
    """Stats, skills, finished nuggets, sync details and account actions."""
    return page(
        "progress",
        rx.vstack(
            rx.heading(t("Your progress"), size="6", as_="h1"),
            rx.hstack(
                stat(t("nuggets"), P["nuggets_done"].to(str), "stat-done"),
                stat(t("minutes"), P["minutes"].to(str), "stat-minutes"),
                stat(t("day streak"), P["streak"].to(str), "stat-streak"),
                width="100%",
                spacing="2",
            ),
            goal_card(),
            rx.heading(t("Skills"), size="4", as_="h2"),
            rx.foreach(P["skills"].to(list[dict]), skill_row),
            rx.cond(
                P["rated_any"].to(bool),
                rx.link(
                    t("Retake the audit"),
                    href=routes.AUDIT,
                    id="retake-audit",
                    min_height=TOUCH,
                    display="flex",
                    align_items="center",
                ),
            ),
            rx.heading(t("Done"), size="4", as_="h2"),
            rx.foreach(P["done_titles"].to(list[dict]), done_title),
            rx.link(
                t("Teach-backs: asked of you, and yours"),
                href=routes.TEACH,
                id="progress-teach",
                min_height=TOUCH,
                display="flex",
                align_items="center",
            ),
            tried_list(),
            credentials_list(),
            skills_profile_section(),
            rx.heading(t("Sync"), size="4", as_="h2"),
            rx.text(SYNC.value["detail"].to(str), id="sync-detail"),
            rx.hstack(
                tap_button(t("Sync now"), on_click=mm("syncNow"), variant="soft"),
                tap_button(
                    t("Download my answers"),
                    on_click=mm("exportOutbox"),
                    variant="soft",
                ),
                wrap="wrap",
            ),
            app_section(),
            rx.heading(t("Join another cohort"), size="4", as_="h2"),
            join_form(),
            workspace_link(),
            my_data_section(),
            tap_button(
                t("Sign out"),
                on_click=mm("signOut"),
                variant="outline",
                color_scheme="gray",
            ),
            spacing="3",
            width="100%",
        ),
        nav="progress",
    )


rx_page = {"route": routes.PROGRESS, "title": N_("Progress · Micromastery")}
