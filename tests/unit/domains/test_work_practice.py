"""Practice at work: payload checks, the commitment rules and tried-at-work evidence."""

from __future__ import annotations

import dataclasses
import datetime as dt
import uuid

import pytest

from mmapp.progress.projections import compute_progress
from mmapp.progress.standing import shown_level
from mmapp.progress.work import commitments, open_commitments, tried_at_work, work_log
from mmapp.schemas import QuizScore
from tests.conftest import FIXED_NOW
from tests.factories import payload_problem_of
from tests.unit.domains.test_standing import World

REF = str(uuid.uuid4())


def reflected(**over):
    return {"commitment": REF, "tried": True, "went": "well", "note": "", **over}


@pytest.mark.parametrize(
    ("type_", "payload"),
    [
        ("work_committed", {"on": "2026-11-22", "plan": ""}),
        ("work_committed", {"on": "2026-11-21", "plan": "x" * 200}),
        ("work_committed", {"on": "2026-12-05", "plan": "<b>in the stand-up</b>"}),  # +14 days
        ("work_reflected", reflected()),
        ("work_reflected", reflected(went="mixed", note="n" * 500)),
        ("work_reflected", reflected(went="badly")),
        ("work_reflected", reflected(tried=False, went=None)),
    ],
)
def test_good_work_payloads_pass(type_, payload):
    assert payload_problem_of(type_, payload) is None


@pytest.mark.parametrize(
    ("type_", "payload", "reason"),
    [
        ("work_committed", {"on": "2026-11-22"}, "unexpected_payload"),
        ("work_committed", {"on": "2026-11-22", "plan": "", "x": 1}, "unexpected_payload"),
        ("work_committed", {"on": "2026-02-30", "plan": ""}, "invalid_date"),
        ("work_committed", {"on": "2200-01-01", "plan": ""}, "invalid_date"),
        ("work_committed", {"on": None, "plan": ""}, "invalid_date"),
        ("work_committed", {"on": "2026-12-06", "plan": ""}, "date_out_of_range"),  # +15 days
        ("work_committed", {"on": "2026-11-19", "plan": ""}, "date_out_of_range"),  # -2 days
        ("work_committed", {"on": "2026-11-22", "plan": "x" * 201}, "plan_too_long"),
        ("work_committed", {"on": "2026-11-22", "plan": None}, "plan_too_long"),
        (
            "work_reflected",
            {"commitment": REF, "tried": True, "went": "well"},
            "unexpected_payload",
        ),
        ("work_reflected", reflected(commitment="nope"), "invalid_commitment"),
        ("work_reflected", reflected(commitment=REF.upper()), "invalid_commitment"),
        ("work_reflected", reflected(commitment=None), "invalid_commitment"),
        ("work_reflected", reflected(tried="yes"), "invalid_tried"),
        ("work_reflected", reflected(tried=1), "invalid_tried"),
        ("work_reflected", reflected(went=None), "invalid_went"),  # tried needs how it went
        ("work_reflected", reflected(tried=False, went="well"), "invalid_went"),
        ("work_reflected", reflected(went="great"), "invalid_went"),
        ("work_reflected", reflected(note="n" * 501), "note_too_long"),
        ("work_reflected", reflected(note=3), "note_too_long"),
    ],
)
def test_bad_work_payloads_are_refused_with_a_reason(type_, payload, reason):
    assert payload_problem_of(type_, payload) == reason


# --- the rules over rows -------------------------------------------------------------


@dataclasses.dataclass
class Row:
    type: str
    nugget_id: uuid.UUID
    payload: dict
    client_ts: dt.datetime
    event_id: uuid.UUID = dataclasses.field(default_factory=uuid.uuid4)

    @property
    def received_at(self) -> dt.datetime:
        return self.client_ts


N, M = uuid.uuid4(), uuid.uuid4()
T = FIXED_NOW


def commit(n, on, at, plan=""):
    return Row("work_committed", n, {"on": on, "plan": plan}, at)


def reflect(n, c, at, tried=True, went="well"):
    payload = {"commitment": str(c.event_id), "tried": tried, "went": went, "note": ""}
    return Row("work_reflected", n, payload, at)


def test_a_later_commitment_replaces_the_earlier_whatever_the_arrival_order():
    first, later = commit(N, "2026-11-23", T), commit(N, "2026-11-25", T + dt.timedelta(hours=1))
    assert commitments([later, first])[N] is later
    assert set(open_commitments([later, first, commit(M, "2026-11-23", T)])) == {N, M}


def test_a_reflection_closes_only_the_commitment_it_names():
    first = commit(N, "2026-11-23", T)
    moved = commit(N, "2026-11-25", T + dt.timedelta(hours=1))
    assert open_commitments([first, reflect(N, first, T + dt.timedelta(hours=2)), moved]) == {
        N: moved
    }
    assert open_commitments([first, reflect(N, first, T)]) == {}


def test_tried_at_work_is_the_latest_reflection_saying_tried_and_not_badly():
    c = commit(N, "2026-11-23", T)
    later = T + dt.timedelta(days=1)
    assert tried_at_work([c]) == set()
    assert tried_at_work([c, reflect(N, c, T, went="mixed")]) == {N}
    assert tried_at_work([c, reflect(N, c, T, went="badly")]) == set()
    assert tried_at_work([c, reflect(N, c, T, tried=False, went=None)]) == set()
    # The latest says; an earlier "well" does not outlive a later "badly".
    assert tried_at_work([reflect(N, c, later, went="badly"), reflect(N, c, T)]) == set()


def test_the_work_log_is_in_time_order_with_flat_fields():
    c = commit(N, "2026-11-23", T + dt.timedelta(hours=1), plan="stand-up")
    log = work_log([reflect(N, c, T + dt.timedelta(hours=2)), c])
    assert [e.type for e in log] == ["work_committed", "work_reflected"]
    assert (log[0].on, log[0].plan, log[1].commitment, log[1].went) == (
        dt.date(2026, 11, 23),
        "stand-up",
        c.event_id,
        "well",
    )


# --- evidence in the shown level -----------------------------------------------------

N1, N2, N3, N4 = (uuid.uuid4() for _ in range(4))
LEVELS = {N1: 1, N2: 2, N3: 3, N4: 4}
ALL = set(LEVELS)
POOR = QuizScore(answered=3, correct=1, total=3)


@pytest.mark.parametrize(
    ("levels", "completed", "scores", "recall", "tried", "shown"),
    [
        (LEVELS, ALL, {}, 0.5, set(), 2),  # no reflection: the cap holds
        (LEVELS, ALL, {N1: POOR}, 1.0, set(), 0),  # poor first try, not tried: fails
        (LEVELS, ALL, {N1: POOR}, 1.0, {N1}, 4),  # (a) tried at work passes anyway
        (LEVELS, ALL - {N1}, {}, 1.0, {N1}, 0),  # (a) needs the nugget completed
        (LEVELS, ALL, {}, 0.5, {N3}, 3),  # (b) levels 3..3 tried: 3 despite recall
        (LEVELS, ALL, {}, 0.5, {N3, N4}, 4),  # (b) levels 3..4 tried
        (LEVELS, ALL, {}, 0.5, {N4}, 2),  # (b) level 3 not tried: held at 2
        (LEVELS, ALL - {N4}, {}, 0.5, {N3, N4}, 3),  # (b) never above what passes
        ({N1: 1, N4: 4}, {N1, N4}, {}, 0.5, {N4}, 4),  # levels 3..4 given: only N4
        (
            {N1: 1, N3: 3, uuid.UUID(int=5): 3},  # mixed: two nuggets at level 3
            {N1, N3, uuid.UUID(int=5)},
            {},
            0.5,
            {N3},
            2,
        ),
        (LEVELS, ALL, {}, 0.9, set(), 4),  # recall held: no cap to lift
    ],
)
def test_tried_at_work_is_evidence_for_the_shown_level(
    levels, completed, scores, recall, tried, shown
):
    assert shown_level(levels, completed, scores, recall, True, tried) == shown


def test_a_reflection_lifts_standing_through_compute_progress(session, seeded, clock):
    world = World(session, clock)
    at = FIXED_NOW - dt.timedelta(days=3)
    nugget = world.nuggets["behaviour-not-person"]  # level 1 of "feedback"
    world.phone.finish(nugget, at, right=False)
    assert world.standing(now=at)["feedback"].shown == 0  # a wrong first try
    c = world.phone._event(nugget, "work_committed", {"on": "2026-11-19", "plan": ""}, at)
    world.phone.push(at, [c])
    payload = {"commitment": str(c.event_id), "tried": True, "went": "mixed", "note": ""}
    later = at + dt.timedelta(minutes=1)
    world.mark("work_reflected", nugget.slug, payload, client_ts=later, received_at=later)
    progress = compute_progress(session=session, user=world.user, now=at)
    assert {s.slug: s for s in progress.standing}["feedback"].shown == 1
    assert [e.type for e in progress.work] == ["work_committed", "work_reflected"]
