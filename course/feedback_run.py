"""Generating feedback HTML for graded students, in parallel, with hidden tests removed."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from course.nbapi import api_for
from course.pool import run_per_student
from course.workspace import Workspace


@dataclass(frozen=True)
class FeedbackOutcome:
    student: str
    ok: bool
    error: str = ""


def autograded_students(workspace: Workspace, assignment: str) -> list[str]:
    """Students with graded notebooks of `assignment` in autograded/ (feedback is made from those)."""
    root = workspace.root / "autograded"
    if not root.is_dir():
        return []
    return sorted(p.name for p in root.iterdir() if any((p / assignment).glob("*.ipynb")))


def feedback_for_student(workspace: Workspace, assignment: str, student: str) -> FeedbackOutcome:
    result = api_for(workspace).generate_feedback(assignment, student, force=True)
    if result.get("success"):
        return FeedbackOutcome(student, True)
    lines = (result.get("log", "") + result.get("error", "")).strip().splitlines()
    return FeedbackOutcome(student, False, lines[-1] if lines else "unknown error")


def generate_feedback(
    workspace: Workspace, assignment: str, students: Sequence[str], workers: int | None = None
) -> list[FeedbackOutcome]:
    def crashed(student: str, exc: BaseException) -> FeedbackOutcome:
        return FeedbackOutcome(student, False, repr(exc))

    outcomes = run_per_student(workspace, feedback_for_student, assignment, students, workers, crashed)
    return [outcomes[s] for s in students]
