"""The README's map of `mmapp/` is the code's own, and its examples point at real code."""

import ast
import importlib.util
import pathlib
import re

ROOT = pathlib.Path(__file__).resolve().parents[2]
_spec = importlib.util.spec_from_file_location("package_map", ROOT / "scripts" / "package_map.py")
assert _spec and _spec.loader
package_map = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(package_map)


def test_the_readme_map_is_the_generated_one():
    readme = package_map.README.read_text()
    assert package_map.readme_block(readme) == package_map.package_map(), (
        "the package map is stale: run .venv/bin/python scripts/package_map.py --write"
    )


def test_the_map_names_every_domain_module():
    text = package_map.package_map()
    for name in package_map.DOMAINS:
        for module in (package_map.PACKAGE / name).glob("*.py"):
            if module.name != "__init__.py":
                assert f"    {module.name} " in text


def _defined(path: pathlib.Path) -> set[str]:
    tree = ast.parse(path.read_text())
    names = set()
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, ast.Assign):
            names |= {t.id for t in node.targets if isinstance(t, ast.Name)}
    return names


def test_where_to_look_names_functions_in_the_files_named():
    readme = package_map.README.read_text()
    section = readme.split("Where to look", 1)[1].split("The rest of the tree", 1)[0]
    answers = [a for a in section.split("\n- ")[1:]]
    assert len(answers) == 3
    for answer in answers:
        pairs = re.findall(r"`(mmapp/[\w/]+\.py)`, `(\w+)`", answer)
        assert pairs, answer
        for path, name in pairs:
            assert name in _defined(ROOT / path), f"{name} is not in {path}"
