"""Autograding many submissions: nbgrader's Autograde in long-lived worker processes, one student per task.

Each worker process imports nbgrader once and grades the students it is handed through nbgrader's Python
API (no CLI start per submission). A student is graded by exactly one worker, so workers never share
folders. Faults are loud: a missing or unreadable notebook scores 0 with a recorded reason instead of
failing the whole submission, and deleted test cells are restored and reported.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from course import ledger
from course.errors import CourseError
from course.execute import take_events
from course.nbapi import api_for, open_gradebook, prepare_process
from course.notebooks import grade_id, is_grade, read_notebook, write_notebook
from course.pool import run_per_student
from course.tamper import METADATA_CHANGED, Finding, inspect_notebook, restore_metadata
from course.workspace import Workspace

try:
    import fcntl
except ImportError:  # Windows: no lock file (a learner's `course check` only grades one scratch workspace)
    fcntl = None


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
    flags: list[str] = field(default_factory=list)  # tampering found: the tests concerned earned nothing


def submitted_students(workspace: Workspace, assignment: str) -> list[str]:
    """Students with a submission folder for `assignment`, sorted."""
    root = workspace.root / "submitted"
    if not root.is_dir():
        return []
    return sorted(p.name for p in root.iterdir() if (p / assignment).is_dir())


def ensure_assignment(workspace: Workspace, assignment: str) -> None:
    """Record the assignment (notebooks, test cells, points) in the gradebook when it is not there yet or its
    source notebooks changed since it was recorded. No release folder is written: a learner may be working in it."""
    from nbgrader.api import MissingEntry

    from course.build import record_assignment

    key = ledger.source_hash(workspace, assignment)
    with open_gradebook(workspace) as gb:
        try:
            gb.find_assignment(assignment)
            known = ledger.recorded_source(workspace, assignment) == key
        except MissingEntry:
            known = False
    if not known:
        record_assignment(workspace, assignment)
        ledger.record_source(workspace, assignment, key)


MAX_NOTEBOOK_BYTES = 20 * 2**20  # a larger submitted notebook is refused (scored 0) rather than parsed


@dataclass
class Preflight:
    """What a submission looks like before it runs."""

    readable: list[str] = field(default_factory=list)
    unreadable: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)


def _preflight(workspace: Workspace, assignment: str, student: str) -> Preflight:
    """Readable and unreadable notebooks, loud problems, and tampering found in the files themselves."""
    folder = workspace.path("submitted", student, assignment)
    report = Preflight()
    expected = workspace.course.source_notebooks(assignment)
    for source_path in expected:
        path = folder / source_path.name
        if not path.exists():
            report.problems.append(f"{source_path.stem}: notebook missing from the submission (scored 0)")
            continue
        if path.stat().st_size > MAX_NOTEBOOK_BYTES:
            report.unreadable.append(source_path.stem)
            report.problems.append(f"{source_path.stem}: notebook of {path.stat().st_size / 2**20:.0f} MiB exceeds "
                                   f"{MAX_NOTEBOOK_BYTES // 2**20} MiB (scored 0)")
            continue
        try:
            submitted = read_notebook(path)
        except CourseError as exc:
            report.unreadable.append(source_path.stem)
            reason = str(exc).replace(str(path), path.name)
            report.problems.append(f"{source_path.stem}: {reason} (scored 0)")
            continue
        report.readable.append(source_path.stem)
        source = read_notebook(source_path)
        wanted = {grade_id(c) for c in source.cells if is_grade(c)}
        present = {grade_id(c) for c in submitted.cells if is_grade(c)}
        if wanted - present:
            report.problems.append(
                f"{source_path.stem}: graded cells deleted ({', '.join(sorted(wanted - present))}); "
                "restored from the source and graded"
            )
        release = workspace.course.release_dir / assignment / source_path.name
        if release.exists():
            report.findings += inspect_notebook(source_path.stem, source, read_notebook(release), submitted)
    known = {p.name for p in expected}
    for extra in sorted(folder.glob("*.ipynb")):
        if extra.name not in known:
            report.problems.append(f"{extra.name}: not a notebook of {assignment}; ignored")
    return report


def _zero(workspace: Workspace, assignment: str, student: str, notebook: str,
          tests: tuple[str, ...] | None = None, manual_too: bool = False) -> None:
    """Score autograded cells of a notebook 0 (only `tests` when given; written answers too with `manual_too`)."""
    with open_gradebook(workspace) as gb:
        gb.update_or_create_student(student)
        gb.update_or_create_submission(assignment, student)  # no-op when another notebook was graded
        submission = gb.find_submission_notebook(notebook, assignment, student)
        for grade in submission.grades:
            if tests is not None and grade.name not in tests:
                continue
            if grade.cell.cell_type == "markdown" and not manual_too:
                continue
            grade.auto_score = 0
            grade.needs_manual_grade = False
        gb.db.commit()


@contextlib.contextmanager
def _graded_copy(workspace: Workspace, api, assignment: str, student: str, checked: Preflight) -> Iterator[None]:
    """When a learner changed the grading metadata of cells, grade a copy with that metadata restored from the
    release (nbgrader would otherwise stop on the whole submission); the submitted files stay untouched."""
    from nbgrader.utils import temp_attrs

    tampered = {f.notebook for f in checked.findings if f.reason.startswith(METADATA_CHANGED)}
    if not tampered:
        yield
        return
    staging = workspace.root / ".staging"
    copy = staging / student / assignment
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(workspace.path("submitted", student, assignment), copy)
    try:
        for notebook in tampered:
            path = copy / f"{notebook}.ipynb"
            release = read_notebook(workspace.course.release_dir / assignment / path.name)
            write_notebook(restore_metadata(read_notebook(path), release), path)
        with temp_attrs(api.coursedir, submitted_directory=str(staging)):
            yield
    finally:
        shutil.rmtree(staging / student, ignore_errors=True)


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
    checked = _preflight(workspace, assignment, student)
    outcome.problems = checked.problems
    with _graded_copy(workspace, api, assignment, student, checked):
        if not checked.unreadable:
            runs = [_autograde(api, assignment, student)]
        else:
            runs = []
            for notebook in checked.readable:
                with temp_attrs(api.coursedir, notebook_id=notebook):
                    runs.append(_autograde(api, assignment, student))
    tampered: dict[str, tuple[str, ...] | None] = {}
    for finding in checked.findings:
        outcome.flags.append(str(finding))
        if finding.tests is None or tampered.get(finding.notebook, ()) is None:
            tampered[finding.notebook] = None
        elif finding.tests:
            tampered[finding.notebook] = (*tampered.get(finding.notebook, ()), *finding.tests)
    for event in take_events(student):
        if event["kind"] == "tamper":
            outcome.flags.append(f"{event['notebook']}: {event['message']}")
            tampered[event["notebook"]] = None
        else:
            outcome.problems.append(f"{event['notebook']}: {event['message']}")
    failed = [r for r in runs if not r.get("success")]
    if failed:
        outcome.graded = False
        outcome.error = _first_error(failed[0])
    else:
        for notebook in checked.unreadable:
            _zero(workspace, assignment, student, notebook, manual_too=True)
        for notebook, tests in tampered.items():
            if notebook in checked.readable:
                _zero(workspace, assignment, student, notebook, tests)
    outcome.seconds = time.perf_counter() - started
    ledger.record(workspace, ledger.Entry(
        assignment, student, key, "graded" if outcome.graded else "failed", outcome.seconds,
        sandboxed=os.environ.get("COURSE_SANDBOX") == "bwrap", problems=outcome.problems, flags=outcome.flags,
        error=outcome.error,
    ))
    return outcome


KERNEL_START_FAILURES = ("starting new kernel", "Kernel died before replying", "Kernel didn't respond")


def _autograde(api, assignment: str, student: str, attempts: int = 2) -> dict:
    """nbgrader autograde, retried once when the kernel failed to start (a busy machine, not the learner)."""
    for attempt in range(attempts):
        result = api.autograde(assignment, student, force=True, create=True)
        text = result.get("log", "") + result.get("error", "")
        if result.get("success") or attempt + 1 == attempts or not any(m in text for m in KERNEL_START_FAILURES):
            return result
    return result


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


def backup_gradebook(workspace: Workspace, keep: int = 5) -> Path | None:
    """Copy an SQLite gradebook to reports/backups/ before a grading run (the last `keep` copies are kept)."""
    import sqlite3
    from datetime import datetime

    if not workspace.db_url.startswith("sqlite:///"):
        return None  # server databases have their own backups
    source = Path(workspace.db_url.removeprefix("sqlite:///").split("?")[0])
    if not source.exists():
        return None
    folder = workspace.root / "reports" / "backups"
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"gradebook-{datetime.now():%Y%m%d-%H%M%S-%f}.db"
    with contextlib.closing(sqlite3.connect(source)) as live, contextlib.closing(sqlite3.connect(target)) as copy:
        live.backup(copy)  # a consistent copy even while another process writes
    for old in sorted(folder.glob("gradebook-*.db"))[:-keep]:
        old.unlink()
    return target


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
