"""Practice at work through the HTTP API: events in, the pull's work log, the check-in push."""

from __future__ import annotations

import datetime as dt
import uuid
import zoneinfo

from mmapp.models import utcnow
from mmapp.push import scheduler
from mmapp.push.work_checkins import CHECKIN_TTL_SECONDS, TITLE
from tests.api.conftest import DEVICE, make_event
from tests.api.test_push import subscribe

PUSH = "/api/v1/sync/push"
LONDON = zoneinfo.ZoneInfo("Europe/London")


def _push(client, auth, events):
    r = client.post(PUSH, headers=auth, json={"device_id": DEVICE, "events": events})
    assert r.status_code == 200, r.text
    return [(x["status"], x["reason"]) for x in r.json()["results"]]


def _progress(client, auth) -> dict:
    page = client.get("/api/v1/sync/pull", headers=auth).json()
    while page["has_more"]:
        page = client.get(
            "/api/v1/sync/pull", headers=auth, params={"cursor": page["cursor"]}
        ).json()
    return page["progress"]


def test_work_events_are_stored_or_refused_with_a_reason(client, auth, nuggets):
    n = nuggets[0]
    commit = make_event(n, 1, "work_committed", {"on": "2026-11-22", "plan": "<i>stand-up</i>"})
    ref = commit["event_id"]
    events = [
        commit,
        make_event(n, 2, "work_committed", {"on": "2026-11-31", "plan": ""}),
        make_event(n, 3, "work_committed", {"on": "2026-11-22", "plan": "x" * 201}),
        make_event(n, 4, "work_reflected", {"commitment": ref, "tried": True, "went": None}),
        make_event(
            n, 5, "work_reflected", {"commitment": ref, "tried": True, "went": None, "note": ""}
        ),
        make_event(
            n, 6, "work_reflected", {"commitment": "x", "tried": False, "went": None, "note": ""}
        ),
        make_event(
            n,
            7,
            "work_reflected",
            {"commitment": ref, "tried": True, "went": "mixed", "note": "It helped."},
            client_ts="2026-11-22T17:00:00+00:00",
        ),
    ]
    assert _push(client, auth, events) == [
        ("applied", None),
        ("rejected", "invalid_date"),
        ("rejected", "plan_too_long"),
        ("rejected", "unexpected_payload"),
        ("rejected", "invalid_went"),
        ("rejected", "invalid_commitment"),
        ("applied", None),
    ]
    work = _progress(client, auth)["work"]
    assert [(w["type"], w["event_id"]) for w in work] == [
        ("work_committed", ref),
        ("work_reflected", events[-1]["event_id"]),
    ]
    # The learner's words travel as they were typed; pages show them as text.
    assert (work[0]["on"], work[0]["plan"]) == ("2026-11-22", "<i>stand-up</i>")
    assert (work[1]["commitment"], work[1]["tried"], work[1]["went"]) == (ref, True, "mixed")
    assert work[1]["note"] == "It helped."


def test_a_work_event_on_a_nugget_not_given_is_refused_whole(client, auth, nuggets):
    stranger = {**nuggets[0], "id": str(uuid.uuid4())}
    event = make_event(stranger, 1, "work_committed", {"on": "2026-11-22", "plan": ""})
    r = client.post(PUSH, headers=auth, json={"device_id": DEVICE, "events": [event]})
    assert r.status_code == 403, r.text
    assert r.json()["error"] == "nugget_not_assigned"


def test_the_checkin_push_reaches_the_phone_the_day_after(client, auth, receiver, nuggets):
    subscribe(client, auth, phone := receiver.subscribe())
    today = utcnow().astimezone(LONDON).date()
    n = nuggets[0]
    commit = make_event(n, 1, "work_committed", {"on": today.isoformat(), "plan": ""})
    assert _push(client, auth, [commit]) == [("applied", None)]
    nine = dt.datetime.combine(today + dt.timedelta(days=1), dt.time(9), LONDON)
    for moment in (nine - dt.timedelta(minutes=1), nine, nine + dt.timedelta(minutes=3)):
        at = moment.astimezone(dt.UTC)
        scheduler.tick(now=lambda m=at: m)
    [got] = receiver.for_subscriber(phone)
    assert got.payload["title"] == TITLE
    assert got.payload["body"] == f"'{n['title']}' — 30 seconds to note how it went."
    assert got.payload["url"] == f"/reflect?nugget={n['id']}"
    assert (got.ttl, got.topic) == (CHECKIN_TTL_SECONDS, "work")


def test_a_reflection_names_its_own_commitment_and_the_day_stays_near(client, auth, nuggets):
    a, b = nuggets[0], nuggets[1]
    mine = make_event(a, 1, "work_committed", {"on": "2026-11-22", "plan": ""})

    def reflect(seq: int, nugget: dict, ref: str) -> dict:
        payload = {"commitment": ref, "tried": True, "went": "well", "note": ""}
        return make_event(nugget, seq, "work_reflected", payload)

    events = [
        mine,
        make_event(a, 2, "work_committed", {"on": "2026-12-06", "plan": ""}),  # 15 days on
        make_event(a, 3, "work_committed", {"on": "2026-11-19", "plan": ""}),  # 2 days back
        reflect(4, b, mine["event_id"]),  # another nugget's commitment
        reflect(5, a, str(uuid.uuid4())),  # no such commitment
        reflect(6, a, mine["event_id"]),  # its own, stored earlier in the same push
    ]
    assert _push(client, auth, events) == [
        ("applied", None),
        ("rejected", "date_out_of_range"),
        ("rejected", "date_out_of_range"),
        ("rejected", "unknown_commitment"),
        ("rejected", "unknown_commitment"),
        ("applied", None),
    ]
    # In a later push, a stored commitment is found too.
    assert _push(client, auth, [reflect(7, a, mine["event_id"])]) == [("applied", None)]
