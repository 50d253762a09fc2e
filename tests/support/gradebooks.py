"""Comparing gradebooks: what grading decided, without ids or run times (resume, distributed and benchmark runs
must produce exactly the gradebook of a plain run)."""

from __future__ import annotations

from course.grading import ledger
from course.nbgrader_api import open_gradebook
from course.workspace import Workspace


def gradebook_snapshot(workspace: Workspace, assignment: str) -> dict:
    """Everything grading decides for an assignment, without ids or run times: two runs compare equal
    exactly when they graded the same submissions to the same scores, penalties, comments and flags."""
    snapshot: dict = {}
    with open_gradebook(workspace) as gb:
        from nbgrader.api import MissingEntry

        try:
            submissions = gb.find_assignment(assignment).submissions
        except MissingEntry:
            return snapshot
        for submission in submissions:
            notebooks = {}
            for nb in submission.notebooks:
                notebooks[nb.name] = {
                    "late_penalty": nb.late_submission_penalty,
                    "grades": sorted(
                        (g.name, g.auto_score, g.manual_score, g.extra_credit, g.needs_manual_grade)
                        for g in nb.grades
                    ),
                    "comments": sorted((c.name, c.auto_comment, c.manual_comment) for c in nb.comments),
                }
            snapshot[submission.student.id] = {
                "timestamp": str(submission.timestamp),
                "extension": str(submission.extension),
                "notebooks": notebooks,
            }
    for student, entry in ledger.entries(workspace, assignment).items():
        snapshot.setdefault(student, {})["ledger"] = (entry.content_hash, entry.status, entry.problems, entry.error)
    return snapshot
