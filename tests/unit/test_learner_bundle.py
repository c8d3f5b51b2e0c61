"""The learner shell carries nothing of the workspace: checked on compiled output, no build.

Reflex compiles the state defaults into `utils/context.jsx`, which every page loads;
`WorkspaceStatePlugin` moves the workspace's part into a module only the workspace
routes import. These tests compile the real context and pages in-process (about a
second) and check what the learner pages would load.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from reflex.compiler import compiler
from reflex.state import State

from mmapp import pages, routes
from mmapp.pwa.bridge_bundle import bundle
from mmapp.pwa.state_split import route_module, split_context, workspace_module
from mmapp.state.staff import StaffState

ROOT = Path(__file__).resolve().parents[2]
LEARNER_PAGES = {
    routes.TODAY: pages.today.today_page,
    routes.SIGNIN: pages.signin.signin_page,
    routes.NUGGET: pages.nugget.nugget_page,
    routes.PROGRESS: pages.progress.progress_page,
    routes.REMINDERS: pages.reminders.reminders_page,
    routes.AUDIT: pages.audit.audit_page,
    routes.REFLECT: pages.reflect.reflect_page,
    routes.MENTORING: pages.mentoring.mentoring_page,
    routes.MENTOR: pages.mentor.mentor_page,
    routes.TEACH: pages.teach.teach_page,
}
WORKSPACE_PAGES = {
    routes.COACH: pages.coach_home.coach_home,
    routes.COACH_EDIT: pages.coach_editor.coach_editor,
    routes.COACH_COHORT: pages.coach_cohort.coach_cohort,
    routes.COACH_BADGES: pages.coach_badges.coach_badges,
    routes.ADMIN_ACCOUNTS: pages.coach_accounts.coach_accounts,
    routes.RESET: pages.reset.reset_page,
}


def _workspace_states() -> set[str]:
    found, pending = set(), [StaffState]
    while pending:
        cls = pending.pop()
        found.add(cls.get_full_name())
        pending.extend(cls.get_substates())
    return found


def _referenced_states(page) -> set[str]:
    data = (v._get_all_var_data() for v in page()._get_vars(include_children=True))
    return {d.state for d in data if d and d.state}


@pytest.fixture(scope="module")
def context_source() -> str:
    _path, source = compiler.compile_contexts(State, None)
    return source


def _json_const(source: str, name: str) -> dict:
    found = re.search(rf"^export const {name} = (\{{.*\}})$", source, re.M)
    assert found, f"no {name} in the context module"
    return json.loads(found.group(1))


def test_learner_context_has_no_workspace_defaults_or_storage(context_source):
    workspace = _workspace_states()
    assert len(workspace) >= 4  # staff, home, cohort, editor: the scan does find them
    learner, moved, storage = split_context(context_source, StaffState.get_full_name())

    original = _json_const(context_source, "initialState")
    kept = _json_const(learner, "initialState")
    # Every substate keeps its name (the socket dispatches only to known ones) ...
    assert kept.keys() == original.keys()
    # ... the workspace ones with no defaults, all the others unchanged.
    assert set(moved) == workspace
    assert all(kept[name] == {} for name in workspace)
    assert {n: v for n, v in kept.items() if n not in workspace} == {
        n: v for n, v in original.items() if n not in workspace
    }
    # No workspace var name or default text is left in the module every page loads.
    var_names = {var for defaults in moved.values() for var in defaults}
    assert {"viewer_name_rx_state_", "problems_rx_state_", "tables_rx_state_"} <= var_names
    assert not [var for var in var_names if var in learner]
    assert "String should have at least 1 character" in context_source
    assert "String should have at least 1 character" not in learner
    # The staff token is read and sent by the workspace pages only.
    assert _json_const(learner, "clientStorage")["local_storage"] == {}
    token = f"{StaffState.get_full_name()}.token_rx_state_"
    assert storage["local_storage"][token]["name"] == "mm_staff_token"
    # The hashes still describe the full defaults (what a workspace page holds).
    assert re.search(r"^export const initialStateHashes = .*$", learner, re.M).group(
        0
    ) == re.search(r"^export const initialStateHashes = .*$", context_source, re.M).group(0)


def test_workspace_module_puts_back_exactly_what_was_moved(context_source):
    learner, moved, storage = split_context(context_source, StaffState.get_full_name())
    module = workspace_module(moved, storage)
    assert module.startswith('import { addInitialState } from "$/utils/context";')
    args = module[module.index("addInitialState(") + len("addInitialState(") : module.rindex(")")]
    assert json.loads(f"[{args}]") == [moved, storage]
    assert "export function addInitialState(defaults, storage)" in learner
    assert "liveStore = createStateStore(initialState)" in learner
    assert route_module("import x;\n").startswith('import "$/utils/workspace-state";\n')


def test_an_unexpected_context_module_fails_the_build(context_source):
    with pytest.raises(RuntimeError, match="not as expected"):
        split_context(context_source.replace("createStateStore(initialState)", "x"), "y")
    with pytest.raises(RuntimeError, match="no state named"):
        split_context(context_source, "reflex___state____state.no_such_state")


def test_learner_pages_use_no_backend_state_and_workspace_pages_do():
    workspace = _workspace_states()
    for route, page in LEARNER_PAGES.items():
        assert not _referenced_states(page) & workspace, route
        assert "staff____staff_state" not in compiler._compile_page(page(), route), route
    for route, page in WORKSPACE_PAGES.items():
        assert _referenced_states(page) & workspace, route
    assert set(routes.WORKSPACE) == set(WORKSPACE_PAGES)


def test_device_bundle_is_the_scripts_in_load_order(tmp_path):
    text = bundle(ROOT / "assets", routes.BRIDGE_SCRIPTS)
    starts = [text.index(f"// --- {url}\ntry {{\n") for url in routes.BRIDGE_SCRIPTS]
    assert starts == sorted(starts)
    for url in routes.BRIDGE_SCRIPTS:
        assert (ROOT / "assets" / url.lstrip("/")).read_text().rstrip("\n") in text
    # It is valid JavaScript as a classic script.
    node = shutil.which("node")
    assert node, "node is needed (scripts/setup.sh uses npm)"
    (tmp_path / "bundle.js").write_text(text)
    check = subprocess.run(
        [node, "--check", str(tmp_path / "bundle.js")], capture_output=True, text=True, timeout=60
    )
    assert check.returncode == 0, check.stderr
