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
    grades_csv: Path
    lms_csv: Path
    html: Path
    results: list[SubmissionResult]


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


def write_report(workspace: Workspace, assignments: list[str]) -> Report:
    out = workspace.root / "reports"
    out.mkdir(parents=True, exist_ok=True)
    results: list[SubmissionResult] = []
    for assignment in assignments:
        for student in graded_students(workspace, assignment):
            results.append(read_result(workspace, assignment, student, messages=False))
    grades_csv = out / "grades.csv"
    lms_csv = out / "grades_lms.csv"
    _write_grades(grades_csv, results)
    _write_lms(lms_csv, results)
    page = out / "report.html"
    page.write_text(_html(workspace, assignments, results), encoding="utf-8")
    return Report(grades_csv, lms_csv, page, results)


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


def _plots(workspace: Workspace, assignment: str, results: list[SubmissionResult]) -> list[tuple[str, str]]:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    plots = []
    scores = [100 * r.auto_score() / r.auto_max() for r in results if r.auto_max()]
    fig, ax = plt.subplots(figsize=(6, 3))
    ax.hist(scores, bins=10, range=(0, 100), color="#4c72b0", edgecolor="white")
    ax.set(title=f"{assignment}: autograded score distribution", xlabel="score (%)", ylabel="learners")
    plots.append(("Score distribution", _figure_png(fig)))
    plt.close(fig)

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
        plots.append(("Failure rate per test", _figure_png(fig)))
        plt.close(fig)

    timings = ledger.entries(workspace, assignment)
    seconds = [timings[r.student].seconds for r in results if r.student in timings]
    if seconds:
        fig, ax = plt.subplots(figsize=(6, 3))
        ax.hist(seconds, bins=15, color="#55a868", edgecolor="white")
        ax.set(title="Grading time per submission", xlabel="seconds", ylabel="submissions")
        plots.append(("Grading time", _figure_png(fig)))
        plt.close(fig)
    return plots


def _html(workspace: Workspace, assignments: list[str], results: list[SubmissionResult]) -> str:
    parts = [
        "<!doctype html><html><head><meta charset='utf-8'><title>Course report</title>",
        "<style>body{font-family:sans-serif;max-width:1000px;margin:2em auto}table{border-collapse:collapse}"
        "td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}th{background:#eee}"
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
                f"<td>{seconds}</td><td style='text-align:left'>{html.escape(note_text)}</td></tr>"
            )
        parts.append("</table>")
        for title, png in _plots(workspace, assignment, rows):
            parts.append(
                f"<h3>{html.escape(title)}</h3><img alt='{html.escape(title)}' src='data:image/png;base64,{png}'>"
            )
    parts.append("</body></html>")
    return "\n".join(parts)
