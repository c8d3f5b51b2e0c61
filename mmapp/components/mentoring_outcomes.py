"""The cohort page's mentoring section: what asking for help and teaching back did."""

from __future__ import annotations

import reflex as rx

from mmapp.components.cohort_views import table
from mmapp.i18n.client import t


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
                ("requests", t("Requests")),
                ("matches", t("Matched")),
                ("sessions_held", t("Sessions held")),
                ("median_rating", t("Median rating (1-4)")),
                ("good_fit_pct", t("Good fit")),
                ("actions_planned", t("Actions")),
                ("actions_done_14d", t("Done in 14 days")),
                ("rating_before", t("Self-rating before")),
                ("rating_after", t("Self-rating 14 days after")),
                ("teachbacks_asked", t("Teach-backs")),
                ("teachbacks_confirmed", t("Confirmed")),
            ],
            t("Mentoring and teach-back by skill"),
            t("Download mentoring outcomes (CSV)"),
        ),
        spacing="3",
        width="100%",
    )
