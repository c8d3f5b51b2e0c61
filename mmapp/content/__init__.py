"""What learners learn: nuggets, skills and the files they travel in.

Owns nuggets and their revisions, skills, Markdown files and zip archives,
grading an answer against its quiz item, sanitising authored HTML, uploaded
media, and which nuggets each learner is given.
"""

from __future__ import annotations

from mmapp.content import archives, assignments, files, grading, media, nuggets, sanitize
from mmapp.content.archives import ArchiveError, export_skill, import_archive
from mmapp.content.assignments import Given, given_nuggets, learner_assignments
from mmapp.content.files import FileProblem, NuggetFileError, load_yaml, parse_markdown, to_markdown
from mmapp.content.grading import grade, normalise_text_answer
from mmapp.content.nuggets import (
    assign,
    authored,
    build_snapshot,
    current_content_seq,
    next_content_seq,
    publish,
    retract,
    save_nugget,
    upsert_skill,
)
from mmapp.content.sanitize import for_device, to_safe_html

__all__ = [
    "ArchiveError",
    "FileProblem",
    "Given",
    "NuggetFileError",
    "archives",
    "assign",
    "assignments",
    "authored",
    "build_snapshot",
    "current_content_seq",
    "export_skill",
    "files",
    "for_device",
    "given_nuggets",
    "grade",
    "grading",
    "import_archive",
    "learner_assignments",
    "load_yaml",
    "media",
    "next_content_seq",
    "normalise_text_answer",
    "nuggets",
    "parse_markdown",
    "publish",
    "retract",
    "sanitize",
    "save_nugget",
    "to_markdown",
    "to_safe_html",
    "upsert_skill",
]
