"""Teach-back as evidence: the shared rule, the payload checks, and the level it shows.

A learner whose practice shows level 3 in a skill teaches a nugget of it back to a
colleague; the colleague's confirmation that counts makes it 4, "I can teach it"
(the rule: mmapp/progress/standing.py), and a weak one does not.
"""

from __future__ import annotations

import datetime as dt
import json
import pathlib
import uuid

import pytest
from sqlmodel import select

from mmapp import accounts, cohorts
from mmapp.credentials.criteria import NuggetRecord, Rule, evaluate, narrative
from mmapp.demo.seed import DEMO_COHORT_CODE
from mmapp.mentoring.profiles import teachable_skills
from mmapp.models import TeachBack, User
from mmapp.progress.standing import shown_level, teach_lift
from mmapp.schemas import EventIn, QuizScore
from mmapp.sync.checks import payload_problem
from mmapp.teachback.evidence import counts
from tests.conftest import FIXED_NOW
from tests.support.answers import Learner
from tests.unit.domains.test_standing import AT, World

CASES = json.loads(
    (pathlib.Path(__file__).parents[2] / "fixtures" / "teachback_cases.json").read_text()
)["cases"]


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_the_shared_cases(case):
    tb = case["tb"]
    assert counts(tb["explained"], tb["usable"], tb["rating"]) == case["counts"]
    taught = [uuid.uuid4()] if case["counts"] and case["completed"] else []
    assert teach_lift(case["shown"], taught) == case["lifted"]


N1, N3 = uuid.uuid4(), uuid.uuid4()


def test_shown_level_counts_only_a_completed_given_nugget_taught():
    levels = {N1: 1, N3: 3}
    done = {N1, N3}
    good = {N3: QuizScore(answered=1, correct=1, total=1)}
    assert shown_level(levels, done, good, 0.9, True) == 3
    assert shown_level(levels, done, good, 0.9, True, taught={N1}) == 4
    assert shown_level(levels, done, good, 0.9, True, taught={uuid.uuid4()}) == 3  # not given
    assert shown_level(levels, {N1}, good, 0.9, True, taught={N3}) == 1  # N3 not done
    assert shown_level(levels, done, good, 0.5, True, taught={N3}) == 2  # recall cap holds


def _problem(type_: str, payload: dict) -> str | None:
    event = EventIn(
        event_id=uuid.uuid4(),
        device_seq=1,
        type=type_,  # type: ignore[arg-type]
        nugget_id=uuid.uuid4(),
        nugget_version=1,
        payload=payload,
        client_ts=FIXED_NOW,
    )
    return payload_problem(event, {"practice_steps": [], "quiz": []}, 2000)


PEER = str(uuid.uuid4())
ASK = {"ask": PEER, "explained": True, "usable": False, "rating": 1, "comment": ""}


@pytest.mark.parametrize(
    ("type_", "payload", "reason"),
    [
        ("teachback_asked", {"peer": PEER, "at": "2026-11-21T09:00:00Z"}, None),
        ("teachback_asked", {"peer": PEER, "at": "2026-12-21T09:00:00+00:00"}, None),  # +30 d
        ("teachback_asked", {"peer": PEER, "at": "2026-11-14T09:00:00+00:00"}, None),  # -7 d
        (
            "teachback_asked",
            {"peer": PEER, "at": "2026-12-21T09:00:01+00:00"},
            "moment_out_of_range",
        ),
        (
            "teachback_asked",
            {"peer": PEER, "at": "2026-11-14T08:59:59+00:00"},
            "moment_out_of_range",
        ),
        ("teachback_asked", {"peer": PEER, "at": "2026-11-21"}, "invalid_moment"),
        ("teachback_asked", {"peer": PEER, "at": 1764000000}, "invalid_moment"),
        ("teachback_asked", {"peer": PEER, "at": "2026-11-21T09:00:00+25:00"}, "invalid_moment"),
        ("teachback_asked", {"peer": 7, "at": "2026-11-21T09:00:00Z"}, "invalid_peer"),
        (
            "teachback_asked",
            {"peer": PEER, "at": "2026-11-21T09:00Z", "x": 1},
            "unexpected_payload",
        ),
        ("teachback_confirmed", ASK, None),
        ("teachback_confirmed", ASK | {"rating": 4, "comment": "é" * 280}, None),
        ("teachback_confirmed", ASK | {"comment": "é" * 281}, "comment_too_long"),
        ("teachback_confirmed", ASK | {"comment": None}, "comment_too_long"),
        ("teachback_confirmed", ASK | {"rating": 0}, "rating_out_of_range"),
        ("teachback_confirmed", ASK | {"rating": True}, "rating_out_of_range"),
        ("teachback_confirmed", ASK | {"rating": 3.0}, "rating_out_of_range"),
        ("teachback_confirmed", ASK | {"explained": 1}, "invalid_answer"),
        ("teachback_confirmed", ASK | {"usable": None}, "invalid_answer"),
        ("teachback_confirmed", ASK | {"ask": "nope"}, "invalid_ask"),
        (
            "teachback_confirmed",
            {k: v for k, v in ASK.items() if k != "comment"},
            "unexpected_payload",
        ),
    ],
)
def test_payload_checks(type_, payload, reason):
    assert _problem(type_, payload) == reason


class Colleagues(World):
    """The demo learner (Lee, teaching) and Kim, a colleague in the demo cohort."""

    def __init__(self, session, clock):
        super().__init__(session, clock)
        kim = accounts.create_user(
            session=session, email="kim@ex.org", password="commutes-daily", display_name="Kim"
        )
        cohorts.join_by_code(session=session, user=kim, code=DEMO_COHORT_CODE)
        self.kim = Learner(session, kim, clock, device="kims-phone")

    def teach(self, slug: str, at: dt.datetime, **answer) -> uuid.UUID:
        nugget = self.nuggets[slug]
        payload = {"peer": str(self.kim.user.id), "at": at.isoformat()}
        ask = self.phone._event(nugget, "teachback_asked", payload, at)
        self.phone.push(at, [ask])
        said = {"explained": True, "usable": True, "rating": 4, "comment": ""} | answer
        confirm = self.kim._event(
            nugget, "teachback_confirmed", {"ask": str(ask.event_id)} | said, at
        )
        self.kim.push(at + dt.timedelta(hours=1), [confirm])
        return ask.event_id


@pytest.fixture
def two(session, seeded, clock) -> Colleagues:
    return Colleagues(session, clock)


FEEDBACK = ("behaviour-not-person", "impact-statement", "ask-first", "next-step")


def test_a_confirmed_teach_back_shows_i_can_teach_it(two):
    for slug in FEEDBACK:
        two.phone.finish(two.nuggets[slug], AT)
    assert two.standing(now=AT)["feedback"].shown == 3
    assert two.skill["feedback"].id not in teachable_skills(
        session=two.session, user=two.user, now=AT
    )
    two.teach("ask-first", AT, rating=2)  # a weak one is recorded, and shows nothing more
    assert two.standing(now=AT)["feedback"].shown == 3
    ask = two.teach("ask-first", AT, rating=3)
    row = two.session.get(TeachBack, ask)
    assert (row.rating, row.confirm_id is not None) == (3, True)
    standing = two.standing(now=AT)
    assert (standing["feedback"].shown, standing["feedback"].current) == (4, 4)
    assert standing["reading-charts"].shown == 0  # another skill
    # Level 4 lets a learner offer to mentor the skill.
    assert two.skill["feedback"].id in teachable_skills(session=two.session, user=two.user, now=AT)
    # Recall fading below 0.8 caps practice at 2: teaching does not lift that.
    assert two.standing(now=FIXED_NOW + dt.timedelta(days=30))["feedback"].shown == 2


def test_teaching_before_practice_shows_nothing_more(two):
    two.phone.finish(two.nuggets["behaviour-not-person"], AT)
    two.teach("behaviour-not-person", AT)
    assert two.standing(now=AT)["feedback"].shown == 1


def test_the_peer_leaving_takes_their_confirmation_with_them(two):
    for slug in FEEDBACK:
        two.phone.finish(two.nuggets[slug], AT)
    ask = two.teach("next-step", AT)
    assert two.standing(now=AT)["feedback"].shown == 4
    kim = two.session.exec(select(User).where(User.email == "kim@ex.org")).one()
    accounts.delete_account(session=two.session, user=kim, now=AT)
    row = two.session.get(TeachBack, ask)
    assert row is not None and row.confirm_id is None and row.rating is None
    assert two.standing(now=AT)["feedback"].shown == 3


RULE = Rule(skill_name="Feedback", level=1, min_score=0, min_recall=0, min_days=0)
DONE = [NuggetRecord(title="Ask first", level=1, completed_on=dt.date(2026, 11, 1))]


def test_an_achievement_may_require_teach_backs():
    needs = Rule(**{**RULE.__dict__, "min_teachbacks": 2})
    assert evaluate(RULE, DONE, {}, dt.date(2026, 11, 21)).met
    short = evaluate(needs, DONE, {}, dt.date(2026, 11, 21), teachbacks=1)
    assert (short.met, short.reasons) == (False, ("Confirmed teach-backs: 1 of 2.",))
    met = evaluate(needs, DONE, {}, dt.date(2026, 11, 21), teachbacks=2)
    assert met.met
    assert met.evidence[-1].name == "Teach-back"
    assert "Taught back 2 times" in met.evidence[-1].narrative
    assert narrative(needs).endswith(
        "; teach a nugget of Feedback back to a colleague, confirmed as usable and rated 3"
        " or more of 4, 2 times."
    )
    assert "teach" not in narrative(RULE)


def test_the_teacher_leaving_takes_their_asks_with_them(two):
    two.phone.finish(two.nuggets["ask-first"], AT)
    two.teach("ask-first", AT)
    assert len(two.session.exec(select(TeachBack)).all()) == 1
    accounts.delete_account(session=two.session, user=two.user, now=AT)
    assert two.session.exec(select(TeachBack)).all() == []
