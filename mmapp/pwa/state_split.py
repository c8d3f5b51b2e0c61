"""Reflex plugin: the workspace's backend state defaults ship with the workspace pages only.

Reflex compiles every state's defaults into one `initialState` object in
`utils/context.jsx`, which the root module imports, so every page (the learner's
offline start page too) carries the coordinator workspace's defaults: the editor's
form, its validation messages, the cohort tables. Learner pages render from client
state and never read them.

This plugin rewrites the compiled files before the frontend build:

- `utils/context.jsx` keeps every substate *name*, with `{}` for each workspace
  substate: the socket dispatches updates only to substates it knows, and a learner
  page may still receive one (a rehydrate sends the whole tree). Its browser-storage
  table loses the workspace's entries (the staff token in localStorage), so learner
  pages no longer send that token to the backend. It also exports
  `addInitialState(defaults, storage)`, which puts both back: the defaults into
  `initialState` and into the live store, if one exists (the same merge Reflex uses
  on hot reload), and the entries into the storage table.
- `utils/workspace-state.js` holds the workspace's defaults and entries and calls it.
- Each workspace page's route module imports that file first, so the defaults are
  in place before the page renders: on a full load (the store is created from
  `initialState` after route modules load), on a client-side navigation (the merge
  into the live store), and when the build prerenders the page.

The per-state hashes Reflex sends on the first hydrate still describe the full
defaults, so the backend sends a workspace page only what differs from them.
"""

from __future__ import annotations

import importlib
import json
import re
from collections.abc import Callable

from reflex_base.plugins.base import Plugin

CONTEXT_FILE = "utils/context.jsx"
WORKSPACE_FILE = "utils/workspace-state.js"
WORKSPACE_MODULE = "$/utils/workspace-state"
_INITIAL = re.compile(r"^export const initialState = (\{.*\})$", re.M)
_STORAGE = re.compile(r"^export const clientStorage = (\{.*\})$", re.M)
STORE_CREATED = "const [store] = useState(() => createStateStore(initialState));"
STORE_KEPT = "const [store] = useState(() => (liveStore = createStateStore(initialState)));"
ADD_INITIAL_STATE = """
// mmapp/pwa/state_split.py: workspace routes add their states' defaults here.
let liveStore;
export function addInitialState(defaults, storage) {
  Object.assign(initialState, defaults);
  liveStore?.mergeInitialState(defaults);
  for (const [kind, vars] of Object.entries(storage)) {
    Object.assign((clientStorage[kind] ??= {}), vars);
  }
}
"""


def is_split(state_name: str, root: str) -> bool:
    """Whether the substate `state_name` is `root` or below it."""
    return state_name == root or state_name.startswith(root + ".")


def _replace_json(source: str, found: re.Match[str], value: object) -> str:
    return source[: found.start(1)] + json.dumps(value) + source[found.end(1) :]


def split_context(source: str, root: str) -> tuple[str, dict[str, dict], dict[str, dict]]:
    """Move the defaults and storage entries of `root` and its substates out of a context.

    Args:
        source: The text of `utils/context.jsx` as Reflex compiled it.
        root: The full name of the state whose subtree moves out.

    Returns:
        The rewritten module; the moved defaults by substate name; the moved storage
        entries by kind (`cookies`, `local_storage`, `session_storage`).

    Raises:
        RuntimeError: If the module does not look as this Reflex version writes it.
    """
    initial_found, storage_found = _INITIAL.search(source), _STORAGE.search(source)
    if not initial_found or not storage_found or STORE_CREATED not in source:
        msg = f"{CONTEXT_FILE} is not as expected (Reflex changed?): cannot split its state"
        raise RuntimeError(msg)
    initial = json.loads(initial_found.group(1))
    moved = {name: value for name, value in initial.items() if is_split(name, root)}
    if not moved:
        msg = f"no state named {root} in {CONTEXT_FILE}"
        raise RuntimeError(msg)
    storage = json.loads(storage_found.group(1))
    moved_storage = {
        kind: {key: opts for key, opts in entries.items() if is_split(key, root)}
        for kind, entries in storage.items()
    }
    kept_storage = {
        kind: {key: opts for key, opts in entries.items() if not is_split(key, root)}
        for kind, entries in storage.items()
    }
    kept = {name: ({} if name in moved else value) for name, value in initial.items()}
    # The storage line comes after the state line: replace from the end.
    text = _replace_json(source, storage_found, kept_storage)
    text = _replace_json(text, initial_found, kept).replace(STORE_CREATED, STORE_KEPT)
    return text + ADD_INITIAL_STATE, moved, moved_storage


def workspace_module(moved: dict[str, dict], storage: dict[str, dict]) -> str:
    """The module the workspace routes import: it adds their defaults and storage."""
    return (
        'import { addInitialState } from "$/utils/context";\n\n'
        f"addInitialState({json.dumps(moved)}, {json.dumps(storage)});\n"
    )


def route_module(source: str) -> str:
    """A workspace page's route module, importing the workspace defaults first."""
    return f'import "{WORKSPACE_MODULE}";\n{source}'


class WorkspaceStatePlugin(Plugin):
    """Keep one state subtree's defaults out of the bundle every page loads.

    Args:
        root_state: Dotted path of the subtree's root state class (imported at
            compile time, so the Reflex config need not import the app's states).
        routes: The pages that use that subtree.
    """

    def __init__(self, root_state: str, routes: tuple[str, ...]) -> None:
        """Remember what to split off, and for which routes."""
        self.root_state, self.routes = root_state, routes
        self._moved: tuple[dict[str, dict], dict[str, dict]] | None = None

    def _root_name(self) -> str:
        module, _, name = self.root_state.rpartition(".")
        return getattr(importlib.import_module(module), name).get_full_name()

    def _context(self, source: str) -> str:
        text, moved, storage = split_context(source, self._root_name())
        self._moved = (moved, storage)
        return text

    def _workspace(self, _placeholder: str) -> str:
        if self._moved is None:
            msg = f"{WORKSPACE_FILE} written before {CONTEXT_FILE} was split"
            raise RuntimeError(msg)
        return workspace_module(*self._moved)

    def pre_compile(self, **context) -> None:
        """Queue the rewrites; they run on the compiled files, before the build."""
        from reflex.compiler.utils import get_page_path
        from reflex.utils.format import format_route

        add_modify: Callable[[str, Callable[[str], str]], None] = context["add_modify_task"]
        self._moved = None
        context["add_save_task"](lambda: (WORKSPACE_FILE, ""))
        add_modify(CONTEXT_FILE, self._context)
        add_modify(WORKSPACE_FILE, self._workspace)
        for route in self.routes:
            add_modify(get_page_path(format_route(route)), route_module)
