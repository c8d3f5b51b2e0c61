"""One module per route; learner pages are local-first (client state only)."""

from mmapp.pages import nugget, progress, reminders, signin, today

__all__ = ["nugget", "progress", "reminders", "signin", "today"]
