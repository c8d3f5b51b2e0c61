"""Progress: "Your credentials", each with Verify, downloads and "Add to LinkedIn".

Local-first: the rows come from `mm_progress.credentials` (mm-views.js
`credentialRows`, from the pull's progress), so the list shows offline, with each
badge image from Cache Storage (mm-media.js) and "Download JSON" from the document
kept in kv (mm-auth.js `credentialJson`); Verify, the PNG and LinkedIn need the network.
"""

from __future__ import annotations

import reflex as rx

from mmapp.components.bridge import mm
from mmapp.components.layout import TOUCH
from mmapp.i18n.client import t
from mmapp.state import PROGRESS


def _link(
    label: rx.Var[str], href: rx.Var, *, download: bool = False, new_tab: bool = False
) -> rx.Component:
    return rx.link(
        label,
        href=href.to(str),
        download=download,
        is_external=new_tab,
        min_height=TOUCH,
        display="inline-flex",
        align_items="center",
        margin_right="1em",
    )


def _row(c: rx.Var) -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.hstack(
                rx.image(
                    src=c["image_url"].to(str),
                    alt="",  # the name beside it says what it is
                    width="48px",
                    height="48px",
                    class_name="mm-credential-image",
                ),
                rx.text(c["name"].to(str), weight="bold", class_name="mm-credential-name"),
                align="center",
                spacing="3",
            ),
            rx.text(
                t("{skill} · issued {date}", skill=c["skill"].to(str), date=c["issued"].to(str)),
                size="2",
                color=rx.color("gray", 11),
            ),
            rx.cond(
                c["status"].to(str) != "",
                rx.text(c["status"].to(str), color=rx.color("red", 11), size="2"),
            ),
            rx.flex(
                _link(t("Verify"), c["verify_url"], new_tab=True),
                _link(t("Download PNG"), c["png_url"], download=True),
                rx.button(
                    t("Download JSON"),
                    on_click=mm("credentialJson", c["id"].to(str)),
                    variant="ghost",
                    size="3",
                    min_height=TOUCH,
                    margin_right="1em",
                    class_name="mm-credential-json",
                ),
                _link(t("Add to LinkedIn"), c["linkedin_url"], new_tab=True),
                wrap="wrap",
            ),
            spacing="1",
            width="100%",
        ),
        width="100%",
        class_name="mm-credential",
    )


def credentials_list() -> rx.Component:
    """Progress: the learner's credentials, newest first (nothing when there are none)."""
    rows = PROGRESS.value["credentials"].to(list[dict])
    return rx.cond(
        rows.bool(),
        rx.vstack(
            rx.heading(t("Your credentials"), size="4", as_="h2"),
            rx.foreach(rows, _row),
            width="100%",
            spacing="2",
            id="credentials",
        ),
    )


__all__ = ["credentials_list"]
