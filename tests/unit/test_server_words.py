"""Words the server computes speak the reader's language; the English stays as it was.

A small German catalogue of the real msgids (the German the catalogue gets) stands in
for `locales/de.po`, so these checks do not wait for the merged translations.
"""

from __future__ import annotations

import datetime as dt
import uuid

import pytest

from mmapp.content.scale import scale_words
from mmapp.i18n import catalog
from mmapp.mentoring.matching import Candidate, Need, score
from mmapp.models import Skill
from mmapp.progress.cohort_skills import _risk_text
from mmapp.progress.mastery import skill_level
from mmapp.progress.statements import statement, statement_words

GERMAN = catalog.Catalogue(
    locale="de",
    messages={
        (
            "{name}: level {current} → {target} by {by}; {done} of {total} nuggets,"
            " recall {recall} %"
        ): (
            "{name}: Stufe {current} → {target} bis {by}; {done} von {total} Nuggets,"
            " Abruf {recall} %"
        ),
        "{name}: level {current}, no target yet; {done} of {total} nuggets": (
            "{name}: Stufe {current}, noch kein Ziel; {done} von {total} Nuggets"
        ),
        "d MMM": "d. MMM",
        "d MMM y": "d. MMM y",
        "Finish 1 nugget to start": "Schließ 1 Nugget ab, um zu beginnen",
        "Not yet": "Noch nicht",
        "I can teach it": "Ich kann es anderen beibringen",
        "{skill}: can teach it (level {level})": (
            "{skill}: kann es anderen beibringen (Stufe {level})"
        ),
        "Same time zone": "Gleiche Zeitzone",
        "{sessions} of {capacity} sessions this month": (
            "{sessions} von {capacity} Sitzungen in diesem Monat"
        ),
    },
    plurals={
        "Finish {n} more nugget": {
            "one": "Schließ noch {n} Nugget ab",
            "other": "Schließ noch {n} Nuggets ab",
        },
        "{n} free {minutes}-minute slot in the next 7 days": {
            "one": "{n} freier {minutes}-Minuten-Termin in den nächsten 7 Tagen",
            "other": "{n} freie {minutes}-Minuten-Termine in den nächsten 7 Tagen",
        },
        "{hours} hour apart": {
            "one": "{hours} Stunde Zeitunterschied",
            "other": "{hours} Stunden Zeitunterschied",
        },
        "{learner} · {skill} {current} → {target} by {by} · {n} day left": {
            "one": "{learner} · {skill} {current} → {target} bis {by} · noch {n} Tag",
            "other": "{learner} · {skill} {current} → {target} bis {by} · noch {n} Tage",
        },
    },
)
TODAY = dt.date(2026, 12, 1)


@pytest.fixture(autouse=True)
def german(monkeypatch: pytest.MonkeyPatch) -> None:
    real = catalog.load
    monkeypatch.setattr(catalog, "load", lambda locale: GERMAN if locale == "de" else real(locale))


def _standing(**kw: object) -> dict[str, object]:
    base: dict[str, object] = {"name": "Feedback", "current": 2, "target": 3, "done": 3}
    return base | {"total": 5, "recall": 0.74, "today": TODAY, "by": dt.date(2027, 1, 15)} | kw


def test_a_standing_statement_in_german_and_as_before_in_english() -> None:
    assert statement(**_standing(), locale="de") == (
        "Feedback: Stufe 2 → 3 bis 15. Jan.; 3 von 5 Nuggets, Abruf 74 %"
    )
    assert statement(**_standing()) == (
        "Feedback: level 2 → 3 by 15 Jan; 3 of 5 nuggets, recall 74 %"
    )
    quiet = _standing(target=None, recall=None)
    assert statement(**quiet, locale="de") == ("Feedback: Stufe 2, noch kein Ziel; 3 von 5 Nuggets")


def test_the_statement_words_carry_the_day_for_the_phone_to_word() -> None:
    far = statement_words(**_standing(by=dt.date(2028, 2, 1)))
    assert far.days["by"].date == dt.date(2028, 2, 1) and far.days["by"].year
    assert far.text() == "Feedback: level 2 → 3 by 1 Feb 2028; 3 of 5 nuggets, recall 74 %"
    assert far.text("de").startswith("Feedback: Stufe 2 → 3 bis 1. Feb. 2028;")


def test_a_next_step_in_german_beside_the_english() -> None:
    started = skill_level(done=1, given=3, items=set(), cards=[], today=TODAY)
    assert started.next_step == "Finish 2 more nuggets"
    assert started.next_step_words is not None
    assert started.next_step_words.text("de") == "Schließ noch 2 Nuggets ab"
    one_left = skill_level(done=2, given=3, items=set(), cards=[], today=TODAY)
    assert one_left.next_step_words is not None
    assert one_left.next_step_words.text("de") == "Schließ noch 1 Nugget ab"
    fresh = skill_level(done=0, given=3, items=set(), cards=[], today=TODAY)
    assert fresh.next_step_words is not None
    assert fresh.next_step_words.text("de") == "Schließ 1 Nugget ab, um zu beginnen"
    assert fresh.next_step_words.model_dump() == {
        "msgid": "Finish 1 nugget to start",
        "plural": "",
        "n": None,
        "params": {},
        "days": {},
    }


def test_the_coordinators_words_follow_their_language() -> None:
    words = _risk_text(
        "de", 12, learner="Ada", skill="Feedback", current=1, target=3, by="15. Jan."
    )
    assert words == "Ada · Feedback 1 → 3 bis 15. Jan. · noch 12 Tage"
    english = _risk_text("en", 1, learner="Ada", skill="Feedback", current=1, target=3, by="x")
    assert english == "Ada · Feedback 1 → 3 by x · 1 day left"
    default = Skill(slug="s", name="S", scale=[])
    assert scale_words(default, "de")[0] == "Noch nicht"
    assert scale_words(default)[4] == "I can teach it"
    own = Skill(slug="o", name="O", scale=["a", "b", "c", "d", "e"])
    assert scale_words(own, "de") == ["a", "b", "c", "d", "e"]


def test_mentor_match_reasons_in_the_learners_language() -> None:
    need = Need(
        mentee_id=uuid.uuid4(),
        skill_name="Feedback",
        target_level=3,
        minutes=20,
        utc_offset_hours=1.0,
    )
    mentor = Candidate(
        user_id=uuid.uuid4(),
        name="Maya",
        level=4,
        lengths=(20,),
        monthly_capacity=4,
        sessions_this_month=1,
        free_slots=1,
        utc_offset_hours=2.5,
    )
    german = score(need, mentor, "de")
    assert german is not None
    assert german.reasons == (
        "Feedback: kann es anderen beibringen (Stufe 4)",
        "1 freier 20-Minuten-Termin in den nächsten 7 Tagen",
        "1,5 Stunden Zeitunterschied",
        "1 von 4 Sitzungen in diesem Monat",
    )
    english = score(need, mentor)
    assert english is not None
    assert english.reasons == (
        "Feedback: can teach it (level 4)",
        "1 free 20-minute slot in the next 7 days",
        "1.5 hours apart",
        "1 of 4 sessions this month",
    )
