"""Production build size of the app shell vs a blank Reflex app built in the same run.

Prints raw and gzip bytes of JS and CSS: everything in the build, and what the start
page loads (the files index.html references).
"""

from __future__ import annotations

import gzip
import os
import pathlib
import re
import shutil
import subprocess
import sys
import tempfile

ROOT = pathlib.Path(__file__).resolve().parents[1]
BLANK_APP = """import reflex as rx

app = rx.App()
app.add_page(lambda: rx.text("Hello"), route="/")
"""


def export(project: pathlib.Path) -> pathlib.Path:
    env = {**os.environ, "REFLEX_USE_SYSTEM_BUN": "1"}
    subprocess.run(
        [sys.executable, "-m", "reflex", "export", "--frontend-only", "--no-zip", "--env", "prod"],
        cwd=project,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.STDOUT,
    )
    return project / ".web" / "build" / "client"


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


def blank_project(tmp: pathlib.Path) -> pathlib.Path:
    (tmp / "blank").mkdir()
    (tmp / "blank" / "__init__.py").write_text("")
    (tmp / "blank" / "blank.py").write_text(BLANK_APP)
    (tmp / "rxconfig.py").write_text(
        "import reflex as rx\nconfig = rx.Config(app_name='blank', telemetry_enabled=False)\n"
    )
    return tmp


def main() -> None:
    ours = measure(export(ROOT))
    with tempfile.TemporaryDirectory() as tmp:
        blank = measure(export(blank_project(pathlib.Path(tmp))))
    print("\n== Shell build size (bytes): Micromastery vs blank Reflex app, same run ==")
    print(f"{'measure':28} {'micromastery':>13} {'blank':>10} {'ratio':>7}")
    for key in ours:
        ratio = ours[key] / blank[key] if blank[key] else float("nan")
        print(f"{key:28} {ours[key]:13,d} {blank[key]:10,d} {ratio:7.2f}")
    shutil.rmtree(ROOT / ".web" / "build", ignore_errors=True)


if __name__ == "__main__":
    main()
