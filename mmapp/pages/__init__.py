"""One module per route; learner pages are local-first (client state only)."""

from mmapp.pages import nugget, progress, signin, today

__all__ = ["nugget", "progress", "signin", "today"]
