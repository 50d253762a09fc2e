"""Plain-text tables and a progress line for the terminal."""

from __future__ import annotations

import sys
import time
from collections.abc import Sequence
from typing import TextIO


def table(headers: Sequence[str], rows: Sequence[Sequence[object]], max_width: int = 80) -> str:
    """A left-aligned text table; cells longer than `max_width` are cut with '…'."""
    cells = [[_cut(str(c), max_width) for c in row] for row in rows]
    widths = [len(h) for h in headers]
    for row in cells:
        for i, cell in enumerate(row):
            widths[i] = max(widths[i], len(cell))
    line = "  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)).rstrip()
    rule = "  ".join("-" * w for w in widths)
    body = ["  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip() for row in cells]
    return "\n".join([line, rule, *body])


def _cut(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


class Progress:
    """`[ 3/40] 2 failed · ETA 35 s · last: alice (2.1 s)`: one updating line on a terminal, else one per item."""

    def __init__(self, total: int, label: str, stream: TextIO | None = None, failures: bool = True) -> None:
        self.total = total
        self.label = label
        self.stream = stream or sys.stderr
        self.done = 0
        self.failed = 0
        self.started = time.monotonic()
        self.live = self.stream.isatty()
        self.failures = failures  # show how many failed

    def advance(self, name: str, ok: bool, detail: str = "") -> None:
        self.done += 1
        self.total = max(self.total, self.done)  # a step may add more (validate's extra gradings)
        self.failed += 0 if ok else 1
        self._show(name, detail)

    def reach(self, done: int, name: str) -> None:
        """Jump to `done` items; off a terminal, print only every tenth of the way."""
        step = max(1, self.total // 10)
        shown = self.live or done // step != self.done // step or done >= self.total
        self.done = min(done, self.total)
        if shown:
            self._show(name, "")

    def _show(self, name: str, detail: str) -> None:
        elapsed = time.monotonic() - self.started
        eta = elapsed / max(1, self.done) * (self.total - self.done)
        width = len(str(self.total))
        text = (
            f"{self.label} [{self.done:>{width}}/{self.total}] {f'{self.failed} failed · ' if self.failures else ''}"
            f"ETA {eta:4.0f} s · {name}{' ' + detail if detail else ''}"
        )
        if self.live:
            self.stream.write("\r\x1b[2K" + text[:150])
            if self.done == self.total:
                self.stream.write("\n")
        else:
            self.stream.write(text + "\n")
        self.stream.flush()
