"""The self-paced learner's loop around a check: run it, record it, diagnose it, write the feedback page.

`self_check` is what `course check` does for each notebook: the fast, faithful check (course.selfpaced.check); the
record of it in the learner's workspace when the notebook lies in one (course.selfpaced.progress); the diagnosis
of its failures from the proven wrong variants (course.selfpaced.diagnosis); and the learner's feedback page beside
the notebook with each exercise's hint ladder (course.feedback.learner_page).
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from course.layout import Course
from course.notebooks import read_notebook
from course.proof.variants import Profile, load_variants
from course.selfpaced import diagnosis, progress
from course.selfpaced.check import CheckReport, locate_all, run_programs
from course.selfpaced.exercises import Exercise, exercise_of, exercises
from course.selfpaced.workspace import LearnerWorkspace

log = logging.getLogger(__name__)


@dataclass
class SelfCheck:
    report: CheckReport
    diagnosis: dict[str, list[diagnosis.Signature]] = field(default_factory=dict)
    feedback: Path | None = None
    leaked: list[str] = field(default_factory=list)  # hidden lines found in the page (then it was not written)
    workspace: LearnerWorkspace | None = None
    check_id: int | None = None


def outcomes_of(report: CheckReport, items: list[Exercise]) -> list[progress.Outcome]:
    """The record of each graded cell of a check, with the exercise it belongs to."""
    rows = []
    for test in report.tests:
        exercise = exercise_of(items, test.test)
        status = test.status if not test.manual else ("answered" if test.test in report.answered else "not answered")
        rows.append(progress.Outcome(test.test, exercise.key if exercise else "", test.manual, status, test.score,
                                     test.max_score, test.message))
    return rows


def learn_signatures(course: Course, assignment: str, notebook: str, items: list[Exercise],
                     variants: list[diagnosis.Variant]) -> list[diagnosis.Signature]:
    """Replay a notebook's wrong variants (as `course validate` does) to learn how each one fails."""
    from course.proof.replay import replay_assignment

    plans = {notebook: {"solution": Profile("all"), **{f"variant--{v.name}": Profile("all", v) for v in variants}}}
    replayed, failures = replay_assignment(course, assignment, plans, "solution", max(1, (os.cpu_count() or 1)))
    if notebook in failures:
        log.info("%s", failures[notebook])
        return diagnosis.signatures(items, variants)
    observed = {v.name: replayed[notebook][f"variant--{v.name}"] for v in variants}
    return diagnosis.signatures(items, variants, observed)


def diagnose_report(course: Course, report: CheckReport, items: list[Exercise],
                    workspace: LearnerWorkspace | None, learn: bool = True,
                    say: Callable[[str], None] | None = None) -> dict[str, list[diagnosis.Signature]]:
    """The misconceptions that fit the report's real failures, per exercise."""
    failures = {t.test: t.message for t in report.tests if t.status == "fail"}
    if not failures:
        return {}
    variants = load_variants(course, report.assignment, report.notebook)
    if not variants:
        return {}
    declared = diagnosis.signatures(items, variants)
    if not diagnosis.ambiguous(items, declared, failures):
        return diagnosis.diagnose(items, declared, failures)
    caches = [diagnosis.course_cache(course)] + ([workspace.signatures] if workspace else [])
    observed = diagnosis.load_signatures(caches, course, report.assignment, report.notebook)
    if observed is None and learn:
        if say:
            say(f"learning how the known mistakes of {report.assignment}/{report.notebook} fail (once)")
        observed = learn_signatures(course, report.assignment, report.notebook, items, variants)
        target = diagnosis.course_cache(course) if os.access(course.root, os.W_OK) or workspace is None \
            else workspace.signatures
        diagnosis.save_signatures(target, course, report.assignment, report.notebook, observed)
    return diagnosis.diagnose(items, observed or declared, failures)


def feedback_target(report: CheckReport, feedback_dir: Path | None) -> Path:
    """The page's path: feedback/ beside the notebook (JupyterLab's file browser opens it), or `feedback_dir`."""
    return (feedback_dir or report.path.parent / "feedback") / f"{report.path.stem}.html"


def model_answer_path(learner_file: Path, cell: str) -> Path:
    """Where `course solution` writes an exercise's model answer page: solutions/ beside the notebook."""
    return learner_file.parent / "solutions" / learner_file.stem / f"{cell}.html"


def ladder_for(course: Course, report: CheckReport, items: list[Exercise], page: Path,
               workspace: LearnerWorkspace | None, fits: dict[str, list[diagnosis.Signature]]):
    """What each exercise's hint ladder offers: the diagnosis, and each model answer (a link once unlocked)."""
    from course.feedback.learner_page import Ladder
    from course.selfpaced.solutions import lock_reason

    ladder = Ladder({key: [s.why for s in sigs] for key, sigs in fits.items()})
    opened = progress.unlocked(workspace.progress_db, report.assignment, report.notebook) if workspace else set()
    for exercise in items:
        for cell in exercise.solutions:
            answer = model_answer_path(report.path, cell)
            if cell in opened and answer.exists():
                ladder.unlocked[cell] = os.path.relpath(answer, page.parent)
            else:
                ladder.locked[cell] = lock_reason(course, workspace, report, cell, items)
    return ladder


def self_check(course: Course, paths: list[Path], assignment: str | None = None, feedback_dir: Path | None = None,
               jobs: int = 1, learn: bool = True, say: Callable[[str], None] | None = None,
               harness=None) -> list[SelfCheck]:
    """Check learner notebooks: record each check, diagnose its failures, write its feedback page (`harness`: one
    started already, see course.selfpaced.check.start_harness)."""
    from course.feedback.learner_page import write_learner_page

    try:
        located = locate_all(course, [p.expanduser().resolve() for p in paths], assignment)
    except BaseException:
        if harness is not None:
            from course.proof.launch import discard

            discard(harness)
        raise
    done = []
    for report in run_programs(course, located, jobs, say, harness):
        now = datetime.now()
        source = read_notebook(course.source_dir / report.assignment / f"{report.notebook}.ipynb", validate=False)
        items = exercises(source)
        workspace = LearnerWorkspace.containing(report.path)
        result = SelfCheck(report, workspace=workspace)
        if workspace is not None:
            result.check_id = progress.record(workspace.progress_db, report.assignment, report.notebook, report.path,
                                              outcomes_of(report, items), report.seconds, report.sandboxed, now)
        result.diagnosis = diagnose_report(course, report, items, workspace, learn, say)
        page = feedback_target(report, feedback_dir)
        ladder = ladder_for(course, report, items, page, workspace, result.diagnosis)
        result.leaked = write_learner_page(report, source, page, ladder, now)
        if not result.leaked:
            report.feedback = result.feedback = page
        done.append(result)
    return done
