"""The cohort page's Skills section: heat map, biggest gaps, audits, risks, targets editor.

The heat map colours a cell by its gap on a colour-blind safe scale (ColorBrewer Blues
for "at or above target", Oranges from light to dark for 1, 2, 3+ levels to go; text
contrast at least 4.5:1) and always prints the numbers, so the colour is never the
only cue. Styles: `.mm-heat*` in assets/css/app.css.
"""

from __future__ import annotations

import reflex as rx

from mmapp.components.forms import live_form, status_callouts, submit_button
from mmapp.i18n import N_
from mmapp.i18n.client import t
from mmapp.schemas import LearnerSkills, SkillCell, TargetField
from mmapp.state.skills import SkillsState

# (band, sample text, meaning msgid) for the legend, strongest need last.
LEGEND = (
    ("met", "3 → 3", N_("At or above target")),
    ("gap1", "2 → 3", N_("1 level to go")),
    ("gap2", "1 → 3", N_("2 levels to go")),
    ("gap3", "0 → 3", N_("3 or more levels to go")),
    ("unset", "2", N_("No target (level alone)")),
    ("none", "—", N_("No nugget of this skill yet")),
)


def _cell(cell: rx.Var[SkillCell]) -> rx.Component:
    return rx.el.td(
        rx.el.span(cell.text, aria_hidden="true"),
        rx.el.span(cell.label, class_name="mm-visually-hidden"),
        title=cell.label,
        class_name=["mm-heat-cell", "mm-heat-" + cell.band.to(str)],
        custom_attrs={"data-skill": cell.skill},
    )


def _row(row: rx.Var[LearnerSkills]) -> rx.Component:
    return rx.el.tr(
        rx.el.th(
            rx.el.span(row.learner, class_name="mm-heat-name"),
            rx.el.span(row.email, class_name="mm-heat-email"),
            scope="row",
        ),
        rx.foreach(row.cells, _cell),
    )


def legend() -> rx.Component:
    """What each colour means, with the numbers it goes with."""
    return rx.el.ul(
        *[
            rx.el.li(
                rx.el.span(
                    sample, class_name=["mm-heat-swatch", f"mm-heat-{band}"], aria_hidden="true"
                ),
                t(meaning),
            )
            for band, sample, meaning in LEGEND
        ],
        class_name="mm-heat-legend",
        aria_label=t("Heat map legend"),
    )


def heat_map() -> rx.Component:
    """Learners as rows, skills as columns: "current → target" in each cell."""
    return rx.cond(
        SkillsState.heat_rows.length() > 0,
        rx.el.div(
            rx.el.table(
                rx.el.caption(
                    t("Each learner's level → target per skill"), class_name="mm-visually-hidden"
                ),
                rx.el.thead(
                    rx.el.tr(
                        rx.el.th(t("Learner"), scope="col"),
                        rx.foreach(
                            SkillsState.skill_columns, lambda s: rx.el.th(s.name, scope="col")
                        ),
                    )
                ),
                rx.el.tbody(rx.foreach(SkillsState.heat_rows, _row)),
                class_name="mm-heat",
                id="skills-heatmap",
            ),
            class_name="mm-heat-wrap",
            role="region",
            aria_label=t("Skills heat map (scrolls sideways)"),
            tab_index=0,
        ),
        rx.text(t("No learners in this cohort yet."), id="skills-empty"),
    )


def _listing(
    title: rx.Var, items: rx.Var, item: rx.Component | object, empty: rx.Var, id_: str
) -> rx.Component:
    return rx.box(
        rx.heading(title, size="3", as_="h3"),
        rx.cond(
            items.length() > 0,  # type: ignore[attr-defined]
            rx.el.ul(rx.foreach(items, item), class_name="mm-heat-list", id=id_),
            rx.text(empty, size="2", color=rx.color("gray", 11), id=f"{id_}-empty"),
        ),
        flex="1 1 280px",
        min_width="0",
    )


def summaries() -> rx.Component:
    """Biggest gaps, who has not taken the audit, goals at risk, each with an empty state."""
    return rx.flex(
        _listing(
            t("Biggest gaps"),
            SkillsState.gaps,
            lambda g: rx.el.li(
                rx.el.strong(g.skill_name),
                ": ",
                t(
                    "{below} of {learners} below target · total gap {total} · mean {mean}",
                    below=g.below_target.to(str),
                    learners=g.learners.to(str),
                    total=g.total_gap.to(str),
                    mean=g.mean_gap.to(str),
                ),
            ),
            t("No gaps: every learner is at or above the targets set."),
            "skills-gaps",
        ),
        _listing(
            t("Not audited yet"),
            SkillsState.not_audited,
            lambda m: rx.el.li(m.learner, " · ", m.email),
            t("Everyone has rated their skills."),
            "skills-not-audited",
        ),
        _listing(
            t("Goals at risk"),
            SkillsState.at_risk,
            lambda r: rx.el.li(r.text),
            t("No goals at risk: every dated target leaves a week per level to climb."),
            "skills-at-risk",
        ),
        gap="24px",
        wrap="wrap",
        width="100%",
    )


def _target_row(f: rx.Var[TargetField]) -> rx.Component:
    return rx.el.fieldset(
        rx.el.legend(f.name, font_weight="600"),
        rx.flex(
            rx.el.label(
                t("Target level"),
                rx.el.select(
                    rx.el.option(t("No target"), value=""),
                    rx.foreach(
                        f.levels, lambda label, i: rx.el.option(label, value=(i + 1).to(str))
                    ),
                    name="level:" + f.slug,
                    default_value=f.level,
                    class_name="mm-select",
                ),
                class_name="mm-heat-field",
            ),
            rx.el.label(
                t("By (optional)"),
                rx.el.input(
                    type="date", name="by:" + f.slug, default_value=f.by, class_name="mm-time"
                ),
                class_name="mm-heat-field",
            ),
            gap="12px",
            wrap="wrap",
        ),
        class_name="mm-fieldset",
        custom_attrs={"data-skill": f.slug},
    )


def targets_editor() -> rx.Component:
    """A level (with the skill's scale words) and an optional date per skill; Save."""
    return live_form(
        rx.vstack(
            rx.heading(t("Targets"), size="3", as_="h3"),
            rx.text(
                t(
                    "The level this cohort aims for in each skill, and by when. A learner's own "
                    "goal counts when it is higher."
                ),
                size="2",
            ),
            rx.foreach(SkillsState.target_fields, _target_row),
            rx.hstack(
                submit_button(t("Save targets"), size="3", id="targets-save"),
                wrap="wrap",
            ),
            status_callouts(
                SkillsState.targets_error,
                SkillsState.targets_notice,
                error_id="targets-error",
                notice_id="targets-notice",
            ),
            spacing="3",
            width="100%",
        ),
        on_submit=SkillsState.save_targets,
        reset_on_submit=False,
        id="targets-form",
    )


def skills_section() -> rx.Component:
    """The Skills section of the cohort page."""
    return rx.vstack(
        rx.heading(t("Skills"), size="4", as_="h2"),
        rx.text(
            t(
                "Each learner's level → the target, per skill: the level their practice shows "
                "once they have done a nugget of it, their own rating before that."
            ),
            size="2",
        ),
        heat_map(),
        legend(),
        rx.button(
            t("Download skills (CSV)"),
            on_click=SkillsState.download_skills,
            variant="ghost",
            size="2",
            id="skills-csv",
        ),
        summaries(),
        targets_editor(),
        spacing="3",
        width="100%",
        id="skills",
    )
