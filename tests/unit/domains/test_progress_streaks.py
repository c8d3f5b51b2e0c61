"""The daily goal and streak as the server projects them, from real events and cards.

The rule itself is in mmapp/progress/streaks.py (its shared cases run in
test_streaks.py); here: local days across DST changes, reviews read from the cards,
goal met today or not, freezes earned and spent, and the reminder built on the same
day minutes.
"""

from __future__ import annotations

import datetime as dt
import itertools
import uuid
import zoneinfo

import pytest
from sqlmodel import select

from mmapp import accounts
from mmapp.models import (
    Assignment,
    LearnerEvent,
    Nugget,
    NuggetRevision,
    PushMessage,
    PushSubscription,
    ReminderPlan,
    User,
    utcnow,
)
from mmapp.progress.projections import compute_progress, minutes_on
from mmapp.progress.streaks import StreakState, walk
from mmapp.push.reminder_times import reschedule
from mmapp.push.reminders import plan_reminders
from mmapp.reviews.cards import rebuild

D = dt.date


class Learner:
    """The seeded learner in `tz` with a daily goal, and a way to log their events."""

    def __init__(self, session, tz: str, goal: int) -> None:
        self.session = session
        self.user = session.exec(select(User).where(User.email.startswith("learner@"))).one()
        self.user.timezone = tz
        self.tz = zoneinfo.ZoneInfo(tz)
        session.add(self.user)
        session.add(ReminderPlan(user_id=self.user.id, timezone=tz, daily_goal_minutes=goal))
        self.device = accounts.register_device(
            session=session, user=self.user, device_id="device-streaks"
        )
        self.seq = itertools.count(1)
        self.nugget = session.exec(select(Nugget).where(Nugget.slug == "per-what")).one()
        snap = session.exec(
            select(NuggetRevision).where(
                NuggetRevision.nugget_id == self.nugget.id,
                NuggetRevision.version == self.nugget.version,
            )
        ).one()
        self.items = snap.snapshot["quiz"]
        session.flush()

    def at(self, day: dt.date, hour: int = 12, minute: int = 0) -> dt.datetime:
        """A local wall-clock time as an aware UTC instant."""
        local = dt.datetime.combine(day, dt.time(hour, minute), self.tz)
        return local.astimezone(dt.UTC)

    def log(self, kind: str, when: dt.datetime, nugget=None, payload=None) -> None:
        nugget = nugget or self.nugget
        seq = next(self.seq)
        self.session.add(
            LearnerEvent(
                event_id=uuid.uuid4(),
                user_id=self.user.id,
                device_id=self.device.id,
                device_seq=seq,
                type=kind,
                nugget_id=nugget.id,
                nugget_version=nugget.version,
                payload=payload or {},
                fingerprint=f"st-{seq}",
                client_ts=when,
                received_at=when,
            )
        )

    def review(self, when: dt.datetime, items: int = 2) -> None:
        """`items` review answers (distinct items, all right) at `when`."""
        for item in self.items[:items]:
            answer = {"choices": item["correct"]} if item["correct"] else {"text": "x"}
            self.log("review_answered", when, payload={"item_id": item["id"], "answer": answer})

    def progress(self, now: dt.datetime):
        self.session.flush()
        rebuild(session=self.session, user=self.user)
        return compute_progress(session=self.session, user=self.user, now=now)


def _check_mirror(p) -> None:
    """Walking the pulled window as a phone does gives the pulled streak."""
    base = p.streak_base
    start = StreakState(base.streak, base.freezes_held, tuple(base.freezes_used))
    state = walk(p.recent_minutes, p.goal_minutes, start=start, first=base.start, today=p.today)
    assert (state.streak, state.freezes, list(state.used)) == (
        p.streak,
        p.freezes_held,
        p.freezes_used,
    )


@pytest.mark.parametrize(
    ("tz", "change"),
    [
        ("Europe/Berlin", D(2026, 3, 29)),
        ("Europe/Berlin", D(2026, 10, 25)),
        ("America/New_York", D(2026, 3, 8)),
        ("America/New_York", D(2026, 11, 1)),
    ],
)
def test_answers_at_2330_and_0030_fall_on_their_local_days_across_dst(session, seeded, tz, change):
    learner = Learner(session, tz, goal=1)  # two reviews (30 s each) make a minute
    before, after = change - dt.timedelta(days=1), change + dt.timedelta(days=1)
    learner.review(learner.at(before, 23, 30))
    learner.review(learner.at(change, 0, 30))
    learner.review(learner.at(change, 23, 30))  # same items, same day: counted once
    learner.review(learner.at(after, 0, 30))
    p = learner.progress(learner.at(after, 12))
    assert p.today == after
    assert p.recent_reviews == {before: 2, change: 2, after: 2}
    assert p.recent_minutes == {before: 1, change: 1, after: 1}
    assert (p.streak, p.today_minutes, p.goal_met_today) == (3, 1, True)
    _check_mirror(p)


def test_a_freeze_is_earned_after_seven_met_days_and_spent_on_a_miss(session, seeded):
    learner = Learner(session, "Europe/Berlin", goal=1)
    today = D(2026, 11, 20)  # a Friday
    for back in range(2, 9):  # the 12th to the 18th met; the 19th missed
        learner.review(learner.at(today - dt.timedelta(days=back)))
    p = learner.progress(learner.at(today, 8))
    assert (p.streak, p.freezes_held, p.freezes_used) == (7, 0, [D(2026, 11, 19)])
    assert (p.today_minutes, p.goal_met_today) == (0, False)  # today still open
    _check_mirror(p)
    learner.review(learner.at(today, 9))
    p = learner.progress(learner.at(today, 10))
    assert (p.streak, p.freezes_held, p.goal_met_today) == (8, 0, True)
    assert p.freezes_used == [D(2026, 11, 19)]
    _check_mirror(p)


def test_two_misses_with_one_freeze_break_the_streak(session, seeded):
    learner = Learner(session, "America/New_York", goal=1)
    today = D(2026, 11, 20)
    for back in range(3, 10):
        learner.review(learner.at(today - dt.timedelta(days=back)))
    learner.review(learner.at(today, 7))
    p = learner.progress(learner.at(today, 8))
    assert (p.streak, p.freezes_held, p.freezes_used) == (1, 0, [])
    assert p.streak_base.start == today - dt.timedelta(days=13)
    _check_mirror(p)


def test_reviews_and_nuggets_add_up_toward_the_goal(session, seeded):
    for a in session.exec(select(Assignment)):
        a.release_at = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
        session.add(a)
    learner = Learner(session, "Europe/Berlin", goal=1)
    nugget = learner.nugget
    plan = session.get(ReminderPlan, learner.user.id)
    plan.daily_goal_minutes = nugget.minutes + 1
    today = D(2026, 11, 20)
    learner.log("nugget_completed", learner.at(today, 7), nugget)
    learner.review(learner.at(today, 8), items=1)  # 30 s: not a whole minute yet
    p = learner.progress(learner.at(today, 9))
    assert (p.today_minutes, p.goal_met_today, p.streak) == (nugget.minutes, False, 0)
    assert p.minutes == nugget.minutes  # the total stays nuggets' minutes
    learner.review(learner.at(today, 8, 5), items=2)  # the second item makes a minute
    p = learner.progress(learner.at(today, 9))
    assert (p.today_minutes, p.goal_met_today, p.streak) == (nugget.minutes + 1, True, 1)
    assert p.recent_reviews == {today: 2}
    day = minutes_on(session=session, user_id=learner.user.id, day=today, tz=learner.tz)
    assert day == p.today_minutes
    assert p.events_stored == 4  # every event, though only completions were loaded


def _reminded_on_mondays(session) -> tuple[Learner, dt.date]:
    """A London learner with a phone, reminded Mondays at 08:10, nuggets long released."""
    for a in session.exec(select(Assignment)):
        a.release_at = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
        session.add(a)
    learner = Learner(session, "Europe/London", goal=10)
    plan = session.get(ReminderPlan, learner.user.id)
    plan.enabled, plan.slots = True, [{"weekday": 0, "time": "08:10"}]
    reschedule(plan, now=utcnow())  # what `save_plan` does: the plan rings next Monday
    session.add(
        PushSubscription(user_id=learner.user.id, endpoint="https://p/1", p256dh="k", auth="a")
    )
    return learner, D(2026, 11, 23)


def test_a_reminder_says_how_many_reviews_are_due(session, seeded):
    learner, monday = _reminded_on_mondays(session)
    learner.log("nugget_completed", learner.at(monday - dt.timedelta(days=31)))
    learner.review(learner.at(monday - dt.timedelta(days=30)), items=3)
    learner.progress(learner.at(monday))  # stores the cards
    assert plan_reminders(session=session, now=learner.at(monday, 8, 12))
    message = session.exec(select(PushMessage)).one()
    assert message.payload["title"] == "3 reviews due — 2 min"
    # The week plan's chunk for the slot: the reviews, then the nugget planned after them.
    assert message.payload["body"].startswith("Then '")
    assert message.payload["body"].endswith(" min. 10 of your 10 minutes left today.")
    assert message.payload["url"] == "/review"  # opens the review session
    assert "nugget_id" not in message.payload


def test_reviews_due_remind_a_learner_with_every_nugget_done(session, seeded):
    learner, monday = _reminded_on_mondays(session)
    long_ago = learner.at(monday - dt.timedelta(days=40))
    for nugget in session.exec(select(Nugget)):
        learner.log("nugget_completed", long_ago, nugget)
    assert not plan_reminders(session=session, now=learner.at(monday, 8, 12))  # nothing to do
    learner.review(learner.at(monday - dt.timedelta(days=30)), items=1)
    learner.progress(learner.at(monday))  # stores the cards
    assert plan_reminders(session=session, now=learner.at(monday + dt.timedelta(days=7), 8, 12))
    message = session.exec(select(PushMessage)).one()
    assert (message.payload["title"], message.payload["url"]) == ("1 review due — 1 min", "/review")


def test_a_reminder_names_the_nugget_the_week_plan_holds_and_why(session, seeded):
    learner, monday = _reminded_on_mondays(session)
    open_ = [
        a
        for a in session.exec(select(Assignment).order_by(Assignment.position))
        if not session.get(Nugget, a.nugget_id).prerequisites
    ]
    assert len(open_) >= 2
    pressing = open_[-1]  # last in the cohort's order, but due tomorrow
    pressing.due_at = learner.at(monday + dt.timedelta(days=1), 18)
    session.add(pressing)
    assert plan_reminders(session=session, now=learner.at(monday, 8, 12))
    message = session.exec(select(PushMessage)).one()
    nugget = session.get(Nugget, pressing.nugget_id)
    assert message.payload["title"] == f"{nugget.minutes} minutes for {nugget.title}?"
    assert message.payload["body"] == "Due tomorrow · 10 of your 10 minutes left today."
    assert message.payload["url"] == f"/nugget?id={nugget.id}"
    assert message.nugget_id == nugget.id  # the service worker prefetches it


def test_a_missed_chunk_rolls_forward_to_the_next_slot(session, seeded):
    learner, monday = _reminded_on_mondays(session)
    plan = session.get(ReminderPlan, learner.user.id)
    plan.slots = [{"weekday": 0, "time": "08:10"}, {"weekday": 0, "time": "17:45"}]
    session.add(plan)
    assert plan_reminders(session=session, now=learner.at(monday, 8, 12))
    assert plan_reminders(session=session, now=learner.at(monday, 17, 50))
    morning, evening = session.exec(select(PushMessage).order_by(PushMessage.dedupe_key)).all()
    # Nothing was done in the morning: the evening slot is planned afresh from now and
    # offers the same nugget, with no word about the morning.
    assert evening.payload["title"] == morning.payload["title"]
    assert "miss" not in evening.payload["body"].lower()


def test_a_claimed_slot_is_not_planned_again_within_its_window(session, seeded):
    import sqlalchemy as sa

    learner, monday = _reminded_on_mondays(session)
    assert plan_reminders(session=session, now=learner.at(monday, 8, 12))
    statements: list[str] = []
    engine = session.get_bind()

    def count(*args) -> None:
        statements.append(args[2])

    sa.event.listen(engine, "before_cursor_execute", count)
    try:
        assert plan_reminders(session=session, now=learner.at(monday, 8, 20)) == []
    finally:
        sa.event.remove(engine, "before_cursor_execute", count)
    # The plans, then the claim looked up: no projection of the learner's progress.
    assert len(statements) <= 3, statements


def test_a_slot_soon_after_a_quiet_one_still_reminds(session, seeded):
    learner, monday = _reminded_on_mondays(session)
    plan = session.get(ReminderPlan, learner.user.id)
    plan.slots = [{"weekday": 0, "time": "08:00"}, {"weekday": 0, "time": "08:15"}]
    plan.quiet_start, plan.quiet_end = "22:00", "08:05"  # 08:00 is quiet
    session.add(plan)
    assert plan_reminders(session=session, now=learner.at(monday, 8, 16))
    message = session.exec(select(PushMessage)).one()
    assert message.dedupe_key.endswith(":08:15")
    assert message.payload["title"].endswith("?")  # names the nugget 08:15 holds


def test_reviews_remind_even_when_too_little_of_the_goal_is_left_for_the_plan(session, seeded):
    learner, monday = _reminded_on_mondays(session)
    learner.log("nugget_completed", learner.at(monday - dt.timedelta(days=31)))
    learner.review(learner.at(monday - dt.timedelta(days=30)), items=3)
    learner.progress(learner.at(monday))  # stores the cards
    for nugget in session.exec(select(Nugget)).all()[1:3]:
        learner.log("nugget_completed", learner.at(monday, 7, 0), nugget)
    done = minutes_on(session=session, user_id=learner.user.id, day=monday, tz=learner.tz)
    # A minute of the goal left: less than the pathway gives reviews (40 % is 24 s).
    plan = session.get(ReminderPlan, learner.user.id)
    plan.daily_goal_minutes = done + 1
    session.add(plan)
    assert plan_reminders(session=session, now=learner.at(monday, 8, 12))
    message = session.exec(select(PushMessage)).one()
    title, url = message.payload["title"], message.payload["url"]
    assert (title, url) == ("3 reviews due — 2 min", "/review")
