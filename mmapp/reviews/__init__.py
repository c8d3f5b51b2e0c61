"""Spaced review: when each quiz item should come back, and how well it is held.

Owns the one FSRS configuration (py-fsrs, no steps, no fuzz, a year at most), the
rule that turns a learner's answers into one rating per item per local day, the
quantisation of reviews to the learner's local day, the deterministic replay of a
card from its day records, predicted recall, each learner's stored cards (a
projection ingest keeps current and the log can rebuild), and what phones get of
them. The phone runs the same schedule (assets/js/mm-fsrs.js, held to py-fsrs by
golden vectors).
"""

from __future__ import annotations

from mmapp.reviews import cards, days, device_cards, recall, scheduler
from mmapp.reviews.cards import cards_of, cards_of_users, note_events, rebuild, replayed
from mmapp.reviews.device_cards import card_out, cards_since
from mmapp.reviews.recall import card_state, retrievability
from mmapp.reviews.scheduler import (
    CardState,
    card_id,
    history,
    local_date,
    rating_for,
    replay,
    review,
    review_datetime,
)

__all__ = [
    "CardState",
    "card_id",
    "card_out",
    "card_state",
    "cards",
    "cards_of",
    "cards_of_users",
    "cards_since",
    "days",
    "device_cards",
    "history",
    "local_date",
    "note_events",
    "rating_for",
    "rebuild",
    "recall",
    "replay",
    "replayed",
    "retrievability",
    "review",
    "review_datetime",
    "scheduler",
]
