"""Quiz items as the editor shows them (text boxes) and as `QuizItemIn` wants them.

Choice items are written one option per line, the right ones starting with `*`.
"""

from __future__ import annotations

from typing import Any


def new_item(kind: str = "single_choice") -> dict[str, str]:
    """An empty quiz item of `kind`."""
    return {
        "kind": kind,
        "prompt": "",
        "options": "",
        "accepted": "",
        "explanation": "",
        "truth": "True",
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
    if item["kind"] == "true_false":
        spec |= {"options": ["True", "False"], "correct": [0 if item["truth"] == "True" else 1]}
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
        "truth": "True" if correct == {0} else "False",
    }
