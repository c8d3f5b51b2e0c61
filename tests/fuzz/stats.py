"""What the fuzz tier sent and got back, for the summary at the end of the run."""

from __future__ import annotations

import collections
import time

STATUSES: dict[str, collections.Counter[int]] = collections.defaultdict(collections.Counter)
SECONDS: dict[str, float] = {}
DOCUMENTED: list[int] = [0]  # how many operations the OpenAPI document has


def record(operation: str, status: int) -> None:
    """Count one answer to `operation`."""
    STATUSES[operation][status] += 1


class Timer:
    """Adds the wall time of a block to `SECONDS[operation]`."""

    def __init__(self, operation: str) -> None:
        self.operation = operation

    def __enter__(self) -> Timer:
        self.start = time.perf_counter()
        return self

    def __exit__(self, *_: object) -> None:
        spent = time.perf_counter() - self.start
        SECONDS[self.operation] = SECONDS.get(self.operation, 0.0) + spent


def two_xx(counts: collections.Counter[int]) -> int:
    """How many answers were 2xx."""
    return sum(n for status, n in counts.items() if 200 <= status < 300)


def summary() -> list[str]:
    """Lines for the terminal: totals, statuses, and 2xx per operation."""
    if not STATUSES:
        return []
    total: collections.Counter[int] = collections.Counter()
    for counts in STATUSES.values():
        total.update(counts)
    sent = sum(total.values())
    ok = two_xx(total)
    lines = [
        f"requests sent: {sent}; reached a 2xx: {ok} ({100 * ok / sent:.0f}%); "
        f"operations fuzzed: {len(STATUSES)} of {DOCUMENTED[0]} in the OpenAPI document; "
        f"time: {sum(SECONDS.values()):.0f} s",
        "by status: " + ", ".join(f"{s}: {n}" for s, n in sorted(total.items())),
        "2xx / sent per operation:",
    ]
    width = max(len(op) for op in STATUSES)
    for op, counts in sorted(STATUSES.items()):
        lines.append(f"  {op:<{width}}  {two_xx(counts):>5} / {sum(counts.values()):<5}")
    return lines
