"""Pushes speak the recipient's language: reminders and work check-ins, built per learner."""

from __future__ import annotations

import uuid

from mmapp.i18n import effective_locale
from mmapp.push.reminders import reminder_payload, review_text
from mmapp.push.work_checkins import message
from mmapp.skills import Chunk
from mmapp.skills.situation import Pick

TITLES = {"n1": "Read the axis", "n2": "Check the axis"}


def _chunk(*picks: Pick) -> Chunk:
    return Chunk("2026-11-23", "07:30", "planned", picks, sum(p.minutes for p in picks))


def test_a_reminder_for_a_german_learner_is_in_german():
    locale = effective_locale("de", "en")  # the account's choice wins over the device's
    chunk = _chunk(Pick("nugget", "n1", 7, "Pick up where you left off"))
    payload = reminder_payload(chunk, titles=TITLES, left=8, goal=10, due=0, locale=locale)
    assert payload["title"] == "7 Minuten für Read the axis?"
    assert payload["body"] == (
        "Mach da weiter, wo du aufgehört hast · Heute noch 8 von deinen 10 Minuten."
    )
    assert payload["url"] == "/nugget?id=n1"  # what the phone opens does not change
    english = reminder_payload(chunk, titles=TITLES, left=8, goal=10, due=0)
    assert english["title"] == "7 minutes for Read the axis?"
    assert english["body"] == "Pick up where you left off · 8 of your 10 minutes left today."


def test_reviews_first_in_german_with_their_plural():
    chunk = _chunk(Pick("reviews", "", 2, "3 reviews due"), Pick("nugget", "n2", 6, "Due today"))
    payload = reminder_payload(chunk, titles=TITLES, left=10, goal=10, due=3, locale="de")
    assert payload["title"] == "3 Wiederholungen fällig — 2 Min."
    assert payload["body"] == "Dann „Check the axis“ · 6 Min. Heute noch 10 von deinen 10 Minuten."
    assert review_text(1, "de") == "1 Wiederholung fällig — 1 Min."
    assert review_text(3) == "3 reviews due — 2 min"


def test_a_device_language_counts_when_nothing_was_chosen():
    nugget = uuid.UUID(int=1)
    german = message("Check the axis", nugget, effective_locale(None, "de"))
    assert german["title"] == "Hast du es ausprobiert? Wie lief es?"
    assert german["body"] == "„Check the axis“ — 30 Sekunden, um festzuhalten, wie es lief."
    english = message("Check the axis", nugget, effective_locale(None, None))
    assert english["title"] == "Did you try it? How did it go?"
    assert english["body"] == "'Check the axis' — 30 seconds to note how it went."
