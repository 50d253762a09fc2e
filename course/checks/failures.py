"""The two exceptions every check raises: a failed check, and an exercise not attempted yet."""

from __future__ import annotations


class CheckFailure(AssertionError):
    """A failed check; IPython shows only its message (no traceback into the checks)."""

    def _render_traceback_(self) -> list[str]:
        return [f"\x1b[0;31m{type(self).__name__}\x1b[0m: {self}"]


class NotAttempted(CheckFailure):
    """The learner's function still raises NotImplementedError."""
