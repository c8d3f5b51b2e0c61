"""Nuggets as Markdown files and skills as archives: exact round trips, precise errors."""

import pytest
from sqlmodel import select

from mmapp import content
from mmapp.content import archives as content_archive
from mmapp.content.files import NuggetFileError, parse_markdown, to_markdown
from mmapp.models import Nugget, NuggetRevision, Skill
from tests.factories import nugget_in, zip_of


def demo_nuggets(session):
    return [
        content.authored(session=session, nugget=n)
        for n in session.exec(select(Nugget).order_by(Nugget.slug))
    ]


def test_every_demo_nugget_round_trips_exactly(session, seeded):
    nuggets = demo_nuggets(session)
    assert len(nuggets) == 12
    for nugget in nuggets:
        text = to_markdown(nugget)
        assert text.startswith("---\nslug: ") and "\n## Purposeful practice\n\n1. " in text
        assert parse_markdown(text) == nugget


def test_tricky_text_round_trips_exactly():
    tricky = nugget_in(
        title='Quotes " and: colons # and hashes',
        context="Line one\n\n## Not a section heading\n\n- a list\n\n```\ncode: yes\n```",
        practice_steps=["Do this\nthen that", "10. looks numbered", "Ünïcödé ✓"],
        payoff="Ends with `code`",
        quiz=[
            {
                "kind": "multiple_choice",
                "prompt": "Pick: two",
                "options": ["a", "b: c"],
                "correct": [0, 1],
                "explanation": "Both.\n\nReally.",
            },
            {
                "kind": "short_answer",
                "prompt": "Word?",
                "accepted_answers": ["yes", "Yes!"],
                "explanation": "e",
            },
        ],
    )
    assert parse_markdown(to_markdown(tricky)) == tricky


def test_exported_demo_skills_import_into_an_empty_database_identically(session, seeded, db_url):
    archives = {
        slug: content_archive.export_skill(session=session, skill_slug=slug)
        for slug in session.exec(select(Skill.slug).order_by(Skill.slug))
    }
    before = {n.slug: n for n in demo_nuggets(session)}
    # A second, empty database: import every archive, then compare.
    for nugget in session.exec(select(Nugget)):
        for rev in session.exec(
            select(NuggetRevision).where(NuggetRevision.nugget_id == nugget.id)
        ):
            session.delete(rev)
    session.flush()
    from mmapp.models import Achievement, Assignment, IssuedCredential, QuizItem, SkillTarget

    for model in (Assignment, QuizItem, IssuedCredential, Achievement, Nugget, SkillTarget, Skill):
        for row in session.exec(select(model)):
            session.delete(row)
        session.flush()
    for data in archives.values():
        content_archive.import_archive(session=session, data=data)
    after = {n.slug: n for n in demo_nuggets(session)}
    assert after == before
    names = {s.slug: s.name for s in session.exec(select(Skill))}
    assert names["reading-charts"] == "Reading a chart honestly"


def _file(**over) -> str:
    return to_markdown(nugget_in(**over))


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ("no front matter", 1, "must start with '---'"),
        ("---\nslug: a\n", 1, "no closing '---'"),
        ("---\nslug: [unclosed\ntitle: x\n---\n", 3, "front matter"),
        (_file().replace("minutes: 5", "minutes: 45"), 5, "minutes"),
        (_file().replace("## Way in", "## Way"), None, "'## Way in' section is missing"),
        (
            _file().replace("summary: s\n", "summary: s\ncolour: red\n"),
            5,
            "unknown front matter key",
        ),
        (_file().replace("- kind: true_false", "- kind: essay"), 8, "quiz.0.kind"),
        (_file().replace("1. p", "one. p"), 28, "expected step 1"),
        (_file().replace("title: Tiny", "title: ''"), 3, "title"),
    ],
)
def test_bad_files_are_refused_with_the_line(text, line, words):
    with pytest.raises(NuggetFileError) as caught:
        parse_markdown(text)
    problem = caught.value.problems[0]
    assert words in problem.message, caught.value
    if line is not None:
        assert problem.line == line, (caught.value, text.split("\n"))


def test_oversized_files_are_refused_before_reading():
    with pytest.raises(NuggetFileError, match="the limit is 200,000"):
        parse_markdown("---\n" + "x" * 200_001)


def test_a_bad_archive_imports_nothing_and_names_each_problem(session, seeded):
    good = _file(slug="good-one", skill="reading-charts")
    unknown_skill = _file(slug="lost-one", skill="underwater-basket-weaving")
    broken = _file(slug="broken-one", skill="reading-charts").replace("## Payoff", "## Pay")
    data = zip_of(
        {
            "nuggets/01-good.md": good,
            "nuggets/02-lost.md": unknown_skill,
            "nuggets/03-broken.md": broken,
            "notes.txt": "hi",
        }
    )
    with pytest.raises(content_archive.ArchiveError) as caught:
        content_archive.import_archive(session=session, data=data)
    text = str(caught.value.reason)
    assert "nuggets/02-lost.md line 6: unknown skill 'underwater-basket-weaving'" in text
    assert "nuggets/03-broken.md" in text and "'## Payoff' section is missing" in text
    assert "notes.txt line 1: unexpected file" in text
    assert session.exec(select(Nugget).where(Nugget.slug == "good-one")).first() is None
    with pytest.raises(content_archive.ArchiveError, match="not a zip file"):
        content_archive.import_archive(session=session, data=b"PK-not-really")
    assert content_archive.import_archive(
        session=session, data=zip_of({"nuggets/01.md": good})
    ) == ["good-one"]
