"""The shape of the package: plain domain packages, one access policy, small modules.

Domain packages (accounts, audit, content, cohorts, credentials, progress, push, reviews,
skills, sync, teachback), models
and schemas stay plain Python: no reflex, FastAPI or page code, direct or indirect. Each
domain package says what it owns and exports its public names.
"""

import ast
import pathlib
import re
import subprocess
import sys

PACKAGE = pathlib.Path(__file__).resolve().parents[2] / "mmapp"
DOMAINS = (
    "accounts",
    "audit",
    "content",
    "cohorts",
    "credentials",
    "mentoring",
    "progress",
    "push",
    "reviews",
    "skills",
    "sync",
    "teachback",
)
WEB = {"reflex", "reflex_base", "fastapi", "starlette"}
PLAIN = [
    *(p for d in DOMAINS for p in sorted((PACKAGE / d).glob("*.py"))),
    PACKAGE / "errors.py",
    PACKAGE / "demo" / "seed.py",
    *sorted((PACKAGE / "models").glob("*.py")),
    *sorted((PACKAGE / "schemas").glob("*.py")),
    *sorted((PACKAGE / "present").glob("*.py")),
    *(PACKAGE / "i18n" / n for n in ("__init__.py", "catalog.py", "locales.py", "extract.py")),
    *(PACKAGE / n for n in ("db.py", "settings.py", "clock.py")),
    *sorted((PACKAGE / "access").glob("*.py")),
]
# Deciding who may do what by looking at roles or owners is the access policy's job.
ROLE_CHECK = re.compile(
    r"Role\.admin|\.role\s*(==|!=|in\b|not\s+in\b)|\b(owner_id|created_by)\s*(==|!=)"
)
# Files (relative to mmapp/) where such text may appear, and why.
ROLE_CHECK_ALLOWED = {
    **{f"access/{p.name}": "the policy itself" for p in (PACKAGE / "access").glob("*.py")},
}


def _imports(path):
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            yield from (a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            yield node.module


def test_no_plain_module_names_a_web_framework_or_the_app_layers():
    layers = ("mmapp.api", "mmapp.state", "mmapp.pages", "mmapp.components", "mmapp.pwa")
    offenders = {
        p.relative_to(PACKAGE).as_posix(): m
        for p in PLAIN
        for m in _imports(p)
        if m.split(".")[0] in WEB or m.startswith(layers)
    }
    assert offenders == {}


def test_every_domain_package_says_what_it_owns_and_exports_what_it_has():
    import importlib

    for name in DOMAINS:
        package = importlib.import_module(f"mmapp.{name}")
        assert package.__doc__ and "Owns " in package.__doc__, name
        modules = {p.stem for p in (PACKAGE / name).glob("*.py")} - {"__init__"}
        assert modules <= set(package.__all__), f"{name} hides {modules - set(package.__all__)}"
        assert all(hasattr(package, n) for n in package.__all__), name
        assert len(modules) <= 12, f"{name} holds {len(modules)} modules"


def test_no_flat_services_drawer_comes_back():
    assert not (PACKAGE / "services").exists()


def test_no_web_framework_in_the_access_policy():
    names = {m.split(".")[0] for p in (PACKAGE / "access").glob("*.py") for m in _imports(p)}
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


def test_importing_the_domain_packages_loads_no_web_framework():
    code = (
        "import sys, pkgutil, importlib\n"
        f"for d in {DOMAINS!r}:\n"
        "    package = importlib.import_module('mmapp.' + d)\n"
        "    for m in pkgutil.iter_modules(package.__path__):\n"
        "        importlib.import_module(f'mmapp.{d}.{m.name}')\n"
        "import mmapp.models, mmapp.schemas, mmapp.db, mmapp.demo.seed\n"
        f"print(sorted(m for m in sys.modules if m.split('.')[0] in {sorted(WEB)!r}))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_modules_stay_small():
    sizes = {
        p.relative_to(PACKAGE).as_posix(): len(p.read_text().splitlines())
        for p in PACKAGE.rglob("*.py")
    }
    assert {k: v for k, v in sizes.items() if v > 300} == {}


def test_the_type_checker_covers_every_domain_package():
    import tomllib

    config = tomllib.loads((PACKAGE.parent / "pyproject.toml").read_text())["tool"]["mypy"]
    assert config["strict"] is True
    assert {f"mmapp/{d}" for d in DOMAINS} <= set(config["files"])
