"""A whole skill as one zip: `skill.yaml` plus `nuggets/NN-<slug>.md` files.

Import is all or nothing: every file is read and checked first, problems are
reported as `file line N: ...`, and only a clean archive is written (as working
copies; publishing stays a separate, deliberate step).
"""

from __future__ import annotations

import io
import zipfile
import zlib

import yaml
from pydantic import ValidationError as PydanticError
from sqlmodel import Session, select

from mmapp import access
from mmapp.content.files import MAX_FILE_BYTES, load_yaml, parse_markdown, to_markdown
from mmapp.content.nuggets import authored, save_nugget, upsert_skill
from mmapp.content.prerequisites import check_drafts, unknown
from mmapp.content.problems import FileProblem, NuggetFileError, grouped
from mmapp.errors import NotFoundError, ValidationError
from mmapp.i18n import N_
from mmapp.models import Nugget, Skill, User
from mmapp.schemas import NuggetIn, SkillIn

MAX_ARCHIVE_BYTES = 5_000_000
MAX_FILES = 200
# What reading a member of a damaged or unusual zip raises (zipfile has no one error):
# bad magic or CRC, a corrupt deflate stream, an unknown compression method, encryption.
_UNREADABLE = (zipfile.BadZipFile, zlib.error, NotImplementedError, RuntimeError, EOFError)


class ArchiveError(ValidationError):
    """An archive that cannot be imported; `problems` are `(file, FileProblem)` pairs."""

    def __init__(self, problems: list[tuple[str, FileProblem]]) -> None:
        super().__init__(
            "invalid_archive",
            N_("Nothing was imported. {problems}"),
            problems=lambda locale: "; ".join(
                f"{name} {p.translated(locale)}" for name, p in problems
            ),
        )
        self.problems = problems


def export_skill(*, session: Session, skill_slug: str, viewer: User | None = None) -> bytes:
    """The skill and its nuggets (working copies) as a zip.

    With a `viewer`, only the nuggets they may edit (every one for admins).
    """
    skill = session.exec(select(Skill).where(Skill.slug == skill_slug)).first()
    if skill is None:
        raise NotFoundError("unknown_skill", N_("No skill {slug}."), slug=repr(skill_slug))
    query = select(Nugget).where(Nugget.skill_id == skill.id).order_by(Nugget.slug)
    clause = access.nugget_clause(session=session, viewer=viewer) if viewer else None
    if clause is not None:
        query = query.where(clause)
    nuggets = session.exec(query)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        meta: dict[str, object] = {
            "slug": skill.slug,
            "name": skill.name,
            "description": skill.description,
        }
        if skill.scale:  # written only when reworded: older archives stay identical
            meta["scale"] = list(skill.scale)
        archive.writestr("skill.yaml", yaml.safe_dump(meta, sort_keys=False, allow_unicode=True))
        for n, nugget in enumerate(nuggets, 1):
            text = to_markdown(authored(session=session, nugget=nugget))
            archive.writestr(f"nuggets/{n:02d}-{nugget.slug}.md", text)
    return buffer.getvalue()


def _read(data: bytes) -> tuple[SkillIn | None, dict[str, NuggetIn], list[tuple[str, FileProblem]]]:
    problems: list[tuple[str, FileProblem]] = []
    if len(data) > MAX_ARCHIVE_BYTES:
        raise ArchiveError([("archive", _over(MAX_ARCHIVE_BYTES))])
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise ArchiveError([("archive", FileProblem.of(1, N_("not a zip file")))]) from None
    infos = [i for i in archive.infolist() if not i.is_dir()]
    if len(infos) > MAX_FILES:
        raise ArchiveError([("archive", FileProblem.of(1, N_("more than {n} files"), n=MAX_FILES))])
    skill, nuggets = None, {}
    for info in infos:
        if info.file_size > MAX_FILE_BYTES:  # checked before inflating anything
            problems.append((info.filename, _over(MAX_FILE_BYTES)))
            continue
        try:
            text = archive.read(info).decode("utf-8", errors="replace")
        except _UNREADABLE as exc:  # a damaged header, CRC or deflate stream
            problems.append(
                (info.filename, FileProblem.of(1, N_("cannot be read ({error})"), error=exc))
            )
            continue
        if info.filename == "skill.yaml":
            try:
                skill = SkillIn.model_validate(load_yaml(text))
            except (yaml.YAMLError, PydanticError) as exc:
                problems.append(
                    ("skill.yaml", FileProblem.of(1, N_("not a valid skill: {error}"), error=exc))
                )
        elif info.filename.startswith("nuggets/") and info.filename.endswith(".md"):
            try:
                nuggets[info.filename] = parse_markdown(text)
            except NuggetFileError as exc:
                problems += [(info.filename, p) for p in exc.problems]
        else:
            problems.append(
                (info.filename, FileProblem.of(1, N_("unexpected file in the archive")))
            )
    return skill, nuggets, problems


def import_archive(*, session: Session, data: bytes, author: User | None = None) -> list[str]:
    """Import a skill archive; returns the slugs of the nuggets written.

    With an `author`, the archive may only overwrite nuggets they may edit, and
    may only change the name, description or scale of an existing skill they own (an
    identical `skill.yaml`, as exported, is always fine). A new skill is theirs.

    Raises:
        ArchiveError: Any problem in any file (nothing is written then).
        ValidationError: `prerequisite_cycle`: the nuggets' prerequisites would go
            round in a circle (nothing is written then).
    """
    skill, nuggets, problems = _read(data)
    known = {s for s in session.exec(select(Skill.slug))} | ({skill.slug} if skill else set())
    slugs: dict[str, str] = {}
    for name, nugget in sorted(nuggets.items()):
        if nugget.skill not in known:
            problems.append(
                (
                    name,
                    FileProblem.of(
                        _line_starting(data, name, "skill:"),
                        N_("unknown skill {skill}"),
                        skill=repr(nugget.skill),
                    ),
                )
            )
        if nugget.slug in slugs:
            problems.append(
                (
                    name,
                    FileProblem.of(
                        2,
                        N_("slug {slug} is also in {file}"),
                        slug=repr(nugget.slug),
                        file=slugs[nugget.slug],
                    ),
                )
            )
        slugs.setdefault(nugget.slug, name)
    stored = set(session.exec(select(Nugget.slug)))
    for name, nugget in sorted(nuggets.items()):
        for slug, missing in unknown(
            {nugget.slug: nugget.prerequisites}, stored | set(slugs)
        ).items():
            line = _line_starting(data, name, "prerequisites:")
            problems.append(
                (
                    name,
                    FileProblem.of(
                        line,
                        N_("unknown prerequisite(s) of {slug}: {missing}"),
                        slug=slug,
                        missing=", ".join(missing),
                    ),
                )
            )
    if not nuggets and not problems:
        problems.append(("archive", FileProblem.of(1, N_("no nuggets/*.md files"))))
    if problems:
        raise ArchiveError(problems)
    if author is not None:
        problems = _not_theirs(session, author, skill, nuggets, data)
        if problems:
            raise ArchiveError(problems)
    # The archive's prerequisites are checked as a whole: saved one by one, a
    # half-imported archive could seem to make a cycle that the whole does not.
    check_drafts(session=session, changed={n.slug: list(n.prerequisites) for n in nuggets.values()})
    with session.begin_nested():  # all or nothing
        if skill:
            upsert_skill(session=session, data=skill, owner_id=author.id if author else None)
        for _, nugget in sorted(nuggets.items()):
            save_nugget(
                session=session,
                data=nugget,
                author_id=author.id if author else None,
                check_prerequisites=False,
            )
    return [n.slug for _, n in sorted(nuggets.items())]


def _not_theirs(
    session: Session, author: User, skill: SkillIn | None, nuggets: dict[str, NuggetIn], data: bytes
) -> list[tuple[str, FileProblem]]:
    """What the archive would change that the author may not: others' skills and nuggets."""
    problems: list[tuple[str, FileProblem]] = []
    stored = session.exec(select(Skill).where(Skill.slug == skill.slug)).first() if skill else None
    if (
        skill is not None
        and stored is not None
        and (stored.name, stored.description, list(stored.scale))
        != (skill.name, skill.description, list(skill.scale))
        and not access.may_edit_skill(author, stored)
    ):
        line = _line_starting(data, "skill.yaml", "name:")
        problems.append(
            (
                "skill.yaml",
                FileProblem.of(
                    line,
                    N_(
                        "skill {slug} is someone else's: its name, description and scale "
                        "can only be changed by its owner or an admin (keep them as exported)"
                    ),
                    slug=repr(skill.slug),
                ),
            )
        )
    for name, nugget in sorted(nuggets.items()):
        row = session.exec(select(Nugget).where(Nugget.slug == nugget.slug)).first()
        if row is not None and not access.may_edit_nugget(
            session=session, viewer=author, nugget=row
        ):
            problems.append(
                (
                    name,
                    FileProblem.of(
                        2, N_("{slug} is someone else's nugget"), slug=repr(nugget.slug)
                    ),
                )
            )
    return problems


def _over(limit: int) -> FileProblem:
    return FileProblem.of(1, N_("over {limit} bytes"), limit=grouped(limit))


def _line_starting(data: bytes, name: str, prefix: str) -> int:
    text = zipfile.ZipFile(io.BytesIO(data)).read(name).decode("utf-8", errors="replace")
    lines = text.split("\n")
    return next((i + 1 for i, line in enumerate(lines) if line.startswith(prefix)), 1)
