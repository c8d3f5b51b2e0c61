"""The cohort page's mentoring section: what asking for help and teaching back did."""

from __future__ import annotations

import reflex as rx

from mmapp.components.cohort_views import table
from mmapp.components.staff import Column
from mmapp.i18n.client import nt, t


def _of(row: rx.Var, part: str, whole: str) -> rx.Component:
    """The text "<part> of <whole>" from two counts of the row."""
    return rx.text(
        t("{part} of {whole}", part=row[part].to(str), whole=row[whole].to(str)), as_="span"
    )


def _matched(row: rx.Var) -> rx.Component:
    return _of(row, "matches", "requests")


def _actions(row: rx.Var) -> rx.Component:
    return _of(row, "actions_done_14d", "actions_planned")


def _teachbacks(row: rx.Var) -> rx.Component:
    return _of(row, "teachbacks_confirmed", "teachbacks_asked")


def _ratings(row: rx.Var) -> rx.Component:
    """The learners' median self-rating when asking and 14 days later, and how many."""
    return rx.cond(
        row["rated_learners"].to(int) > 0,
        rx.text(
            nt(
                "{before} → {after} ({n} learner)",
                "{before} → {after} ({n} learners)",
                row["rated_learners"].to(int),
                before=row["rating_before"].to(str),
                after=row["rating_after"].to(str),
            ),
            as_="span",
        ),
        rx.text(t("none yet"), as_="span", color=rx.color("gray", 11)),
    )


def mentoring_outcomes() -> rx.Component:
    """Per skill: requests to sessions, ratings and fits, actions, self-ratings, teach-backs."""
    return rx.vstack(
        rx.heading(t("Mentoring and teach-back"), size="4", as_="h2"),
        rx.text(
            t(
                "What the members' requests for help led to, per skill: sessions held, how "
                "they rated them, actions done within 14 days, their self-rating when they "
                "asked and 14 days later, and the teach-backs they gave."
            ),
            size="2",
        ),
        table(
            "mentoring",
            [
                ("skill", t("Skill")),
                Column("matches", t("Requests matched"), sort="requests", cell=_matched),
                ("sessions_held", t("Sessions held")),
                ("median_rating", t("Median rating (1-4)")),
                Column("good_fit_pct", t("Good fit"), sort="good_fit_share"),
                Column("actions_done_14d", t("Actions done in 14 days"), cell=_actions),
                Column("rating_after", t("Self-rating before → after"), sort=None, cell=_ratings),
                Column("teachbacks_confirmed", t("Teach-backs confirmed"), cell=_teachbacks),
            ],
            t("Mentoring and teach-back by skill"),
            t("Download mentoring outcomes (CSV)"),
        ),
        spacing="3",
        width="100%",
    )
