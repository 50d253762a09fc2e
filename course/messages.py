"""How a failing test reads for the learner: one line, the same in feedback, reports and the proof's replay.

Imports nothing but the standard library, so that the replay harness (course.proof.harness) starts fast.
"""

from __future__ import annotations

QUIET_ERRORS = {"CheckFailure", "NotAttempted", "AssertionError"}  # their message says it all


def error_message(ename: str, evalue: str) -> str:
    """`ename: first line of evalue`, or just the first line for the errors whose message says it all."""
    lines = evalue.strip().splitlines()
    first = lines[0] if lines else ""
    return first if ename in QUIET_ERRORS and first else f"{ename}: {first}".strip()


def stderr_message(text: str) -> str:
    """Why a cell that wrote to stderr scored 0, with the first line it wrote."""
    lines = text.strip().splitlines()
    return f"wrote to stderr (scored 0): {lines[0] if lines else ''}"

# Why the rest of a notebook scored 0 when its kernel stopped (the grader and the proof's replay say the same).
KERNEL_DIED = "the kernel died while running this cell{how}: a crash, os._exit or running out of memory"
KERNEL_STOPPED = "the cell ran past the time limit and ignored the interrupt, so the kernel was stopped"
TAMPERING = "TamperingDetected"  # the error a grading kernel's guard raises (course.sandbox.guard)
# Keys of a failed check's structured details (course.checks.CheckFailure) that hold expected values: a learner's
# page never shows them for a hidden check (course.selfpaced.check.learner_view).
EXPECTED_KEYS = ("expected", "expected_shape")
