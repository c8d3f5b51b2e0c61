"""The "Your skills profile" section of Progress: preview, share by link, stop sharing.

Local-first like the rest of the page: the state (`mm_profile`) comes from the
phone's kv "profile_link" (mm-auth.js `skillsProfile`); making or revoking the link
needs the network, and the bridge says so offline.
"""

from __future__ import annotations

import reflex as rx

from mmapp.components.bridge import mm
from mmapp.components.forms import status_callouts
from mmapp.components.layout import around, tap_button
from mmapp.i18n.client import t
from mmapp.state import PROFILE

V = PROFILE.value


def _messages() -> rx.Component:
    return status_callouts(
        V["error"].to(str),
        V["notice"].to(str),
        error_id="profile-error",
        notice_id="profile-notice",
    )


def skills_profile_section() -> rx.Component:
    """What the profile is, whether a link shares it, and the three actions."""
    shared = V["shared"].to(bool)
    url = V["url"].to(str)
    busy = V["busy"].to(bool)
    return rx.vstack(
        rx.heading(t("Your skills profile"), size="4", as_="h2"),
        rx.text(
            t(
                "A page with your skills, levels, goals met and credentials, for a CV or an "
                "employer. It is private until you share a link; you can stop sharing at any "
                "time. Sharing needs a connection."
            ),
            size="2",
        ),
        rx.cond(
            shared,
            rx.text(
                rx.cond(
                    url != "",
                    around(
                        t("Shared with this link: {link}"),
                        "link",
                        rx.code(url, id="profile-link", word_break="break-all"),
                    ),
                    t("Shared by a link made elsewhere."),
                ),
                size="2",
                id="profile-state",
            ),
            rx.text(t("Private: no link shares it."), size="2", id="profile-state"),
        ),
        rx.hstack(
            tap_button(
                t("Preview"),
                on_click=mm("skillsProfile", "preview"),
                variant="soft",
                id="profile-preview",
            ),
            tap_button(
                rx.cond(shared, t("Make a new link"), t("Create share link")),
                on_click=mm("skillsProfile", "create"),
                variant="soft",
                disabled=busy,
                id="profile-share",
            ),
            rx.cond(
                url != "",
                tap_button(
                    t("Copy link"),
                    on_click=mm("skillsProfile", "copy"),
                    variant="soft",
                    id="profile-copy",
                ),
            ),
            rx.cond(
                shared,
                tap_button(
                    t("Stop sharing"),
                    on_click=mm("skillsProfile", "stop"),
                    variant="outline",
                    color_scheme="red",
                    disabled=busy,
                    id="profile-stop",
                ),
            ),
            wrap="wrap",
            spacing="2",
        ),
        _messages(),
        width="100%",
        spacing="2",
        id="skills-profile",
    )


__all__ = ["skills_profile_section"]
