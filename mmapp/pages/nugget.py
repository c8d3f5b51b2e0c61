"""The nugget player: Context, Way in, Purposeful practice, Payoff, then the quiz."""

from __future__ import annotations

import reflex as rx

from mmapp import routes
from mmapp.components.bridge import mm
from mmapp.components.layout import TOUCH, back_to_today_button, page, tap_button, up_to_today
from mmapp.components.quiz import quiz_card
from mmapp.components.teach import teach_link
from mmapp.components.work import try_at_work
from mmapp.i18n import N_
from mmapp.i18n.client import nt, t
from mmapp.state import PLAYER

P = PLAYER.value
GUIDES = {
    "context": t("The problem"),
    "way_in": t("The key insight"),
    "practice": t("Do these steps, then tick them off"),
    "payoff": t("What success looks like"),
}


def prose(html: rx.Var) -> rx.Component:
    """A nugget part: HTML the server rendered from Markdown and sanitised (nh3)."""
    return rx.html(html.to(str), class_name="mm-prose")


def step(item: rx.Var) -> rx.Component:
    """One practice step as a large labelled checkbox."""
    return rx.el.label(
        rx.hstack(
            rx.checkbox(
                checked=item["done"].to(bool),
                on_change=mm("player", "toggle_step", item["n"]),
                size="3",
                aria_label=item["label"].to(str),
            ),
            rx.text(item["text"].to(str)),
            align="start",
            spacing="3",
            padding_y="10px",
            min_height=TOUCH,
        ),
        width="100%",
        class_name="mm-step",
    )


def part(name: str, body: rx.Component) -> rx.Component:
    """A part of the nugget with its heading and guidance line."""
    return rx.vstack(
        rx.text(GUIDES[name], size="2", color=rx.color("gray", 11)),
        body,
        width="100%",
    )


def nav_buttons() -> rx.Component:
    """Back and Next; Next waits until every practice step is ticked."""
    blocked = (P["phase"].to(str) == "practice") & (P["steps_left"].to(int) > 0)
    return rx.vstack(
        rx.cond(
            blocked,
            rx.text(
                t("Tick the steps as you do them: {n} to go.", n=P["steps_left"].to(int)),
                size="2",
                color=rx.color("gray", 11),
                id="steps-left",
            ),
        ),
        rx.hstack(
            rx.cond(
                P["phase"].to(str) != "context",
                tap_button(
                    t("Back"),
                    on_click=mm("player", "back"),
                    variant="soft",
                    id="player-back",
                ),
            ),
            rx.spacer(),
            tap_button(
                rx.cond(P["phase"].to(str) == "payoff", t("Start the quiz"), t("Next")),
                on_click=mm("player", "next"),
                disabled=blocked,
                id="player-next",
            ),
            width="100%",
        ),
        width="100%",
        padding_top="8px",
    )


def done_card() -> rx.Component:
    """The small win: minutes, streak, score and skill progress."""
    d = P["done"].to(dict)
    return rx.vstack(
        rx.icon("party-popper", size=40, color=rx.color("accent", 10)),
        rx.heading(t("Nugget complete"), size="7", as_="h2", id="done-heading"),
        rx.text(P["title"].to(str), weight="bold"),
        rx.hstack(
            rx.badge(
                rx.icon("clock", size=14),
                nt("{n} minute", "{n} minutes", d["minutes"].to(int)),
                size="3",
                high_contrast=True,
            ),
            rx.badge(
                rx.icon("flame", size=14),
                d["streak_label"].to(str),
                size="3",
                color_scheme="orange",
                high_contrast=True,
            ),
            wrap="wrap",
        ),
        rx.text(d["score"].to(str), id="done-score"),
        rx.text(d["skill_label"].to(str), size="2"),
        rx.progress(value=d["skill_pct"].to(int), width="100%", aria_label=t("Skill progress")),
        back_to_today_button(),
        rx.link(t("See your progress"), href=routes.PROGRESS, padding_y="12px"),
        teach_link(P["id"], id="done-teach"),
        rx.link(
            t("Stuck on this skill? Ask a mentor"),
            href=routes.MENTORING + "?nugget=" + P["id"].to(str),
            id="done-ask-mentor",
            padding_y="12px",
        ),
        align="center",
        spacing="3",
        width="100%",
        padding_top="16px",
    )


def player() -> rx.Component:
    """Header, progress through the parts, and the current part."""
    phase = P["phase"].to(str)
    return rx.vstack(
        up_to_today(),
        rx.heading(P["title"].to(str), size="6", as_="h1"),
        rx.text(
            t("{n} min · {skill}", n=P["minutes"].to(int), skill=P["skill"].to(str)),
            color=rx.color("gray", 11),
        ),
        rx.cond(
            phase != "done",
            rx.vstack(
                rx.text(
                    t(
                        "Part {n} of 5: {part}",
                        n=P["phase_number"].to(int),
                        part=P["phase_label"].to(str),
                    ),
                    weight="bold",
                    id="phase-label",
                ),
                rx.progress(
                    value=P["progress_pct"].to(int),
                    width="100%",
                    aria_label=t("Progress through this nugget"),
                ),
                width="100%",
            ),
        ),
        rx.match(
            phase,
            ("context", part("context", prose(P["context"]))),
            ("way_in", part("way_in", prose(P["way_in"]))),
            (
                "practice",
                part(
                    "practice",
                    rx.vstack(
                        rx.vstack(
                            rx.foreach(P["steps"].to(list[dict]), step), width="100%", spacing="0"
                        ),
                        try_at_work(),
                        width="100%",
                    ),
                ),
            ),
            (
                "payoff",
                part(
                    "payoff",
                    rx.vstack(
                        prose(P["payoff"]),
                        rx.link(
                            t("Stuck? Ask a mentor"),
                            href=routes.MENTORING + "?nugget=" + P["id"].to(str),
                            id="payoff-ask-mentor",
                            min_height=TOUCH,
                            display="flex",
                            align_items="center",
                        ),
                        width="100%",
                    ),
                ),
            ),
            ("quiz", quiz_card()),
            ("done", done_card()),
            rx.fragment(),
        ),
        rx.cond((phase != "quiz") & (phase != "done"), nav_buttons()),
        spacing="3",
        width="100%",
    )


def nugget_page() -> rx.Component:
    """The player, or a calm note when this nugget is not on the device."""
    return page(
        "nugget",
        rx.cond(
            P["loaded"].to(bool),
            rx.cond(
                P["missing"].to(bool),
                rx.vstack(
                    rx.heading(t("This nugget isn't on this phone"), size="5", as_="h1"),
                    rx.text(t("It may have been withdrawn, or it has not synced yet.")),
                    rx.link(t("Back to Today"), href=routes.TODAY),
                ),
                player(),
            ),
            rx.text(t("Opening…"), color=rx.color("gray", 11)),
        ),
    )


rx_page = {"route": routes.NUGGET, "title": N_("Nugget · Micromastery")}
