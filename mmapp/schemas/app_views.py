"""The installed app's and the Reminders page's view models (`mm_app`, `mm_push`).

Filled by mm-phone-views.js; listed with the other views in `CLIENT_VIEWS`
(mmapp/schemas/views.py), and held to the JS by the same contract test.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from mmapp.schemas.base import View


class AppView(View):
    """The installed app: update offer, install, storage, downloads (`mm_app`)."""

    update_available: bool = False
    updating: bool = False
    can_install: bool = False
    installed: bool = False
    ios_hint: bool = False
    storage: str = ""
    persisted: bool = False
    sw_ready: bool = False
    connection_known: bool = False
    downloads: Literal["any", "wifi"] = "any"


class RemindersView(View):
    """The Reminders page (`mm_push`): support, subscription, days and timezone."""

    support: Literal["", "ok", "ios_install", "unsupported"] = ""
    subscribed: bool = False
    busy: bool = False
    status: str = ""
    days: list[bool] = Field(default_factory=lambda: [True] * 5 + [False] * 2)
    timezone: str = ""


__all__ = ["AppView", "RemindersView"]
