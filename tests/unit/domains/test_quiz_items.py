"""Quiz items keep their ids across edits: every learner's review card is keyed by them."""

from __future__ import annotations

from sqlmodel import col, select

from mmapp import content
from mmapp.models import Nugget, QuizItem
from mmapp.schemas import QuizItemIn


def _items(session, slug: str) -> list[QuizItem]:
    nugget = session.exec(select(Nugget).where(Nugget.slug == slug)).one()
    return list(
        session.exec(
            select(QuizItem).where(QuizItem.nugget_id == nugget.id).order_by(col(QuizItem.position))
        )
    )


def _save(session, slug: str, quiz: list) -> None:
    nugget = session.exec(select(Nugget).where(Nugget.slug == slug)).one()
    authored = content.authored(session=session, nugget=nugget)
    content.save_nugget(session=session, data=authored.model_copy(update={"quiz": quiz}))


def test_a_reworded_reordered_quiz_keeps_its_item_ids(session, seeded):
    before = _items(session, "check-the-axis")
    ids = [i.id for i in before]
    nugget = session.exec(select(Nugget).where(Nugget.slug == "check-the-axis")).one()
    quiz = list(content.authored(session=session, nugget=nugget).quiz)
    # A typo fixed in the first question, the last two swapped.
    quiz[0] = quiz[0].model_copy(update={"prompt": quiz[0].prompt + " (fixed)"})
    quiz[-2], quiz[-1] = quiz[-1], quiz[-2]
    _save(session, "check-the-axis", quiz)
    after = _items(session, "check-the-axis")
    assert [i.id for i in after] == [ids[0], *ids[1:-2], ids[-1], ids[-2]]
    assert after[0].prompt.endswith("(fixed)")
    assert [i.position for i in after] == list(range(len(after)))

    # Saving again unchanged changes nothing; publishing freezes the same ids.
    _save(session, "check-the-axis", quiz)
    assert [i.id for i in _items(session, "check-the-axis")] == [i.id for i in after]
    revision = content.publish(session=session, nugget=nugget)
    assert [item["id"] for item in revision.snapshot["quiz"]] == [str(i.id) for i in after]


def test_a_new_question_is_a_new_item_and_a_dropped_one_goes(session, seeded):
    ids = [i.id for i in _items(session, "per-what")]
    nugget = session.exec(select(Nugget).where(Nugget.slug == "per-what")).one()
    quiz = list(content.authored(session=session, nugget=nugget).quiz)
    other_kind = "true_false" if quiz[1].kind != "true_false" else "short_answer"
    replaced = QuizItemIn.model_validate(
        {"kind": other_kind, "prompt": "Rates beat totals.", "correct": [0],
         "accepted_answers": ["rate"], "explanation": "Per what?"}
    )  # fmt: skip
    _save(session, "per-what", [quiz[0], replaced])
    after = _items(session, "per-what")
    assert after[0].id == ids[0]
    assert after[1].id not in ids  # another kind of question: a new card starts
    assert len(after) == 2
