import pytest
from pydantic import ValidationError

from mmapp.demo.seed import load_demo_files
from mmapp.schemas import NuggetIn, QuizItemIn
from tests.factories import nugget_fields


def test_true_false_gets_its_options():
    item = QuizItemIn(kind="true_false", prompt="Q", correct=[0], explanation="E")
    assert item.options == ["True", "False"]


@pytest.mark.parametrize(
    ("item", "message"),
    [
        ({"kind": "single_choice", "options": ["a", "b"], "correct": [0, 1]}, "exactly one"),
        ({"kind": "single_choice", "options": ["a"], "correct": [0]}, "at least two"),
        ({"kind": "multiple_choice", "options": ["a", "b"], "correct": [5]}, "past the options"),
        ({"kind": "multiple_choice", "options": ["a", "b"], "correct": []}, "at least one correct"),
        ({"kind": "short_answer"}, "accepted answer"),
        ({"kind": "essay"}, "Input should be"),
    ],
)
def test_bad_quiz_items_say_what_is_wrong(item, message):
    with pytest.raises(ValidationError, match=message):
        QuizItemIn(prompt="Q", explanation="E", **item)


def test_demo_content_is_complete_and_valid():
    files = load_demo_files()
    nuggets = [NuggetIn(skill=f["skill"]["slug"], **n) for f in files for n in f["nuggets"]]
    assert len(files) >= 3 and len(nuggets) >= 12
    for n in nuggets:
        assert 5 <= n.minutes <= 15 and 3 <= len(n.quiz) <= 5
        assert all(len(part) > 80 for part in (n.context, n.way_in, n.payoff)), n.slug
        assert "lorem" not in (n.context + n.way_in + n.payoff).lower()


def test_nugget_minutes_out_of_range():
    with pytest.raises(ValidationError, match="minutes"):
        NuggetIn(**nugget_fields(minutes=30))
