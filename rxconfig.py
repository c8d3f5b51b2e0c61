"""Reflex configuration: one app, SQLite by default, our own PWA plugin."""

import reflex as rx
from reflex.plugins.sitemap import SitemapPlugin

from mmapp import routes
from mmapp.pwa import PwaPlugin, WorkspaceStatePlugin
from mmapp.radix_theme import LeanRadixThemesPlugin
from mmapp.settings import get_settings

config = rx.Config(
    app_name="mmapp",
    db_url=get_settings().database_url,
    telemetry_enabled=False,
    show_built_with_reflex=False,
    # Sitemap needs a deploy URL we don't have; the app is private anyway.
    disable_plugins=[SitemapPlugin],
    plugins=[
        PwaPlugin(),
        WorkspaceStatePlugin("mmapp.state.staff.StaffState", routes.WORKSPACE),
        LeanRadixThemesPlugin(
            theme=rx.theme(
                accent_color="indigo", gray_color="slate", radius="large", has_background=True
            )
        ),
    ],
)
