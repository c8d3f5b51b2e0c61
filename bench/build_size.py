"""Production build size of the app shell vs a blank Reflex app built in the same run.

Prints raw and gzip bytes of JS and CSS: everything in the build, and what the start
page loads (the files index.html references).
"""

from __future__ import annotations

import gzip
import pathlib
import re
import shutil
import tempfile

from bench.blank_reflex import blank_project, export

ROOT = pathlib.Path(__file__).resolve().parents[1]


def measure(client: pathlib.Path) -> dict[str, int]:
    files = [p for p in client.rglob("*") if p.suffix in (".js", ".css") and p.is_file()]
    index = (client / "index.html").read_text()
    linked = {
        client / m.lstrip("/") for m in re.findall(r'(?:src|href)="(/[^"]+\.(?:js|css))"', index)
    }
    out: dict[str, int] = {}
    for name, group in (("all", files), ("start_page", [f for f in files if f in linked])):
        for kind in (".js", ".css"):
            chosen = [f for f in group if f.suffix == kind]
            out[f"{name}{kind}_raw"] = sum(f.stat().st_size for f in chosen)
            out[f"{name}{kind}_gzip"] = sum(len(gzip.compress(f.read_bytes(), 9)) for f in chosen)
    return out


def workspace_vars() -> set[str]:
    """The frontend names of the workspace's state vars (`<var>_rx_state_`)."""
    from reflex.state import State

    from mmapp import pages  # noqa: F401 - defines every page's states
    from mmapp.state.staff import StaffState

    names, pending = set(), [StaffState]
    while pending:
        cls = pending.pop()
        names |= set(cls.vars) - set(State.vars)
        pending.extend(cls.get_substates())
    return {f"{name}_rx_state_" for name in names}


def start_page_js(client: pathlib.Path) -> str:
    """The text of every JS file the start page references."""
    index = (client / "index.html").read_text()
    urls = re.findall(r'(?:src|href)="(/[^"]+\.js)"', index)
    return "".join((client / url.lstrip("/")).read_text(errors="replace") for url in urls)


def workspace_line(client: pathlib.Path) -> str:
    """How many workspace state vars the start page's JS names (goal: none)."""
    text = start_page_js(client)
    found = sorted(name for name in workspace_vars() if name in text)
    return f"workspace state vars in the start page's JS: {len(found)} {found or ''}  (goal 0)"


def start_page_js_line(ours: dict[str, int], blank: dict[str, int]) -> str:
    """The start page's JS next to the blank app's, as a ratio against the goal."""
    raw = ours["start_page.js_raw"] / blank["start_page.js_raw"]
    gz = ours["start_page.js_gzip"] / blank["start_page.js_gzip"]
    return f"start page JS vs blank Reflex app: raw {raw:.2f}, gzip {gz:.2f}   (goal <= 1.10)"


def main() -> None:
    client = export(ROOT)
    ours, workspace = measure(client), workspace_line(client)
    with tempfile.TemporaryDirectory() as tmp:
        blank = measure(export(blank_project(pathlib.Path(tmp))))
    print("\n== Shell build size (bytes): Micromastery vs blank Reflex app, same run ==")
    print(f"{'measure':28} {'micromastery':>13} {'blank':>10} {'ratio':>7}")
    for key in ours:
        ratio = ours[key] / blank[key] if blank[key] else float("nan")
        print(f"{key:28} {ours[key]:13,d} {blank[key]:10,d} {ratio:7.2f}")
    print(start_page_js_line(ours, blank))
    print(workspace)
    shutil.rmtree(ROOT / ".web" / "build", ignore_errors=True)


if __name__ == "__main__":
    main()
