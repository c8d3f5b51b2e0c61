"""The achievement rule (`credentials.criteria`): its words, and each way it is not met."""

from __future__ import annotations

import datetime as dt
import uuid

from mmapp.credentials.criteria import NuggetRecord, Rule, evaluate, narrative

TODAY = dt.date(2026, 11, 21)
RULE = Rule("Giving feedback that lands", level=3, min_score=80, min_recall=0.8, min_days=30)
A, B, C = (uuid.uuid5(uuid.NAMESPACE_URL, f"item-{i}") for i in "abc")


def _records(
    *, done: dt.date | None = TODAY - dt.timedelta(days=40), correct: int = 4
) -> list[NuggetRecord]:
    return [
        NuggetRecord("Ask first", 1, TODAY - dt.timedelta(days=50), 5, 5, frozenset({A})),
        NuggetRecord("Name the behaviour", 3, done, correct, 5, frozenset({B})),
        NuggetRecord("No quiz here", 2, TODAY - dt.timedelta(days=45)),
        NuggetRecord("Level four", 4, None, 0, 5, frozenset({C})),  # above the level: ignored
    ]


HIGH = {A: 0.9, B: 0.85}


def test_the_words_come_from_the_numbers() -> None:
    assert narrative(RULE) == (
        "Complete every level 1\u20133 nugget of Giving feedback that lands assigned to you; "
        "first-try score of 80 % or more on each; mean recall of 0.8 or more, 30 days or more "
        "after the last one."
    )
    one = Rule("Charts", level=1, min_score=90, min_recall=0.75, min_days=1)
    assert narrative(one) == (
        "Complete every level 1 nugget of Charts assigned to you; first-try score of 90 % or "
        "more on each; mean recall of 0.75 or more, 1 day or more after the last one."
    )


def test_met_lists_the_evidence_without_answers() -> None:
    outcome = evaluate(RULE, _records(), HIGH, TODAY)
    assert outcome.met and outcome.reasons == ()
    assert [e.name for e in outcome.evidence] == [
        "Ask first",
        "No quiz here",
        "Name the behaviour",
        "Recall",
    ]
    assert outcome.evidence[2].narrative == "Completed on 2026-10-12; first-try score 80 %."
    assert outcome.evidence[-1].narrative == "Mean recall 0.88 on 2026-11-21 across 2 quiz items."


def test_a_nugget_not_done() -> None:
    outcome = evaluate(RULE, _records(done=None), HIGH, TODAY)
    assert not outcome.met and outcome.evidence == ()
    assert outcome.reasons == ("Not completed yet: Name the behaviour.",)


def test_a_low_first_try_score() -> None:
    outcome = evaluate(RULE, _records(correct=3), HIGH, TODAY)  # 60 %
    assert outcome.reasons == ("First-try score under 80 %: Name the behaviour.",)


def test_recall_too_low_and_unreviewed_items_count_as_zero() -> None:
    low = evaluate(RULE, _records(), {A: 0.9, B: 0.6}, TODAY)
    assert low.reasons == ("Mean recall is 0.75, under 0.8.",)
    unreviewed = evaluate(RULE, _records(), {A: 1.0}, TODAY)
    assert unreviewed.reasons == ("Mean recall is 0.50, under 0.8.",)


def test_too_soon_after_the_last_completion() -> None:
    exactly = evaluate(RULE, _records(done=TODAY - dt.timedelta(days=30)), HIGH, TODAY)
    assert exactly.met
    soon = evaluate(RULE, _records(done=TODAY - dt.timedelta(days=29)), HIGH, TODAY)
    assert soon.reasons == ("Recall counts from 2026-11-22, 30 days after the last.",)


def test_a_skill_without_nuggets_at_the_level_is_never_met() -> None:
    outcome = evaluate(RULE, [NuggetRecord("Level four", 4, TODAY, 5, 5)], {}, TODAY)
    assert not outcome.met
    assert outcome.reasons == ("Giving feedback that lands has no level 1\u20133 nuggets yet.",)
