"""The report's HTML page: per assignment, a table of submissions (scores, late penalty, pending manual grades,
grading time, problems) and the plots."""

from __future__ import annotations

import html

from course.grading import ledger
from course.grading.results import SubmissionResult
from course.grading.submissions import submitted_students
from course.reports.plots import report_plots
from course.workspace import Workspace


def report_page(workspace: Workspace, assignments: list[str], results: list[SubmissionResult]) -> str:
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
        for title, png in report_plots(workspace, assignment, rows):
            parts.append(
                f"<h3>{html.escape(title)}</h3><img alt='{html.escape(title)}' src='data:image/png;base64,{png}'>"
            )
    parts.append("</body></html>")
    return "\n".join(parts)
