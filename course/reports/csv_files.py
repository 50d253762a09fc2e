"""The grade CSV files: nbgrader's export columns plus one column per test, and the columns LMSs import."""

from __future__ import annotations

import csv
from pathlib import Path

from course.grading.results import SubmissionResult

NBGRADER_COLUMNS = ["assignment", "duedate", "timestamp", "student_id", "last_name", "first_name", "email",
                    "raw_score", "late_submission_penalty", "score", "max_score"]


def write_grades_csv(path: Path, results: list[SubmissionResult]) -> None:
    """nbgrader's export columns, then autograded/manual summaries and one column per test."""
    test_columns = list(dict.fromkeys(f"{r.assignment}/{t.notebook}/{t.test}" for r in results for t in r.tests))
    with path.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow([*NBGRADER_COLUMNS, "autograded_score", "autograded_max", "manual_pending", *test_columns])
        for r in results:
            by_test = {f"{r.assignment}/{t.notebook}/{t.test}": t for t in r.tests}
            writer.writerow([
                r.assignment, _when(r.duedate), _when(r.timestamp), r.student, r.last_name, r.first_name, r.email,
                f"{r.total:g}", f"{r.late_penalty:g}", f"{r.score:g}", f"{r.max_total:g}",
                f"{r.auto_score():g}", f"{r.auto_max():g}", r.pending_manual,
                *[_cell(by_test.get(c)) for c in test_columns],
            ])


def _when(value) -> str:
    return value.isoformat(sep=" ") if value is not None else ""


def _cell(test) -> str:
    if test is None:
        return ""
    return "pending" if test.score is None else f"{test.score:g}"


def write_lms_csv(path: Path, results: list[SubmissionResult]) -> None:
    """One row per student and assignment: the columns most learning platforms import."""
    with path.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["Student ID", "Assignment", "Points", "Points Possible", "Percent", "Late Penalty",
                         "Needs Grading"])
        for r in results:
            percent = 100.0 * r.score / r.max_total if r.max_total else 0.0
            writer.writerow([r.student, r.assignment, f"{r.score:g}", f"{r.max_total:g}", f"{percent:.1f}",
                             f"{r.late_penalty:g}", "yes" if r.pending_manual else "no"])


