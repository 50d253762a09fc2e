"""`course report`: grades CSV files and an HTML report with plots, read from the gradebook."""

from __future__ import annotations

import base64
import csv
import html
import io
from dataclasses import dataclass
from pathlib import Path

from course import ledger
from course.grading import submitted_students
from course.nbapi import open_gradebook
from course.results import SubmissionResult, read_result
from course.workspace import Workspace


@dataclass
class Report:
    """The files of one report: a module's (reports/MODULE/) or the course-wide one (reports/)."""

    grades_csv: Path
    lms_csv: Path
    html: Path
    results: list[SubmissionResult]


@dataclass
class Reports:
    """What `write_reports` wrote: one report per module asked for, and the course-wide report of every graded
    module (rewritten each time from the gradebook, so that no module's rows are ever lost)."""

    modules: dict[str, Report]
    course: Report


def graded_students(workspace: Workspace, assignment: str) -> list[str]:
    """Students with a submission of `assignment` in the gradebook."""
    from nbgrader.api import MissingEntry

    if workspace.db_url.startswith("sqlite:///") and not Path(workspace.db_url[10:].split("?")[0]).exists():
        return []
    with open_gradebook(workspace) as gb:
        try:
            return sorted(s.student.id for s in gb.find_assignment(assignment).submissions)
        except MissingEntry:
            return []


def graded_modules(workspace: Workspace) -> list[str]:
    """The course's modules that have at least one graded submission."""
    return [m for m in workspace.course.modules() if graded_students(workspace, m)]


def write_reports(workspace: Workspace, modules: list[str]) -> Reports:
    """reports/MODULE/{grades.csv, grades_lms.csv, report.html} for each of `modules` (each must have grades),
    and the same three files in reports/ for every module graded so far."""
    everything = graded_modules(workspace)
    missing = [m for m in modules if m not in everything]
    if missing:
        raise NothingGraded(f"nothing graded for {', '.join(missing)} yet; run `course grade {missing[0]}` first "
                            "(existing reports are left as they are)")
    results = {m: [read_result(workspace, m, s, messages=False) for s in graded_students(workspace, m)]
               for m in everything}
    out = workspace.root / "reports"
    written = {m: _write(workspace, out / m, [m], results[m]) for m in modules}
    course_wide = _write(workspace, out, everything, [r for m in everything for r in results[m]])
    return Reports(written, course_wide)


class NothingGraded(Exception):
    """A report was asked for a module without grades (no file is written)."""


def _write(workspace: Workspace, out: Path, modules: list[str], results: list[SubmissionResult]) -> Report:
    out.mkdir(parents=True, exist_ok=True)
    report = Report(out / "grades.csv", out / "grades_lms.csv", out / "report.html", results)
    _write_grades(report.grades_csv, results)
    _write_lms(report.lms_csv, results)
    report.html.write_text(_html(workspace, modules, results), encoding="utf-8")
    return report


NBGRADER_COLUMNS = ["assignment", "duedate", "timestamp", "student_id", "last_name", "first_name", "email",
                    "raw_score", "late_submission_penalty", "score", "max_score"]


def _write_grades(path: Path, results: list[SubmissionResult]) -> None:
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


def _write_lms(path: Path, results: list[SubmissionResult]) -> None:
    """One row per student and assignment: the columns most learning platforms import."""
    with path.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["Student ID", "Assignment", "Points", "Points Possible", "Percent", "Late Penalty",
                         "Needs Grading"])
        for r in results:
            percent = 100.0 * r.score / r.max_total if r.max_total else 0.0
            writer.writerow([r.student, r.assignment, f"{r.score:g}", f"{r.max_total:g}", f"{percent:.1f}",
                             f"{r.late_penalty:g}", "yes" if r.pending_manual else "no"])


def _figure_png(fig) -> str:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=90, bbox_inches="tight")
    return base64.b64encode(buffer.getvalue()).decode()


def report_figures(assignment: str, results: list[SubmissionResult], seconds: list[float]) -> list[tuple[str, object]]:
    """(title, matplotlib Figure) of each plot of a module's report; the caller closes them."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.ticker import MaxNLocator

    figures = []
    scores = [100 * r.auto_score() / r.auto_max() for r in results if r.auto_max()]
    fig, ax = plt.subplots(figsize=(6, 3))
    ax.hist(scores, bins=10, range=(0, 100), color="#4c72b0", edgecolor="white")
    ax.set(title=f"{assignment}: autograded score distribution", xlabel="score (%)", ylabel="learners")
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))  # counts of learners: whole numbers
    figures.append(("Score distribution", fig))

    tests = [(t.notebook, t.test) for t in results[0].auto_tests()] if results else []
    if tests:
        rates = []
        for notebook, test in tests:
            outcomes = [t.passed for r in results for t in r.auto_tests() if (t.notebook, t.test) == (notebook, test)]
            rates.append(100 * (1 - sum(outcomes) / len(outcomes)) if outcomes else 0)
        fig, ax = plt.subplots(figsize=(7, 0.28 * len(tests) + 1))
        ax.barh([f"{n}: {t}" for n, t in tests], rates, color="#dd8452")
        ax.invert_yaxis()
        ax.set(
            title="Failure rate per test (which exercises are hardest)", xlabel="learners failing (%)", xlim=(0, 100)
        )
        figures.append(("Failure rate per test", fig))

    if seconds:
        fig, ax = plt.subplots(figsize=(6, 3))
        ax.hist(seconds, bins=15, color="#55a868", edgecolor="white")
        ax.set(title="Grading time per submission", xlabel="seconds", ylabel="submissions")
        ax.yaxis.set_major_locator(MaxNLocator(integer=True))  # counts of submissions: whole numbers
        figures.append(("Grading time", fig))
    return figures


def _plots(workspace: Workspace, assignment: str, results: list[SubmissionResult]) -> list[tuple[str, str]]:
    import matplotlib.pyplot as plt

    timings = ledger.entries(workspace, assignment)
    seconds = [timings[r.student].seconds for r in results if r.student in timings]
    plots = []
    for title, fig in report_figures(assignment, results, seconds):
        plots.append((title, _figure_png(fig)))
        plt.close(fig)
    return plots


def _html(workspace: Workspace, assignments: list[str], results: list[SubmissionResult]) -> str:
    parts = [
        "<!doctype html><html><head><meta charset='utf-8'><title>Course report</title>",
        "<style>body{font-family:sans-serif;max-width:1000px;margin:2em auto}table{border-collapse:collapse}"
        "td,th{border:1px solid #ccc;padding:3px 8px;text-align:right;white-space:nowrap}th{background:#eee}"
        "td.notes{text-align:left;white-space:normal}"
        "td:first-child{text-align:left}</style></head><body><h1>Course report</h1>",
    ]
    for assignment in assignments:
        rows = [r for r in results if r.assignment == assignment]
        submitted = len(submitted_students(workspace, assignment))
        parts.append(f"<h2>{html.escape(assignment)}</h2><p>{len(rows)} graded of {submitted} submitted.</p>")
        if not rows:
            continue
        timings = ledger.entries(workspace, assignment)
        parts.append(
            "<table><tr><th>student</th><th>autograded</th><th>score</th><th>late penalty</th>"
            "<th>manual pending</th><th>grading time (s)</th><th>problems</th></tr>"
        )
        for r in rows:
            entry = timings.get(r.student)
            notes = [*entry.problems, *entry.flags, entry.error] if entry else []
            if entry and not entry.sandboxed:
                notes.append("graded without a sandbox")
            seconds = f"{entry.seconds:.1f}" if entry else ""
            note_text = "; ".join(n for n in notes if n)
            parts.append(
                f"<tr><td>{html.escape(r.student)}</td><td>{r.auto_score():g} / {r.auto_max():g}</td>"
                f"<td>{r.score:g} / {r.max_total:g}</td><td>{r.late_penalty:g}</td><td>{r.pending_manual}</td>"
                f"<td>{seconds}</td><td class='notes'>{html.escape(note_text)}</td></tr>"
            )
        parts.append("</table>")
        for title, png in _plots(workspace, assignment, rows):
            parts.append(
                f"<h3>{html.escape(title)}</h3><img alt='{html.escape(title)}' src='data:image/png;base64,{png}'>"
            )
    parts.append("</body></html>")
    return "\n".join(parts)
