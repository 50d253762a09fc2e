"""Autograding many submissions: nbgrader's Autograde in long-lived worker processes, one student per task.

Each worker process imports nbgrader once and grades the students it is handed (no CLI start per submission).
A student is graded by exactly one worker, so workers never share folders. Faults are loud: a missing or
unreadable notebook scores 0 with a recorded reason instead of failing the whole submission, deleted test cells
are restored and reported, and tampering costs the tests concerned their points and flags the submission.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from course.grading import ledger
from course.grading.lock import grading_lock
from course.grading.pool import run_per_student
from course.grading.submissions import Preflight, grading_copy, preflight
from course.nbgrader_api import Step, api_for, autograde, open_gradebook, prepare_process, record_assignment
from course.notebooks import read_notebook
from course.plugins.execute import GuardedExecute, KernelStartFailed, grading_events
from course.workspace import Workspace

log = logging.getLogger(__name__)


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


def ensure_assignment(workspace: Workspace, assignment: str) -> None:
    """Record the assignment (notebooks, test cells, points) in the gradebook when it is not there yet or its
    source notebooks changed since it was recorded. No release folder is written: a learner may be working in it."""
    from nbgrader.api import MissingEntry

    key = ledger.source_hash(workspace, assignment)
    with open_gradebook(workspace) as gb:
        try:
            gb.find_assignment(assignment)
            known = ledger.recorded_source(workspace, assignment) == key
        except MissingEntry:
            known = False
    if not known:
        log.info("recording %s in the gradebook", assignment)
        record_assignment(workspace, assignment)
        ledger.record_source(workspace, assignment, key)


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


_PROCESS_LOCK = threading.Lock()  # nbgrader's converters chdir and share state: one grading per process


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
    key = ledger.current_hash(workspace, assignment, student)
    api = api_for(workspace)
    checked = preflight(workspace, assignment, student)
    outcome.problems = checked.problems
    budget = GuardedExecute.submission_budget(workspace.settings.submission_seconds)
    with grading_copy(workspace, api, assignment, student, checked), budget:
        if not checked.unreadable:
            runs = [_autograde(workspace, assignment, student)]
        else:
            runs = []
            for notebook in checked.readable:
                with temp_attrs(api.coursedir, notebook_id=notebook):
                    runs.append(_autograde(workspace, assignment, student))
    tampered = _tampered_tests(outcome, checked)
    for notebook in checked.readable:
        graded = workspace.path("autograded", student, assignment) / f"{notebook}.ipynb"
        for event in grading_events(read_notebook(graded)) if graded.exists() else []:
            if event["kind"] == "tamper":
                outcome.flags.append(f"{notebook}: {event['message']}")
                tampered[notebook] = None
            else:
                outcome.problems.append(f"{notebook}: {event['message']}")
    failed = [r for r in runs if not r.ok]
    if failed:
        outcome.graded = False
        outcome.error = failed[0].reason()
    else:
        for notebook in checked.unreadable:
            _zero(workspace, assignment, student, notebook, manual_too=True)
        for notebook, tests in tampered.items():
            if notebook in checked.readable:
                _zero(workspace, assignment, student, notebook, tests)
    outcome.seconds = time.perf_counter() - started
    ledger.record(workspace, ledger.Entry(
        assignment, student, key, "graded" if outcome.graded else "failed", outcome.seconds,
        sandboxed=workspace.sandbox_mode() == "bwrap", problems=outcome.problems, flags=outcome.flags,
        error=outcome.error,
    ))
    return outcome


def _tampered_tests(outcome: GradingOutcome, checked: Preflight) -> dict[str, tuple[str, ...] | None]:
    """Per notebook, the tests tampering costs their points (None: all of them), from the files' static scan."""
    tampered: dict[str, tuple[str, ...] | None] = {}
    for finding in checked.findings:
        outcome.flags.append(str(finding))
        if finding.tests is None or tampered.get(finding.notebook, ()) is None:
            tampered[finding.notebook] = None
        elif finding.tests:
            tampered[finding.notebook] = (*tampered.get(finding.notebook, ()), *finding.tests)
    return tampered


def _autograde(workspace: Workspace, assignment: str, student: str) -> Step:
    """nbgrader's Autograde, run again when the kernel failed to start (a busy machine, not the learner)."""
    attempts = workspace.settings.kernel_start_attempts
    for attempt in range(1, attempts + 1):
        step = autograde(workspace, assignment, student)
        if step.ok or attempt == attempts or not any(isinstance(f, KernelStartFailed) for f in step.failures):
            return step
        log.info("%s: a kernel did not start (%s); grading again", student, step.reason())
    return step


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
            if not force and ledger.is_up_to_date(workspace, assignment, student):
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
