"""Spaced review as a learner meets it: reviews due on Today, answered in a tunnel.

A learner who finished a nugget days ago opens the app: Today leads with the reviews
due; they answer them with no network (one wrong, one "Too easy") and see when each
comes back. Back online, the server holds each review once and its schedule is the
one the phone worked out offline.
"""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
from playwright.sync_api import expect
from sqlmodel import Session, select

from mmapp import accounts
from mmapp.db import make_engine
from mmapp.demo.history import answer_payload
from mmapp.models import Nugget, User
from mmapp.reviews import cards
from mmapp.schemas import EventIn
from mmapp.sync import ingest
from tests.e2e.a11y import assert_accessible
from tests.e2e.conftest import sign_in
from tests.support.answers import quiz_of

pytestmark = pytest.mark.e2e

NUGGET = "Beware the tiny sample"


def finished_days_ago(db_url: str, email: str, title: str, days: int) -> int:
    """Store, through ingest, a nugget another device finished `days` ago (under a week).

    The laptop was offline since: its events carry the time they happened, which the
    server trusts up to a week back.

    Returns:
        How many quiz items it has (each is now a card).

    """
    engine = make_engine(db_url)
    past = dt.datetime.now(dt.UTC) - dt.timedelta(days=days)
    try:
        with Session(engine) as s:
            user = s.exec(select(User).where(User.email == email)).one()
            accounts.register_device(session=s, user=user, device_id="laptop-history")
            nugget = s.exec(select(Nugget).where(Nugget.title == title)).one()
            quiz = quiz_of(s, nugget)
            answers = [("quiz_answered", answer_payload(item, right=True)) for item in quiz]
            kinds = [("nugget_started", {}), *answers, ("nugget_completed", {})]
            events = [
                EventIn(
                    event_id=uuid.uuid4(),
                    device_seq=n,
                    type=kind,
                    nugget_id=nugget.id,
                    nugget_version=nugget.version,
                    payload=payload,
                    client_ts=past,
                )
                for n, (kind, payload) in enumerate(kinds, start=1)
            ]
            out = ingest.apply_batch(
                session=s, user=user, device_id="laptop-history", events=events
            )
            assert {r.status for r in out.results} == {"applied"}
            s.commit()
            return len(quiz)
    finally:
        engine.dispose()


def device_schedule(page) -> dict[str, str]:
    """Due date per item as the phone works it out now (its cards plus its own answers)."""
    return page.evaluate(
        """async () => {
          const cards = mmReviews.cardsNow(await mmStore.snapshot());
          return Object.fromEntries([...cards.values()].map((c) => [c.item_id, c.state.due_on]));
        }"""
    )


def test_reviews_due_are_answered_in_a_tunnel_and_sync_once(phone, app_server, new_learner, shots):
    email = new_learner[0]
    items = finished_days_ago(app_server.db_url, email, NUGGET, days=6)
    sign_in(phone, *new_learner)
    expect(phone.locator("#reviews-due")).to_have_text(
        f"{items} reviews due · about {-(-items * 30 // 60)} min"
    )
    expect(phone.locator("#sync-status")).to_contain_text("All synced")
    shots(phone, "today-reviews-due")
    assert_accessible(phone, "Today with reviews due")

    phone.context.set_offline(True)
    phone.locator(".mm-reviews-card").click()
    expect(phone.locator("#quiz-prompt")).to_be_visible()
    shots(phone, "review-question")
    assert_accessible(phone, "a review question")
    for number in range(1, items + 1):
        expect(phone.get_by_text(f"Question {number} of {items}")).to_be_visible()
        phone.wait_for_selector("#quiz-text, .mm-option")
        wrong = number == 1
        if phone.locator("#quiz-text").count():
            phone.fill("#quiz-text", "no idea" if wrong else "n")
        else:
            # The first review is answered wrong on purpose; the others right.
            right = phone.evaluate(
                """async (n) => {
                  const s = await mmStore.get("kv", "review_session");
                  const d = await mmStore.snapshot();
                  const id = s.queue[n - 1];
                  const all = d.nuggets.flatMap((nugget) => nugget.quiz);
                  return all.find((q) => q.id === id).correct;
                }""",
                number,
            )
            options = phone.locator(".mm-option")
            pick = next(i for i in range(options.count()) if i not in right) if wrong else right[0]
            options.nth(pick).click()
        phone.click("#quiz-check")
        expect(phone.locator("#quiz-feedback")).to_be_visible()
        if number == 2 and phone.locator("#review-too-easy").count():
            phone.click("#review-too-easy")
            expect(phone.locator("#review-marked")).to_be_visible()
            shots(phone, "review-too-easy")
        phone.click("#quiz-next")
    expect(phone.locator("#review-done")).to_be_visible()
    expect(phone.locator(".mm-next-due")).to_have_count(items)
    offline_labels = phone.locator(".mm-next-due").all_inner_texts()
    shots(phone, "reviews-done-offline")
    assert_accessible(phone, "the review summary")
    on_phone = device_schedule(phone)
    assert len(on_phone) == items

    phone.context.set_offline(False)
    phone.goto("/progress")
    phone.get_by_role("button", name="Sync now").click()
    expect(phone.locator("#sync-status")).to_contain_text("All synced", timeout=20_000)
    mine = (
        "SELECT e.type, count(*) FROM learnerevent e JOIN user u ON u.id = e.user_id"
        " WHERE u.email = :email AND e.type LIKE 'review%' GROUP BY e.type ORDER BY e.type"
    )
    counts = dict(app_server.query(mine, email=email))
    assert counts["review_answered"] == items  # each review stored once
    assert counts.get("review_too_easy", 0) <= 1
    engine = make_engine(app_server.db_url)
    with Session(engine) as s:
        user = s.exec(select(User).where(User.email == email)).one()
        server = {
            str(c.item_id): c.due_on.isoformat() for c in cards.cards_of(session=s, user=user)
        }
        assert [
            c.model_dump(exclude={"version"}) for c in cards.cards_of(session=s, user=user)
        ] == [c.model_dump(exclude={"version"}) for c in cards.replayed(s, user)]
    engine.dispose()
    assert server == on_phone  # the phone's offline schedule is the server's
    phone.goto("/review")
    expect(phone.locator("#review-done")).to_be_visible()
    assert phone.locator(".mm-next-due").all_inner_texts() == offline_labels
    phone.goto("/")
    expect(phone.locator(".mm-nugget-card").first).to_be_visible()
    expect(phone.locator("#reviews-due")).to_have_count(0)
    shots(phone, "today-after-reviews")
    assert phone.errors == []
