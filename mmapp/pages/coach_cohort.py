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
from mmapp.components.skills_heatmap import skills_section
from mmapp.components.staff import Column, moment, staff_page
from mmapp.state.cohort import CohortState
from mmapp.state.skills import SkillsState


def drip_form() -> rx.Component:
    """Release ticked nuggets one per day, in list order, at a local time."""
    return rx.form(
        rx.vstack(
            rx.heading("Drip nuggets to this cohort", size="4", as_="h2"),
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
                    rx.el.label("First day", html_for="drip-start", font_weight="600"),
                    rx.el.input(
                        type="date", id="drip-start", name="start_date", class_name="mm-time"
                    ),
                ),
                rx.vstack(
                    rx.el.label("At (cohort's time)", html_for="drip-time", font_weight="600"),
                    rx.el.input(
                        type="time",
                        id="drip-time",
                        name="time",
                        default_value="07:30",
                        class_name="mm-time",
                    ),
                ),
                rx.vstack(
                    rx.el.label("Due after (days)", html_for="drip-due", font_weight="600"),
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
                " Weekdays only",
                class_name="mm-check",
            ),
            rx.el.label(
                rx.el.input(type="checkbox", name="notify", default_checked=True),
                " Notify phones at each release",
                class_name="mm-check",
            ),
            rx.button("Schedule", type="submit", size="3", id="drip-submit"),
            spacing="2",
            width="100%",
        ),
        on_submit=CohortState.schedule_drip,
        reset_on_submit=False,
    )


def reviews() -> rx.Component:
    """Spaced review: predicted recall per skill and item, overdue reviews, reviews per day."""
    return rx.vstack(
        rx.heading("Spaced review", size="4", as_="h2"),
        rx.text(
            "Predicted recall today (FSRS), averaged over the members who have answered "
            "each item; lowest first.",
            size="2",
        ),
        review_chart(),
        table(
            "recall_skills",
            [
                ("skill", "Skill"),
                ("items", "Items"),
                ("learners", "Learners"),
                ("recall_pct", "Predicted recall"),
            ],
            "Recall by skill",
        ),
        table(
            "recall_items",
            [
                ("prompt", "Question"),
                ("nugget", "Nugget"),
                ("skill", "Skill"),
                ("learners", "Learners"),
                ("recall_pct", "Predicted recall"),
            ],
            "Recall by quiz item",
        ),
        rx.heading("Overdue reviews", size="3", as_="h3"),
        table(
            "overdue",
            [
                ("learner", "Learner"),
                ("overdue", "Overdue items"),
                ("oldest_due", "Oldest due"),
            ],
            "Overdue reviews",
        ),
        spacing="3",
        width="100%",
    )


def coach_cohort() -> rx.Component:
    """Invite, members, analytics."""
    c = CohortState.cohort
    return staff_page(
        CohortState,
        "Cohort",
        rx.cond(
            c.is_not_none(),
            rx.vstack(
                rx.heading(c.name, size="5", as_="h2", id="cohort-name"),
                rx.text(
                    "Invite code ",
                    rx.code(c.invite_code),
                    " · ",
                    c.members.to(str),
                    rx.cond(c.members == 1, " member · ", " members · "),
                    c.timezone,
                ),
                invite(),
                charts(),
                rx.heading("Learners", size="4", as_="h2"),
                table(
                    "learners",
                    [
                        ("learner", "Learner"),
                        ("done", "Done"),
                        ("released", "Released"),
                        ("overdue", "Overdue"),
                        ("status", "Status"),
                    ],
                    "Learners",
                ),
                skills_section(),
                rx.heading("Quiz items, hardest first", size="4", as_="h2"),
                table(
                    "items",
                    [
                        ("prompt", "Question"),
                        ("nugget", "Nugget"),
                        ("answered", "Answered"),
                        ("right_first_time", "Right first time"),
                        ("most_chosen_wrong", "Most chosen wrong answer"),
                    ],
                    "Quiz items",
                ),
                reviews(),
                rx.heading("Devices", size="4", as_="h2"),
                table(
                    "devices",
                    [
                        ("learner", "Learner"),
                        Column("device_name", "Device", cell=device),
                        Column("last_sync_at", "Last sync", cell=lambda r: moment(r, "last_sync")),
                        ("max_seq", "Events"),
                    ],
                    "Devices",
                ),
                drip_form(),
                settings_form(),
                sharing(),
                rx.heading("Members", size="4", as_="h2"),
                members(),
                rx.form(
                    rx.hstack(
                        rx.vstack(
                            rx.el.label(
                                "Email of the account to add",
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
                        rx.button("Add member", type="submit", size="3"),
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
    "title": "Cohort · Workspace",
    "on_load": [CohortState.load, SkillsState.load_skills],
}
