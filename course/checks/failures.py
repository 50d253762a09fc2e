"""The two exceptions every check raises: a failed check, and an exercise not attempted yet.

A `CheckFailure` carries, besides its one-line message, structured `details` for the learner's feedback page
(`course check`): what was checked, what came back and what was expected (shapes, the first differing entries,
the tolerance). The details stay on the exception object: nothing of them is printed or written into the notebook,
so nbgrader's grading and its feedback see exactly the message. `course check` reads them from the exception in
its own process and drops every expected value of a hidden check before anything is written (course.selfpaced).
"""

from __future__ import annotations

from typing import Any

from course.messages import EXPECTED_KEYS  # noqa: F401 (keys of `CheckFailure.details` that hold expected values)


class CheckFailure(AssertionError):
    """A failed check; IPython shows only its message (no traceback into the checks)."""

    def __init__(self, message: str = "", *, details: dict[str, Any] | None = None) -> None:
        super().__init__(message)
        self.details: dict[str, Any] = dict(details or {})

    def _render_traceback_(self) -> list[str]:
        return [f"\x1b[0;31m{type(self).__name__}\x1b[0m: {self}"]


class NotAttempted(CheckFailure):
    """The learner's function still raises NotImplementedError."""
