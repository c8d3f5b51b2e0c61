""" "Download my data" and "Delete my account" (issue 14 part 7), on SQLite and Postgres.

The export holds exactly the requester's rows: every table with a user-id column is
found from the metadata (so a new table is covered or this fails), both learners get
rows in each, and the ids of one never show in the other's export. Deleting removes
those rows but keeps a tombstone, and a lagging phone that pushes or pulls later
hears 401 `account_deleted` and stores nothing.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
import uuid
import zipfile
from collections import Counter
from typing import Any

import pytest
from sqlmodel import Session, SQLModel, select

from mmapp import accounts, audit
from mmapp.accounts import admin, export_files
from mmapp.accounts.export import COVERAGE
from mmapp.db import session_scope
from mmapp.demo.seed import DEMO_LEARNER
from mmapp.errors import ConflictError, ForbiddenError, NotFoundError
from mmapp.models import (
    Achievement,
    ActionAnswer,
    AuditAction,
    AuditEntry,
    AuthToken,
    CalendarFeed,
    Cohort,
    CohortMembership,
    Device,
    DeviceSeqGap,
    HelpRequest,
    IssuedCredential,
    LearnerEvent,
    MentoringSession,
    MentorProfile,
    Nugget,
    PasswordReset,
    PlannedAction,
    PushDelivery,
    PushMessage,
    PushSubscription,
    ReminderPlan,
    ReviewCard,
    Role,
    SessionHold,
    SessionReflection,
    Skill,
    SkillsProfile,
    SkillTarget,
    StaffGrant,
    TeachBack,
    User,
)
from tests.api.conftest import DEVICE, make_event, stored_events
from tests.conftest import FIXED_NOW

PASSWORD = "a-long-password"
ROOT = ("root@admin.io", "root-admin-pw")


def user_columns() -> set[tuple[str, str]]:
    """Every (table, column) holding a user id: foreign keys to user.id, or `user_id`."""
    found = {("user", "id")}
    for table in SQLModel.metadata.sorted_tables:
        for column in table.columns:
            to_user = any(fk.column.table.name == "user" for fk in column.foreign_keys)
            if to_user or column.name == "user_id":
                found.add((table.name, column.name))
    return found


def _rows_for(session: Session, n: int, tag: str) -> User:
    """One account with a row in every table that names a user (made directly)."""
    user = accounts.create_user(
        session=session, email=f"{tag}@example.org", password=PASSWORD, display_name=tag.title()
    )
    skill = Skill(slug=f"skill-{tag}", name=f"Skill {tag}", owner_id=user.id)
    cohort = Cohort(name=f"Cohort {tag}", invite_code=f"CODE{tag.upper()}", owner_id=user.id)
    session.add_all([skill, cohort])
    session.flush()
    nugget = Nugget(
        slug=f"n-{tag}", skill_id=skill.id, title=f"N {tag}", minutes=5, context_md="c",
        way_in_md="w", payoff_md="p", created_by=user.id,
    )  # fmt: skip
    device = Device(id=f"device-{tag}-0001", user_id=user.id)
    message = PushMessage(dedupe_key=f"m-{tag}", kind="new_nugget", topic="t", created_by=user.id)
    session.add_all([nugget, device, message])
    session.flush()
    accounts.issue_token(session=session, user=user, device_id=device.id, ttl_days=30)
    sub = PushSubscription(
        user_id=user.id, endpoint=f"https://push.example.org/{tag}?secret=1", p256dh="k", auth="a"
    )
    session.add_all([
        CohortMembership(cohort_id=cohort.id, user_id=user.id),
        SkillTarget(cohort_id=cohort.id, skill_id=skill.id, level=3, set_by=user.id),
        StaffGrant(user_id=user.id, cohort_id=cohort.id, granted_by=user.id),
        ReminderPlan(user_id=user.id, updated_at=FIXED_NOW - dt.timedelta(hours=n)),
        SkillsProfile(user_id=user.id, token_hash=f"{n:064x}",
                      created_at=FIXED_NOW - dt.timedelta(hours=n)),
        ReviewCard(user_id=user.id, item_id=uuid.uuid4(), nugget_id=nugget.id, timezone="UTC",
                   schedule="fsrs"),
        DeviceSeqGap(device_id=device.id, first_seq=2, last_seq=3),
        sub,
    ])  # fmt: skip
    session.flush()
    session.add(PushDelivery(message_id=message.id, subscription_id=sub.id, user_id=user.id))
    session.add(_reset(user, user, FIXED_NOW - dt.timedelta(hours=n)))
    achievement = Achievement(skill_id=skill.id, level=1, name=f"A {tag}", updated_by=user.id)
    session.add(achievement)
    session.flush()
    session.add(
        IssuedCredential(
            achievement_id=achievement.id, user_id=user.id, document={"id": tag},
            revoked_at=FIXED_NOW, revoked_reason=f"because {tag}", revoked_by=user.id,
        )
    )  # fmt: skip
    _mentoring_rows(session, user, skill, n)
    # A teach-back they asked of themselves: one row names them as teacher and as peer.
    session.add(
        TeachBack(
            ask_id=uuid.uuid4(), teacher_id=user.id, peer_id=user.id, nugget_id=nugget.id,
            nugget_version=1, at=FIXED_NOW, asked_at=FIXED_NOW,
        )
    )  # fmt: skip
    audit.record(
        session=session, actor=user, action=AuditAction.cohort_created,
        subject=("cohort", cohort.id), detail=f"=Cohort {tag}",
    )  # fmt: skip
    for seq in (1, 4):
        session.add(
            LearnerEvent(
                event_id=uuid.uuid4(), user_id=user.id, device_id=device.id, device_seq=seq,
                type="nugget_started", nugget_id=nugget.id, nugget_version=1,
                payload={"said": f"=SUM({tag})"}, fingerprint="f", client_ts=FIXED_NOW,
            )
        )  # fmt: skip
    session.flush()
    return user


def _mentoring_rows(session: Session, user: User, skill: Skill, n: int) -> None:
    """A mentor profile, a request asked and offered, a session, its holds, a feed, and
    a reflection on the session with an action and its answer."""
    at = FIXED_NOW + dt.timedelta(days=n)
    request = HelpRequest(
        mentee_id=user.id, skill_id=skill.id, need="help", minutes=15, offered_to=user.id
    )
    session.add_all([
        MentorProfile(user_id=user.id, skills=[{"skill_id": str(skill.id), "level": 4}]),
        CalendarFeed(user_id=user.id, token_hash=f"{n:064x}", created_at=at),
        request,
    ])  # fmt: skip
    session.flush()
    booked = MentoringSession(
        request_id=request.id, mentor_id=user.id, mentee_id=user.id, start_at=at, minutes=15
    )
    session.add(booked)
    session.flush()
    session.add(SessionHold(user_id=user.id, cell_at=at, session_id=booked.id))
    reflection = SessionReflection(
        id=uuid.uuid4(), session_id=booked.id, user_id=user.id, rating=n, fit="good"
    )
    session.add(reflection)
    session.flush()
    action = PlannedAction(
        id=uuid.uuid4(), reflection_id=reflection.id, session_id=booked.id, mentee_id=user.id,
        text=f"Try {n}", due_on=at.date(),
    )  # fmt: skip
    session.add(action)
    session.flush()
    session.add(ActionAnswer(id=uuid.uuid4(), action_id=action.id, answer="done"))


def _reset(user: User, by: User, at: dt.datetime) -> PasswordReset:
    """A reset link for `user` made by `by` at `at` (the hash of a made-up token)."""
    token_hash = hashlib.sha256(f"{user.email} {at}".encode()).hexdigest()
    return PasswordReset(
        token_hash=token_hash, user_id=user.id, created_by=by.id, created_at=at,
        expires_at=at + admin.RESET_TTL,
    )  # fmt: skip


def _key(value: Any) -> str:
    return value.isoformat() if isinstance(value, dt.datetime) else str(value)


def _section(doc: dict[str, Any], path: str) -> list[dict[str, Any]]:
    value: Any = doc
    for part in path.split("."):
        value = value[part]
    return value if isinstance(value, list) else [value] if value else []


def test_the_export_covers_every_table_that_holds_a_user_id():
    assert user_columns() == set(COVERAGE), "cover new user-id columns in mmapp.accounts.export"


def test_each_learners_export_holds_exactly_their_rows_and_none_of_the_others(session):
    a, b = _rows_for(session, 1, "ann"), _rows_for(session, 2, "bob")
    # Links one made for the other: each is in one's made_by_you, the other's resets.
    session.add_all([_reset(b, a, FIXED_NOW - dt.timedelta(hours=10)),
                     _reset(a, b, FIXED_NOW - dt.timedelta(hours=20))])  # fmt: skip
    session.commit()
    docs = {
        u.id: json.loads(
            accounts.export_account(session=session, user=u, now=FIXED_NOW).model_dump_json()
        )
        for u in (a, b)
    }
    for (table_name, column), (path, field) in sorted(COVERAGE.items()):
        table = SQLModel.metadata.tables[table_name]
        stored = {
            u.id: Counter(
                _key(r[0])
                for r in session.connection().execute(
                    select(table.c[field]).where(table.c[column] == u.id)
                )
            )
            for u in (a, b)
        }
        for me, other in ((a, b), (b, a)):
            exported = Counter(_key(row[field]) for row in _section(docs[me.id], path))
            assert stored[me.id], f"the test made no {table_name}.{column} row"
            assert exported == stored[me.id], (table_name, column)
            assert not set(exported) & set(stored[other.id]), (table_name, column)
    doc = docs[a.id]
    text = json.dumps(doc)
    assert "secret=1" not in text and '"p256dh"' not in text
    assert a.password_hash not in text and "password_hash" not in text
    for reset in session.exec(select(PasswordReset)):
        assert reset.token_hash not in text and '"token_hash"' not in text
    assert [r["used_at"] for r in doc["password_resets"]] == [None, None]
    [entry] = doc["audit_entries"]
    assert (entry["action"], entry["detail"]) == ("cohort_created", "=Cohort ann")
    assert doc["push_subscriptions"][0]["endpoint_host"] == "push.example.org"
    assert doc["devices"][0]["missing_seqs"] == [[2, 3]]
    assert doc["account"]["email"] == "ann@example.org"


def test_the_zip_holds_the_json_and_csvs_and_csv_cells_cannot_run_formulas(session):
    ann = _rows_for(session, 1, "ann")
    data = accounts.export_account(session=session, user=ann, now=FIXED_NOW)
    z = zipfile.ZipFile(io.BytesIO(accounts.export_zip(data)))
    assert sorted(z.namelist()) == [
        "README.txt", "actions.csv", "events.csv", "mydata.json", "reviews.csv"
    ]  # fmt: skip
    doc = json.loads(z.read("mydata.json"))
    events = list(csv.DictReader(io.StringIO(z.read("events.csv").decode())))
    assert [e["event_id"] for e in events] == [e["event_id"] for e in doc["events"]]
    assert events[0]["payload"] == '{"said": "=SUM(ann)"}'  # JSON text, starts with "{"
    [card] = csv.DictReader(io.StringIO(z.read("reviews.csv").decode()))
    assert card["item_id"] == doc["review_cards"][0]["item_id"] and card["days_answered"] == "0"
    [action] = csv.DictReader(io.StringIO(z.read("actions.csv").decode()))
    assert action["action"] == "cohort_created" and action["detail"] == "'=Cohort ann"
    assert export_files._cell("=HYPERLINK(1)") == "'=HYPERLINK(1)"
    assert export_files._cell(-1) == -1


def _learner_token(client, email: str, password: str, device: str) -> dict[str, str]:
    body = {"email": email, "password": password, "device_id": device}
    r = client.post("/api/v1/auth/token", json=body)
    assert r.status_code == 200, r.text
    return {"Authorization": f"Bearer {r.json()['token']}"}


def test_get_me_export_sends_the_callers_own_events_as_a_zip(client, auth, nuggets):
    events = [make_event(nuggets[0], 1), make_event(nuggets[0], 2, "nugget_completed")]
    r = client.post("/api/v1/sync/push", headers=auth, json={"device_id": DEVICE, "events": events})
    assert r.status_code == 200, r.text
    assert client.get("/api/v1/me/export").status_code == 401
    r = client.get("/api/v1/me/export", headers=auth)
    assert r.status_code == 200 and r.headers["content-type"] == "application/zip"
    assert 'filename="micromastery-my-data-2026-11-21.zip"' in r.headers["content-disposition"]
    doc = json.loads(zipfile.ZipFile(io.BytesIO(r.content)).read("mydata.json"))
    mine = {e["event_id"] for e in events}
    assert mine <= {e["event_id"] for e in doc["events"]}
    assert doc["account"]["email"] == DEMO_LEARNER[0]
    assert doc["progress"]["completed"] == {nuggets[0]["id"]: "2026-11-21"}


def _delete(client, headers, password=DEMO_LEARNER[1], **extra):
    body = {"password": password, "confirm": True, **extra}
    return client.request("DELETE", "/api/v1/me", headers=headers, json=body)


def test_deleting_needs_the_password_and_the_confirm_flag(client, auth):
    r = _delete(client, auth, password="not-my-password")
    assert (r.status_code, r.json()["error"]) == (403, "wrong_password")
    r = _delete(client, auth, confirm=False)
    assert r.status_code == 422
    r = client.request("DELETE", "/api/v1/me", headers=auth, json={"password": DEMO_LEARNER[1]})
    assert r.status_code == 422
    assert client.get("/api/v1/me", headers=auth).status_code == 200  # still there


def test_a_lagging_phone_hears_account_deleted_and_nothing_comes_back(client, nuggets):
    email, password = DEMO_LEARNER
    here = _learner_token(client, email, password, "phone-here-0001")
    lagging = _learner_token(client, email, password, "phone-lagging-1")
    first = [make_event(nuggets[0], 1), make_event(nuggets[0], 2, "nugget_completed")]
    r = client.post(
        "/api/v1/sync/push", headers=lagging, json={"device_id": "phone-lagging-1", "events": first}
    )
    assert r.status_code == 200, r.text
    with session_scope() as s:
        uid = s.exec(select(User.id).where(User.email == email)).one()
    german = here | {"Accept-Language": "de"}
    assert client.put("/api/v1/me/locale", headers=german, json={"locale": "de"}).is_success
    assert _delete(client, here).json() == {"status": "deleted"}

    queued = [make_event(nuggets[0], 3, "quiz_answered", {"item_id": str(uuid.uuid4())})]
    for headers in (lagging, here):
        body = {"device_id": "phone-lagging-1", "events": queued}
        r = client.post("/api/v1/sync/push", headers=headers, json=body)
        assert (r.status_code, r.json()["error"]) == (401, "account_deleted")
        assert "deleted" in r.json()["reason"]
        r = client.get("/api/v1/sync/pull", headers=headers)
        assert (r.status_code, r.json()["error"]) == (401, "account_deleted")
    assert stored_events() == [] or all(e.user_id != uid for e in stored_events())
    with session_scope(read_only=True) as s:
        tomb = s.get(User, uid)
        assert tomb is not None and tomb.deleted_at == FIXED_NOW
        assert tomb.email.endswith("@deleted.invalid") and tomb.display_name == "Deleted account"
        assert (tomb.locale, tomb.device_locale) == (None, None)  # no trace of its language
        assert not accounts.password_matches(tomb, password)
        for model in (LearnerEvent, ReviewCard, Device, CohortMembership, PushSubscription):
            assert s.exec(select(model).where(model.user_id == uid)).all() == [], model
        assert s.get(ReminderPlan, uid) is None
        assert all(t.revoked_at and t.device_id is None for t in s.exec(select(AuthToken)
                   .where(AuthToken.user_id == uid)))  # fmt: skip
    # The old password opens nothing; the same address can sign up again.
    r = client.post(
        "/api/v1/auth/token", json={"email": email, "password": password, "device_id": "x" * 10}
    )
    assert (r.status_code, r.json()["error"]) == (401, "wrong_credentials")
    with session_scope() as s:
        again = accounts.create_user(session=s, email=email, password=password, display_name="A")
        assert again.id != uid


def test_the_last_admin_cannot_leave_but_a_coordinator_leaves_their_content(session):
    admin = accounts.create_user(
        session=session, email="root@example.org", password=PASSWORD, display_name="R",
        role=Role.admin,
    )  # fmt: skip
    coach = _rows_for(session, 1, "coach")
    with pytest.raises(ConflictError) as refused:
        accounts.delete_account(session=session, user=admin, now=FIXED_NOW)
    assert refused.value.code == "last_admin"
    accounts.delete_account(session=session, user=coach, now=FIXED_NOW)
    assert session.exec(select(Cohort).where(Cohort.owner_id == coach.id)).one()
    assert session.exec(select(Nugget).where(Nugget.created_by == coach.id)).one()
    assert session.exec(select(StaffGrant).where(StaffGrant.user_id == coach.id)).all() == []
    second = accounts.create_user(
        session=session, email="root2@example.org", password=PASSWORD, display_name="S",
        role=Role.admin,
    )  # fmt: skip
    accounts.delete_account(session=session, user=admin, now=FIXED_NOW)
    assert admin.deleted_at == FIXED_NOW and second.deleted_at is None


def _root_admin(client) -> dict[str, str]:
    with session_scope() as s:
        accounts.create_user(
            session=s, email=ROOT[0], password=ROOT[1], display_name="Root", role=Role.admin
        )
    return _learner_token(client, *ROOT, "device-root-01")


def _learner_id() -> uuid.UUID:
    with session_scope(read_only=True) as s:
        return s.exec(select(User.id).where(User.email == DEMO_LEARNER[0])).one()


def test_deleting_removes_pending_reset_links_and_leaves_the_audit_log(client, auth):
    root, uid = _root_admin(client), _learner_id()
    links = f"/api/v1/admin/accounts/{uid}/reset-link"
    used = client.post(links, headers=root).json()["path"].split("=", 1)[1]
    with session_scope() as s:  # the learner's own action, in the log with their email
        admin.reset_password(session=s, token=used, password=PASSWORD, now=FIXED_NOW)
    pending = client.post(links, headers=root).json()["path"].split("=", 1)[1]
    email = DEMO_LEARNER[0]
    others = f"{email.upper()}; co-{email}, {email}.uk"  # two other people's addresses
    with session_scope() as s:
        near = audit.record(
            session=s, actor=None, action=AuditAction.member_added,
            subject=("cohort", uuid.uuid4()), detail=others,
        )  # fmt: skip
        s.flush()
        near_id = near.id
    with session_scope(read_only=True) as s:
        assert len(s.exec(select(PasswordReset).where(PasswordReset.user_id == uid)).all()) == 2
        logged = len(s.exec(select(AuditEntry)).all())
    assert _delete(client, auth, password=PASSWORD).json() == {"status": "deleted"}

    with session_scope(read_only=True) as s:
        assert s.exec(select(PasswordReset).where(PasswordReset.user_id == uid)).all() == []
        entries = s.exec(select(AuditEntry)).all()
    assert len(entries) == logged  # the organisation's record stays
    mine = [e for e in entries if e.actor_id == uid]
    assert [(e.action, e.actor_email) for e in mine] == [("password_reset", "Deleted account")]
    [near] = [e for e in entries if e.id == near_id]
    assert near.detail == f"Deleted account; co-{email}, {email}.uk"
    assert all(email not in f"{e.actor_email} {e.detail}" for e in entries if e is not near)
    assert mine[0].detail.startswith("Deleted account set a new password")
    log = client.get("/api/v1/admin/audit", headers=root).json()
    assert {e["actor"] for e in log if e["action"] == "password_reset"} == {"Deleted account"}
    with session_scope() as s, pytest.raises(NotFoundError) as gone:
        admin.reset_password(session=s, token=pending, password="a-new-password", now=FIXED_NOW)
    assert gone.value.code == "reset_link_invalid"
    r = client.post(links, headers=root)  # and no new link for the tombstone
    assert (r.status_code, r.json()["error"]) == (404, "account_deleted")
    with session_scope(read_only=True) as s:
        tomb = s.get(User, uid)
        assert tomb is not None and not accounts.password_matches(tomb, "a-new-password")


def test_a_disabled_account_cannot_delete_itself_until_enabled_again(client, auth):
    root, uid = _root_admin(client), _learner_id()
    disabled = f"/api/v1/admin/accounts/{uid}/disabled"
    client.put(disabled, headers=root, json={"disabled": True}).raise_for_status()
    r = _delete(client, auth)
    assert (r.status_code, r.json()["error"]) == (401, "account_disabled")
    assert "Ask an admin" in r.json()["reason"]
    with session_scope() as s, pytest.raises(ForbiddenError) as refused:
        row = s.get(User, uid)
        assert row is not None
        accounts.delete_account(session=s, user=row, now=FIXED_NOW)
    assert refused.value.code == "account_disabled" and "enable it again" in refused.value.reason
    with session_scope(read_only=True) as s:
        row = s.get(User, uid)
        assert row is not None and row.deleted_at is None and row.email == DEMO_LEARNER[0]
        assert s.exec(select(Device).where(Device.user_id == uid)).all() != []
    client.put(disabled, headers=root, json={"disabled": False}).raise_for_status()
    assert _delete(client, auth).json() == {"status": "deleted"}
