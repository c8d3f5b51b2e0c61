"""One cohort: invite, members, and who is learning what (charts, tables, CSV)."""

from __future__ import annotations

import reflex as rx

from mmapp import routes
from mmapp.components.cohort_views import (
    charts,
    device,
    invite,
    members,
    review_chart,
    settings_form,
    sharing,
    table,
)
from mmapp.components.forms import live_form, submit_button
from mmapp.components.mentoring_outcomes import mentoring_outcomes
from mmapp.components.skills_heatmap import skills_section
from mmapp.components.staff import Column, coded, moment, staff_page
from mmapp.i18n.client import nt, t
from mmapp.state.cohort import CohortState
from mmapp.state.skills import SkillsState


def _learner_status(row: rx.Var) -> rx.Component:
    """A learner's standing ("behind", "on track") in the reader's words."""
    words = {"behind": t("behind"), "on track": t("on track")}
    return rx.text(coded(row["status"], words), as_="span")


def drip_form() -> rx.Component:
    """Release ticked nuggets one per day, in list order, at a local time."""
    return live_form(
        rx.vstack(
            rx.heading(t("Drip nuggets to this cohort"), size="4", as_="h2"),
            rx.foreach(
                CohortState.my_nuggets,
                lambda n: rx.el.label(
                    rx.el.input(type="checkbox", name="pick:" + n.slug),
                    " ",
                    n.title,
                    class_name="mm-check",
                ),
            ),
            rx.hstack(
                rx.vstack(
                    rx.el.label(t("First day"), html_for="drip-start", font_weight="600"),
                    rx.el.input(
                        type="date", id="drip-start", name="start_date", class_name="mm-time"
                    ),
                ),
                rx.vstack(
                    rx.el.label(t("At (cohort's time)"), html_for="drip-time", font_weight="600"),
                    rx.el.input(
                        type="time",
                        id="drip-time",
                        name="time",
                        default_value="07:30",
                        class_name="mm-time",
                    ),
                ),
                rx.vstack(
                    rx.el.label(t("Due after (days)"), html_for="drip-due", font_weight="600"),
                    rx.el.input(
                        type="number",
                        id="drip-due",
                        name="due_days",
                        min="1",
                        max="60",
                        class_name="mm-time",
                    ),
                ),
                wrap="wrap",
            ),
            rx.el.label(
                rx.el.input(type="checkbox", name="weekdays_only", default_checked=True),
                " ",
                t("Weekdays only"),
                class_name="mm-check",
            ),
            rx.el.label(
                rx.el.input(type="checkbox", name="notify", default_checked=True),
                " ",
                t("Notify phones at each release"),
                class_name="mm-check",
            ),
            submit_button(t("Schedule"), size="3", id="drip-submit"),
            spacing="2",
            width="100%",
        ),
        on_submit=CohortState.schedule_drip,
        reset_on_submit=False,
    )


def reviews() -> rx.Component:
    """Spaced review: predicted recall per skill and item, overdue reviews, reviews per day."""
    return rx.vstack(
        rx.heading(t("Spaced review"), size="4", as_="h2"),
        rx.text(
            t(
                "Predicted recall today (FSRS), averaged over the members who have answered "
                "each item; lowest first."
            ),
            size="2",
        ),
        review_chart(),
        table(
            "recall_skills",
            [
                ("skill", t("Skill")),
                ("items", t("Items")),
                ("learners", t("Learners")),
                ("recall_pct", t("Predicted recall")),
            ],
            t("Recall by skill"),
            t("Download recall by skill (CSV)"),
        ),
        table(
            "recall_items",
            [
                ("prompt", t("Question")),
                ("nugget", t("Nugget")),
                ("skill", t("Skill")),
                ("learners", t("Learners")),
                ("recall_pct", t("Predicted recall")),
            ],
            t("Recall by quiz item"),
            t("Download recall by quiz item (CSV)"),
        ),
        rx.heading(t("Overdue reviews"), size="3", as_="h3"),
        table(
            "overdue",
            [
                ("learner", t("Learner")),
                ("overdue", t("Overdue items")),
                ("oldest_due", t("Oldest due")),
            ],
            t("Overdue reviews"),
            t("Download overdue reviews (CSV)"),
        ),
        spacing="3",
        width="100%",
    )


def coach_cohort() -> rx.Component:
    """Invite, members, analytics."""
    c = CohortState.cohort
    return staff_page(
        CohortState,
        t("Cohort"),
        rx.cond(
            c.is_not_none(),
            rx.vstack(
                rx.heading(c.name, size="5", as_="h2", id="cohort-name"),
                rx.text(
                    t("Invite code"),
                    " ",
                    rx.code(c.invite_code),
                    " · ",
                    nt("{n} member", "{n} members", c.members),
                    " · ",
                    c.timezone,
                ),
                invite(),
                charts(),
                rx.heading(t("Learners"), size="4", as_="h2"),
                table(
                    "learners",
                    [
                        ("learner", t("Learner")),
                        ("done", t("Done")),
                        ("released", t("Released")),
                        ("overdue", t("Overdue")),
                        Column("status", t("Status"), cell=_learner_status),
                    ],
                    t("Learners"),
                    t("Download learners (CSV)"),
                ),
                skills_section(),
                rx.heading(t("Quiz items, hardest first"), size="4", as_="h2"),
                table(
                    "items",
                    [
                        ("prompt", t("Question")),
                        ("nugget", t("Nugget")),
                        ("answered", t("Answered")),
                        ("right_first_time", t("Right first time")),
                        ("most_chosen_wrong", t("Most chosen wrong answer")),
                    ],
                    t("Quiz items"),
                    t("Download quiz items (CSV)"),
                ),
                reviews(),
                mentoring_outcomes(),
                rx.heading(t("Devices"), size="4", as_="h2"),
                table(
                    "devices",
                    [
                        ("learner", t("Learner")),
                        Column("device_name", t("Device"), cell=device),
                        Column(
                            "last_sync_at", t("Last sync"), cell=lambda r: moment(r, "last_sync")
                        ),
                        ("max_seq", t("Events")),
                    ],
                    t("Devices"),
                    t("Download devices (CSV)"),
                ),
                drip_form(),
                settings_form(),
                sharing(),
                rx.heading(t("Members"), size="4", as_="h2"),
                members(),
                live_form(
                    rx.hstack(
                        rx.vstack(
                            rx.el.label(
                                t("Email of the account to add"),
                                html_for="member-email",
                                font_weight="600",
                            ),
                            rx.input(
                                width="100%",
                                id="member-email",
                                name="email",
                                type="email",
                                placeholder="learner@example.org",
                                required=True,
                                size="3",
                            ),
                            class_name="mm-ws-field",
                        ),
                        submit_button(t("Add member"), size="3"),
                        align="end",
                        wrap="wrap",
                    ),
                    on_submit=CohortState.add_member,
                    reset_on_submit=True,
                ),
                spacing="3",
                width="100%",
            ),
        ),
        active=routes.COACH,
    )


rx_page = {
    "route": routes.COACH_COHORT,
    "title": t("Cohort · Workspace"),
    "on_load": [CohortState.load, SkillsState.load_skills],
}
