"""A coordinator's view of what mentoring did for a cohort, per skill, and its CSV file.

The world is made through the API as people would: the demo learner (a member of the
demo cohort) and Kim (not a member) ask Ada for help in the same skill, both sessions
happen, and the reflections and action answers are posted. Only the member's figures
count; only the cohort's coordinator sees them.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import uuid

import pytest
from sqlmodel import select

from mmapp.db import session_scope
from mmapp.demo.seed import DEMO_COHORT_CODE
from mmapp.models import Cohort, Role
from tests.api.conftest import DEVICE, coach_headers, make_event, other_coordinator_headers
from tests.api.test_mentoring_api import URL, _person, _skill
from tests.api.test_mentoring_reflection_api import OVER, _action, _booked
from tests.api.test_teachback_api import _ask, _confirm, _id, _push
from tests.api.test_teachback_api import _world as _teachback_world


def _cohort_id() -> str:
    """The demo cohort's id."""
    with session_scope() as s:
        return str(s.exec(select(Cohort).where(Cohort.invite_code == DEMO_COHORT_CODE)).one().id)


def _reflect(client, headers, sid: str, rating: int, fit: str, actions=()) -> dict:
    body = {"id": str(uuid.uuid4()), "rating": rating, "fit": fit, "actions": list(actions)}
    r = client.post(f"{URL}/sessions/{sid}/reflection", headers=headers, json=body)
    assert r.status_code == 201, r.text
    return r.json()


def _feedback_row(client, headers, cohort: str) -> dict:
    r = client.get(f"/api/v1/coach/cohorts/{cohort}/mentoring", headers=headers)
    assert r.status_code == 200, r.text
    rows = {row["skill"]: row for row in r.json()["mentoring"]}
    return rows["Giving feedback that lands"]


@pytest.fixture
def world(client, auth, clock):
    """Lee (member) and Kim (not) each had a session with Ada; both reflected."""
    ada = _person(client, "Ada", Role.mentor)
    kim = _person(client, "Kim")
    lee_session = _booked(client, auth, ada)
    clock.set(OVER)
    plan = [_action("Open with the facts", "2026-11-25"), _action("Ask first", "2026-11-26")]
    mine = _reflect(client, auth, lee_session, 3, "good", plan)
    _reflect(client, ada, lee_session, 4, "deciding")
    done = {"id": str(uuid.uuid4()), "answer": "done"}
    clock.set(dt.datetime(2026, 11, 25, 9, 0, tzinfo=dt.UTC))
    first = mine["actions"][0]["id"]
    r = client.post(f"{URL}/actions/{first}/answer", headers=auth, json=done)
    assert r.status_code == 201, r.text
    return {"ada": ada, "kim": kim}


def test_the_cohorts_figures_count_its_members_only(client, world) -> None:
    cohort = _cohort_id()
    coach = coach_headers(client)
    row = _feedback_row(client, coach, cohort)
    assert row["requests"] == 1
    assert row["matches"] == 1
    assert row["sessions_held"] == 1
    assert row["median_rating"] == 3  # the learner's rating; the mentor's 4 is not theirs
    assert row["good_fit_pct"] == "50%"  # one "good", one "deciding"
    assert row["good_fit_share"] == 0.5  # what the page sorts by ("100%" < "5%" as text)
    assert (row["actions_planned"], row["actions_done_14d"]) == (2, 1)
    assert (row["rated_learners"], row["rating_before"], row["rating_after"]) == (0, None, None)
    # Kim is no member: a request of theirs in the same skill changes nothing.
    r = client.post(
        f"{URL}/requests",
        headers=world["kim"],
        json={"skill_id": _skill(), "need": "Feedback upwards"},
    )
    assert r.status_code == 201, r.text
    assert _feedback_row(client, coach, cohort)["requests"] == 1


def test_the_csv_has_a_row_per_skill_with_headers_in_the_readers_language(client, world):
    cohort = _cohort_id()
    coach = coach_headers(client)
    url = f"/api/v1/coach/cohorts/{cohort}/mentoring/mentoring.csv"
    r = client.get(url, headers=coach)
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(r.text)))
    feedback = next(row for row in rows if row["skill"] == "Giving feedback that lands")
    assert (feedback["sessions_held"], feedback["good_fit_pct"]) == ("1", "50%")
    german = client.get(url, headers=coach | {"Accept-Language": "de"})
    header = german.text.splitlines()[0]
    assert header.startswith("Skill,") is False and "Anfragen" in header, header
    unknown = client.get(f"/api/v1/coach/cohorts/{cohort}/mentoring/people.csv", headers=coach)
    assert unknown.status_code == 404 and unknown.json()["error"]


def test_only_the_cohorts_coordinators_see_its_outcomes(client, auth, world) -> None:
    cohort = _cohort_id()
    url = f"/api/v1/coach/cohorts/{cohort}/mentoring"
    assert client.get(url, headers=auth).status_code == 403  # a learner
    assert client.get(url, headers=world["ada"]).status_code == 403  # a mentor
    other = other_coordinator_headers(client)
    assert client.get(url, headers=other).status_code == 404  # not theirs: it does not leak
    assert client.get(url + "/mentoring.csv", headers=other).status_code == 404
    missing = f"/api/v1/coach/cohorts/{uuid.uuid4()}/mentoring"
    assert client.get(missing, headers=coach_headers(client)).status_code == 404


def test_teach_backs_count_under_the_nuggets_skill_once_confirmed(client, auth, nuggets) -> None:
    lee, kim, _zoe, _otto = _teachback_world(client, auth)
    n = nuggets[0]
    kim_id = _id("kim@ex.org")
    first, second = _ask(n, 2, kim_id), _ask(n, 3, kim_id)
    done = make_event(n, 1, "nugget_completed")
    assert _push(client, lee, DEVICE, [done, first, second]) == [("applied", None)] * 3
    skill = n["skill"]["name"]
    coach = coach_headers(client)
    url = f"/api/v1/coach/cohorts/{_cohort_id()}/mentoring"
    rows = {row["skill"]: row for row in client.get(url, headers=coach).json()["mentoring"]}
    assert (rows[skill]["teachbacks_asked"], rows[skill]["teachbacks_confirmed"]) == (2, 0)
    confirm = _confirm(n, 1, first["event_id"])
    assert _push(client, kim, "device-kim", [confirm]) == [("applied", None)]
    rows = {row["skill"]: row for row in client.get(url, headers=coach).json()["mentoring"]}
    assert (rows[skill]["teachbacks_asked"], rows[skill]["teachbacks_confirmed"]) == (2, 1)
    # Kim's own asks would count for Kim; Otto is in another cohort and never counts.
    assert rows[skill]["requests"] == 0
