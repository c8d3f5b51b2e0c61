"""Nuggets as Markdown files: YAML front matter (metadata and quiz) and four sections.

```
---
slug: check-the-axis
title: Check where the axis starts
summary: ...
minutes: 6
skill: reading-charts
level: 2                      # optional: the step of the skill's scale (1-4, default 1)
prerequisites: [read-the-axis] # optional: nuggets to take first
quiz:
- kind: single_choice
  prompt: ...
---
## Context
...
## Way in
...
## Purposeful practice
1. First step
2. Second step
## Payoff
...
```
Writing then reading a file gives back exactly the nugget that was written. Reading
reports every problem with its line number and returns nothing partial.
"""

from __future__ import annotations

import re
from typing import Any

import yaml
from pydantic import ValidationError as PydanticError

# FileProblem and NuggetFileError live in `problems`; importers of this module find them here.
from mmapp.content.problems import FileProblem as FileProblem
from mmapp.content.problems import NuggetFileError as NuggetFileError
from mmapp.content.problems import grouped
from mmapp.i18n import N_
from mmapp.schemas import NuggetIn

SECTIONS = ("Context", "Way in", "Purposeful practice", "Payoff")
FIELDS = {"Context": "context", "Way in": "way_in", "Payoff": "payoff"}
META = ("slug", "title", "summary", "minutes", "skill")
# Written only when not their default, so files from before them stay byte-identical.
OPTIONAL = {"level": 1, "prerequisites": []}
MAX_FILE_BYTES = 200_000
MAX_YAML_DEPTH = 32  # front matter nests three levels (quiz, item, options)
_STEP = re.compile(r"^(\d+)\. (.*)$")


def _literal(dumper: yaml.SafeDumper, text: str) -> yaml.ScalarNode:
    style = "|" if "\n" in text and not text.endswith((" ", "\n")) else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", text, style=style)


class _Flow(list[str]):
    """A list written on one line: `[a, b]`."""


class _Dumper(yaml.SafeDumper):
    def ignore_aliases(self, data: Any) -> bool:
        return True  # never write `&a`/`*a`: `load_yaml` refuses aliases


class _Loader(yaml.SafeLoader):
    """YAML's safe loader without aliases, refusing deep nesting.

    An alias lets a few lines stand for billions of values (the "billion laughs"),
    and PyYAML composes nested collections recursively, so deep enough nesting
    overflows Python's stack. Files written by people need neither.
    """

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self._depth = 0

    def compose_node(self, parent: Any, index: Any) -> Any:
        # PyYAML's stubs leave Parser.peek_event unannotated.
        event = self.peek_event()  # type: ignore[no-untyped-call]
        if isinstance(event, yaml.AliasEvent):
            problem = "aliases (*name) are not allowed"
        elif self._depth >= MAX_YAML_DEPTH:
            problem = f"it nests deeper than {MAX_YAML_DEPTH} levels"
        else:
            self._depth += 1
            try:
                return super().compose_node(parent, index)
            finally:
                self._depth -= 1
        raise yaml.composer.ComposerError(None, None, problem, event.start_mark)


def load_yaml(text: str) -> Any:
    """Parse YAML written by people: safe tags only, no aliases, bounded nesting.

    Raises:
        yaml.YAMLError: Not such YAML (a `yaml.MarkedYAMLError` says where).
    """
    loader = _Loader(text)
    try:
        return loader.get_single_data()
    finally:
        loader.dispose()


def _yaml_problem(exc: yaml.YAMLError, text: str) -> FileProblem:
    """The front matter's problem, at its line in the file (front matter starts on 2)."""
    if isinstance(exc, yaml.MarkedYAMLError):
        mark = exc.problem_mark or exc.context_mark
        return FileProblem.of(
            mark.line + 2 if mark else 2, N_("front matter: {problem}"), problem=exc.problem
        )
    if isinstance(exc, yaml.reader.ReaderError):  # a control character, say
        line = text.count("\n", 0, exc.position) + 2
        return FileProblem.of(
            line,
            N_("front matter: character {character} is not allowed"),
            character=f"U+{exc.character:04X}",
        )
    return FileProblem.of(2, N_("front matter: {problem}"), problem=str(exc))


_Dumper.add_representer(str, _literal)
_Dumper.add_representer(
    _Flow, lambda dumper, data: dumper.represent_sequence("tag:yaml.org,2002:seq", data, True)
)


def to_markdown(nugget: NuggetIn) -> str:
    """Write a nugget as a Markdown file with front matter."""
    data = nugget.model_dump(mode="json")
    meta = {key: data[key] for key in META}
    meta |= {key: data[key] for key, default in OPTIONAL.items() if data[key] != default}
    if "prerequisites" in meta:
        meta["prerequisites"] = _Flow(meta["prerequisites"])
    meta["quiz"] = [{k: v for k, v in item.items() if v not in ([], None)} for item in data["quiz"]]
    front = yaml.dump(meta, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)
    steps = "\n".join(
        f"{n}. " + step.replace("\n", "\n   ") for n, step in enumerate(nugget.practice_steps, 1)
    )
    body = {
        "Context": nugget.context,
        "Way in": nugget.way_in,
        "Purposeful practice": steps,
        "Payoff": nugget.payoff,
    }
    sections = "\n\n".join(f"## {name}\n\n{body[name]}" for name in SECTIONS)
    return f"---\n{front}---\n\n{sections}\n"


def _front_matter(lines: list[str]) -> tuple[dict[str, Any], int]:
    if not lines or lines[0].strip() != "---":
        raise NuggetFileError(
            [FileProblem.of(1, N_("the file must start with '---' front matter"))]
        )
    try:
        end = next(i for i in range(1, len(lines)) if lines[i].strip() == "---")
    except StopIteration:
        raise NuggetFileError(
            [FileProblem.of(1, N_("the front matter has no closing '---'"))]
        ) from None
    text = "\n".join(lines[1:end])
    try:
        meta = load_yaml(text) or {}
    except yaml.YAMLError as exc:
        raise NuggetFileError([_yaml_problem(exc, text)]) from None
    if not isinstance(meta, dict):
        raise NuggetFileError([FileProblem.of(2, N_("front matter must be 'key: value' lines"))])
    return meta, end + 1


def _sections(lines: list[str], start: int) -> tuple[dict[str, str], dict[str, int]]:
    found: dict[str, int] = {}
    for i in range(start, len(lines)):
        heading = lines[i].strip()
        if heading.startswith("## ") and heading[3:] in SECTIONS and heading[3:] not in found:
            found[heading[3:]] = i
    problems = []
    for name in SECTIONS:
        if name not in found:
            problems.append(
                FileProblem.of(len(lines), N_("the '## {name}' section is missing"), name=name)
            )
    order = sorted(found, key=found.__getitem__)
    if not problems and order != list(SECTIONS):
        problems.append(
            FileProblem.of(
                found[order[0]] + 1,
                N_("sections must come in this order: {order}"),
                order=", ".join(SECTIONS),
            )
        )
    if problems:
        raise NuggetFileError(problems)
    texts, first, bounds = {}, {}, [*(found[n] for n in SECTIONS), len(lines)]
    for n, name in enumerate(SECTIONS):
        raw = lines[bounds[n] + 1 : bounds[n + 1]]
        blank = next((i for i, line in enumerate(raw) if line.strip()), len(raw))
        texts[name] = "\n".join(raw).strip("\n")
        first[name] = bounds[n] + 2 + blank  # 1-based line where the text starts
    return texts, first


def _steps(text: str, first_line: int) -> list[str]:
    steps: list[str] = []
    for offset, line in enumerate(text.split("\n")):
        match = _STEP.match(line)
        if match and int(match.group(1)) == len(steps) + 1:
            steps.append(match.group(2))
        elif steps and (line.startswith("   ") or line == ""):
            steps[-1] += "\n" + line[3:]
        elif line.strip():
            raise NuggetFileError(
                [
                    FileProblem.of(
                        first_line + offset,
                        N_("expected step {n} as '{n}. ...'"),
                        n=len(steps) + 1,
                    )
                ]
            )
    return [s.rstrip("\n") for s in steps]


def _line_of(lines: list[str], loc: tuple[Any, ...], end: int) -> int:
    """The front-matter line a pydantic error location points at."""
    key = str(loc[0])
    at = next((i for i in range(1, end) if lines[i].startswith(f"{key}:")), 0)
    if key == "quiz" and len(loc) > 1 and isinstance(loc[1], int):
        items = [i for i in range(at, end) if lines[i].startswith("- ")]
        if loc[1] < len(items):
            at = items[loc[1]]
            if len(loc) > 2:
                field = str(loc[2])
                nxt = items[loc[1] + 1] if loc[1] + 1 < len(items) else end
                at = next(
                    (i for i in range(at, nxt) if lines[i].lstrip("- ").startswith(f"{field}:")), at
                )
    return at + 1


def parse_markdown(text: str) -> NuggetIn:
    """Read a nugget file.

    Raises:
        NuggetFileError: Every problem found, each with its line number.
    """
    size = len(text.encode())
    if size > MAX_FILE_BYTES:
        raise NuggetFileError(
            [
                FileProblem.of(
                    1,
                    N_("the file is {size} bytes; the limit is {limit}"),
                    size=grouped(size),
                    limit=grouped(MAX_FILE_BYTES),
                )
            ]
        )
    lines = text.replace("\r\n", "\n").split("\n")
    meta, body_start = _front_matter(lines)
    unknown = sorted(set(meta) - {*META, *OPTIONAL, "quiz"})
    if unknown:
        line = next(i for i in range(1, body_start) if lines[i].startswith(f"{unknown[0]}:")) + 1
        raise NuggetFileError(
            [
                FileProblem.of(
                    line, N_("unknown front matter key(s): {keys}"), keys=", ".join(unknown)
                )
            ]
        )
    texts, starts = _sections(lines, body_start)
    fields = {
        **meta,
        **{FIELDS[name]: texts[name] for name in FIELDS},
        "practice_steps": _steps(texts["Purposeful practice"], starts["Purposeful practice"]),
    }
    try:
        return NuggetIn.model_validate(fields)
    except PydanticError as exc:
        problems = []
        for error in exc.errors():
            loc = error["loc"]
            name = next((n for n, f in FIELDS.items() if loc and loc[0] == f), None)
            if name or (loc and loc[0] == "practice_steps"):
                line = starts[name or "Purposeful practice"]
            else:
                line = _line_of(lines, loc, body_start - 1) if loc else 1
            where = ".".join(str(p) for p in loc) or "nugget"
            problems.append(FileProblem(line, f"{where}: {error['msg']}"))
        raise NuggetFileError(problems) from None
