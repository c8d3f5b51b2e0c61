"""Two demo mentors, with profiles and weekly slots, so mentoring can be tried at once.

Maya (London) helps with giving feedback and status emails at lunchtime on weekdays;
Noah (Berlin) helps with charts and feedback before work and on Saturday mornings.
"""

from __future__ import annotations

from sqlmodel import Session, select

from mmapp import accounts
from mmapp.models import MentorProfile, Role, Skill, User, utcnow

DEMO_MENTORS = (
    ("maya@demo.micromastery.app", "mentor-on-the-move", "Maya Mentor", "Europe/London"),
    ("noah@demo.micromastery.app", "mentor-before-work", "Noah Mentor", "Europe/Berlin"),
)
# (mentor index) -> skill slug -> level she or he helps at.
SKILLS = ({"feedback": 4, "status-email": 3}, {"reading-charts": 4, "feedback": 3})
WEEKLY = (
    [{"weekday": d, "start": "12:00", "end": "13:30"} for d in range(5)],
    [{"weekday": d, "start": "07:30", "end": "08:30"} for d in range(5)]
    + [{"weekday": 5, "start": "09:00", "end": "11:00"}],
)
BIOS = (
    "Ran a support team for eight years; one-to-ones and feedback are my thing.",
    "Analyst turned team lead. Happy to look at a chart with you before work.",
)


def seed_mentors(*, session: Session) -> int:
    """Create the demo mentors and their profiles (skipping any that exist); how many new."""
    slugs = dict(session.exec(select(Skill.slug, Skill.id)).all())
    made = 0
    for (email, password, name, tz), skills, weekly, bio in zip(
        DEMO_MENTORS, SKILLS, WEEKLY, BIOS, strict=True
    ):
        if session.exec(select(User).where(User.email == email)).first():
            continue
        user = accounts.create_user(
            session=session,
            email=email,
            password=password,
            display_name=name,
            role=Role.mentor,
            timezone=tz,
        )
        offered = [
            {"skill_id": str(slugs[slug]), "level": level}
            for slug, level in skills.items()
            if slug in slugs
        ]
        session.add(
            MentorProfile(
                user_id=user.id,
                bio=bio,
                skills=offered,
                lengths=[15, 20, 30],
                monthly_capacity=6,
                timezone=tz,
                weekly=weekly,
                updated_at=utcnow(),
            )
        )
        made += 1
    return made


__all__ = ["DEMO_MENTORS", "seed_mentors"]
