"""Wiring only: the Reflex app, its pages, the HTTP API and head tags."""

import reflex as rx

from mmapp.api import create_api
from mmapp.migrations import register_models

register_models()

app = rx.App(api_transformer=create_api())
