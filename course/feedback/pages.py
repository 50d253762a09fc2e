"""Writing feedback pages for graded students: the one function every path that writes feedback calls.

`write_feedback` runs nbgrader's GenerateFeedback (with the course's preprocessors: hidden tests removed, math as
MathML) for every graded notebook, writes a page that says why for every notebook that could not be graded
(missing, broken JSON, too large), and scans every page it wrote for hidden test text: a page that holds any is
deleted and reported, never left for a learner to read.
"""

from __future__ import annotations

import html
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from course.grading import ledger
from course.grading.pool import run_per_student
from course.hidden import FeedbackSecrets
from course.nbgrader_api import generate_feedback
from course.workspace import Workspace

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class FeedbackOutcome:
    student: str
    ok: bool
    error: str = ""
    pages: tuple[Path, ...] = ()  # every page written for the student, including those saying why a notebook scored 0
    leaked: tuple[str, ...] = ()  # "page: hidden line" for every page deleted because it held hidden test text


def _nbgrader_feedback(workspace: Workspace, assignment: str, student: str) -> tuple[bool, str]:
    step = generate_feedback(workspace, assignment, student)
    return step.ok, step.reason()


def _feedback_for_student(workspace: Workspace, assignment: str, student: str) -> FeedbackOutcome:
    log.info("feedback for %s on %s", student, assignment)
    ok, error = (True, "")
    if (workspace.path("autograded", student, assignment)).is_dir():
        ok, error = _nbgrader_feedback(workspace, assignment, student)
    folder = workspace.path("feedback", student, assignment)
    _write_ungraded_pages(workspace, assignment, student, folder)
    secrets = FeedbackSecrets(workspace.course.source_notebooks(assignment))
    pages, leaked = [], []
    for page in sorted(folder.glob("*.html")) if folder.is_dir() else []:
        lines = secrets.leaks(page)
        if lines:
            page.unlink()
            leaked += [f"{page}: {line}" for line in lines]
        else:
            pages.append(page)
    return FeedbackOutcome(student, ok and not leaked, error or ("hidden test text found; page deleted" if leaked
                                                                 else ""), tuple(pages), tuple(leaked))


def _write_ungraded_pages(workspace: Workspace, assignment: str, student: str, folder: Path) -> None:
    """A page for each notebook that scored 0 without running (the grading ledger holds the reason)."""
    entry = ledger.lookup(workspace, assignment, student)
    if entry is None:
        return
    for source in workspace.course.source_notebooks(assignment):
        reasons = [p.split(":", 1)[1].strip() for p in entry.problems
                   if p.startswith(f"{source.stem}:") and "scored 0" in p]
        if not reasons or (folder / f"{source.stem}.html").exists():
            continue
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{source.stem}.html").write_text(ungraded_page(assignment, source.stem, reasons), encoding="utf-8")


def ungraded_page(assignment: str, notebook: str, reasons: list[str]) -> str:
    items = "".join(f"<li>{html.escape(reason)}</li>" for reason in reasons)
    return (
        "<!doctype html><html><head><meta charset='utf-8'>"
        f"<title>{html.escape(notebook)}: not graded</title>"
        "<style>body{font-family:sans-serif;max-width:760px;margin:2em auto;line-height:1.5}"
        ".why{background:#fdecea;border-left:4px solid #d9534f;padding:.5em 1em}</style></head><body>"
        f"<h1>{html.escape(assignment)} / {html.escape(notebook)}: 0 points</h1>"
        "<div class='why'><p>This notebook could not be graded, so every test in it scored 0:</p>"
        f"<ul>{items}</ul></div>"
        "<p>What to do: open your copy of the notebook in JupyterLab. If it does not open, it was damaged on the "
        "way (for example edited outside Jupyter); fetch a fresh copy of the assignment, paste your answers back "
        "in, save it, check that it opens and runs, and submit again before the deadline.</p></body></html>\n"
    )


def write_feedback(
    workspace: Workspace, assignment: str, students: Sequence[str], workers: int | None = None
) -> list[FeedbackOutcome]:
    """Feedback pages for `students` (graded ones, and those whose notebooks could not be graded)."""
    def crashed(student: str, exc: BaseException) -> FeedbackOutcome:
        return FeedbackOutcome(student, False, repr(exc))

    outcomes = run_per_student(workspace, _feedback_for_student, assignment, students, workers, crashed)
    return [outcomes[s] for s in students]
