"""Micromastery: a local-first microlearning app for commutes."""
