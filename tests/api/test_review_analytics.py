"""A coordinator's view of a cohort's spaced review, through the API and its CSV files.

Answers are pushed through ingest at FixedClock times (tests/support/answers.py), so
the cards are the ones ingest keeps; the expected recall and due dates come from
replaying the known ratings with the scheduler, independently of the stored rows.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import uuid

from sqlmodel import select

from mmapp import accounts, cohorts
from mmapp.db import session_scope
from mmapp.demo.seed import DEMO_LEARNER
from mmapp.models import Cohort, Nugget, Role, User
from mmapp.reviews import recall, scheduler
from tests.api.conftest import coach_headers
from tests.conftest import FIXED_NOW
from tests.support.answers import Learner, backdate_releases, quiz_of

Good, Again = scheduler.Rating.Good, scheduler.Rating.Again
# 21:00 UTC: still the 21st in London, already the 22nd in Auckland.
NOW = FIXED_NOW + dt.timedelta(hours=12)
DAY0 = FIXED_NOW - dt.timedelta(days=10)  # both learners finish the nugget
REVIEWED = FIXED_NOW - dt.timedelta(days=2)  # Lee reviews two of its items
SKILL = "Reading a chart honestly"


def _world(clock) -> tuple[str, list[dict], dict[str, User]]:
    """Lee (London) and Kiri (Auckland) answered per-what's quiz; returns cohort, quiz, users."""
    with session_scope() as s:
        backdate_releases(s)
        cohort = s.exec(select(Cohort)).one()
        nugget = s.exec(select(Nugget).where(Nugget.slug == "per-what")).one()
        lee = s.exec(select(User).where(User.email == DEMO_LEARNER[0])).one()
        kiri = accounts.create_user(
            session=s,
            email="kiri@example.org",
            password="commutes-daily",
            display_name="Kiri",
            timezone="Pacific/Auckland",
        )
        cohorts.add_member(session=s, cohort=cohort, user=kiri)
        lee_phone = Learner(s, lee, clock, "lee-phone-1")
        lee_phone.finish(nugget, DAY0)
        Learner(s, kiri, clock, "kiri-phone-1").finish(nugget, DAY0, right=False)
        lee_phone.review(nugget, REVIEWED, items=2)
        quiz = quiz_of(s, nugget)
        clock.set(NOW)
        return str(cohort.id), quiz, {"lee": lee, "kiri": kiri}


def _expected(user: User, ratings: list[tuple[dt.date, scheduler.Rating]], item: str):
    """Recall today (the learner's local date) and due date of a replayed card."""
    state = scheduler.replay(scheduler.card_id(user.id, uuid.UUID(item)), ratings)
    today = scheduler.local_date(NOW, user.timezone)
    return recall.retrievability(state, today), state.due_on, today


def test_recall_overdue_and_reviews_per_day(client, clock):
    cohort_id, quiz, users = _world(clock)
    coach = coach_headers(client)
    r = client.get(f"/api/v1/coach/cohorts/{cohort_id}/reviews", headers=coach)
    assert r.status_code == 200, r.text
    body = r.json()

    d0, d8 = DAY0.date(), REVIEWED.date()
    lee = [
        _expected(users["lee"], [(d0, Good), (d8, Good)] if i < 2 else [(d0, Good)], item["id"])
        for i, item in enumerate(quiz)
    ]
    kiri_day0 = scheduler.local_date(DAY0, "Pacific/Auckland")
    kiri = [_expected(users["kiri"], [(kiri_day0, Again)], item["id"]) for item in quiz]
    assert lee[0][2] == dt.date(2026, 11, 21) and kiri[0][2] == dt.date(2026, 11, 22)

    items = {row["prompt"]: row for row in body["recall_items"]}
    assert set(items) == {item["prompt"] for item in quiz}
    for i, item in enumerate(quiz):
        row = items[item["prompt"]]
        want = (lee[i][0] + kiri[i][0]) / 2
        assert row["learners"] == 2 and row["nugget"] and row["skill"] == SKILL
        assert row["recall"] == round(want, 3) and row["recall_pct"] == f"{round(100 * want)}%"
    recalls = [row["recall"] for row in body["recall_items"]]
    assert recalls == sorted(recalls)  # lowest first

    (skill,) = body["recall_skills"]
    mean = sum(x[0] for x in lee + kiri) / 6
    assert skill == {
        "skill": SKILL,
        "items": len(quiz),
        "learners": 2,
        "recall": round(mean, 3),
        "recall_pct": f"{round(100 * mean)}%",
    }

    overdue = {row["learner"]: row for row in body["overdue"]}
    for name, expected in (("Lee Learner", lee), ("Kiri", kiri)):
        late = [due for _, due, today in expected if due < today]
        if not late:
            assert name not in overdue
            continue
        assert overdue[name]["overdue"] == len(late)
        assert overdue[name]["oldest_due"] == min(late).isoformat()
    assert overdue["Kiri"]["overdue"] == len(quiz)  # every wrong answer is due the next day
    assert overdue["Lee Learner"]["overdue"] == len(quiz) - 2  # the two reviewed are not due

    days = body["reviews"]
    assert len(days) == 28 and days[-1]["day"] == "2026-11-21"  # the cohort's (London) today
    assert {d["day"]: d["reviews"] for d in days if d["reviews"]} == {d8.isoformat(): 2}

    csv_r = client.get(f"/api/v1/coach/cohorts/{cohort_id}/reviews/overdue.csv", headers=coach)
    assert csv_r.status_code == 200 and csv_r.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(csv_r.text)))
    assert [r["learner"] for r in rows] == [r["learner"] for r in body["overdue"]]
    assert list(rows[0]) == ["learner", "email", "overdue", "oldest_due"]
    per_day = client.get(f"/api/v1/coach/cohorts/{cohort_id}/reviews/reviews.csv", headers=coach)
    assert len(list(csv.DictReader(io.StringIO(per_day.text)))) == 28
    unknown = client.get(f"/api/v1/coach/cohorts/{cohort_id}/reviews/nope.csv", headers=coach)
    assert unknown.status_code == 404 and unknown.json()["error"] == "unknown_table"


def test_a_member_who_left_drops_out_of_the_tables(client, clock):
    cohort_id, _, users = _world(clock)
    with session_scope() as s:
        cohort = s.get(Cohort, uuid.UUID(cohort_id))
        cohorts.remove_member(session=s, cohort=cohort, user=s.get(User, users["kiri"].id))
    body = client.get(
        f"/api/v1/coach/cohorts/{cohort_id}/reviews", headers=coach_headers(client)
    ).json()
    assert {row["learners"] for row in body["recall_items"]} == {1}
    assert "Kiri" not in {row["learner"] for row in body["overdue"]}


def test_only_coordinators_of_the_cohort_see_its_reviews(client, clock):
    cohort_id, _, _ = _world(clock)
    with session_scope() as s:
        accounts.create_user(
            session=s,
            email="rival@example.org",
            password="commutes-daily",
            display_name="Rival",
            role=Role.coordinator,
        )

    def headers(email: str, password: str, device: str) -> dict[str, str]:
        body = {"email": email, "password": password, "device_id": device}
        token = client.post("/api/v1/auth/token", json=body).json()["token"]
        return {"Authorization": f"Bearer {token}"}

    rival = headers("rival@example.org", "commutes-daily", "device-rival")
    learner = headers(*DEMO_LEARNER, "device-learner-peek")
    base = f"/api/v1/coach/cohorts/{cohort_id}/reviews"
    for url in (base, base + "/overdue.csv"):
        assert client.get(url, headers=rival).status_code == 404
        assert client.get(url, headers=rival).json()["error"] == "cohort_not_found"
        assert client.get(url, headers=learner).status_code == 403
        assert client.get(url).status_code == 401
    missing = f"/api/v1/coach/cohorts/{uuid.uuid4()}/reviews"
    assert client.get(missing, headers=coach_headers(client)).status_code == 404
