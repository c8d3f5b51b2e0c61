"""What learners learn: nuggets, skills and the files they travel in.

Owns nuggets and their revisions, skills and their scale words, prerequisites
between nuggets (kept acyclic), quiz items that keep their ids across edits,
Markdown files and zip archives, grading an answer against its quiz item,
sanitising authored HTML, uploaded media, and which nuggets each learner is given.
"""

from __future__ import annotations

from mmapp.content import (
    archives,
    assignments,
    files,
    grading,
    media,
    nuggets,
    prerequisites,
    problems,
    quiz_items,
    sanitize,
    scale,
)
from mmapp.content.archives import ArchiveError, export_skill, import_archive
from mmapp.content.assignments import (
    Given,
    given_nuggets,
    given_to_members,
    learner_assignments,
)
from mmapp.content.files import load_yaml, parse_markdown, to_markdown
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
from mmapp.content.prerequisites import (
    check_acyclic,
    check_drafts,
    check_publish,
    find_cycle,
    published_graph,
    unknown,
)
from mmapp.content.problems import FileProblem, NuggetFileError
from mmapp.content.quiz_items import save_items
from mmapp.content.sanitize import for_device, to_safe_html
from mmapp.content.scale import DEFAULT_SCALE, scale_words

__all__ = [
    "DEFAULT_SCALE",
    "ArchiveError",
    "FileProblem",
    "Given",
    "NuggetFileError",
    "archives",
    "assign",
    "assignments",
    "authored",
    "build_snapshot",
    "check_acyclic",
    "check_drafts",
    "check_publish",
    "current_content_seq",
    "export_skill",
    "files",
    "find_cycle",
    "for_device",
    "given_nuggets",
    "given_to_members",
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
    "prerequisites",
    "problems",
    "publish",
    "published_graph",
    "quiz_items",
    "retract",
    "sanitize",
    "save_items",
    "save_nugget",
    "scale",
    "scale_words",
    "to_markdown",
    "to_safe_html",
    "unknown",
    "upsert_skill",
]
