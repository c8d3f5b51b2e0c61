"""Installable-app plumbing: the precache plugin (the worker itself is assets/sw.js)."""

from mmapp.pwa.plugin import PwaPlugin

__all__ = ["PwaPlugin"]
