"""Model answers, after a real attempt: `course solution` (self-paced) and `course release-solutions` (cohorts).

A self-paced learner unlocks an exercise's model answer and its explanation (the notebook's hints and the mistakes
the course knows for it, from the proven wrong variants) once a recorded check ran their code for that exercise
(or found their written answer written): `course solution NOTEBOOK EXERCISE`, EXERCISE being the solution cell's id.
Before that, the feedback page says how to unlock it, and written questions show only the question and the rubric's
criteria. In a cohort (`CourseSettings.model_answers = "instructor"`) learners cannot unlock anything: the instructor
runs `course release-solutions ASSIGNMENT` after the due date (and every extension), which writes model-answer
notebooks and pages with the solutions filled in and every hidden test removed.

Model answers are read from `source/` at run time; every page written is scanned for hidden test text first.
"""

from __future__ import annotations

import copy
import html
import logging
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from nbformat import NotebookNode

from course.errors import CourseError
from course.hidden import find_leaks, secret_lines, strip_hidden_regions
from course.layout import Course
from course.notebooks import grade_id, is_solution, read_notebook, solution_code, write_notebook
from course.proof.variants import load_variants
from course.selfpaced import progress
from course.selfpaced.exercises import Exercise, exercise_of, exercises
from course.selfpaced.workspace import LearnerWorkspace

log = logging.getLogger(__name__)


class Locked(Exception):
    """The model answer stays locked (no recorded attempt yet, or a cohort's instructor releases it)."""


def _settings(course: Course):
    from course.selfpaced.check import course_config

    return course_config(course.root)[0]


def solution_target(workspace: LearnerWorkspace | None, path: Path) -> str:
    """How `course solution` names a notebook in the command a page shows: its path inside the workspace, which
    works from the workspace's root (where JupyterLab's terminals open) and from any folder in it."""
    if workspace is not None and path.resolve().is_relative_to(workspace.root):
        return path.resolve().relative_to(workspace.root).as_posix()
    return path.name


def lock_reason(course: Course, workspace: LearnerWorkspace | None, report, cell: str,
                items: list[Exercise] | None = None) -> str:
    """Why a model answer is not open yet, and what opens it (for the feedback page; `items`: the notebook's
    exercises, when the caller has them)."""
    if _settings(course).model_answers == "instructor":
        return "In this course, model answers are released by your instructor after the due date."
    command = f"course solution {solution_target(workspace, report.path)} {cell}"
    if workspace is None:
        return ("Model answers unlock after a recorded attempt in your workspace: work in the notebooks that "
                "`course start` copied, check them there, then run " + f"`{command}`.")
    if items is None:
        items = exercises(read_notebook(course.source_dir / report.assignment / f"{report.notebook}.ipynb"))
    exercise = exercise_of(items, cell)
    key = exercise.key if exercise else cell
    if progress.attempted(workspace.progress_db, report.assignment, report.notebook, key):
        return (f"You have made a real attempt: run `{command}` in a terminal of your workspace to open the model "
                "answer (in solutions/ beside the notebook; this page links it from your next check).")
    return (f"Locked until a check runs your own code for this exercise (not \"not attempted yet\"); then run "
            f"`{command}`.")


def model_answer_markup(cell: NotebookNode) -> tuple[str, str]:
    """(kind, text) of a solution cell's model answer: code without the solution markers, or markdown."""
    if cell.cell_type == "code":
        return "code", solution_code(cell.source)
    return "markdown", cell.source


def model_answer_page(course: Course, assignment: str, notebook: str, cell_id: str) -> str:
    """The page of one exercise's model answer: the task, the model answer, the notebook's hints and the mistakes
    the course knows for it (each proven wrong variant's diagnosis)."""
    from course.feedback.learner_page import STYLE, markdown

    source = read_notebook(course.source_dir / assignment / f"{notebook}.ipynb")
    cell = next((c for c in source.cells if is_solution(c) and grade_id(c) == cell_id), None)
    if cell is None:
        raise CourseError(f"{cell_id!r} is not an exercise of {assignment}/{notebook}")
    exercise = exercise_of(exercises(source), cell_id) or Exercise(cell_id)
    kind, answer = model_answer_markup(cell)
    shown = f"<pre>{html.escape(answer)}</pre>" if kind == "code" else markdown(answer)
    mistakes = sorted({v.why for v in load_variants(course, assignment, notebook) if cell_id in v.cells})
    parts = [
        f"<!doctype html><html><head><meta charset='utf-8'><title>{html.escape(notebook)}: model answer of "
        f"{html.escape(cell_id)}</title><style>{STYLE}</style></head><body>",
        f"<h1>{html.escape(assignment)} / {html.escape(notebook)}: {html.escape(exercise.title)}</h1>",
    ]
    if exercise.question:
        parts.append(f"<details><summary>The exercise</summary>{markdown(exercise.question)}</details>")
    parts.append(f"<h2>Model answer (<code>{html.escape(cell_id)}</code>)</h2>{shown}")
    if exercise.hints:
        parts.append("<h2>How it works</h2>" + "".join(markdown(h) for h in exercise.hints))
    if mistakes:
        parts.append("<h2>Mistakes the course knows for this exercise</h2><p>Each is a wrong version the tests are "
                     "proven to catch:</p><ul>" + "".join(f"<li>{html.escape(m)}</li>" for m in mistakes) + "</ul>")
    parts.append("</body></html>")
    return "\n".join(parts)


def _checked_write(page: str, source: NotebookNode, target: Path, released: list[str]) -> None:
    """Write a page unless it holds hidden test text (model answers themselves are released text)."""
    leaks = find_leaks(page, secret_lines(source, released))
    if leaks:
        raise CourseError(f"not written: {target.name} would show hidden test text ({leaks[0][:60]}…)")
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(page, encoding="utf-8")


def learner_notebook_of(course: Course, workspace: LearnerWorkspace | None, notebook: str) -> Path:
    """The learner's file for NOTEBOOK: a path, or a notebook of the workspace ('01_coding/2_strings')."""
    path = Path(notebook).expanduser()
    candidates = [path, path.with_suffix(".ipynb")]
    if workspace is not None:
        candidates += [workspace.root / path, (workspace.root / path).with_suffix(".ipynb")]
    for candidate in candidates:
        if candidate.is_file():
            return candidate.resolve()
    raise CourseError(f"notebook not found: {notebook}")


def unlock(course: Course, notebook: str, cell_id: str) -> Path:
    """Open an exercise's model answer (`course solution`): its page beside the notebook, after a real attempt."""
    from course.selfpaced.loop import model_answer_path

    if _settings(course).model_answers == "instructor":
        raise Locked("in this course, model answers are released by your instructor after the due date "
                     "(CourseSettings.model_answers is 'instructor')")
    workspace = (LearnerWorkspace.containing(Path(notebook)) or LearnerWorkspace.containing(Path.cwd())
                 or LearnerWorkspace.configured(course))
    path = learner_notebook_of(course, workspace, notebook)
    workspace = LearnerWorkspace.containing(path)
    if workspace is None:
        raise CourseError(f"{path} is not in a workspace: model answers unlock after a recorded check in the "
                          "workspace that `course start` makes")
    assignment, notebook_id = course.locate(path)
    source = read_notebook(course.source_dir / assignment / f"{notebook_id}.ipynb")
    items = exercises(source)
    exercise = exercise_of(items, cell_id)
    if exercise is None or cell_id not in exercise.solutions:
        known = ", ".join(c for e in items for c in e.solutions)
        raise CourseError(f"{cell_id!r} is not an exercise of {assignment}/{notebook_id}; its exercises: {known}")
    if not progress.attempted(workspace.progress_db, assignment, notebook_id, exercise.key):
        raise Locked(f"the model answer of {cell_id} is locked until a recorded check ran your code for "
                     f"'{exercise.title}': attempt it, run `course check {path.name}`, then ask again")
    target = model_answer_path(path, cell_id)
    page = model_answer_page(course, assignment, notebook_id, cell_id)
    _checked_write(page, source, target, [model_answer_markup(c)[1] for c in source.cells if is_solution(c)])
    progress.unlock(workspace.progress_db, assignment, notebook_id, cell_id)
    return target


# --------------------------------------------------------------------------------------------- cohorts
@dataclass
class Released:
    assignment: str
    folder: Path
    notebooks: list[Path] = field(default_factory=list)
    pages: list[Path] = field(default_factory=list)
    forced: str = ""  # why it was too early, when --force released it anyway


def release_time(course: Course, assignment: str) -> tuple[datetime | None, str]:
    """When model answers may be released (the due date plus the longest extension, naive UTC) and what it is."""
    from nbgrader.api import MissingEntry

    from course.nbgrader_api import open_gradebook
    from course.workspace import Workspace

    with open_gradebook(Workspace.of_course(course)) as gb:
        try:
            found = gb.find_assignment(assignment)
        except MissingEntry:
            return None, "no due date is set"
        due = found.duedate
        if due is None:
            return None, "no due date is set"
        extensions = [s.extension for s in found.submissions if s.extension]
    if extensions:
        longest = max(extensions)
        return due + longest, f"due {due:%Y-%m-%d %H:%M} UTC, with an extension of {longest} for a student"
    return due, f"due {due:%Y-%m-%d %H:%M} UTC"


def model_notebook(source: NotebookNode) -> NotebookNode:
    """A source notebook as a model answer: solutions in place (without their markers), hidden tests removed."""
    nb = copy.deepcopy(source)
    for cell in nb.cells:
        if is_solution(cell) and cell.cell_type == "code":
            cell.source = solution_code(cell.source)
        else:
            cell.source = strip_hidden_regions(cell.source) if cell.cell_type == "code" else cell.source
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
    return nb


def release_solutions(course: Course, assignment: str, force: bool = False, now: datetime | None = None) -> Released:
    """Write model-answer notebooks and pages of `assignment` into solutions/ASSIGNMENT/ of the course (for
    instructors of a cohort), never before the due date and every extension have passed unless `force`."""
    from course.feedback.learner_page import STYLE, markdown

    moment, what = release_time(course, assignment)
    now = now or datetime.now(UTC).replace(tzinfo=None)
    too_early = "" if moment is not None and now >= moment else (
        f"{assignment} has {what}" if moment is None else f"{assignment} is {what}: it is not over yet")
    if too_early and not force:
        raise CourseError(f"not releasing model answers: {too_early} (`course due` sets it; --force releases now)")
    folder = course.root / "solutions" / assignment
    released = Released(assignment, folder, forced=too_early)
    for path in course.source_notebooks(assignment):
        source = read_notebook(path)
        nb = model_notebook(source)
        secrets = secret_lines(source, [c.source for c in nb.cells])
        target = folder / path.name
        text = "\n".join(c.source for c in nb.cells)
        if find_leaks(text, secrets):
            raise CourseError(f"{path.name}: the model answer would show hidden test text; nothing written")
        write_notebook(nb, target)
        released.notebooks.append(target)
        parts = [f"<!doctype html><html><head><meta charset='utf-8'><title>{html.escape(path.stem)}: model "
                 f"answers</title><style>{STYLE}</style></head><body>"]
        for cell in nb.cells:
            if cell.cell_type == "markdown":
                parts.append(markdown(cell.source))
            elif cell.source.strip():
                parts.append(f"<pre>{html.escape(cell.source)}</pre>")
        parts.append("</body></html>")
        page = folder / f"{path.stem}.html"
        _checked_write("\n".join(parts), source, page, [c.source for c in nb.cells])
        released.pages.append(page)
    return released
