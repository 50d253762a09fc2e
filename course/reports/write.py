"""Which reports are written where: reports/ASSIGNMENT/ for each assignment asked for, and reports/ for every
assignment graded so far (rewritten from the gradebook each time, so that no assignment's rows are ever lost)."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from course.grading.results import SubmissionResult, graded_students, read_result
from course.reports.csv_files import write_grades_csv, write_lms_csv
from course.reports.page import report_page
from course.workspace import Workspace

log = logging.getLogger(__name__)


@dataclass
class ReportFiles:
    """The files of one report: an assignment's (reports/ASSIGNMENT/) or the course-wide one (reports/)."""

    grades_csv: Path
    lms_csv: Path
    html: Path
    results: list[SubmissionResult]


@dataclass
class Reports:
    """What `write_reports` wrote: one report per assignment asked for, and the course-wide report of every graded
    assignment (rewritten each time from the gradebook, so that no assignment's rows are ever lost)."""

    assignments: dict[str, ReportFiles]
    course: ReportFiles


def graded_assignments(workspace: Workspace) -> list[str]:
    """The course's assignments that have at least one graded submission."""
    return [m for m in workspace.course.assignments() if graded_students(workspace, m)]


def write_reports(workspace: Workspace, assignments: list[str]) -> Reports:
    """reports/ASSIGNMENT/{grades.csv, grades_lms.csv, report.html} for each of `assignments` (each must have grades),
    and the same three files in reports/ for every assignment graded so far."""
    everything = graded_assignments(workspace)
    missing = [m for m in assignments if m not in everything]
    if missing:
        raise NothingGraded(f"nothing graded for {', '.join(missing)} yet; run `course grade {missing[0]}` first "
                            "(existing reports are left as they are)")
    results = {m: [read_result(workspace, m, s, messages=False) for s in graded_students(workspace, m)]
               for m in everything}
    out = workspace.root / "reports"
    log.info("reports for %s and the whole course in %s", ", ".join(assignments), out)
    written = {m: _write(workspace, out / m, [m], results[m]) for m in assignments}
    course_wide = _write(workspace, out, everything, [r for m in everything for r in results[m]])
    return Reports(written, course_wide)


class NothingGraded(Exception):
    """A report was asked for an assignment without grades (no file is written)."""


def _write(workspace: Workspace, out: Path, assignments: list[str], results: list[SubmissionResult]) -> ReportFiles:
    out.mkdir(parents=True, exist_ok=True)
    report = ReportFiles(out / "grades.csv", out / "grades_lms.csv", out / "report.html", results)
    write_grades_csv(report.grades_csv, results)
    write_lms_csv(report.lms_csv, results)
    report.html.write_text(report_page(workspace, assignments, results), encoding="utf-8")
    return report


