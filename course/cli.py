"""The `course` command: one verb per job, each a thin layer over nbgrader's Python API.

Exit status: 0 when everything passed, 1 when a check, test or submission failed, 2 on a usage error
(unknown assignment, missing or broken notebook, not inside the course).
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import json
import logging
import os
import re
import signal
import sys
import threading
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import NoReturn

from course.console import Progress, table
from course.errors import CourseError
from course.layout import Course

# jsonschema (under nbformat) registers a checker for the "iri" format when `rfc3987_syntax` can be imported, and
# that package compiles 38 grammars at import: one to four seconds of every `course` command. No notebook schema
# uses that format, so the command does without it (a learner waits for each `course check`).
sys.modules.setdefault("rfc3987_syntax", None)  # type: ignore[assignment]
# The other optional format checkers jsonschema imports (arrow, lark, idna, …) cost another 50 ms; `course check`,
# which only reads notebooks, does without them too.
FORMAT_CHECKERS = ("rfc3987", "rfc3986_validator", "rfc3339_validator", "isoduration", "idna", "jsonpointer",
                   "uri_template", "webcolors", "fqdn")

OK, FAILED, USAGE = 0, 1, 2
_checked = False  # a check ran in this process (`run` then ends it at once)


def cmd_build(args: argparse.Namespace) -> int:
    from course.authoring.build import build

    course = Course.find()
    assignments = course.resolve(args.assignments)
    report = build(course, assignments, check=args.check, force=args.force)
    for problem in report.problems:
        print(f"lint: {problem}")
    for edited in report.edited:
        print(f"edited: {edited} was changed since `course build` wrote it; not overwritten")
    if report.edited:
        print("Someone's work is in these files. Move them elsewhere to keep them, or run `course build --force` "
              "to replace them with the fresh build (students work in their own copy, never in release/).")
    for stale in report.stale:
        print(f"stale: {stale} differs from a fresh build (run `course build` and commit release/)")
    for leak in report.leaks:
        print(f"leak: hidden test text in release: {leak}")
    if report.ok:
        verb = "release/ is up to date for" if args.check else "built release/ for"
        print(f"{verb} {', '.join(assignments)}")
        return OK
    return FAILED


def cmd_validate(args: argparse.Namespace) -> int:
    from course.proof.validate import proof_steps, validate_assignment

    course = Course.find()
    if args.rerun and not args.mutants:
        raise CourseError("--rerun goes with --mutants")
    if args.mutants:
        return _validate_mutants(course, args)
    failures = 0
    for assignment in course.resolve(args.assignments):
        progress = Progress(proof_steps(course, assignment, args.every_variant), f"validate {assignment}")
        verdicts = validate_assignment(course, assignment, args.workers, progress.advance, args.every_variant)
        rows = [[v.notebook, v.check, "pass" if v.ok else "FAIL", v.detail] for v in verdicts]
        print(table(["notebook", "check", "result", "detail"], rows, max_width=90))
        failed = [v for v in verdicts if not v.ok]
        failures += len(failed)
        print(f"{assignment}: {len(verdicts) - len(failed)}/{len(verdicts)} checks passed\n")
    return FAILED if failures else OK


def _validate_mutants(course: Course, args: argparse.Namespace) -> int:
    from course.proof.mutation import report_text, run_mutants

    failures = 0
    for assignment in course.resolve(args.assignments):
        report = run_mutants(course, assignment, args.workers, args.rerun, _mutant_progress(assignment))
        print(report_text(report) + "\n")
        failures += not report.ok
    return FAILED if failures else OK


def _mutant_progress(assignment: str):
    """A progress line for `course validate --mutants`, made when the number of mutants to run is known."""
    shown: list[Progress] = []

    def advance(notebook: str, done: int, total: int) -> None:
        if not shown:
            shown.append(Progress(total, f"mutants of {assignment}", failures=False))
        shown[0].reach(done, notebook)

    return advance


def _print_check(result, as_json: bool = False, sandbox_note: str = "") -> None:
    """One checked notebook: a row per test, problems, the diagnosis, the total and the feedback page."""
    report = result.report
    rows = []
    for t in report.tests:
        earned = "pending" if t.score is None else f"{t.score:g}"
        status = "written" if t.manual else ("pass" if t.passed else "FAIL")
        rows.append([t.test, f"{earned}/{t.max_score:g}", status, t.message])
    summary = [f"problem: {problem}" for problem in [*report.problems, *report.flags]]
    summary += [f"hint ({exercise}): {fit.why}" for exercise, fits in result.diagnosis.items() for fit in fits]
    summary += [f"problem: no feedback page: it would have shown hidden test text ({leak[:60]}…)"
                for leak in result.leaked]
    summary.append(
        f"Total: {report.auto_score():g}/{report.auto_max():g} autograded points"
        + (f" (+{report.manual_max():g} points for written answers, graded by an instructor)"
           if report.manual_max() else "")
    )
    if as_json:  # for programs (JupyterLab's Check button): one JSON object per notebook
        print(json.dumps({
            "assignment": report.assignment,
            "notebook": report.notebook,
            "passed": report.passed and not result.leaked,
            "score": report.auto_score(),
            "max_score": report.auto_max(),
            "tests": [dict(zip(("test", "points", "result", "message"), row, strict=True)) for row in rows],
            "summary": summary + ([sandbox_note] if sandbox_note and not report.sandboxed else []),
            "feedback": str(report.feedback) if report.feedback else None,
        }))
        return
    print(f"{report.assignment}/{report.notebook}.ipynb ({report.path})")
    print(table(["test", "points", "result", "message"], rows, max_width=100))
    for line in summary:
        print(line)
    if report.feedback:
        print(f"Feedback: {report.feedback}")

def _import_nbformat_without_format_checkers() -> None:
    """Import nbformat (and jsonschema) with the optional format checkers hidden; they import normally later."""
    hidden = [name for name in FORMAT_CHECKERS if name not in sys.modules]
    for name in hidden:
        sys.modules[name] = None  # type: ignore[assignment]
    try:
        import nbformat  # noqa: F401
    finally:
        for name in hidden:
            if name in sys.modules and sys.modules[name] is None:
                del sys.modules[name]


def cmd_check(args: argparse.Namespace) -> int:
    global _checked
    from course.proof.launch import start_harness

    harness = start_harness()  # first: it imports the scientific stack while the command starts up
    _import_nbformat_without_format_checkers()
    try:
        return _check(args, harness)
    finally:
        from course.proof.launch import discard

        discard(harness)
        _checked = True


def cmd_warm(args: argparse.Namespace) -> int:
    from course.proof.launch import warm_up

    Course.find(installed=True)  # checks run the course's hidden tests: none here, nothing to warm up for
    folder = warm_up()
    if args.json:
        print(json.dumps({"folder": None if folder is None else str(folder)}))
    elif folder is None:
        print("checks leave no warm harness here (CourseSettings.check_warm_seconds, COURSE_CHECK_WARM_SECONDS, is 0)")
    else:
        print(f"a warm harness waits for your next check ({folder})")
    return OK


def _check(args: argparse.Namespace, harness) -> int:
    from course.grading.pool import worker_count
    from course.selfpaced.check import notebooks_of
    from course.selfpaced.loop import self_check
    from course.selfpaced.workspace import LearnerWorkspace

    target = Path(args.target).expanduser()
    is_notebook = target.suffix == ".ipynb" or target.is_file()
    course = Course.find(target.resolve().parent if is_notebook else None, installed=True)
    feedback_dir = Path(args.feedback_dir).resolve() if args.feedback_dir else None
    if is_notebook:
        paths, assignment = [target], args.assignment
    else:
        (assignment,) = course.resolve([args.target])
        workspace = LearnerWorkspace.for_command(course, args.workspace)
        paths = notebooks_of(course, workspace.root / assignment, assignment)

    def say(text: str) -> None:
        print(f"course: {text}", file=sys.stderr, flush=True)

    results = self_check(course, paths, assignment, feedback_dir, worker_count(args.workers, len(paths)), say=say,
                         harness=harness)
    sandbox_note = ""
    if results and not all(r.report.sandboxed for r in results):
        from course.sandbox.bwrap import availability
        from course.settings import CourseSettings

        why = availability(CourseSettings.load().bwrap)[1]
        sandbox_note = f"note: ran without a sandbox ({why}); fine for your own notebook"
    for result in results:
        _print_check(result, args.json, sandbox_note)
        if not args.json:
            print()
    if args.json:  # nothing but the JSON objects on standard output
        return OK if all(r.report.passed and not r.leaked for r in results) else FAILED
    if not is_notebook:
        score = sum(r.report.auto_score() for r in results)
        top = sum(r.report.auto_max() for r in results)
        written = sum(r.report.manual_max() for r in results)
        print(f"{assignment} total: {score:g}/{top:g} autograded points in {len(results)} notebooks"
              + (f" (+{written:g} points for written answers)" if written else ""))
    if sandbox_note:
        print(sandbox_note)
    if any(r.workspace is None for r in results):
        print("note: not recorded in a workspace (`course start` makes one; `course progress` shows its record)")
    return OK if all(r.report.passed and not r.leaked for r in results) else FAILED


def cmd_start(args: argparse.Namespace) -> int:
    from course.selfpaced.workspace import LearnerWorkspace, lab_command, start

    course = Course.find(installed=True)
    workspace = LearnerWorkspace.configured(course, args.workspace)
    report = start(course, workspace)
    if report.created:
        print(f"workspace {workspace.root}: {len(report.copied)} files of the release copied"
              + (f", {len(report.kept)} already there kept as they are" if report.kept else ""))
    else:
        print(f"workspace {workspace.root}")
        if report.newer:
            print(f"a newer release is available ({len(report.newer)} files): run `course update` to bring it in "
                  "(your answers are kept)")
    if args.no_lab:
        return OK
    extra = [a for a in args.lab_args if a != "--"]
    argv, env = lab_command(course, workspace, extra)
    sys.stdout.flush()
    os.chdir(workspace.root)
    os.execve(argv[0], argv, env)
    return OK  # not reached


def cmd_update(args: argparse.Namespace) -> int:
    from course.selfpaced.update import update
    from course.selfpaced.workspace import LearnerWorkspace

    course = Course.find(installed=True)
    workspace = LearnerWorkspace.for_command(course, args.workspace)
    report = update(course, workspace)
    for changes in report.changed:
        print(f"{changes.path}: {changes.status}: {changes.summary()}")
    for name in report.files:
        print(f"{name}: brought in from the release")
    if report.backup:
        print(f"backups of everything changed: {report.backup}")
    if not report.changed and not report.files:
        print(f"workspace {workspace.root} is up to date with the release")
    unreadable = [c for c in report.notebooks if c.status == "unreadable"]
    return FAILED if unreadable else OK


def cmd_progress(args: argparse.Namespace) -> int:
    from course.selfpaced.dashboard import progress_of, write_dashboard
    from course.selfpaced.workspace import LearnerWorkspace

    course = Course.find(installed=True)
    workspace = LearnerWorkspace.for_command(course, args.workspace)
    rows = progress_of(course, workspace)
    print(table(["assignment", "category", "best score", "exercises passed", "checks", "time spent", "last check"],
                [[r.assignment, r.category, r.score_text, r.exercises_text, str(r.checks), r.time_text, r.last_text]
                 for r in rows], max_width=60))
    page, advice = write_dashboard(course, workspace)
    print(f"\nnext: {advice}")
    print(f"Dashboard: {page}")
    return OK


def cmd_solution(args: argparse.Namespace) -> int:
    from course.selfpaced.solutions import Locked, unlock

    course = Course.find(Path(args.notebook).expanduser().resolve().parent, installed=True)
    try:
        page = unlock(course, args.notebook, args.exercise)
    except Locked as exc:
        print(f"locked: {exc}")
        return FAILED
    print(f"Model answer: {page}")
    return OK


def cmd_release_solutions(args: argparse.Namespace) -> int:
    from course.selfpaced.solutions import release_solutions

    course = Course.find()
    (assignment,) = course.resolve([args.assignment])
    released = release_solutions(course, assignment, force=args.force)
    if released.forced:
        print(f"warning: --force: {released.forced}", file=sys.stderr)
    for path in [*released.notebooks, *released.pages]:
        print(f"written: {path}")
    print(f"model answers of {assignment} (no hidden tests) in {released.folder}")
    return OK


def cmd_grade(args: argparse.Namespace) -> int:
    from course.grading.grade import grade_all
    from course.grading.lock import backup_gradebook
    from course.grading.results import read_result
    from course.grading.submissions import submitted_students
    from course.workspace import Workspace

    course = Course.find()
    (assignment,) = course.resolve([args.assignment])
    workspace = Workspace.of_course(course).with_sandbox("off" if args.unsafe else "bwrap")
    workspace.sandbox_mode()  # refuse now, with the reason, when there is no sandbox and no --unsafe
    if args.unsafe:
        print("warning: --unsafe: student code runs without a sandbox; these grades are marked unsandboxed",
              file=sys.stderr)
    available = submitted_students(workspace, assignment)
    students = args.student or available
    missing = sorted(set(students) - set(available))
    if missing:
        raise CourseError(f"no submission of {assignment} for {', '.join(missing)} in submitted/")
    if not students:
        raise CourseError(f"no submissions of {assignment} in {workspace.root / 'submitted'}")
    backup = backup_gradebook(workspace)
    if backup:
        print(f"gradebook copied to {backup} before grading", file=sys.stderr)
    progress = Progress(len(students), f"grade {assignment}")

    def advance(o) -> None:
        progress.advance(o.student, o.graded, "(unchanged, skipped)" if o.skipped else f"({o.seconds:.1f} s)")

    outcomes = grade_all(workspace, assignment, students, args.workers, advance, force=args.force,
                         scheduler=args.scheduler)
    rows = []
    for o in outcomes:
        if o.graded:
            r = read_result(workspace, assignment, o.student, messages=False)
            score = f"{r.auto_score():g}/{r.auto_max():g}"
            manual = str(r.pending_manual)
        else:
            score, manual = "NOT GRADED", "-"
        seconds = "skipped" if o.skipped else f"{o.seconds:.1f}"
        rows.append([o.student, score, manual, seconds, "; ".join(o.problems) or o.error])
    print(table(["student", "autograded", "manual pending", "seconds", "problems"], rows, max_width=100))
    failed = [o for o in outcomes if not o.graded]
    skipped = sum(o.skipped for o in outcomes)
    print(f"\n{len(outcomes) - len(failed)}/{len(outcomes)} submissions graded into {_safe_url(workspace.db_url)}"
          + (f" ({skipped} unchanged since their last grading, skipped; --force regrades)" if skipped else ""))
    return FAILED if failed else OK


def _safe_url(url: str) -> str:
    """A database URL without its password."""
    return re.sub(r"://([^:/@]+):[^@]*@", r"://\1:***@", url)


def cmd_due(args: argparse.Namespace) -> int:
    from course.grading.deadlines import parse_when, set_due_date
    from course.grading.grade import ensure_assignment
    from course.workspace import Workspace

    course = Course.find()
    (assignment,) = course.resolve([args.assignment])
    workspace = Workspace.of_course(course)
    ensure_assignment(workspace, assignment)
    due = None if args.clear else parse_when(args.when or "")
    set_due_date(workspace, assignment, due)
    print(f"{assignment}: " + (f"due {due:%Y-%m-%d %H:%M} UTC" if due else "no due date"))
    return OK


def cmd_extend(args: argparse.Namespace) -> int:
    from datetime import timedelta

    from course.grading.deadlines import grant_extension
    from course.grading.grade import ensure_assignment
    from course.workspace import Workspace

    course = Course.find()
    (assignment,) = course.resolve([args.assignment])
    extension = timedelta(days=args.days, hours=args.hours)
    if extension.total_seconds() < 0:
        raise CourseError("an extension cannot be negative")
    workspace = Workspace.of_course(course)
    ensure_assignment(workspace, assignment)
    for student in args.students:
        grant_extension(workspace, assignment, student, extension)
        print(f"{assignment}: {student} " + (f"has {extension} more" if extension else "has no extension"))
    return OK


def cmd_feedback(args: argparse.Namespace) -> int:
    from course.feedback.pages import write_feedback
    from course.grading.results import graded_students
    from course.workspace import Workspace

    course = Course.find()
    (assignment,) = course.resolve([args.assignment])
    workspace = Workspace.of_course(course)
    students = args.student or graded_students(workspace, assignment)
    if not students:
        raise CourseError(f"nothing graded for {assignment} yet; run `course grade {assignment}` first")
    outcomes = write_feedback(workspace, assignment, students, args.workers)
    failures = [o for o in outcomes if not o.ok]
    for outcome in failures:
        print(f"FAILED: {outcome.student}: {outcome.error}")
        for leak in outcome.leaked:
            print(f"  deleted {leak.split(': ', 1)[0]}: it contained hidden test text")
    print(f"feedback for {len(students) - len(failures)}/{len(students)} students in {workspace.root / 'feedback'}")
    return FAILED if failures else OK


def cmd_report(args: argparse.Namespace) -> int:
    from course.reports.write import NothingGraded, graded_assignments, write_reports
    from course.workspace import Workspace

    course = Course.find()
    workspace = Workspace.of_course(course)
    assignments = course.resolve(args.assignments) if args.assignments else graded_assignments(workspace)
    if not assignments:
        raise CourseError("nothing has been graded yet; run `course grade ASSIGNMENT` first")
    try:
        reports = write_reports(workspace, assignments)
    except NothingGraded as exc:
        print(f"course: {exc}", file=sys.stderr)
        return FAILED
    for assignment, report in [*reports.assignments.items(), ("whole course", reports.course)]:
        graded = len(report.results)
        print(f"{assignment}: {graded} graded submission{'s' * (graded != 1)}")
        files = (("grades CSV", report.grades_csv), ("LMS CSV", report.lms_csv), ("HTML report", report.html))
        for label, path in files:
            print(f"  {label:12} {path}")
    return OK


def cmd_demo(args: argparse.Namespace) -> int:
    from course.demo import demo_assignments, run_demo

    course = Course.find()
    assignments = demo_assignments(course, args.assignments, everything=args.all)
    return FAILED if run_demo(course, args.workers, assignments=assignments) else OK


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(
        prog="course", description="Build, prove, check and grade the ML interview-prep course."
    )
    verbs = top.add_subparsers(dest="verb", required=True, metavar="VERB")
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("-v", "--verbose", action="count", default=0,
                        help="say what is being done (-v), and nbgrader's own messages too (-vv)")
    add = functools.partial(verbs.add_parser, parents=[common])

    p = add("build", help="lint source notebooks and generate release/")
    p.add_argument("assignments", nargs="*", metavar="ASSIGNMENT", help="assignment ids (default: all)")
    p.add_argument("--check", action="store_true", help="fail if release/ differs from a fresh build")
    p.add_argument("--force", action="store_true",
                   help="overwrite release files that were changed since `course build` wrote them")
    p.set_defaults(func=cmd_build)

    p = add("validate", help="prove notebooks: solution full marks, release 0, wrong variants lose")
    p.add_argument("assignments", nargs="*", metavar="ASSIGNMENT")
    p.add_argument("--workers", type=int, default=None, help="parallel graders (default: number of cores)")
    p.add_argument("--every-variant", action="store_true",
                   help="also grade every wrong variant through the real grader (slow; the replay must agree)")
    p.add_argument("--mutants", action="store_true",
                   help="only the mutation analysis: run the mutants without a current result in "
                        "tests/variants/ASSIGNMENT/MUTANTS.json, update it, report the score of every exercise")
    p.add_argument("--rerun", action="store_true", help="with --mutants: run every mutant, ignoring the cache")
    p.set_defaults(func=cmd_validate)

    p = add("check", help="check your notebook (or every notebook of an assignment) against the hidden tests")
    p.add_argument("target", metavar="NOTEBOOK|ASSIGNMENT",
                   help="your notebook, or an assignment (its notebooks in your workspace, and their total)")
    p.add_argument("--assignment", help="assignment of the notebook when its graded cells do not tell")
    p.add_argument("--feedback-dir", help="where to write the feedback pages (default: feedback/ beside the notebook)")
    p.add_argument("--workspace", help="the workspace of an ASSIGNMENT (default: the one you are in)")
    p.add_argument("--workers", type=int, default=None, help="notebooks checked at once (default: number of cores)")
    p.add_argument("--json", action="store_true",
                   help="print each notebook's result as one JSON object (tests, summary lines, its feedback page)")
    p.set_defaults(func=cmd_check)

    p = add("warm", help="have a harness import the scientific stack now, so that your next check starts at once "
                         "(JupyterLab's server does it while you work)")
    p.add_argument("--json", action="store_true", help="print where the warm harness waits as one JSON object")
    p.set_defaults(func=cmd_warm)

    p = add("start", help="make your workspace (a copy of the release) on first use, and open JupyterLab on it")
    p.add_argument("--workspace", help="where (default: COURSE_WORKSPACE, else workspace/ in the course)")
    p.add_argument("--no-lab", action="store_true", help="only prepare the workspace")
    p.add_argument("lab_args", nargs=argparse.REMAINDER, help="arguments for `jupyter lab` (after --)")
    p.set_defaults(func=cmd_start)

    p = add("update", help="bring a newer release into your workspace, keeping your answers")
    p.add_argument("--workspace", help="the workspace (default: the one you are in, or COURSE_WORKSPACE)")
    p.set_defaults(func=cmd_update)

    p = add("progress", help="your checks so far: a table per assignment and a dashboard page")
    p.add_argument("--workspace", help="the workspace (default: the one you are in, or COURSE_WORKSPACE)")
    p.set_defaults(func=cmd_progress)

    p = add("solution", help="open an exercise's model answer, after a recorded attempt")
    p.add_argument("notebook", help="your notebook (or its name in your workspace, e.g. 01_coding/2_strings)")
    p.add_argument("exercise", help="the exercise's solution cell id, e.g. palindrome")
    p.set_defaults(func=cmd_solution)

    p = add("release-solutions", help="instructors: model-answer notebooks and pages after the due date")
    p.add_argument("assignment")
    p.add_argument("--force", action="store_true", help="release before the due date (and every extension)")
    p.set_defaults(func=cmd_release_solutions)

    p = add("grade", help="autograde every submission of an assignment in submitted/")
    p.add_argument("assignment")
    p.add_argument("--workers", type=int, default=None, help="parallel graders (default: number of cores)")
    p.add_argument("--student", action="append", help="grade only this student (repeatable)")
    p.add_argument("--force", action="store_true", help="regrade submissions that are unchanged since last time")
    p.add_argument("--scheduler", help="grade on a Dask cluster (tcp://host:port); needs a shared filesystem")
    p.add_argument("--unsafe", action="store_true", help="grade without a sandbox (student code gets your rights)")
    p.set_defaults(func=cmd_grade)

    p = add("due", help="set (or --clear) an assignment's due date")
    p.add_argument("assignment")
    p.add_argument("when", nargs="?", help="ISO date/time, e.g. 2026-12-01T23:59 (UTC unless an offset is given)")
    p.add_argument("--clear", action="store_true")
    p.set_defaults(func=cmd_due)

    p = add("extend", help="give students more time for an assignment (0 removes the extension)")
    p.add_argument("assignment")
    p.add_argument("students", nargs="+", metavar="STUDENT")
    p.add_argument("--days", type=float, default=0.0)
    p.add_argument("--hours", type=float, default=0.0)
    p.set_defaults(func=cmd_extend)

    p = add("feedback", help="feedback HTML without hidden test source")
    p.add_argument("assignment")
    p.add_argument("--student", action="append")
    p.add_argument("--workers", type=int, default=None)
    p.set_defaults(func=cmd_feedback)

    p = add("report", help="grades CSV and HTML report with plots")
    p.add_argument("assignments", nargs="*", metavar="ASSIGNMENT")
    p.set_defaults(func=cmd_report)

    p = add("settings", help="every course setting: its value, where it comes from, and what it does")
    p.add_argument("--markdown", action="store_true", help="print the README's settings table (defaults)")
    p.set_defaults(func=cmd_settings)

    p = add("demo", help="build, simulate a cohort, grade, feedback, report (in demo/)")
    p.add_argument("assignments", nargs="*", metavar="ASSIGNMENT", help="assignments to run it on (default: 01_coding)")
    p.add_argument("--all", action="store_true", help="run it on every assignment")
    p.add_argument("--workers", type=int, default=None)
    p.set_defaults(func=cmd_demo)
    return top


def configure_logging(verbosity: int) -> None:
    """Warnings only by default; the course's steps with -v; nbgrader's own log too with -vv."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("course: %(name)s: %(message)s"))
    course_log = logging.getLogger("course")
    course_log.handlers[:] = [handler]
    course_log.propagate = False
    course_log.setLevel(logging.WARNING if verbosity == 0 else logging.INFO if verbosity == 1 else logging.DEBUG)
    if verbosity >= 2:
        from course import nbgrader_api

        nbgrader_api.NBGRADER_LOG_LEVEL = logging.INFO


def cmd_settings(args: argparse.Namespace) -> int:
    from course.settings import CourseSettings, settings_table
    from course.workspace import load_course_config

    if args.markdown:
        print(settings_table())
        return OK
    course = Course.find()
    config = load_course_config(course)
    settings = CourseSettings.load(config)
    rows = []
    for name, trait in CourseSettings.class_traits(config=True).items():
        value = getattr(settings, name)
        env = trait.metadata.get("env", "")
        source = ("environment" if env and env in os.environ else
                  "nbgrader_config.py" if name in config.get("CourseSettings", {}) else "default")
        rows.append([f"CourseSettings.{name}", repr(value), source, env])
    print(table(["setting", "value", "from", "environment override"], rows, max_width=60))
    return OK


class Terminated(KeyboardInterrupt):
    """SIGTERM, raised like an interrupt so that every `finally` runs (a harness ends its forked programs)."""


@contextlib.contextmanager
def terminate_as_interrupt() -> Iterator[None]:
    """While a command runs in the main thread, SIGTERM raises Terminated instead of ending the process at once."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def raise_terminated(signum: int, frame: object) -> None:
        raise Terminated

    previous = signal.signal(signal.SIGTERM, raise_terminated)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def run() -> NoReturn:
    """The `course` program: `main`, then exit; after a check without the interpreter's shutdown, which a learner
    would wait for (everything the check writes is closed by then)."""
    code = main()
    if _checked:
        sys.stdout.flush()
        sys.stderr.flush()
        logging.shutdown()
        os._exit(code)
    sys.exit(code)


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    configure_logging(args.verbose)
    try:
        with terminate_as_interrupt():
            return args.func(args)
    except CourseError as exc:
        print(f"course: error: {exc}", file=sys.stderr)
        return USAGE
    except Terminated:
        print("course: terminated", file=sys.stderr)
        return 143
    except KeyboardInterrupt:
        print("course: interrupted", file=sys.stderr)
        return 130
