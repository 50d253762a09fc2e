"""`course demo`: the whole loop on the embedded default, in `demo/` (the course's own gradebook is untouched).

build → simulate a cohort of varied students → grade in parallel → feedback → grades CSV + HTML report,
then a summary table and the list of files to look at. The demo checks its own expectations (complete
students get full marks, the blank one 0, every bug costs points) and fails loudly when they do not hold.
"""

from __future__ import annotations

import json
import shutil
import time
from collections.abc import Callable
from pathlib import Path

from course.authoring.build import lint_assignments, release_leaks
from course.console import Progress, table
from course.errors import CourseError
from course.feedback.pages import write_feedback
from course.grading.grade import grade_all
from course.grading.results import graded_students, read_result
from course.layout import Course
from course.nbgrader_api import generate_assignment
from course.notebooks import grade_id, is_test, read_notebook, write_notebook
from course.proof.simulated import ROSTER, profiles_for
from course.proof.variants import write_submission
from course.reports.write import write_reports
from course.workspace import Workspace


def _make_faulty(folder: Path) -> list[str]:
    """Break the first notebook's JSON and delete a test cell from the second; returns what was done."""
    notebooks = sorted(folder.glob("*.ipynb"))
    done = []
    if notebooks:
        text = notebooks[0].read_text()
        notebooks[0].write_text(text[: len(text) // 2])
        done.append(f"{notebooks[0].name}: truncated JSON")
    if len(notebooks) > 1:
        nb = read_notebook(notebooks[1])
        victim = next((c for c in nb.cells if is_test(c)), None)
        if victim is not None:
            nb.cells.remove(victim)
            write_notebook(nb, notebooks[1])
            done.append(f"{notebooks[1].name}: deleted test cell {grade_id(victim)}")
    return done


# The default demo: one assignment of three notebooks proves the whole loop in well under 3 minutes on 2 cores;
# `course demo --all` (or naming assignments) runs it on more.
DEFAULT_ASSIGNMENTS = ("01_coding",)


def demo_assignments(course: Course, names: list[str] | None = None, everything: bool = False) -> list[str]:
    """The assignments a demo runs on: `names`, all of them, or the default assignment (else the first one)."""
    assignments = course.assignments()
    if not assignments:
        raise CourseError("the course has no assignments in source/")
    if everything:
        return assignments
    if names:
        return course.resolve(names)
    return [m for m in assignments if m in DEFAULT_ASSIGNMENTS] or assignments[:1]


def run_demo(
    course: Course,
    workers: int | None = None,
    say: Callable[[str], None] = print,
    assignments: list[str] | None = None,
) -> int:
    """Run the demo on `assignments` (default: `demo_assignments`); returns the number of failed expectations
    (0 = success)."""
    started = time.monotonic()
    root = course.root / "demo"
    shutil.rmtree(root, ignore_errors=True)
    workspace = Workspace.scratch(course, root)
    workspace.write_nbgrader_config()  # `make formgrader COURSE_DIR=demo` opens the demo cohort
    assignments = assignments or demo_assignments(course)

    say(f"1/5 build: lint and generate the release of {', '.join(assignments)} into demo/release")
    problems = lint_assignments(course, assignments)
    if problems:
        raise CourseError("lint failed: " + "; ".join(map(str, problems[:5])))
    release_dir = root / "release"
    for assignment in assignments:
        generate_assignment(workspace, assignment)
        leaks = release_leaks(course, assignment, release_dir / assignment)
        if leaks:
            raise CourseError(f"hidden test text in the release of {assignment}: {leaks[0]}")

    say(f"2/5 students: {len(ROSTER)} simulated students hand in every assignment")
    faults: dict[str, list[str]] = {}
    for assignment in assignments:
        for student in ROSTER:
            write_submission(
                course,
                root / "submitted",
                student.name,
                assignment,
                profiles_for(course, assignment, student),
                release_dir=release_dir,
            )
            if student.kind == "faulty":
                faults[student.name] = _make_faulty(root / "submitted" / student.name / assignment)

    say(f"3/5 grade: {len(ROSTER) * len(assignments)} submissions in parallel")
    results = {}
    outcomes = {}
    for assignment in assignments:
        progress = Progress(len(ROSTER), f"  {assignment}")
        graded = grade_all(
            workspace,
            assignment,
            [student.name for student in ROSTER],
            workers,
            lambda o, p=progress: p.advance(o.student, o.graded, f"({o.seconds:.1f} s)"),
        )
        for outcome in graded:
            outcomes[(assignment, outcome.student)] = outcome
            if outcome.graded:
                results[(assignment, outcome.student)] = read_result(workspace, assignment, outcome.student,
                                                                     messages=False)

    say("4/5 feedback: HTML for every student, hidden tests removed")
    leaks = []
    for assignment in assignments:
        for outcome in write_feedback(workspace, assignment, graded_students(workspace, assignment), workers):
            leaks += outcome.leaked

    say("5/5 report: grades CSV, LMS CSV and HTML report")
    report = write_reports(workspace, assignments).course

    failures = _expectations(assignments, results, outcomes, leaks)
    rows = []
    for student in ROSTER:
        kind = student.kind + (f" ({student.detail})" if student.detail and student.kind != "bug" else "")
        if student.kind == "bug":
            names = [
                p.variant.name
                for m in assignments
                for p in profiles_for(course, m, student).values()
                if p.variant
            ]
            kind = "bug: " + ", ".join(names)
        cells = []
        for assignment in assignments:
            r = results.get((assignment, student.name))
            cells.append(f"{r.auto_score():g}/{r.auto_max():g}" if r else "not graded")
        problems = [p for m in assignments for p in outcomes[(m, student.name)].problems]
        rows.append([student.name, kind, *cells, "; ".join(problems)])
    say("")
    say(table(["student", "profile", *[f"{m} (auto)" for m in assignments], "problems found"], rows, max_width=70))
    say("")
    say("Where everything is:")
    for label, path in (
        ("gradebook", root / "gradebook.db"),
        ("submissions", root / "submitted"),
        ("graded notebooks", root / "autograded"),
        ("feedback HTML", root / "feedback"),
        ("grades CSV", report.grades_csv),
        ("LMS CSV", report.lms_csv),
        ("HTML report", report.html),
    ):
        say(f"  {label:17} {path.relative_to(course.root)}")
    say("Browse the cohort, its submissions and written answers in the formgrader: make formgrader COURSE_DIR=demo")
    (root / "summary.json").write_text(json.dumps({"failures": failures, "seconds": time.monotonic() - started}))
    say("")
    if failures:
        for failure in failures:
            say(f"EXPECTATION FAILED: {failure}")
    say(f"demo finished in {time.monotonic() - started:.0f} s" + (" with failures" if failures else ""))
    return len(failures)


def _expectations(assignments, results, outcomes, leaks) -> list[str]:
    failures = [f"feedback leaks hidden test text: {leak}" for leak in leaks[:5]]
    for assignment in assignments:
        for student in ROSTER:
            outcome = outcomes[(assignment, student.name)]
            if not outcome.graded:
                failures.append(f"{student.name}/{assignment} was not graded: {outcome.error}")
                continue
            r = results[(assignment, student.name)]
            if student.kind == "complete" and r.auto_score() != r.auto_max():
                failures.append(
                    f"{student.name}/{assignment}: complete solution scored {r.auto_score():g}/{r.auto_max():g}"
                )
            if student.kind == "blank" and r.total != 0:
                failures.append(f"{student.name}/{assignment}: blank notebooks scored {r.total:g}")
            if student.kind in ("bug", "partial") and r.auto_score() >= r.auto_max():
                failures.append(f"{student.name}/{assignment}: {student.kind} student lost no points")
            if student.kind == "faulty" and not outcome.problems:
                failures.append(f"{student.name}/{assignment}: faults were not reported")
    return failures
