"""Pushes speak the recipient's language: reminders, check-ins and announcements."""

from __future__ import annotations

import datetime as dt
import uuid

from sqlmodel import col, select

from mmapp import accounts, cohorts
from mmapp.i18n import effective_locale
from mmapp.models import (
    Assignment,
    Cohort,
    Nugget,
    PushMessage,
    PushSubscription,
    User,
    utcnow,
)
from mmapp.push import deliveries, reminders
from mmapp.push.announcements import announce
from mmapp.push.deliveries import _group_by_message
from mmapp.push.reminders import reminder_payload, review_text
from mmapp.push.work_checkins import message
from mmapp.schemas import ReminderPlanIn
from mmapp.skills import Chunk
from mmapp.skills.situation import Pick

# Wednesday 25 November 2026, 08:10 in London (GMT); the nuggets are due on Friday.
WEDNESDAY_0810 = dt.datetime(2026, 11, 25, 8, 10, tzinfo=dt.UTC)
FRIDAY = dt.datetime(2026, 11, 27, 17, 0, tzinfo=dt.UTC)
TITLES = {"n1": "Read the axis", "n2": "Check the axis"}


def _chunk(*picks: Pick) -> Chunk:
    return Chunk("2026-11-23", "07:30", "planned", picks, sum(p.minutes for p in picks))


def test_a_reminder_for_a_german_learner_is_in_german():
    locale = effective_locale("de", "en")  # the account's choice wins over the device's
    # The pathway words its reasons in the learner's language (Situation.locale).
    chunk = _chunk(Pick("nugget", "n1", 7, "Mach da weiter, wo du aufgehört hast"))
    payload = reminder_payload(chunk, titles=TITLES, left=8, goal=10, due=0, locale=locale)
    assert payload["title"] == "7 Minuten für Read the axis?"
    assert payload["body"] == (
        "Mach da weiter, wo du aufgehört hast · Heute noch 8 von deinen 10 Minuten."
    )
    assert payload["url"] == "/nugget?id=n1"  # what the phone opens does not change
    chunk = _chunk(Pick("nugget", "n1", 7, "Pick up where you left off"))
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


def _member(session, cohort, name: str, chosen: str | None, device: str | None) -> uuid.UUID:
    user = accounts.create_user(
        session=session, email=f"{name}@example.org", password="commutes-daily", display_name=name
    )
    user.locale, user.device_locale = chosen, device
    cohorts.add_member(session=session, cohort=cohort, user=user)
    session.add(
        PushSubscription(
            user_id=user.id,
            endpoint=f"https://push.example.org/{name}",
            p256dh="key",
            auth="auth",
        )
    )
    return user.id


def test_an_announcement_reaches_each_member_in_their_language(seeded, session):
    cohort = session.exec(select(Cohort).where(Cohort.invite_code == "COMMUTE1")).one()
    nugget = session.exec(select(Nugget).where(Nugget.slug == "per-what")).one()
    anna = _member(session, cohort, "anna", "de", "en")  # her choice wins over the device's
    ben = _member(session, cohort, "ben", None, "en-GB")
    session.flush()
    message = announce(session=session, cohort=cohort, nugget=nugget, created_by=None)
    assert message is not None
    topic = "n" + nugget.id.hex[:24]
    english = {
        "kind": "new_nugget",
        "title": 'New nugget: Ask "per what?"',
        "body": "7 min · Reading a chart honestly",
        "url": f"/nugget?id={nugget.id}",
        "nugget_id": str(nugget.id),
        "topic": topic,
    }
    assert message.payload == english  # English as it always was, byte for byte
    german = {
        **english,
        "title": 'Neues Nugget: Ask "per what?"',
        "body": "7 Min. · Reading a chart honestly",
    }
    assert message.localized == {"de": german}
    session.flush()
    claimed = deliveries.claim_due(session=session, now=utcnow())
    work = _group_by_message(session, claimed)
    sent = {
        target.endpoint: (payload, m.topic) for m, payload, targets in work for target in targets
    }
    assert sent["https://push.example.org/anna"] == (german, topic)  # one topic: repeats replace
    assert sent["https://push.example.org/ben"] == (english, topic)
    locale_of = {d.user_id: d.locale for d in claimed}
    assert (locale_of[anna], locale_of[ben]) == ("de", "en")


def test_a_german_learner_s_reminder_gives_the_pathway_s_reason_in_german(seeded, session):
    for a in session.exec(select(Assignment)):  # everything released: something to plan
        a.release_at, a.due_at = dt.datetime(2026, 1, 1, tzinfo=dt.UTC), FRIDAY
        session.add(a)
    learner = session.exec(select(User).where(col(User.email).startswith("learner@"))).one()
    learner.locale = "de"
    session.add(
        PushSubscription(user_id=learner.id, endpoint="https://p.example/1", p256dh="k", auth="a")
    )
    slots = [{"weekday": 2, "time": "08:10"}]
    data = ReminderPlanIn(timezone="Europe/London", slots=slots, daily_goal_minutes=30)
    reminders.save_plan(session=session, user=learner, data=data, now=WEDNESDAY_0810)
    assert reminders.plan_reminders(session=session, now=WEDNESDAY_0810)
    payload = session.exec(select(PushMessage.payload)).one()
    assert payload["body"] == "Fällig am Freitag · Heute noch 30 von deinen 30 Minuten."
