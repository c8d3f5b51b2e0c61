"""Column headers of the CSV downloads, in the reader's language.

A header is the field's name ("subject_type"): English stays those names, which
scripts and the JSON API share; other languages show words ("Betreff-Typ"). Every
column of every download is listed here, so the catalogue has it.
"""

from __future__ import annotations

from collections.abc import Iterable

from mmapp.i18n.catalog import N_, translate

COLUMNS = (
    # audit log (admin, and "actions.csv" of My data)
    N_("at"), N_("actor"), N_("action"), N_("subject_type"), N_("subject_id"), N_("detail"),
    N_("id"), N_("actor_email"),
    # My data: events.csv and reviews.csv
    N_("seq"), N_("event_id"), N_("type"), N_("nugget_id"), N_("nugget_version"),
    N_("device_id"), N_("device_seq"), N_("client_ts"), N_("received_at"), N_("payload"),
    N_("item_id"), N_("reps"), N_("stability"), N_("difficulty"), N_("due_on"),
    N_("last_review_on"), N_("best_interval"), N_("days_answered"),
    # cohort analytics
    N_("learner"), N_("email"), N_("done"), N_("released"), N_("overdue"), N_("behind"),
    N_("status"), N_("day"), N_("completed"), N_("cumulative"), N_("nugget"), N_("prompt"),
    N_("answered"), N_("correct"), N_("share_correct"), N_("right_first_time"),
    N_("most_chosen_wrong"), N_("hour"), N_("minutes"), N_("device"), N_("last_sync_at"),
    N_("max_seq"),
    # review analytics
    N_("skill"), N_("items"), N_("learners"), N_("recall"), N_("recall_pct"),
    N_("oldest_due"), N_("reviews"),
    # skills heat map
    N_("self_rating"), N_("shown"), N_("current"), N_("target"), N_("target_by"), N_("gap"),
    N_("audited"), N_("at_risk"),
    # mentoring and teach-back outcomes
    N_("requests"), N_("matches"), N_("sessions_held"), N_("median_rating"),
    N_("good_fit_share"), N_("good_fit_pct"), N_("actions_planned"), N_("actions_done_14d"),
    N_("rated_learners"), N_("rating_before"), N_("rating_after"), N_("teachbacks_asked"),
    N_("teachbacks_confirmed"),
)  # fmt: skip


def header(locale: str | None, columns: Iterable[str]) -> list[str]:
    """The header row of `columns` in `locale` (English: the names themselves).

    Args:
        locale: A language tag, or None for English.
        columns: The field names, in order.
    """
    return [translate(locale, name) for name in columns]
