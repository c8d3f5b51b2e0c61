"""The skill framework: scale words, nugget levels and prerequisites that never go round."""

from __future__ import annotations

import io
import zipfile

import pydantic
import pytest
import yaml
from sqlmodel import select

from mmapp import content
from mmapp.content import archives
from mmapp.content.files import parse_markdown, to_markdown
from mmapp.content.prerequisites import find_cycle
from mmapp.content.scale import DEFAULT_SCALE, scale_words
from mmapp.errors import ValidationError
from mmapp.models import Nugget, NuggetRevision, Skill, User
from mmapp.schemas import NuggetSnapshot, SkillIn
from mmapp.sync.changes import pull
from tests.factories import nugget_in, zip_of

WORDS = ["Never tried", "Heard of it", "With a guide", "Alone", "Coach others"]


def _nugget(session, slug: str) -> Nugget:
    return session.exec(select(Nugget).where(Nugget.slug == slug)).one()


def _save(session, slug: str, **over) -> Nugget:
    """Save a demo nugget's working copy with some fields changed."""
    authored = content.authored(session=session, nugget=_nugget(session, slug))
    data = authored.model_copy(update=over)
    return content.save_nugget(session=session, data=type(authored).model_validate(data.__dict__))


# --- scale words -----------------------------------------------------------------


def test_a_skill_has_the_default_words_until_reworded(session, seeded):
    skill = content.upsert_skill(session=session, data=SkillIn(slug="new-skill", name="New"))
    assert scale_words(skill) == list(DEFAULT_SCALE)
    assert DEFAULT_SCALE[0] == "Not yet" and DEFAULT_SCALE[4] == "I can teach it"
    reworded = SkillIn(slug="new-skill", name="New", scale=[f"  {w} " for w in WORDS])
    skill = content.upsert_skill(session=session, data=reworded)
    session.expire_all()
    assert scale_words(session.get(Skill, skill.id)) == WORDS
    content.upsert_skill(session=session, data=SkillIn(slug="new-skill", name="New"))
    assert scale_words(session.get(Skill, skill.id)) == list(DEFAULT_SCALE)


@pytest.mark.parametrize(
    ("scale", "words"),
    [
        (WORDS[:4], "exactly 5 words"),
        ([*WORDS, "Sixth"], "exactly 5 words"),
        ([*WORDS[:4], "   "], "at least 1 character"),
        ([*WORDS[:4], "x" * 61], "at most 60 characters"),
    ],
)
def test_a_scale_is_five_short_words(scale, words):
    with pytest.raises(pydantic.ValidationError, match=words):
        SkillIn(slug="a-skill", name="A", scale=scale)


# --- levels and prerequisites stored and sent to phones -----------------------------


def test_demo_levels_and_prerequisites_reach_the_phone(session, seeded):
    stored = _nugget(session, "ask-clearly")
    assert (stored.level, stored.prerequisites) == (3, ["subject-line-status", "next-step"])
    learner = session.exec(select(User).where(User.email.startswith("learner@"))).one()
    got, cursor = {}, None
    for _ in range(10):
        page = pull(session=session, user=learner, cursor_token=cursor, page_size=50)
        got |= {n["slug"]: n for n in page.model_dump(mode="json")["nuggets"]}
        cursor = page.cursor
        if not page.has_more:
            break
    assert len(got) == 12 and all(1 <= n["level"] <= 4 for n in got.values())
    assert got["ask-clearly"]["level"] == 3
    assert got["ask-clearly"]["prerequisites"] == ["subject-line-status", "next-step"]
    assert got["check-the-axis"]["prerequisites"] == []
    # Across skills: a status email needs a feedback nugget.
    assert "behaviour-not-person" in got["red-amber-green"]["prerequisites"]


def test_snapshots_from_before_levels_still_read(session, seeded):
    snapshot = session.exec(select(NuggetRevision)).first().snapshot
    old = {k: v for k, v in snapshot.items() if k not in ("level", "prerequisites")}
    read = NuggetSnapshot.model_validate(old)
    assert (read.level, read.prerequisites) == (1, [])


def test_an_unknown_prerequisite_is_refused(session, seeded):
    with pytest.raises(ValidationError) as caught:
        content.save_nugget(
            session=session,
            data=nugget_in(skill="reading-charts", prerequisites=["per-what", "no-such-nugget"]),
        )
    assert caught.value.code == "unknown_prerequisite"
    assert "'no-such-nugget' (a prerequisite of tiny-nugget)" in caught.value.reason
    assert session.exec(select(Nugget).where(Nugget.slug == "tiny-nugget")).first() is None


def test_a_prerequisite_is_listed_once_and_a_level_is_1_to_4():
    with pytest.raises(pydantic.ValidationError, match="listed twice"):
        nugget_in(prerequisites=["per-what", "per-what"])
    for level in (0, 5):
        with pytest.raises(pydantic.ValidationError, match="level"):
            nugget_in(level=level)


# --- cycles --------------------------------------------------------------------------


def test_find_cycle_names_the_ring_from_the_changed_nugget():
    assert find_cycle({"a": ["b"], "b": ["c"], "c": []}) is None
    assert find_cycle({"a": ["b"], "b": ["c"], "c": ["a"]}, first=["b"]) == ["b", "c", "a", "b"]
    assert find_cycle({"b": ["c"], "c": ["a"], "a": ["b"]}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": ["a"]}) == ["a", "a"]


def test_a_saved_cycle_is_refused_and_nothing_stored(session, seeded):
    with pytest.raises(ValidationError) as caught:
        _save(session, "check-the-axis", prerequisites=["correlation-story"])
    assert caught.value.code == "prerequisite_cycle"
    assert (
        "check-the-axis → correlation-story → small-samples → per-what → check-the-axis"
        in caught.value.reason
    )
    session.expire_all()
    assert _nugget(session, "check-the-axis").prerequisites == []
    with pytest.raises(ValidationError, match="per-what → per-what"):
        _save(session, "per-what", prerequisites=["per-what"])


def test_a_publish_that_would_close_a_cycle_is_refused(session, seeded):
    # Working copies alone have no cycle: per-what no longer needs check-the-axis ...
    _save(session, "per-what", prerequisites=[])
    axis = _save(session, "check-the-axis", prerequisites=["per-what"], level=2)
    # ... but the published per-what still does, so publishing check-the-axis would.
    with pytest.raises(ValidationError) as caught:
        content.publish(session=session, nugget=axis)
    assert caught.value.code == "prerequisite_cycle"
    assert "check-the-axis → per-what → check-the-axis" in caught.value.reason
    assert axis.version == 1
    revisions = session.exec(select(NuggetRevision).where(NuggetRevision.nugget_id == axis.id))
    assert len(revisions.all()) == 1
    # Publish per-what first (it drops the edge), then check-the-axis is fine.
    content.publish(session=session, nugget=_nugget(session, "per-what"))
    revision = content.publish(session=session, nugget=axis)
    assert revision.snapshot["prerequisites"] == ["per-what"] and revision.snapshot["level"] == 2


def test_a_markdown_file_that_closes_a_cycle_is_refused(session, seeded):
    axis = content.authored(session=session, nugget=_nugget(session, "check-the-axis"))
    text = to_markdown(axis).replace(
        "skill: reading-charts\n", "skill: reading-charts\nprerequisites: [small-samples]\n"
    )
    data = parse_markdown(text)
    assert data.prerequisites == ["small-samples"]
    with pytest.raises(
        ValidationError, match="check-the-axis → small-samples → per-what → check-the-axis"
    ):
        content.save_nugget(session=session, data=data)
    session.expire_all()
    assert _nugget(session, "check-the-axis").prerequisites == []


def test_a_zip_is_checked_as_a_whole(session, seeded):
    one = to_markdown(nugget_in(slug="zip-one", skill="reading-charts", prerequisites=["zip-two"]))
    two = to_markdown(nugget_in(slug="zip-two", skill="reading-charts", prerequisites=["per-what"]))
    # zip-one needs zip-two, which comes later in the archive: fine together.
    imported = archives.import_archive(
        session=session, data=zip_of({"nuggets/01-one.md": one, "nuggets/02-two.md": two})
    )
    assert imported == ["zip-one", "zip-two"]
    assert _nugget(session, "zip-one").prerequisites == ["zip-two"]


def test_a_zip_that_closes_a_cycle_imports_nothing(session, seeded):
    ring = {
        "nuggets/01-a.md": to_markdown(
            nugget_in(slug="ring-a", skill="reading-charts", prerequisites=["ring-b"], level=2)
        ),
        "nuggets/02-b.md": to_markdown(
            nugget_in(slug="ring-b", skill="reading-charts", prerequisites=["check-the-axis"])
        ),
        "nuggets/03-axis.md": to_markdown(
            content.authored(session=session, nugget=_nugget(session, "check-the-axis")).model_copy(
                update={"prerequisites": ["ring-a"]}
            )
        ),
    }
    with pytest.raises(ValidationError) as caught:
        archives.import_archive(session=session, data=zip_of(ring))
    assert caught.value.code == "prerequisite_cycle"
    assert "ring-a → ring-b → check-the-axis → ring-a" in caught.value.reason
    assert session.exec(select(Nugget).where(Nugget.slug.startswith("ring-"))).first() is None
    session.expire_all()
    assert _nugget(session, "check-the-axis").prerequisites == []


def test_a_zip_naming_an_unknown_prerequisite_says_where(session, seeded):
    lost = to_markdown(nugget_in(slug="lost", skill="reading-charts", prerequisites=["nowhere"]))
    with pytest.raises(archives.ArchiveError) as caught:
        archives.import_archive(session=session, data=zip_of({"nuggets/01-lost.md": lost}))
    assert "nuggets/01-lost.md line 7: unknown prerequisite(s) of lost: nowhere" in str(
        caught.value.reason
    )


# --- files ---------------------------------------------------------------------------


def test_levels_and_prerequisites_round_trip_exactly():
    plain = nugget_in()
    assert "level:" not in to_markdown(plain) and "prerequisites:" not in to_markdown(plain)
    rich = nugget_in(level=4, prerequisites=["per-what", "12", "check-the-axis"])
    text = to_markdown(rich)
    assert "\nlevel: 4\nprerequisites: [per-what, '12', check-the-axis]\nquiz:\n" in text
    assert parse_markdown(text) == rich
    assert to_markdown(parse_markdown(text)) == text


def test_a_reworded_scale_travels_in_the_archive(session, seeded):
    content.upsert_skill(
        session=session,
        data=SkillIn(slug="feedback", name="Giving feedback that lands", scale=WORDS),
    )
    data = archives.export_skill(session=session, skill_slug="feedback")
    meta = yaml.safe_load(zipfile.ZipFile(io.BytesIO(data)).read("skill.yaml"))
    assert meta["scale"] == WORDS
    plain = archives.export_skill(session=session, skill_slug="reading-charts")
    assert "scale" not in yaml.safe_load(zipfile.ZipFile(io.BytesIO(plain)).read("skill.yaml"))
    content.upsert_skill(
        session=session, data=SkillIn(slug="feedback", name="Giving feedback that lands")
    )
    archives.import_archive(session=session, data=data)
    session.expire_all()
    skill = session.exec(select(Skill).where(Skill.slug == "feedback")).one()
    assert scale_words(skill) == WORDS
    again = archives.export_skill(session=session, skill_slug="feedback")
    assert _members(again) == _members(data)  # the zip's timestamps may differ


def _members(data: bytes) -> dict[str, bytes]:
    archive = zipfile.ZipFile(io.BytesIO(data))
    return {name: archive.read(name) for name in archive.namelist()}


def test_only_the_owner_rewords_a_skill_by_archive(session, seeded):
    from mmapp.accounts.users import create_user
    from mmapp.models import Role

    rival = create_user(
        session=session,
        email="rival@example.org",
        password="long-enough-pw",
        display_name="Rival",
        role=Role.coordinator,
    )
    meta = {"slug": "feedback", "name": "Giving feedback that lands", "scale": WORDS}
    skill = session.exec(select(Skill).where(Skill.slug == "feedback")).one()
    meta["description"] = skill.description
    files = {
        "skill.yaml": yaml.safe_dump(meta, sort_keys=False),
        "nuggets/01.md": to_markdown(nugget_in(slug="rival-one", skill="feedback")),
    }
    with pytest.raises(archives.ArchiveError, match="name, description and scale"):
        archives.import_archive(session=session, data=zip_of(files), author=rival)
    session.expire_all()
    assert scale_words(session.get(Skill, skill.id)) == list(DEFAULT_SCALE)
