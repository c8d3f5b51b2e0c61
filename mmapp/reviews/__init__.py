"""Spaced review: when each quiz item should come back, and how well it is held.

Owns the one FSRS configuration (py-fsrs, no steps, no fuzz, a year at most), the
rule that turns a learner's answers into one rating per item per local day, the
quantisation of reviews to the learner's local day, the deterministic replay of a
card from its ratings, and predicted recall. Plain Python: no database, no clock;
the phone runs the same schedule (assets/js/mm-fsrs.js, held to py-fsrs by golden
vectors).
"""

from __future__ import annotations

from mmapp.reviews import recall, scheduler
from mmapp.reviews.recall import retrievability
from mmapp.reviews.scheduler import (
    Answer,
    CardState,
    card_id,
    day_ratings,
    history,
    local_date,
    rate_day,
    replay,
    replay_key,
    review,
    review_datetime,
)

__all__ = [
    "Answer",
    "CardState",
    "card_id",
    "day_ratings",
    "history",
    "local_date",
    "rate_day",
    "recall",
    "replay",
    "replay_key",
    "retrievability",
    "review",
    "review_datetime",
    "scheduler",
]
