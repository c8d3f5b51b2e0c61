"""Reflex configuration: one app, SQLite by default, our own PWA plugin."""

import os

import reflex as rx

config = rx.Config(
    app_name="mmapp",
    db_url=os.environ.get("MM_DATABASE_URL") or "sqlite:///micromastery.db",
    telemetry_enabled=False,
    show_built_with_reflex=False,
    # Sitemap needs a deploy URL we don't have; the app is private anyway.
    disable_plugins=["reflex.plugins.sitemap.SitemapPlugin"],
)
