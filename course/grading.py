"""Autograding many submissions: nbgrader's Autograde in long-lived worker processes, one student per task.

Each worker process imports nbgrader once and grades the students it is handed through nbgrader's Python
API (no CLI start per submission). A student is graded by exactly one worker, so workers never share
folders. Faults are loud: a missing or unreadable notebook scores 0 with a recorded reason instead of
failing the whole submission, and deleted test cells are restored and reported.
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field

from course import ledger

try:
    import fcntl
except ImportError:  # Windows: no lock file (a learner's `course check` only grades one scratch workspace)
    fcntl = None
from course.errors import CourseError
from course.nbapi import api_for, open_gradebook, prepare_process
from course.notebooks import grade_id, is_grade, read_notebook
from course.pool import run_per_student
from course.workspace import Workspace


@dataclass
class GradingOutcome:
    """What happened when one student's submission was graded (or skipped as already graded)."""

    student: str
    assignment: str
    graded: bool = True
    seconds: float = 0.0
    problems: list[str] = field(default_factory=list)
    error: str = ""
    skipped: bool = False


def submitted_students(workspace: Workspace, assignment: str) -> list[str]:
    """Students with a submission folder for `assignment`, sorted."""
    root = workspace.root / "submitted"
    if not root.is_dir():
        return []
    return sorted(p.name for p in root.iterdir() if (p / assignment).is_dir())


def ensure_assignment(workspace: Workspace, assignment: str) -> None:
    """Record the assignment (notebooks, test cells, points) in the gradebook if it is not there yet."""
    from nbgrader.api import MissingEntry

    with open_gradebook(workspace) as gb:
        try:
            gb.find_assignment(assignment)
            return
        except MissingEntry:
            pass
    from course.build import generate_release

    generate_release(workspace, assignment)


def _preflight(workspace: Workspace, assignment: str, student: str) -> tuple[list[str], list[str], list[str]]:
    """(readable notebook ids, unreadable notebook ids, problems) of a submission."""
    folder = workspace.path("submitted", student, assignment)
    readable, broken, problems = [], [], []
    expected = workspace.course.source_notebooks(assignment)
    for source_path in expected:
        path = folder / source_path.name
        if not path.exists():
            problems.append(f"{source_path.stem}: notebook missing from the submission (scored 0)")
            continue
        try:
            submitted = read_notebook(path)
        except CourseError as exc:
            broken.append(source_path.stem)
            reason = str(exc).replace(str(path), path.name)
            problems.append(f"{source_path.stem}: {reason} (scored 0)")
            continue
        readable.append(source_path.stem)
        wanted = {grade_id(c) for c in read_notebook(source_path).cells if is_grade(c)}
        present = {grade_id(c) for c in submitted.cells if is_grade(c)}
        if wanted - present:
            problems.append(
                f"{source_path.stem}: graded cells deleted ({', '.join(sorted(wanted - present))}); "
                "restored from the source and graded"
            )
    known = {p.name for p in expected}
    for extra in sorted(folder.glob("*.ipynb")):
        if extra.name not in known:
            problems.append(f"{extra.name}: not a notebook of {assignment}; ignored")
    return readable, broken, problems


def _zero_notebook(workspace: Workspace, assignment: str, student: str, notebook: str) -> None:
    """Score every cell of an unreadable notebook 0, as nbgrader does for a missing one."""
    with open_gradebook(workspace) as gb:
        gb.update_or_create_student(student)
        gb.update_or_create_submission(assignment, student)  # no-op when another notebook was graded
        submission = gb.find_submission_notebook(notebook, assignment, student)
        for grade in submission.grades:
            grade.auto_score = 0
            grade.needs_manual_grade = False
        gb.db.commit()


_PROCESS_LOCK = threading.Lock()  # nbgrader's converters chdir and share state: one grading per process


def deadline_key(workspace: Workspace, assignment: str, student: str) -> str:
    """The due date and the student's extension, as recorded in the gradebook (part of the content hash)."""
    from nbgrader.api import MissingEntry

    with open_gradebook(workspace) as gb:
        try:
            due = gb.find_assignment(assignment).duedate
        except MissingEntry:
            return ""
        try:
            extension = gb.find_submission(assignment, student).extension
        except MissingEntry:
            extension = None
    return f"{due}|{extension}"


def is_up_to_date(workspace: Workspace, assignment: str, student: str) -> bool:
    """Graded before from exactly the same submission, sources, config and deadline."""
    entry = ledger.lookup(workspace, assignment, student)
    if entry is None or entry.status != "graded":
        return False
    key = ledger.content_hash(workspace, assignment, student, deadline_key(workspace, assignment, student))
    return entry.content_hash == key


def grade_student(workspace: Workspace, assignment: str, student: str) -> GradingOutcome:
    """Autograde one student's submission of `assignment` (runs inside a worker process)."""
    prepare_process(workspace)
    with _PROCESS_LOCK:
        return _grade_student(workspace, assignment, student)


def _grade_student(workspace: Workspace, assignment: str, student: str) -> GradingOutcome:
    from nbgrader.utils import temp_attrs

    started = time.perf_counter()
    outcome = GradingOutcome(student, assignment)
    ledger.forget(workspace, assignment, student)  # an interrupted run must leave no "graded" row behind
    key = ledger.content_hash(workspace, assignment, student, deadline_key(workspace, assignment, student))
    api = api_for(workspace)
    readable, broken, outcome.problems = _preflight(workspace, assignment, student)
    if not broken:
        runs = [api.autograde(assignment, student, force=True, create=True)]
    else:
        runs = []
        for notebook in readable:
            with temp_attrs(api.coursedir, notebook_id=notebook):
                runs.append(api.autograde(assignment, student, force=True, create=True))
    failed = [r for r in runs if not r.get("success")]
    if failed:
        outcome.graded = False
        outcome.error = _first_error(failed[0])
    else:
        for notebook in broken:
            _zero_notebook(workspace, assignment, student, notebook)
    outcome.seconds = time.perf_counter() - started
    ledger.record(workspace, ledger.Entry(
        assignment, student, key, "graded" if outcome.graded else "failed", outcome.seconds,
        problems=outcome.problems, error=outcome.error,
    ))
    return outcome


def _first_error(result: dict) -> str:
    text = (result.get("log", "") + "\n" + result.get("error", "")).splitlines()
    for marker in ("became unresponsive", "Timeout", "Error", "ERROR"):
        for line in text:
            if marker in line and "There was an error processing" not in line and "Please see" not in line:
                return line.strip()[:300]
    return (text[-1].strip() if text else "unknown error")[:300]


def grade_all(
    workspace: Workspace,
    assignment: str,
    students: Sequence[str],
    workers: int | None = None,
    on_done: Callable[[GradingOutcome], None] | None = None,
    force: bool = True,
    scheduler: str | None = None,
) -> list[GradingOutcome]:
    """Grade `students` in parallel; outcomes in the order of `students`.

    Without `force`, a submission graded before from identical content is skipped (reported as skipped).
    Only one grading run may work on a workspace at a time (a lock file guards it).
    """
    with grading_lock(workspace):
        prepare_process(workspace)
        ensure_assignment(workspace, assignment)
        ledger.engine(workspace)  # create the ledger table before workers start
        outcomes: dict[str, GradingOutcome] = {}
        todo = []
        for student in students:
            if not force and is_up_to_date(workspace, assignment, student):
                entry = ledger.lookup(workspace, assignment, student)
                outcomes[student] = GradingOutcome(
                    student, assignment, seconds=entry.seconds if entry else 0.0,
                    problems=entry.problems if entry else [], skipped=True,
                )
                if on_done:
                    on_done(outcomes[student])
            else:
                todo.append(student)

        def crashed(student: str, exc: BaseException) -> GradingOutcome:
            return GradingOutcome(student, assignment, graded=False, error=f"grader crashed: {exc!r}")

        outcomes.update(run_per_student(workspace, grade_student, assignment, todo, workers, crashed, on_done,
                                        scheduler=scheduler))
    return [outcomes[s] for s in students]


@contextlib.contextmanager
def grading_lock(workspace: Workspace) -> Iterator[None]:
    """Refuse a second grading run on the same workspace while one is running (released even on SIGKILL)."""
    path = workspace.root / ".grading.lock"
    if fcntl is None:
        yield
        return
    with path.open("a") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise CourseError(f"another grading run is working on {workspace.root} (lock: {path})") from None
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
