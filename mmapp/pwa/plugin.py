"""Reflex plugin: the device scripts as one file, and the service worker's precache."""

from __future__ import annotations

import json
import logging
from pathlib import Path

from reflex_base.constants import Dirs
from reflex_base.plugins.base import Plugin

from mmapp import routes
from mmapp.pwa.bridge_bundle import bundle
from mmapp.pwa.precache import collect, version_of

logger = logging.getLogger(__name__)
PLACEHOLDER = 'self.__MM_PRECACHE__ = { version: "dev", files: [] };'


class PwaPlugin(Plugin):
    """Bundle the device scripts; fill `/sw.js` with the shell's files and content hashes.

    `assets/sw.js` ships with a placeholder line; the build copies it to the static
    folder, and this hook replaces the placeholder there. Because the list and its
    version live in `sw.js` itself, any change to the shell changes the worker's
    bytes, which is what makes browsers install the new version.
    """

    def pre_compile(self, **context) -> None:
        """Write the pages' one device script (`routes.BRIDGE_BUNDLE`) into the static files."""
        assets = Path.cwd() / Dirs.APP_ASSETS
        target = f"{Dirs.PUBLIC}{routes.BRIDGE_BUNDLE}"
        context["add_save_task"](lambda: (target, bundle(assets, routes.BRIDGE_SCRIPTS)))

    def post_build(self, **context) -> None:
        """Write the precache list into the built service worker."""
        static_dir = Path(context["static_dir"])
        worker = static_dir / "sw.js"
        source = worker.read_text()
        if PLACEHOLDER not in source:
            msg = f"{worker} has no precache placeholder line"
            raise RuntimeError(msg)
        entries = collect(static_dir)
        payload = {"version": version_of(entries), "files": entries}
        worker.write_text(
            source.replace(PLACEHOLDER, f"self.__MM_PRECACHE__ = {json.dumps(payload)};")
        )
        logger.info(
            "service worker precache: %d files, version %s", len(entries), payload["version"]
        )
