"""Loading the demo content, cohort and accounts (idempotent)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import uuid
import zoneinfo
from importlib import resources

from sqlmodel import Session, select

from mmapp import accounts, cohorts, content
from mmapp.demo.history import seed_history
from mmapp.demo.mentors import seed_mentors
from mmapp.demo.stories import seed_colleague, seed_mentoring_story, seed_teachback_story
from mmapp.models import Achievement, Cohort, Nugget, Role, Skill, SkillTarget, User, utcnow
from mmapp.schemas import NuggetIn, SkillIn

DEMO_LEARNER = ("learner@demo.micromastery.app", "learn-on-the-train")
DEMO_COORDINATOR = ("coach@demo.micromastery.app", "coach-the-cohort")
DEMO_COHORT_CODE = "COMMUTE1"
DEMO_FILES = ("charts.json", "feedback.json", "status_email.json")
# The demo cohort aims for level 3 ("I can do it on my own") in each skill, this many
# days after the seed ran.
TARGET_LEVEL, TARGET_DAYS = 3, 42
# One achievement per demo skill, at level 2, with the default score and recall bars
# and a two-week wait (the demo history's strong skill was finished 20 days ago).
ACHIEVEMENT_LEVEL, ACHIEVEMENT_DAYS = 2, 14


@dataclasses.dataclass
class SeedReport:
    """What a seed run created (zero counts mean it was already there)."""

    skills: int = 0
    nuggets: int = 0
    users: int = 0
    cohorts: int = 0
    targets: int = 0
    achievements: int = 0
    history_events: int = 0
    mentors: int = 0
    stories: int = 0  # the past mentoring session and the teach-back


def load_demo_files() -> list[dict]:
    """Read the demo JSON shipped inside the package."""
    folder = resources.files("mmapp.demo")
    return [json.loads(folder.joinpath(name).read_text("utf-8")) for name in DEMO_FILES]


def _user(session: Session, email: str, password: str, name: str, role: Role) -> User | None:
    if session.exec(select(User).where(User.email == email)).first():
        return None
    return accounts.create_user(
        session=session,
        email=email,
        password=password,
        display_name=name,
        role=role,
        timezone="Europe/London",
    )


def _targets(session: Session, cohort: Cohort, coach: User, skill_ids: list[uuid.UUID]) -> int:
    """Give the demo cohort its skill targets, unless it has some already."""
    if session.exec(select(SkillTarget).where(SkillTarget.cohort_id == cohort.id)).first():
        return 0
    today = utcnow().astimezone(zoneinfo.ZoneInfo(cohort.timezone)).date()
    by = today + dt.timedelta(days=TARGET_DAYS)
    for skill_id in skill_ids:
        session.add(
            SkillTarget(
                cohort_id=cohort.id, skill_id=skill_id, level=TARGET_LEVEL, by=by, set_by=coach.id
            )
        )
    session.flush()
    return len(skill_ids)


def _achievements(session: Session, coach: User, skill_ids: list[uuid.UUID]) -> int:
    """A level-2 achievement for each demo skill that has none at that level."""
    made = 0
    for skill_id in skill_ids:
        skill = session.get(Skill, skill_id)
        taken = select(Achievement).where(
            Achievement.skill_id == skill_id, Achievement.level == ACHIEVEMENT_LEVEL
        )
        if skill is None or session.exec(taken).first():
            continue
        session.add(
            Achievement(
                skill_id=skill_id,
                level=ACHIEVEMENT_LEVEL,
                name=f"{skill.name}: working knowledge",
                description=f"Can apply the level 1\u20132 practices of {skill.name.lower()} "
                "and still recalls them two weeks on.",
                min_days=ACHIEVEMENT_DAYS,
                updated_by=coach.id,
            )
        )
        made += 1
    return made


def seed_demo(*, session: Session, history: bool = False) -> SeedReport:
    """Create demo skills, nuggets, accounts and cohort; skip what already exists.

    Args:
        session: A write transaction.
        history: Also give the demo learner a few weeks of past answers and reviews
            (`mmapp.demo.history`), so Today has due reviews and Progress has levels,
            and add two demo mentors with weekly slots (`mmapp.demo.mentors`), a
            colleague, a past mentoring session and a teach-back (`mmapp.demo.stories`).
            Off by default: tests expect a learner with no progress.

    """
    report = SeedReport()
    coach = _user(session, *DEMO_COORDINATOR, "Casey Coach", Role.coordinator)
    learner = _user(session, *DEMO_LEARNER, "Lee Learner", Role.learner)
    report.users = sum(u is not None for u in (coach, learner))
    coach = coach or session.exec(select(User).where(User.email == DEMO_COORDINATOR[0])).one()
    learner = learner or session.exec(select(User).where(User.email == DEMO_LEARNER[0])).one()

    cohort = session.exec(select(Cohort).where(Cohort.invite_code == DEMO_COHORT_CODE)).first()
    if cohort is None:
        cohort = cohorts.create_cohort(
            session=session,
            name="Commuters, autumn cohort",
            owner=coach,
            timezone="Europe/London",
            invite_code=DEMO_COHORT_CODE,
        )
        report.cohorts = 1
    cohorts.add_member(session=session, cohort=cohort, user=learner)

    position = 0
    skill_ids: list[uuid.UUID] = []
    for data in load_demo_files():
        skill = content.upsert_skill(
            session=session, data=SkillIn(**data["skill"]), owner_id=coach.id
        )
        skill_ids.append(skill.id)
        report.skills += 1
        for raw in data["nuggets"]:
            position += 1
            if session.exec(select(Nugget).where(Nugget.slug == raw["slug"])).first():
                continue
            spec = NuggetIn(skill=data["skill"]["slug"], **raw)
            nugget = content.save_nugget(session=session, data=spec, author_id=coach.id)
            content.publish(session=session, nugget=nugget)
            content.assign(session=session, cohort=cohort, nugget=nugget, position=position)
            report.nuggets += 1
    report.targets = _targets(session, cohort, coach, skill_ids)
    report.achievements = _achievements(session, coach, skill_ids)
    if history:
        report.mentors = seed_mentors(session=session)
        now = utcnow()
        report.history_events = seed_history(
            session=session, learner=learner, cohort_id=cohort.id, now=now
        )
        colleague = seed_colleague(session=session, cohort=cohort)
        report.stories = sum(
            (
                seed_mentoring_story(session=session, learner=learner, now=now),
                seed_teachback_story(
                    session=session, learner=learner, colleague=colleague, now=now
                ),
            )
        )
    return report
