"""The coordinator's skills view: each cell by the learner's own standing rules, then
gaps, who has not audited, and goals at risk (a week per level still to climb)."""

from __future__ import annotations

import datetime as dt

import pytest
import sqlalchemy as sa
from sqlmodel import select

from mmapp import accounts, cohorts, content
from mmapp.demo.seed import DEMO_COORDINATOR, DEMO_LEARNER
from mmapp.errors import ForbiddenError, NotFoundError
from mmapp.models import Cohort, Nugget, Role, Skill, SkillTarget, User
from mmapp.progress.cohort_skills import at_risk, cohort_skills, gap_of
from mmapp.progress.projections import compute_progress
from mmapp.schemas import SkillStanding
from tests.conftest import FIXED_NOW
from tests.support.answers import Learner, backdate_releases

TODAY = dt.date(2026, 11, 21)  # FIXED_NOW in Europe/London
AT = FIXED_NOW - dt.timedelta(days=3)
FEEDBACK, CHARTS, EMAIL = "feedback", "reading-charts", "status-email"


class World:
    """The demo cohort (all releases past), its coordinator and learners with phones."""

    def __init__(self, session, clock):
        backdate_releases(session)
        self.s, self.clock = session, clock
        self.coach = self._user(DEMO_COORDINATOR[0])
        self.cohort = session.exec(select(Cohort)).one()
        self.nuggets = {n.slug: n for n in session.exec(select(Nugget))}
        self.skills = {s.slug: s for s in session.exec(select(Skill))}
        self.phones = {"Lee Learner": Learner(session, self._user(DEMO_LEARNER[0]), clock)}

    def _user(self, email):
        return self.s.exec(select(User).where(User.email == email)).one()

    def learner(self, name, cohort=None, tz="Europe/London"):
        user = accounts.create_user(
            session=self.s,
            email=f"{name.lower()}@example.org",
            password="commutes-daily",
            display_name=name,
            timezone=tz,
        )
        cohorts.add_member(session=self.s, cohort=cohort or self.cohort, user=user)
        self.phones[name] = Learner(self.s, user, self.clock, f"{name}-phone")
        return user

    def mark(self, name, type_, slug, payload, at=AT):
        phone = self.phones[name]
        phone.push(at, [phone._event(self.nuggets[slug], type_, payload, at)])

    def target(self, skill, level, by=None):
        row = self.s.get(SkillTarget, (self.cohort.id, self.skills[skill].id))
        row.level, row.by = level, by
        self.s.add(row)
        self.s.flush()

    def view(self, cohort=None, now=FIXED_NOW):
        self.clock.set(now)
        return cohort_skills(
            session=self.s, viewer=self.coach, cohort_id=(cohort or self.cohort).id, now=now
        )


@pytest.fixture
def world(session, seeded, clock) -> World:
    return World(session, clock)


def cells(view, learner):
    row = next(r for r in view.learners if r.learner == learner)
    return {c.skill: c for c in row.cells}


def test_a_cohort_without_members_has_columns_and_nothing_else(world):
    empty = cohorts.create_cohort(session=world.s, name="Empty", owner=world.coach)
    content.assign(session=world.s, cohort=empty, nugget=world.nuggets["ask-first"])
    view = world.view(empty)
    assert [s.slug for s in view.skills] == [FEEDBACK]
    assert (view.skills[0].target, view.skills[0].target_by) == (None, None)
    assert (view.learners, view.gaps, view.not_audited, view.at_risk) == ([], [], [], [])
    assert view.csv_rows() == []


def test_before_any_audit_every_cell_is_level_0_against_the_cohort_target(world):
    view = world.view()
    by = TODAY + dt.timedelta(days=42)  # the demo's targets: 3 in six weeks
    assert [s.name for s in view.skills] == sorted(s.name for s in view.skills)
    assert [(s.slug, s.target, s.target_by) for s in view.skills if s.slug == FEEDBACK] == [
        (FEEDBACK, 3, by)
    ]
    cell = cells(view, "Lee Learner")[FEEDBACK]
    assert (cell.given, cell.current, cell.target, cell.gap, cell.text, cell.band) == (
        True,
        0,
        3,
        3,
        "0 → 3",
        "gap3",
    )
    assert cell.label == "Lee Learner: Giving feedback that lands, level 0, target 3, gap 3"
    assert [m.learner for m in view.not_audited] == ["Lee Learner"]
    # 42 days left >= 7 x 3: not at risk yet.
    assert view.at_risk == []
    assert [(g.skill_name, g.total_gap, g.below_target, g.mean_gap) for g in view.gaps] == sorted(
        (s.name, 3, 1, 3.0) for s in view.skills
    )


def test_cells_are_the_learners_own_standing(world):
    ada = world.learner("Ada", tz="Pacific/Auckland")
    world.mark("Ada", "skill_rated", "ask-first", {"level": 2})
    world.mark("Ada", "goal_set", "ask-first", {"level": 4, "by": "2027-01-10"})
    world.mark("Lee Learner", "skill_rated", "per-what", {"level": 3})
    world.phones["Lee Learner"].finish(world.nuggets["per-what"], AT)
    world.phones["Ada"].finish(world.nuggets["behaviour-not-person"], AT)
    # Tried at work counts as evidence on both sides (progress.work).
    phone, nugget = world.phones["Ada"], world.nuggets["behaviour-not-person"]
    committed = phone._event(nugget, "work_committed", {"on": "2026-11-20", "plan": ""}, AT)
    tried = {"commitment": str(committed.event_id), "tried": True, "went": "well", "note": ""}
    phone.push(AT, [committed, phone._event(nugget, "work_reflected", tried, AT)])
    view = world.view()
    lee = world._user(DEMO_LEARNER[0])
    for user in (lee, ada):
        own = {
            s.slug: s for s in compute_progress(session=world.s, user=user, now=FIXED_NOW).standing
        }
        for slug, cell in cells(view, user.display_name).items():
            mine = own[slug]
            assert (cell.self_rating, cell.shown, cell.current, cell.target, cell.target_by) == (
                mine.self_rating,
                mine.shown,
                mine.current,
                mine.target,
                mine.target_by,
            ), (user.display_name, slug)
    ada_feedback = cells(view, "Ada")[FEEDBACK]
    assert (ada_feedback.self_rating, ada_feedback.current, ada_feedback.target) == (2, 1, 4)
    assert ada_feedback.audited and not cells(view, "Ada")[CHARTS].audited
    assert view.not_audited == []


def test_no_nugget_of_a_skill_is_a_dash_and_counts_for_no_gap(world):
    later = cohorts.create_cohort(session=world.s, name="Later", owner=world.coach)
    content.assign(session=world.s, cohort=later, nugget=world.nuggets["ask-first"])
    content.assign(
        session=world.s,
        cohort=later,
        nugget=world.nuggets["per-what"],
        release_at=FIXED_NOW + dt.timedelta(days=3),  # not released yet
    )
    world.learner("Bo", cohort=later)
    view = world.view(later)
    chart = cells(view, "Bo")[CHARTS]
    assert (chart.given, chart.current, chart.gap, chart.text, chart.band) == (
        False,
        None,
        0,
        "—",
        "none",
    )
    assert chart.label == "Bo: Reading a chart honestly, no nugget of this skill yet"
    assert [g.skill for g in view.gaps] == []  # the later cohort has no targets
    row = next(r for r in view.csv_rows() if r.skill == CHARTS)
    assert (row.current, row.gap, row.audited) == (None, None, False)


def test_without_targets_cells_show_the_level_alone(world):
    for t in world.s.exec(select(SkillTarget)):
        world.s.delete(t)
    world.s.flush()
    world.mark("Lee Learner", "skill_rated", "ask-first", {"level": 2})
    view = world.view()
    cell = cells(view, "Lee Learner")[FEEDBACK]
    assert (cell.text, cell.gap, cell.band, cell.target) == ("2", 0, "unset", None)
    assert cell.label == "Lee Learner: Giving feedback that lands, level 2, no target"
    assert (view.gaps, view.at_risk) == ([], [])
    assert all(s.target is None for s in view.skills)


def test_a_target_below_the_level_is_no_gap(world):
    world.target(FEEDBACK, 2)
    world.mark("Lee Learner", "skill_rated", "ask-first", {"level": 4})
    cell = cells(world.view(), "Lee Learner")[FEEDBACK]
    assert (cell.text, cell.gap, cell.band, cell.at_risk) == ("4 → 2", 0, "met", False)


def test_a_past_target_date_is_at_risk_with_negative_days(world):
    world.target(FEEDBACK, 3, TODAY - dt.timedelta(days=3))
    world.learner("Ada")
    world.mark("Ada", "skill_rated", "ask-first", {"level": 2})
    view = world.view()
    risky = [(r.learner, r.skill, r.days_left, r.text) for r in view.at_risk]
    assert risky == [
        (
            "Ada",
            FEEDBACK,
            -3,
            "Ada · Giving feedback that lands 2 → 3 by 18 Nov 2026 · 3 days past",
        ),
        (
            "Lee Learner",
            FEEDBACK,
            -3,
            "Lee Learner · Giving feedback that lands 0 → 3 by 18 Nov 2026 · 3 days past",
        ),
    ]
    assert cells(view, "Ada")[FEEDBACK].at_risk and not cells(view, "Ada")[CHARTS].at_risk
    assert [m.learner for m in view.not_audited] == ["Lee Learner"]


def test_goals_at_risk_are_ordered_by_days_left_and_read_in_the_learners_timezone(world):
    world.target(CHARTS, 2, TODAY + dt.timedelta(days=12))  # 12 < 14: at risk
    world.target(FEEDBACK, 3, TODAY + dt.timedelta(days=20))  # 20 < 21: at risk
    world.target(EMAIL, 1, TODAY + dt.timedelta(days=7))  # 7 is not < 7: fine
    view = world.view()
    assert [(r.skill, r.days_left) for r in view.at_risk] == [(CHARTS, 12), (FEEDBACK, 20)]
    assert view.at_risk[0].text.endswith("0 → 2 by 3 Dec · 12 days left")
    # 21:00 UTC is already tomorrow in Auckland: a day less for a learner there.
    world.learner("Kiri", tz="Pacific/Auckland")
    late = world.view(now=FIXED_NOW + dt.timedelta(hours=12))
    kiri = {r.skill: r.days_left for r in late.at_risk if r.learner == "Kiri"}
    lee = {r.skill: r.days_left for r in late.at_risk if r.learner == "Lee Learner"}
    assert (kiri[CHARTS], lee[CHARTS]) == (11, 12)
    assert kiri[EMAIL] == 6 and EMAIL not in lee


def test_biggest_gaps_total_then_name_with_mean_over_learners_with_the_skill(world):
    world.learner("Ada")
    world.learner("Bo")
    world.target(CHARTS, 4)
    world.mark("Ada", "skill_rated", "per-what", {"level": 4})  # no gap in charts
    world.mark("Ada", "skill_rated", "bottom-line-first", {"level": 3})
    world.mark("Bo", "skill_rated", "ask-first", {"level": 3})  # no gap in feedback
    view = world.view()
    gaps = [(g.skill, g.learners, g.below_target, g.total_gap, g.mean_gap) for g in view.gaps]
    # charts 4 + 0 + 4; feedback 3 + 3 + 0 and email 3 + 0 + 3 tie: by name.
    assert gaps == [
        (CHARTS, 3, 2, 8, 2.67),
        (FEEDBACK, 3, 2, 6, 2.0),
        (EMAIL, 3, 2, 6, 2.0),
    ]


@pytest.mark.parametrize(
    ("current", "target", "by_days", "gap", "risky"),
    [
        (1, 3, 13, 2, True),
        (1, 3, 14, 2, False),  # exactly a week per level: not yet
        (2, 3, 0, 1, True),
        (2, 3, -1, 1, True),
        (3, 3, -30, 0, False),  # reached: never at risk
        (4, 3, -30, 0, False),  # above it
        (1, 3, None, 2, False),  # no date
        (1, None, 3, 0, False),  # no target
    ],
)
def test_the_at_risk_rule(current, target, by_days, gap, risky):
    row = SkillStanding(
        slug="s",
        name="S",
        scale=["a", "b", "c", "d", "e"],
        self_rating=None,
        rated_on=None,
        shown=current,
        current=current,
        target=target,
        target_by=TODAY + dt.timedelta(days=by_days) if by_days is not None else None,
        target_source="cohort" if target else None,
        statement="",
    )
    assert (gap_of(row), at_risk(row, TODAY)) == (gap, risky)


def test_the_queries_do_not_grow_with_the_members(world, engine):
    def count() -> int:
        seen: list[str] = []

        def note(conn, cursor, statement, *rest) -> None:
            seen.append(statement)

        sa.event.listen(engine, "before_cursor_execute", note)
        try:
            world.view()
        finally:
            sa.event.remove(engine, "before_cursor_execute", note)
        return len(seen)

    world.learner("Ada")
    world.mark("Ada", "skill_rated", "ask-first", {"level": 2})
    few = count()
    for name in ("Bo", "Cy", "Di", "Ed", "Fa"):
        world.learner(name)
        world.phones[name].finish(world.nuggets["per-what"], AT)
    assert count() == few


def test_only_the_cohorts_coordinators_see_it(world):
    lee = world._user(DEMO_LEARNER[0])
    with pytest.raises(ForbiddenError):
        cohort_skills(session=world.s, viewer=lee, cohort_id=world.cohort.id, now=FIXED_NOW)
    other = accounts.create_user(
        session=world.s,
        email="other@example.org",
        password="commutes-daily",
        display_name="Other",
        role=Role.coordinator,
    )
    with pytest.raises(NotFoundError):
        cohort_skills(session=world.s, viewer=other, cohort_id=world.cohort.id, now=FIXED_NOW)
