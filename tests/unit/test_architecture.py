"""Services, models and schemas stay plain Python: no reflex import, direct or indirect."""

import ast
import pathlib
import re
import subprocess
import sys

PACKAGE = pathlib.Path(__file__).resolve().parents[2] / "mmapp"
PLAIN = [
    *sorted((PACKAGE / "services").glob("*.py")),
    *sorted((PACKAGE / "models").glob("*.py")),
    *sorted((PACKAGE / "schemas").glob("*.py")),
    *(PACKAGE / n for n in ("db.py", "settings.py", "clock.py", "access.py")),
]
# Deciding who may do what by looking at roles or owners is the access policy's job.
ROLE_CHECK = re.compile(
    r"Role\.admin|\.role\s*(==|!=|in\b|not\s+in\b)|\b(owner_id|created_by)\s*(==|!=)"
)
# Files (relative to mmapp/) where such text may appear, and why.
ROLE_CHECK_ALLOWED = {
    "access.py": "the policy itself",
}


def _imports(path):
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            yield from (a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            yield node.module


def test_no_module_names_reflex():
    offenders = {p.name: m for p in PLAIN for m in _imports(p) if m.split(".")[0] == "reflex"}
    assert offenders == {}


def test_no_web_framework_in_the_access_policy():
    names = {m.split(".")[0] for m in _imports(PACKAGE / "access.py")}
    assert not names & {"reflex", "fastapi", "starlette"}


def test_role_checks_live_only_in_the_access_policy():
    found = [
        f"{path.relative_to(PACKAGE).as_posix()}:{n}: {line.strip()}"
        for path in sorted(PACKAGE.rglob("*.py"))
        if path.relative_to(PACKAGE).as_posix() not in ROLE_CHECK_ALLOWED
        for n, line in enumerate(path.read_text().splitlines(), 1)
        if ROLE_CHECK.search(line)
    ]
    assert found == [], "use mmapp.access instead of:\n" + "\n".join(found)


def test_importing_services_loads_no_reflex():
    code = (
        "import sys, pkgutil, importlib, mmapp.services as s\n"
        "for m in pkgutil.iter_modules(s.__path__):\n"
        "    importlib.import_module('mmapp.services.' + m.name)\n"
        "import mmapp.models, mmapp.schemas, mmapp.db\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('reflex', 'reflex_base')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_modules_stay_small():
    sizes = {
        p.relative_to(PACKAGE).as_posix(): len(p.read_text().splitlines())
        for p in PACKAGE.rglob("*.py")
    }
    assert {k: v for k, v in sizes.items() if v > 300} == {}
