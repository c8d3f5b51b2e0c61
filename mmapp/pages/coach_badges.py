"""Workspace Credentials page: achievements per skill, and revoking issued credentials."""

from __future__ import annotations

import reflex as rx

from mmapp import routes
from mmapp.components.forms import live_form, submit_button
from mmapp.components.staff import Column, Label, data_table, moment, staff_page
from mmapp.i18n.client import t
from mmapp.state.badges import BadgesState as B


def _field(label: Label, name: str, value_: str = "", **props) -> rx.Component:
    if value_:
        props["default_value"] = value_
    return rx.vstack(
        rx.el.label(label, html_for=f"ach-{name}", font_weight="600"),
        rx.input(id=f"ach-{name}", name=name, size="3", width="100%", **props),
        spacing="1",
        width="100%",
    )


def _select(label: Label, name: str, options: rx.Component) -> rx.Component:
    return rx.vstack(
        rx.el.label(label, html_for=f"ach-{name}", font_weight="600"),
        rx.el.select(options, id=f"ach-{name}", name=name, class_name="mm-select"),
        spacing="1",
    )


def achievement_form() -> rx.Component:
    """Add an achievement, or change the skill's one at the chosen level."""
    return live_form(
        rx.vstack(
            rx.heading(t("Add or change an achievement"), size="3", as_="h3"),
            rx.text(
                t(
                    "A level that already has an achievement is changed; credentials already "
                    "issued keep the criteria of their day."
                ),
                size="2",
            ),
            rx.hstack(
                _select(
                    t("Skill"),
                    "skill_id",
                    rx.foreach(B.skills, lambda s: rx.el.option(s["name"], value=s["id"])),
                ),
                _select(
                    t("Level"),
                    "level",
                    rx.fragment(*[rx.el.option(str(n), value=str(n)) for n in range(1, 5)]),
                ),
                wrap="wrap",
                width="100%",
            ),
            _field(t("Name"), "name", required=True, max_length=120),
            _field(t("Description (optional)"), "description", max_length=1000),
            rx.hstack(
                _field(t("Minimum first-try score, %"), "min_score", type="number", value_="80"),
                _field(t("Minimum recall (0-1)"), "min_recall", value_="0.8", input_mode="decimal"),
                _field(t("Days to wait"), "min_days", type="number", value_="30"),
                _field(t("Teach-backs needed (0-20)"), "min_teachbacks", type="number", value_="0"),
                wrap="wrap",
                width="100%",
            ),
            submit_button(t("Save achievement"), size="3", id="save-achievement"),
            spacing="3",
            width="100%",
        ),
        on_submit=B.save,
        width="100%",
    )


def revoke_cell(c: rx.Var) -> rx.Component:
    """A revoked credential's reason, or a reason box and Revoke while it is valid."""
    return rx.cond(
        c["revoked_reason"].to(str) != "",
        rx.text(t("Revoked: {reason}", reason=c["revoked_reason"].to(str)), as_="span"),
        live_form(
            rx.el.input(type="hidden", name="credential_id", value=c["id"].to(str)),
            rx.el.label(
                t("Reason"),
                html_for="reason-" + c["id"].to(str),
                class_name="mm-visually-hidden",
            ),
            rx.hstack(
                rx.input(
                    id="reason-" + c["id"].to(str),
                    name="reason",
                    placeholder=t("Reason"),
                    required=True,
                    max_length=500,
                    size="3",
                ),
                submit_button(t("Revoke"), size="3", color_scheme="red", variant="outline"),
                wrap="wrap",
            ),
            on_submit=B.revoke,
        ),
    )


ACHIEVEMENT_COLUMNS = [
    Column("skill_name", t("Skill")),
    Column("level", t("Level")),
    Column("name", t("Name")),
    Column("criteria", t("Criteria"), sort=None),
    Column("issued", t("Issued")),
]
ISSUED_COLUMNS = [
    Column("learner", t("Learner")),
    Column("achievement", t("Achievement")),
    Column("issued_at", t("Issued"), cell=lambda c: moment(c, "issued")),
    Column("revoked_reason", t("Status"), cell=revoke_cell),
]


def coach_badges() -> rx.Component:
    """Achievements of the skills you manage, and the credentials issued for them."""
    return staff_page(
        B,
        t("Credentials"),
        rx.heading(t("Achievements"), size="4", as_="h2"),
        rx.text(
            t(
                "One per skill level. A learner whose evidence meets one gets a signed "
                "credential on their next sync."
            ),
            size="2",
        ),
        data_table(
            B, "achievements", B.achievements, ACHIEVEMENT_COLUMNS, t("Achievements of your skills")
        ),
        achievement_form(),
        rx.heading(t("Issued credentials"), size="4", as_="h2"),
        rx.cond(
            B.issued.length() == 0,  # type: ignore[attr-defined]
            rx.text(t("None issued yet."), size="2"),
            data_table(
                B, "issued", B.issued, ISSUED_COLUMNS, t("Credentials issued for your skills")
            ),
        ),
        active=routes.COACH_BADGES,
    )


rx_page = {
    "route": routes.COACH_BADGES,
    "title": t("Credentials · Micromastery"),
    "on_load": B.load,
}
