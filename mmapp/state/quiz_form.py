"""The nugget editor's form: quiz items as text boxes, and what is wrong, in words.

Quiz items as the editor shows them (text boxes) and as `QuizItemIn` wants them:
choice items are written one option per line, the right ones starting with `*`.
"""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError as PydanticError

from mmapp.i18n import N_, translate
from mmapp.state.staff import validator_words

# The fields' names in the editor's words (msgids), for what must be fixed.
LABELS = {
    "slug": N_("Web name"), "title": N_("Title"), "summary": N_("Summary"),
    "minutes": N_("Minutes"), "skill": N_("Skill"), "level": N_("Level"),
    "prerequisites": N_("Needs first"), "context": N_("Context (the problem)"),
    "way_in": N_("Way in (the key insight)"), "practice_steps": N_("Purposeful practice"),
    "payoff": N_("Payoff (what success looks like)"), "quiz": N_("Quiz"),
}  # fmt: skip
NUGGET = N_("Nugget")


def problem_words(exc: PydanticError, locale: str) -> list[str]:
    """What `NuggetIn` found wrong, one line per problem, in the reader's language.

    Args:
        exc: The validation error of the editor's nugget.
        locale: The reader's language.
    """
    out = []
    for error in exc.errors():
        loc, words = error["loc"], validator_words(error)
        if loc and loc[0] == "quiz" and len(loc) > 1:
            n = int(loc[1]) + 1
            out.append(translate(locale, "Quiz item {n}: {problem}", n=n, problem=words))
        elif loc and loc[0] == "minutes":
            out.append(translate(locale, "Minutes: a nugget takes 5 to 15 minutes."))
        else:
            label = translate(locale, LABELS.get(str(loc[0]), str(loc[0])) if loc else NUGGET)
            out.append(translate(locale, "{label}: {problem}", label=label, problem=words))
    return out


def new_item(kind: str = "single_choice") -> dict[str, str]:
    """An empty quiz item of `kind`."""
    return {
        "kind": kind,
        "prompt": "",
        "options": "",
        "accepted": "",
        "explanation": "",
        "truth": str(True),
    }


def lines(text: str) -> list[str]:
    """The non-empty lines of a text box, trimmed."""
    return [line.strip() for line in text.split("\n") if line.strip()]


def item_spec(item: dict[str, str]) -> dict[str, Any]:
    """An editor quiz item as `QuizItemIn` fields (right options start with `*`)."""
    spec: dict[str, Any] = {
        "kind": item["kind"],
        "prompt": item["prompt"],
        "explanation": item["explanation"],
    }
    if item["kind"] == "true_false":  # `QuizItemIn` gives it its two options
        spec["correct"] = [0 if item["truth"] == str(True) else 1]
    elif item["kind"] == "short_answer":
        spec["accepted_answers"] = lines(item["accepted"])
    else:
        options = lines(item["options"])
        spec["options"] = [o.lstrip("*").strip() for o in options]
        spec["correct"] = [n for n, o in enumerate(options) if o.startswith("*")]
    return spec


def item_form(spec: dict[str, Any]) -> dict[str, str]:
    """The editor form of a `QuizItemIn` dump."""
    correct = set(spec.get("correct", []))
    return {
        "kind": spec["kind"],
        "prompt": spec["prompt"],
        "options": "\n".join(
            ("* " if n in correct else "") + o for n, o in enumerate(spec.get("options", []))
        ),
        "accepted": "\n".join(spec.get("accepted_answers", [])),
        "explanation": spec["explanation"],
        "truth": str(correct == {0}),
    }
