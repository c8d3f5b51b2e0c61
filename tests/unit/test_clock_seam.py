"""Only the clock seam reads the wall clock; everything else asks it (or takes `now`)."""

from __future__ import annotations

import ast
import datetime as dt
import pathlib

from mmapp import clock
from mmapp.models import utcnow

PACKAGE = pathlib.Path(__file__).resolve().parents[2] / "mmapp"
# Calls that read the real clock: datetime.now/utcnow/today, date.today, time.time.
WALL_READS = {("datetime", "now"), ("datetime", "utcnow"), ("datetime", "today")}
WALL_READS |= {("date", "today"), ("time", "time"), ("time", "time_ns")}


def _wall_reads(path: pathlib.Path, root: pathlib.Path = PACKAGE) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            owner = node.func.value
            name = owner.attr if isinstance(owner, ast.Attribute) else getattr(owner, "id", "")
            if (name, node.func.attr) in WALL_READS:
                found.append(f"{path.relative_to(root)}:{node.lineno}")
    return found


def test_no_module_but_the_clock_reads_the_wall_clock():
    offenders = [
        where
        for path in sorted(PACKAGE.rglob("*.py"))
        if path.name != "clock.py"
        for where in _wall_reads(path)
    ]
    assert offenders == []


def test_the_guard_sees_a_wall_clock_read(tmp_path):
    sample = tmp_path / "probe.py"
    sample.write_text(
        "import datetime as dt\nimport time\nstamp = dt.datetime.now(dt.UTC)\nt = time.time()\n"
    )
    assert _wall_reads(sample, tmp_path) == ["probe.py:3", "probe.py:4"]


def test_every_default_timestamp_comes_from_the_installed_clock(clock):
    assert utcnow() == clock.now()
    clock.advance(dt.timedelta(days=400))
    assert utcnow() == dt.datetime(2027, 12, 26, 9, 0, tzinfo=dt.UTC)


def test_a_fixed_clock_refuses_naive_times_and_the_seam_restores_the_wall_clock():
    fixed = clock.FixedClock(dt.datetime(2030, 1, 1, tzinfo=dt.UTC))
    try:
        fixed.set(dt.datetime(2030, 1, 2))
    except ValueError as exc:
        assert "aware" in str(exc)
    else:
        raise AssertionError("a naive time was accepted")
    clock.use_clock(None)
    assert isinstance(clock.get_clock(), clock.SystemClock)
    assert abs(clock.wall_time() - clock.get_clock().now().timestamp()) < 5
