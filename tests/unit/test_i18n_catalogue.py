"""Two languages from one catalogue: nothing user-facing is written outside it."""

from __future__ import annotations

import pathlib

import pytest

from mmapp.i18n import negotiate, translate, translate_plural
from mmapp.i18n.extract import problems
from tests.support.hardcoded_text import (
    js_findings,
    looks_like_words,
    python_findings,
    raised_reason_findings,
)

ROOT = pathlib.Path(__file__).resolve().parents[2]
# Modules whose strings are for people (every string that looks like words is checked).
USER_FACING = [
    "mmapp/pages",
    "mmapp/components",
    "mmapp/state",
    "mmapp/present",
    # Words the server computes for people: levels and next steps, standing, the heat
    # map's and the goals at risk's words, the default scale, mentor match reasons,
    # sessions in people's calendars, and the pushes of mentoring and teach-back.
    "mmapp/progress/mastery.py",
    "mmapp/progress/standing.py",
    "mmapp/progress/statements.py",
    "mmapp/progress/cohort_skills.py",
    "mmapp/content/scale.py",
    "mmapp/mentoring/matching.py",
    "mmapp/mentoring/calendar.py",
    "mmapp/push/mentoring_pushes.py",
    "mmapp/teachback/pushes.py",
    "mmapp/schemas/words.py",
]
# Everywhere else, the reasons of raised service errors are checked.
SERVICE_CODE = ["mmapp"]
DEVICE_CODE = ["assets/js", "assets/sw.js"]


def _files(roots: list[str], suffix: str) -> list[pathlib.Path]:
    found: list[pathlib.Path] = []
    for root in roots:
        path = ROOT / root
        found.extend([path] if path.is_file() else sorted(path.rglob(f"*{suffix}")))
    return found


def _report(findings: list[str]) -> str:
    return "user-facing text outside the catalogue:\n" + "\n".join(findings[:60])


def test_the_words_test_tells_text_from_names() -> None:
    for text in ["Save", "e.g. COMMUTE1", "Saved.", "Join cohort", "What next?", "Any"]:
        assert looks_like_words(text), text
    for text in ["gray", "join-code", "mm-card", "/coach", "", "44px", "EADDRINUSE", "onClick"]:
        assert not looks_like_words(text), text


def test_pages_components_and_state_write_no_english_outside_the_catalogue() -> None:
    findings = [
        f"{path.relative_to(ROOT)}:{line}: {text!r}"
        for path in _files(USER_FACING, ".py")
        for line, text in python_findings(path)
    ]
    assert not findings, _report(findings)


def test_service_errors_give_their_reasons_as_msgids() -> None:
    findings = [
        f"{path.relative_to(ROOT)}:{line}: {text!r}"
        for path in _files(SERVICE_CODE, ".py")
        for line, text in raised_reason_findings(path)
    ]
    assert not findings, _report(findings)


def test_the_phones_code_writes_no_english_outside_the_catalogue() -> None:
    findings = [
        f"{path.relative_to(ROOT)}:{line}: {text}"
        for path in _files(DEVICE_CODE, ".js")
        for line, text in js_findings(path)
    ]
    assert not findings, _report(findings)


def test_every_language_has_every_message_and_its_placeholders() -> None:
    assert problems() == []


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("de-DE,de;q=0.9,en;q=0.8", "de"),
        ("en-GB,en;q=0.9", "en"),
        ("DE", "de"),
        ("De-AT,en;q=0.1", "de"),
        ("fr-FR, de-CH;q=0.5", "de"),
        ("de;q=0, en", "en"),
        ("", "en"),
        ("*", "en"),
        ("x" * 5000, "en"),
    ],
)
def test_the_language_follows_the_browser(header: str, expected: str) -> None:
    assert negotiate(header) == expected


def test_unknown_languages_and_missing_messages_fall_back_to_english() -> None:
    assert translate("fr", "Saved {title}.", title="X") == "Saved X."
    assert translate("de", "no such message {n}", n=3) == "no such message 3"
    assert translate_plural(None, "{n} nugget", "{n} nuggets", 1) == "1 nugget"
    assert translate_plural("en", "{n} nugget", "{n} nuggets", 2) == "2 nuggets"
