"""A seeded database for the fuzzer, and the real values it read back from it.

Demo content (learner, coordinator, cohort, nuggets) plus a second learner and a
second coordinator who share nothing with the demo ones, an admin, a stored
picture, pushed events, a push subscription and announcements. The fuzzer's
strategies draw ids, versions, slugs, cursors and message ids from here, so that
requests get past the 401/403/404 checks to the code behind them.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import uuid
from typing import Any

from PIL import Image
from sqlmodel import select

from mmapp import accounts, cohorts, content
from mmapp.cohorts import sharing
from mmapp.content import media
from mmapp.credentials import issuing
from mmapp.db import session_scope
from mmapp.demo.seed import DEMO_COHORT_CODE, DEMO_COORDINATOR, DEMO_LEARNER, seed_demo
from mmapp.models import Achievement, Assignment, Cohort, Nugget, Role, Skill, User, utcnow
from mmapp.schemas import SkillIn
from tests.factories import nugget_in
from tests.fuzz.mentoring_world import seed_mentors, seed_past_sessions, seed_requests

PASSWORD = "commutes-daily"
# name -> (email, password, role); the demo accounts plus three that share nothing.
ACCOUNTS: dict[str, tuple[str, str, Role]] = {
    "learner": (*DEMO_LEARNER, Role.learner),
    "coach": (*DEMO_COORDINATOR, Role.coordinator),
    "learner2": ("other-learner@example.org", PASSWORD, Role.learner),
    "coach2": ("other-coach@example.org", PASSWORD, Role.coordinator),
    "admin": ("root@example.org", PASSWORD, Role.admin),
    "coach3": ("third-coach@example.org", PASSWORD, Role.coordinator),  # the demo cohort's
}
OTHER_CODE = "OTHER1"


@dataclasses.dataclass
class World:
    """What the seeded database holds, as the values a client would send."""

    tokens: dict[str, str] = dataclasses.field(default_factory=dict)
    users: dict[str, str] = dataclasses.field(default_factory=dict)  # name -> user id
    devices: dict[str, str] = dataclasses.field(default_factory=dict)  # name -> device id
    cohorts: list[str] = dataclasses.field(default_factory=list)
    invite_codes: list[str] = dataclasses.field(default_factory=list)
    nuggets: list[dict[str, Any]] = dataclasses.field(default_factory=list)  # as pulled
    nuggets_of: dict[str, list[dict[str, Any]]] = dataclasses.field(default_factory=dict)
    slugs: list[str] = dataclasses.field(default_factory=list)
    skills: list[str] = dataclasses.field(default_factory=list)
    skill_ids: list[str] = dataclasses.field(default_factory=list)
    achievements: list[str] = dataclasses.field(default_factory=list)
    credentials: list[str] = dataclasses.field(default_factory=list)  # issued
    # Secret links: shared skills profiles (/p/<token>) and calendar feeds.
    profile_tokens: list[str] = dataclasses.field(default_factory=list)
    requests: list[str] = dataclasses.field(default_factory=list)  # mentoring requests
    sessions: list[str] = dataclasses.field(default_factory=list)  # mentoring sessions
    actions: list[str] = dataclasses.field(default_factory=list)  # planned after a session
    slot_starts: list[str] = dataclasses.field(default_factory=list)  # a mentor's free slots
    authored: list[dict[str, Any]] = dataclasses.field(default_factory=list)  # NuggetIn JSON
    markdown: list[str] = dataclasses.field(default_factory=list)
    archives: list[bytes] = dataclasses.field(default_factory=list)
    cursors: list[str] = dataclasses.field(default_factory=list)
    messages: list[str] = dataclasses.field(default_factory=list)
    media: list[str] = dataclasses.field(default_factory=list)
    subscriptions: list[dict[str, Any]] = dataclasses.field(default_factory=list)
    bad_tokens: list[str] = dataclasses.field(default_factory=list)  # expired, revoked
    sent_events: list[dict[str, Any]] = dataclasses.field(default_factory=list)
    next_seq: dict[str, int] = dataclasses.field(default_factory=dict)  # device -> seq
    ids_made: int = 0  # event ids handed out (see `Values.fresh_id`)

    @property
    def emails(self) -> list[str]:
        """Every seeded account's email."""
        return [email for email, _, _ in ACCOUNTS.values()]

    def auth(self, name: str) -> dict[str, str]:
        """The Authorization header of one seeded account."""
        return {"Authorization": f"Bearer {self.tokens[name]}"}

    def refresh_token(self, name: str) -> None:
        """A new token for `name` (after the fuzzer signed it out)."""
        with session_scope() as s:
            user = s.get(User, uuid.UUID(self.users[name]))
            self.tokens[name], _ = accounts.issue_token(
                session=s, user=user, device_id=self.devices[name], ttl_days=30
            )


def _png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (4, 3), (200, 30, 30)).save(out, "PNG")
    return out.getvalue()


def _seed_database(world: World) -> None:
    with session_scope() as s:
        # With history: the demo learner has earned a credential (issued below).
        seed_demo(session=s, history=True)
        for a in s.exec(select(Assignment)):  # releases in the past: every nugget is live
            a.release_at = a.release_at - dt.timedelta(minutes=5)
            s.add(a)
        users: dict[str, User] = {}
        for name, (email, password, role) in ACCOUNTS.items():
            user = s.exec(select(User).where(User.email == email)).first()
            users[name] = user or accounts.create_user(
                session=s, email=email, password=password, display_name=name, role=role
            )
        other = cohorts.create_cohort(
            session=s, name="Other cohort", owner=users["coach2"], invite_code=OTHER_CODE
        )
        cohorts.add_member(session=s, cohort=other, user=users["learner2"])
        content.upsert_skill(session=s, data=SkillIn(slug="other-skill", name="Other skill"))
        spec = nugget_in(slug="other-nugget", skill="other-skill")
        theirs = content.save_nugget(session=s, data=spec, author_id=users["coach2"].id)
        content.publish(session=s, nugget=theirs)
        content.assign(session=s, cohort=other, nugget=theirs, position=1)
        demo = s.exec(select(Cohort).where(Cohort.invite_code == DEMO_COHORT_CODE)).one()
        sharing.share(session=s, by=users["coach"], email=ACCOUNTS["coach3"][0], cohort_id=demo.id)
        world.media.append(media.store(session=s, data=_png()).rsplit("/", 1)[1])
        for name, user in users.items():
            world.users[name] = str(user.id)
            world.devices[name] = f"device-fuzz-{name}"
            accounts.register_device(session=s, user=user, device_id=world.devices[name])
            world.tokens[name], _ = accounts.issue_token(
                session=s, user=user, device_id=world.devices[name], ttl_days=30
            )
        expired, _ = accounts.issue_token(
            session=s, user=users["learner"], device_id=None, ttl_days=-1
        )
        revoked, _ = accounts.issue_token(
            session=s, user=users["coach"], device_id=None, ttl_days=9
        )
        accounts.revoke_token(session=s, token=revoked)
        world.bad_tokens += [expired, revoked]
        rows = sorted(s.exec(select(Cohort)), key=lambda c: c.invite_code != DEMO_COHORT_CODE)
        world.cohorts = [str(c.id) for c in rows]  # the demo cohort first, then coach2's
        world.invite_codes = [c.invite_code for c in rows]
        for nugget in s.exec(select(Nugget).order_by(Nugget.slug)):
            world.slugs.append(nugget.slug)
            world.authored.append(
                content.authored(session=s, nugget=nugget).model_dump(mode="json")
            )
        world.skills = sorted({a["skill"] for a in world.authored})
        issued = issuing.issue_due(session=s, user=users["learner"], now=utcnow())
        assert issued, "the demo history earns a credential"
        world.credentials = [str(c.id) for c in issued]
        world.skill_ids = [str(k.id) for k in s.exec(select(Skill).order_by(Skill.slug))]
        world.achievements = [
            str(a.id) for a in s.exec(select(Achievement).order_by(Achievement.name))
        ]
        seed_mentors(s, [users["coach"], users["coach3"]])


def _pull_all(client: Any, world: World, name: str, cursor: str | None = None) -> None:
    for _ in range(20):  # bounded: the demo holds a page or two
        params = {"cursor": cursor} if cursor else {}
        r = client.get("/api/v1/sync/pull", headers=world.auth(name), params=params)
        assert r.status_code == 200, r.text
        page = r.json()
        known = {n["id"] for n in world.nuggets}
        world.nuggets += [n for n in page["nuggets"] if n["id"] not in known]
        mine = world.nuggets_of.setdefault(name, [])
        mine += [n for n in page["nuggets"] if n["id"] not in {m["id"] for m in mine}]
        world.cursors.append(cursor := page["cursor"])
        if not page["has_more"]:
            # Ids are random, so order by slug: the same draws pick the same nuggets.
            world.nuggets.sort(key=lambda n: n["slug"])
            mine.sort(key=lambda n: n["slug"])
            return
    raise AssertionError("pull never finished")


def build_world(client: Any, receiver: Any) -> World:
    """Seed the (empty) configured database and read its real values back over HTTP."""
    world = World()
    _seed_database(world)
    for name in ("learner", "learner2"):
        _pull_all(client, world, name)
    first = world.nuggets[0]
    world.next_seq = {device: 1 for device in world.devices.values()}
    event = {
        "event_id": str(uuid.uuid4()),
        "device_seq": 1,
        "type": "nugget_started",
        "nugget_id": first["id"],
        "nugget_version": first["version"],
        "payload": {},
        "client_ts": "2026-11-21T08:10:00+00:00",
    }
    body = {"device_id": world.devices["learner"], "events": [event]}
    r = client.post("/api/v1/sync/push", headers=world.auth("learner"), json=body)
    assert r.status_code == 200 and r.json()["results"][0]["status"] == "applied", r.text
    world.sent_events.append(event)
    world.next_seq[world.devices["learner"]] = 2
    _pull_all(client, world, "learner", world.cursors[0])  # a cursor past some progress
    for name in ("learner", "learner2"):
        sub = receiver.subscribe().info
        r = client.post("/api/v1/push/subscriptions", headers=world.auth(name), json=sub)
        assert r.status_code == 201, r.text
        world.subscriptions.append(sub)
    world.subscriptions.append(receiver.subscribe().info)  # one not yet stored
    for coach, cohort in (("coach", 0), ("coach2", 1)):
        nugget = next(a for a in world.nuggets if a["slug"] in _slugs_of(client, world, coach))
        r = client.post(
            f"/api/v1/cohorts/{world.cohorts[cohort]}/notify",
            headers=world.auth(coach),
            json={"nugget_id": nugget["id"]},
        )
        assert r.status_code == 202, r.text
        world.messages.append(r.json()["message_id"])
    for slug in world.slugs:
        coach = "coach2" if slug == "other-nugget" else "coach"
        r = client.get(f"/api/v1/coach/nuggets/{slug}/export.md", headers=world.auth(coach))
        assert r.status_code == 200, r.text
        world.markdown.append(r.text)
    for skill in world.skills:
        coach = "coach2" if skill == "other-skill" else "coach"
        r = client.get(f"/api/v1/coach/skills/{skill}/export.zip", headers=world.auth(coach))
        assert r.status_code == 200, r.text
        world.archives.append(r.content)
    for name in ("learner", "learner2"):  # shared skills profiles: /p/<token> answers
        r = client.post("/api/v1/me/profile/share", headers=world.auth(name))
        assert r.status_code in (200, 201), r.text
        world.profile_tokens.append(r.json()["url"].rsplit("/", 1)[1])
    seed_requests(client, world)
    seed_past_sessions(world)
    # Pools keep their length while the fuzzer swaps in what it created (see `remember`).
    world.cohorts *= 3
    world.messages *= 2
    world.sessions *= 3
    world.sent_events *= 8
    return world


def _slugs_of(client: Any, world: World, coach: str) -> set[str]:
    r = client.get("/api/v1/coach/nuggets", headers=world.auth(coach))
    assert r.status_code == 200, r.text
    return {n["slug"] for n in r.json()}
