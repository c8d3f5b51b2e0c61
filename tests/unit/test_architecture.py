"""Services, models and schemas stay plain Python: no reflex import, direct or indirect."""

import ast
import pathlib
import subprocess
import sys

PACKAGE = pathlib.Path(__file__).resolve().parents[2] / "mmapp"
PLAIN = [
    *sorted((PACKAGE / "services").glob("*.py")),
    *sorted((PACKAGE / "models").glob("*.py")),
    *sorted((PACKAGE / "schemas").glob("*.py")),
    *(PACKAGE / n for n in ("db.py", "settings.py", "clock.py")),
]


def _imports(path):
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            yield from (a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            yield node.module


def test_no_module_names_reflex():
    offenders = {p.name: m for p in PLAIN for m in _imports(p) if m.split(".")[0] == "reflex"}
    assert offenders == {}


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
