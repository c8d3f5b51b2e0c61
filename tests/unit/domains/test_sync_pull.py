import datetime as dt
import uuid

import pytest
from sqlmodel import select

from mmapp import access, cohorts, content
from mmapp.accounts import tokens
from mmapp.models import Cohort, Nugget, User, utcnow
from mmapp.schemas import EventIn, NuggetIn
from mmapp.sync import ingest
from mmapp.sync.changes import Cursor, pull


def _learner(session):
    return session.exec(select(User).where(User.email.startswith("learner@"))).one()


def _drain(session, user, cursor=None, page_size=5, now=None):
    pages = []
    for _ in range(20):
        page = pull(session=session, user=user, cursor_token=cursor, page_size=page_size, now=now)
        pages.append(page.model_dump(mode="json"))  # as the device receives it
        cursor = page.cursor
        if not page.has_more:
            return pages, cursor
    raise AssertionError("pull did not finish")


@pytest.mark.parametrize(
    "token", [None, "", "garbage", "c2.x.y", "c1.1.2", "c3.1.2", "c2.-1.0", "c2.1.2.3"]
)
def test_unknown_cursors_mean_full_resync(token):
    assert Cursor.decode(token) is None


def test_cursor_round_trip():
    c = Cursor(5, 10, 7, 11, "00000000-0000-0000-0000-000000000001")
    assert Cursor.decode(c.encode()) == c
    assert Cursor.decode(Cursor(3, 4).encode()) == Cursor(3, 4)


def test_full_pull_pages_through_every_nugget_once(session, seeded):
    user = _learner(session)
    pages, cursor = _drain(session, user)
    ids = [n["id"] for p in pages for n in p["nuggets"]]
    assert len(ids) == len(set(ids)) == 12
    assert pages[0]["reset"] and not any(p["reset"] for p in pages[1:])
    assert "progress" in pages[-1] and all("progress" not in p for p in pages[:-1])
    again, cursor2 = _drain(session, user, cursor)
    assert again[0]["nuggets"] == [] and again[0]["tombstones"] == []
    assert Cursor.decode(cursor2).seq == Cursor.decode(cursor).seq


def test_edit_retract_and_future_release_reach_the_device(session, seeded):
    user = _learner(session)
    _, cursor = _drain(session, user)
    nugget = session.exec(select(Nugget).where(Nugget.slug == "per-what")).one()
    snapshot = content.build_snapshot(session=session, nugget=nugget, version=nugget.version)
    spec = NuggetIn(
        slug=nugget.slug,
        skill="reading-charts",
        title="Ask 'per what?' (v2)",
        summary=nugget.summary,
        minutes=nugget.minutes,
        context=nugget.context_md,
        way_in=nugget.way_in_md,
        practice_steps=nugget.practice_steps,
        payoff=nugget.payoff_md,
        quiz=[q.model_dump(exclude={"id"}) for q in snapshot.quiz],
    )
    content.publish(session=session, nugget=content.save_nugget(session=session, data=spec))
    retracted = session.exec(select(Nugget).where(Nugget.slug == "small-samples")).one()
    content.retract(session=session, nugget=retracted)

    cohort = session.exec(select(Cohort)).one()
    later = content.save_nugget(session=session, data=spec.model_copy(update={"slug": "later-one"}))
    content.publish(session=session, nugget=later)
    content.assign(
        session=session, cohort=cohort, nugget=later, release_at=utcnow() + dt.timedelta(hours=1)
    )

    pages, cursor = _drain(session, user, cursor)
    changed = {n["id"]: n for p in pages for n in p["nuggets"]}
    assert set(changed) == {str(nugget.id)} and changed[str(nugget.id)]["version"] == 2
    assert [t for p in pages for t in p["tombstones"]] == [str(retracted.id)]

    # Nothing new until the release time passes, then the nugget arrives by itself.
    pages, cursor = _drain(session, user, cursor)
    assert not pages[0]["nuggets"]
    pages, _ = _drain(session, user, cursor, now=utcnow() + dt.timedelta(hours=2))
    assert [n["slug"] for p in pages for n in p["nuggets"]] == ["later-one"]


def test_leaving_a_cohort_removes_its_nuggets_and_rejoining_brings_them_back(session, seeded):
    user = _learner(session)
    _, cursor = _drain(session, user)
    cohort = session.exec(select(Cohort)).one()
    assert cohorts.remove_member(session=session, cohort=cohort, user=user)
    assert not cohorts.remove_member(session=session, cohort=cohort, user=user)

    pages, cursor = _drain(session, user, cursor)
    assert pages[0]["reset"] and not [n for p in pages for n in p["nuggets"]]
    assert access.member_cohort_ids(session=session, user_id=user.id) == set()
    # Answers given offline before leaving are still accepted.
    nugget = session.exec(select(Nugget).where(Nugget.slug == "per-what")).one()
    tokens.register_device(session=session, user=user, device_id="left-cohort-phone")
    started = EventIn(
        event_id=uuid.uuid4(),
        device_seq=1,
        type="nugget_started",
        nugget_id=nugget.id,
        nugget_version=nugget.version,
        payload={},
        client_ts=utcnow(),
    )
    stored = ingest.apply_batch(
        session=session, user=user, device_id="left-cohort-phone", events=[started]
    )
    assert [(r.event_id, r.status) for r in stored.results] == [(started.event_id, "applied")]

    cohorts.add_member(session=session, cohort=cohort, user=user)
    pages, _ = _drain(session, user, cursor)
    assert pages[0]["reset"] and len({n["id"] for p in pages for n in p["nuggets"]}) == 12


def test_a_released_nugget_moved_back_into_the_future_leaves_devices_until_then(session, seeded):
    user = _learner(session)
    _, cursor = _drain(session, user)
    cohort = session.exec(select(Cohort)).one()
    nugget = session.exec(select(Nugget).where(Nugget.slug == "per-what")).one()
    content.assign(
        session=session, cohort=cohort, nugget=nugget, release_at=utcnow() + dt.timedelta(hours=1)
    )

    pages, cursor = _drain(session, user, cursor)
    assert [t for p in pages for t in p["tombstones"]] == [str(nugget.id)]
    assert not [n for p in pages for n in p["nuggets"]]
    pages, _ = _drain(session, user, cursor, now=utcnow() + dt.timedelta(hours=2))
    assert [n["slug"] for p in pages for n in p["nuggets"]] == ["per-what"]


def test_a_page_target_passed_by_a_publish_asks_for_one_more_page(session, seeded):
    user = _learner(session)
    first = pull(session=session, user=user, cursor_token=None, page_size=10)
    nugget = session.exec(select(Nugget).where(Nugget.slug == first.nuggets[0].slug)).one()
    nugget.title = "Renamed"
    content.publish(session=session, nugget=nugget)
    last = pull(session=session, user=user, cursor_token=first.cursor, page_size=10)
    assert last.has_more and "progress" not in last.model_dump(mode="json")
    extra = pull(session=session, user=user, cursor_token=last.cursor, page_size=10)
    assert [n.title for n in extra.nuggets] == ["Renamed"] and not extra.has_more
