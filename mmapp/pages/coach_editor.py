"""The nugget editor: the four micromastery parts with guidance, a quiz, a phone preview."""

from __future__ import annotations

import reflex as rx

from mmapp import routes
from mmapp.components.forms import live_form, submit_button
from mmapp.components.quiz_editor import quiz_item
from mmapp.components.staff import Label, moment, nugget_status, phone_frame, staff_page
from mmapp.i18n import N_
from mmapp.i18n.client import t
from mmapp.state.editor import EditorState as E

# Each part's guidance (msgids, shown with `t`).
GUIDES = {
    "context": N_("The problem, in the learner's world. One situation they will recognise."),
    "way_in": N_("The key insight that makes the problem tractable. One idea, stated plainly."),
    "steps": N_(
        "Purposeful practice: ordered steps to do now, one per line, each a single action."
    ),
    "payoff": N_("What success looks like, and how the learner can tell they got there."),
}


def text_field(label: Label, field: str, value: rx.Var, **props) -> rx.Component:
    """A labelled one-line input bound to the editor state."""
    return rx.vstack(
        rx.el.label(label, html_for=f"ed-{field}", font_weight="600"),
        rx.input(
            id=f"ed-{field}",
            value=value,
            on_change=lambda v: E.set_text(field, v),
            size="3",
            width="100%",
            **props,
        ),
        spacing="1",
        width="100%",
    )


def part_field(label: Label, field: str, value: rx.Var, rows: int = 5) -> rx.Component:
    """A Markdown part with its guidance text."""
    return rx.vstack(
        rx.el.label(label, html_for=f"ed-{field}", font_weight="600"),
        rx.text(t(GUIDES[field]), size="2", color=rx.color("gray", 11), id=f"ed-{field}-guide"),
        rx.text_area(
            id=f"ed-{field}",
            value=value,
            on_change=lambda v: E.set_text(field, v),
            rows=str(rows),
            width="100%",
            aria_describedby=f"ed-{field}-guide",
        ),
        spacing="1",
        width="100%",
    )


def picture_upload() -> rx.Component:
    """Add a picture (resized for phones) to the Context part, with its description."""
    return rx.hstack(
        rx.input(
            value=E.picture_alt,
            on_change=E.set_picture_alt,
            placeholder=t("Describe the picture for screen readers"),
            aria_label=t("Picture description"),
            width="100%",
        ),
        # The label around the drop zone names its hidden file input (axe: labels).
        rx.el.label(
            rx.upload(
                rx.text(t("Add a picture"), class_name="mm-upload-button"),
                id="picture-upload",
                accept={
                    "image/png": [".png"],
                    "image/jpeg": [".jpg", ".jpeg"],
                    "image/webp": [".webp"],
                    "image/gif": [".gif"],
                },
                max_files=1,
                on_drop=E.upload_picture(rx.upload_files(upload_id="picture-upload")),
                border="none",
                padding="0",
            ),
        ),
        width="100%",
        align="center",
    )


def form_column() -> rx.Component:
    """Everything the author writes."""
    return rx.vstack(
        text_field(t("Title"), "title", E.title),
        rx.hstack(
            text_field(
                t("Web name (letters, digits, dashes)"),
                "slug",
                E.slug,
                disabled=E.original_slug != "",
            ),
            text_field(t("Minutes (5-15)"), "minutes", E.minutes, type="number", min="5", max="15"),
            width="100%",
        ),
        rx.vstack(
            rx.el.label(t("Skill"), html_for="ed-skill", font_weight="600"),
            rx.el.select(
                rx.foreach(E.skills, lambda s: rx.el.option(s["name"], value=s["slug"])),
                id="ed-skill",
                value=E.skill,
                on_change=lambda v: E.set_text("skill", v),
                class_name="mm-select",
            ),
            spacing="1",
            width="100%",
        ),
        rx.hstack(
            rx.vstack(
                rx.el.label(t("Level it builds toward"), html_for="ed-level", font_weight="600"),
                rx.el.select(
                    *[rx.el.option(t("{n} of 4", n=n), value=str(n)) for n in range(1, 5)],
                    id="ed-level",
                    value=E.level,
                    on_change=lambda v: E.set_text("level", v),
                    class_name="mm-select",
                ),
                spacing="1",
            ),
            text_field(
                t("Needs first (web names, comma-separated)"),
                "prerequisites",
                E.prerequisites,
                placeholder=t("e.g. check-the-axis, per-what"),
            ),
            width="100%",
            align="end",
        ),
        text_field(t("Summary (one line on the card)"), "summary", E.summary),
        part_field(t("Context"), "context", E.context),
        picture_upload(),
        part_field(t("Way in"), "way_in", E.way_in),
        part_field(t("Purposeful practice"), "steps", E.steps, rows=4),
        part_field(t("Payoff"), "payoff", E.payoff, rows=4),
        rx.heading(t("Quiz"), size="4", as_="h2"),
        rx.foreach(E.quiz, quiz_item),
        rx.button(t("Add a quiz item"), on_click=E.add_item, variant="soft", type="button"),
        spacing="3",
        width="100%",
    )


def preview() -> rx.Component:
    """What a learner sees on a phone, updated as the author types."""
    return phone_frame(
        rx.heading(E.title, size="5", as_="h2"),
        rx.text(t("{n} min", n=E.minutes), size="2", color=rx.color("gray", 11)),
        rx.text(t("The problem"), size="2", color=rx.color("gray", 11), margin_top="12px"),
        rx.html(E.preview_context, class_name="mm-prose"),
        rx.text(t("The key insight"), size="2", color=rx.color("gray", 11)),
        rx.html(E.preview_way_in, class_name="mm-prose"),
        rx.text(t("Steps"), size="2", color=rx.color("gray", 11)),
        rx.el.ol(rx.foreach(E.preview_steps, lambda s: rx.el.li(s))),
        rx.text(t("What success looks like"), size="2", color=rx.color("gray", 11)),
        rx.html(E.preview_payoff, class_name="mm-prose"),
    )


def publish_panel() -> rx.Component:
    """Checks, save, publish (optionally releasing to a cohort), and version history."""
    return rx.vstack(
        rx.cond(
            E.problems.length() > 0,
            rx.callout(
                rx.vstack(
                    rx.text(t("Before publishing:"), weight="bold"),
                    rx.el.ul(rx.foreach(E.problems, lambda p: rx.el.li(p))),
                ),
                icon="list-checks",
                color_scheme="amber",
                high_contrast=True,
                id="ed-problems",
            ),
            rx.callout(
                t("Ready to publish."),
                icon="check",
                color_scheme="teal",
                high_contrast=True,
                id="ed-ready",
            ),
        ),
        rx.button(t("Save draft"), on_click=E.save, variant="soft", size="3", id="ed-save"),
        live_form(
            rx.vstack(
                rx.el.label(
                    t("Release to cohort (optional)"), html_for="ed-cohort", font_weight="600"
                ),
                rx.el.select(
                    rx.el.option(t("No cohort yet"), value=""),
                    rx.foreach(E.cohorts, lambda c: rx.el.option(c.name, value=c.id.to(str))),
                    id="ed-cohort",
                    name="cohort_id",
                    class_name="mm-select",
                ),
                rx.el.label(
                    t("Release at (cohort's time; empty = now)"),
                    html_for="ed-release",
                    font_weight="600",
                ),
                rx.el.input(
                    type="datetime-local", id="ed-release", name="release_at", class_name="mm-time"
                ),
                rx.el.label(
                    rx.el.input(type="checkbox", name="notify", default_checked=True),
                    " ",
                    t("Notify members' phones"),
                    class_name="mm-check",
                ),
                submit_button(t("Publish"), size="3", id="ed-publish"),
                spacing="2",
                width="100%",
            ),
            on_submit=E.publish,
            reset_on_submit=False,
        ),
        rx.cond(
            E.status == "published",
            rx.button(
                t("Withdraw from phones"),
                on_click=E.retract,
                variant="soft",
                color_scheme="red",
                size="3",
                id="ed-retract",
            ),
        ),
        rx.heading(t("Versions"), size="4", as_="h2"),
        rx.cond(E.versions.length() == 0, rx.text(t("Not published yet."), size="2")),
        rx.foreach(
            E.versions,
            lambda v: rx.text(
                "v",
                v["version"].to(str),
                " · ",
                v["title"].to(str),
                " · ",
                moment(v, "published"),
                size="2",
                class_name="mm-version",
            ),
        ),
        spacing="3",
        width="100%",
    )


def coach_editor() -> rx.Component:
    """Form on the left, phone preview and publishing on the right (stacked on phones)."""
    return staff_page(
        E,
        t("Nugget editor"),
        rx.text(t("Status: {status}", status=nugget_status(E.status)), size="2", id="ed-status"),
        rx.flex(
            rx.box(form_column(), flex="1 1 480px", min_width="0"),
            rx.vstack(preview(), publish_panel(), flex="0 1 420px", min_width="0", spacing="4"),
            gap="24px",
            wrap="wrap",
            width="100%",
        ),
        active=routes.COACH,
    )


rx_page = {"route": routes.COACH_EDIT, "title": t("Editor · Workspace"), "on_load": E.load}
