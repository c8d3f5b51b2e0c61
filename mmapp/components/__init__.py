"""UI building blocks (no DB access)."""
