"""One cohort: invite, members, and who is learning what (charts, tables, CSV)."""

from __future__ import annotations

import reflex as rx

from mmapp import routes
from mmapp.components.cohort_views import charts, review_chart, table
from mmapp.components.skills_heatmap import skills_section
from mmapp.components.staff import staff_page
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
                    display="flex",
                    gap="6px",
                    align_items="center",
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
                display="flex",
                gap="6px",
            ),
            rx.el.label(
                rx.el.input(type="checkbox", name="notify", default_checked=True),
                " Notify phones at each release",
                display="flex",
                gap="6px",
            ),
            rx.button("Schedule", type="submit", size="3", id="drip-submit"),
            spacing="2",
            width="100%",
        ),
        on_submit=CohortState.schedule_drip,
        reset_on_submit=False,
    )


def settings_form() -> rx.Component:
    """Rename the cohort; archive it (its code stops working) or restore it."""
    archived = CohortState.cohort.archived
    return rx.hstack(
        rx.form(
            rx.hstack(
                rx.vstack(
                    rx.el.label("Rename", html_for="cohort-rename", font_weight="600"),
                    rx.input(id="cohort-rename", name="name", required=True, size="3"),
                ),
                rx.button("Save name", type="submit", size="3", variant="soft"),
                align="end",
            ),
            on_submit=CohortState.update,
            reset_on_submit=True,
        ),
        rx.button(
            rx.cond(archived, "Restore cohort", "Archive cohort"),
            on_click=CohortState.update({"archive": rx.cond(archived, "restore", "archive")}),
            type="button",
            size="3",
            variant="soft",
            color_scheme="gray",
            id="cohort-archive",
        ),
        align="end",
        wrap="wrap",
    )


def sharing() -> rx.Component:
    """Co-coordinators: who else manages this cohort, and adding one by email."""
    return rx.vstack(
        rx.heading("Co-coordinators", size="4", as_="h2"),
        rx.foreach(CohortState.shares, lambda u: rx.text(u.name, " · ", u.email)),
        rx.form(
            rx.hstack(
                rx.input(
                    name="email",
                    type="email",
                    placeholder="coordinator@example.org",
                    aria_label="Email of the coordinator to share with",
                    required=True,
                    size="3",
                ),
                rx.button("Share cohort", type="submit", size="3", variant="soft"),
            ),
            on_submit=CohortState.share,
            reset_on_submit=True,
        ),
        width="100%",
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
                rx.text(
                    "Invite link: ",
                    rx.el.a(
                        "/signin?join=" + c.invite_code,
                        href="/signin?join=" + c.invite_code,
                        id="invite-link",
                    ),
                    " — opening it after signing in joins this cohort.",
                    size="2",
                ),
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
                        ("device", "Device"),
                        ("last_sync_at", "Last sync"),
                        ("max_seq", "Events"),
                    ],
                    "Devices",
                ),
                drip_form(),
                settings_form(),
                sharing(),
                rx.heading("Members", size="4", as_="h2"),
                rx.foreach(
                    CohortState.members,
                    lambda m: rx.hstack(
                        rx.text(m.name, " · ", m.email),
                        rx.button(
                            "Remove",
                            on_click=CohortState.remove_member(m.id.to(str)),
                            variant="soft",
                            color_scheme="gray",
                            size="1",
                        ),
                        align="center",
                    ),
                ),
                rx.form(
                    rx.hstack(
                        rx.input(
                            name="email",
                            type="email",
                            placeholder="learner@example.org",
                            aria_label="Email of the account to add",
                            required=True,
                            size="3",
                        ),
                        rx.button("Add member", type="submit", size="3"),
                    ),
                    on_submit=CohortState.add_member,
                    reset_on_submit=True,
                ),
                spacing="3",
                width="100%",
            ),
        ),
    )


rx_page = {
    "route": routes.COACH_COHORT,
    "title": "Cohort · Workspace",
    "on_load": [CohortState.load, SkillsState.load_skills],
}
