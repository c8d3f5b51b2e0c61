"""Finding user-facing English written outside the catalogue (tests/unit/test_i18n_catalogue.py).

A string "looks like words" when it has a word of letters and either a space, a capital
first letter or closing punctuation: "Save", "e.g. COMMUTE1", "Saved." do; "gray",
"join-code", "mm-card", "/coach" do not. Such a string must be a msgid (inside `t`, `nt`,
`N_`, `N_plural`, `translate`, `translate_plural`) unless its place shows it is not for
people: a docstring, a dict key or index, a comparison, a module's `__all__`, a non-text
keyword (`id=`, `href=`…), a log line, or an exception for developers (`ValueError`…).
"""

from __future__ import annotations

import ast
import pathlib
import re
from collections.abc import Iterator

MSGID_FUNCTIONS = {"t", "nt", "N_", "N_plural", "translate", "translate_plural"}
# Keyword arguments that carry words people read or hear.
TEXT_KEYWORDS = {
    "aria_label", "placeholder", "title", "alt", "label", "text", "reason", "body",
    "heading", "message", "notice", "error", "hint", "summary", "description_text",
    "confirm", "cancel", "loading", "busy",
}  # fmt: skip
# Exceptions whose words are for developers and logs, never shown to people.
DEVELOPER_ERRORS = {
    "ValueError", "TypeError", "RuntimeError", "KeyError", "AssertionError", "LookupError",
    "NotImplementedError", "SystemExit", "OSError", "UnknownContextError", "UndefinedTermError",
    "AttributeError", "ImportError", "IndexError", "PermissionError",
}  # fmt: skip
LOG_METHODS = {"debug", "info", "warning", "error", "exception", "critical", "echo", "print"}
_WORD = re.compile(r"[A-Za-z]{2,}")
_IDENTIFIER = re.compile(r"^[a-z0-9_./:#@=-]+$|^[A-Z0-9_]+$|^[a-z]+[A-Z][A-Za-z0-9]*$")


def looks_like_words(text: str) -> bool:
    """Whether `text` reads as words for people rather than a name, class or path."""
    stripped = text.strip()
    if not _WORD.search(stripped) or _IDENTIFIER.match(stripped):
        return False
    if stripped.startswith(("/", "http", "{", "<", "#", ".", "--", "@", "%")):
        return False
    return " " in stripped or stripped[0].isupper() or stripped[-1] in ".?!…:"


def _name(node: ast.expr) -> str:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    return ""


class _Finder(ast.NodeVisitor):
    def __init__(self) -> None:
        self.allowed: set[int] = set()  # ids of Constant nodes in an allowed place
        self.found: list[tuple[int, str]] = []

    def _allow(self, node: ast.AST | None) -> None:
        if node is None:
            return
        for sub in ast.walk(node):
            if isinstance(sub, ast.Constant):
                self.allowed.add(id(sub))

    def visit_Module(self, node: ast.Module) -> None:
        self._docstring(node)
        self.generic_visit(node)

    def _docstring(self, node: ast.AST) -> None:
        body = getattr(node, "body", [])
        if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
            self._allow(body[0].value)

    def visit_FunctionDef(self, node: ast.FunctionDef) -> None:
        self._docstring(node)
        self.generic_visit(node)

    visit_AsyncFunctionDef = visit_FunctionDef  # type: ignore[assignment]

    def visit_ClassDef(self, node: ast.ClassDef) -> None:
        self._docstring(node)
        self.generic_visit(node)

    def visit_Call(self, node: ast.Call) -> None:
        name = _name(node.func)
        if name in MSGID_FUNCTIONS or name in DEVELOPER_ERRORS or name in LOG_METHODS:
            self._allow(node)
        for keyword in node.keywords:
            if keyword.arg not in TEXT_KEYWORDS:
                self._allow_literal(keyword.value)
        self.generic_visit(node)

    def _allow_literal(self, node: ast.expr) -> None:
        if isinstance(node, ast.Constant):
            self.allowed.add(id(node))

    def visit_Subscript(self, node: ast.Subscript) -> None:
        self._allow(node.slice)
        self.generic_visit(node)

    def visit_Dict(self, node: ast.Dict) -> None:
        for key in node.keys:
            self._allow(key)
        self.generic_visit(node)

    def visit_Assign(self, node: ast.Assign) -> None:
        if any(isinstance(t, ast.Name) and t.id == "__all__" for t in node.targets):
            self._allow(node.value)  # a module's exported names
        self.generic_visit(node)

    def visit_Compare(self, node: ast.Compare) -> None:
        self._allow(node)
        self.generic_visit(node)

    def visit_Constant(self, node: ast.Constant) -> None:
        text = node.value
        if isinstance(text, str) and id(node) not in self.allowed and looks_like_words(text):
            self.found.append((node.lineno, text))


def python_findings(path: pathlib.Path) -> Iterator[tuple[int, str]]:
    """(line, text) of each string in `path` that looks like words outside the catalogue."""
    finder = _Finder()
    finder.visit(ast.parse(path.read_text(), filename=str(path)))
    yield from finder.found


# A JS string literal: "…", '…' or `…` (template parts between ${…} count as text).
_JS_STRING = re.compile(r"""("(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|`(?:[^`\\]|\\.)*`)""", re.S)
_JS_MSGID_CALL = re.compile(r"\b(?:t|nt)\(\s*$")
_JS_COMMENT = re.compile(r"//[^\n]*|/\*.*?\*/", re.S)


def _blank_comment(match: re.Match[str]) -> str:
    """A comment as spaces (its quotes are no strings), keeping lines and `i18n:` notes."""
    return match[0] if "i18n:" in match[0] else re.sub(r"[^\n]", " ", match[0])


def js_findings(path: pathlib.Path) -> Iterator[tuple[int, str]]:
    """(line, text) of each JS string literal in `path` that looks like words, not a msgid.

    A literal is a msgid when it is the first argument of `t(` or the first or second of
    `nt(`; a line may also say `// i18n: not text` for a literal that is not for people.
    """
    source = path.read_text()
    code = _JS_COMMENT.sub(
        lambda m: re.sub(r"[^\n]", " ", m[0]) if "i18n:" not in m[0] else m[0], source
    )
    for match in _JS_STRING.finditer(code):
        start = match.start()
        line_start = code.rfind("\n", 0, start) + 1
        line_end = code.find("\n", match.end())
        line = code[line_start : line_end if line_end != -1 else None]
        before = code[max(0, start - 200) : start]
        if _JS_MSGID_CALL.search(before) or "i18n: not text" in line:
            continue
        if re.search(r"\bnt\(\s*(\"(?:[^\"\\]|\\.)*\"|'(?:[^'\\]|\\.)*')\s*,\s*$", before):
            continue
        text = re.sub(r"\$\{[^}]*\}", " ", match[0][1:-1])
        if looks_like_words(text):
            yield code.count("\n", 0, start) + 1, match[0]


def _unwrapped_constants(node: ast.AST) -> Iterator[ast.Constant]:
    """String constants under `node` that are not inside a msgid function's call."""
    if isinstance(node, ast.Call) and _name(node.func) in MSGID_FUNCTIONS:
        return
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        yield node
    for child in ast.iter_child_nodes(node):
        yield from _unwrapped_constants(child)


def raised_reason_findings(path: pathlib.Path) -> Iterator[tuple[int, str]]:
    """(line, text) of words in a raised service error's reason that are not a msgid.

    Service errors (`mmapp.errors`) reach people as the API's `reason`, shown by the
    phone and the workspace; developer exceptions (`ValueError`…) do not.
    """
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if not isinstance(node, ast.Raise) or not isinstance(node.exc, ast.Call):
            continue
        if _name(node.exc.func) in DEVELOPER_ERRORS:
            continue
        for arg in [*node.exc.args, *(k.value for k in node.exc.keywords)]:
            for constant in _unwrapped_constants(arg):
                if looks_like_words(constant.value):
                    yield constant.lineno, constant.value
