from mmapp.services.grading import grade, normalise_text_answer

SINGLE = {"kind": "single_choice", "correct": [1], "accepted_answers": []}
MULTI = {"kind": "multiple_choice", "correct": [0, 2], "accepted_answers": []}
SHORT = {"kind": "short_answer", "correct": [], "accepted_answers": ["Per what?", "BLUF"]}


def test_single_choice_right_and_wrong():
    assert grade(SINGLE, {"choices": [1]})
    assert not grade(SINGLE, {"choices": [0]})
    assert not grade(SINGLE, {"choices": [0, 1]})


def test_multiple_choice_needs_exactly_the_correct_set():
    assert grade(MULTI, {"choices": [2, 0]})
    assert not grade(MULTI, {"choices": [0]})
    assert not grade(MULTI, {"choices": [0, 2, 1]})
    assert not grade(MULTI, {"choices": [0, 0, 2]})


def test_short_answer_ignores_case_spacing_and_trailing_punctuation():
    assert grade(SHORT, {"text": "  per   WHAT "})
    assert grade(SHORT, {"text": "bluf."})
    assert not grade(SHORT, {"text": "per who"})
    assert not grade(SHORT, {"text": "   "})


def test_malformed_answers_are_wrong_not_errors():
    assert not grade(SINGLE, {"text": "1"})
    assert not grade(SINGLE, {})
    assert normalise_text_answer("\uff22\uff2c\uff35\uff26!")  # full-width letters == "bluf"
