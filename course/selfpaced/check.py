"""`course check NOTEBOOK` and `course check ASSIGNMENT`: a learner's full self-check against the hidden tests.

The learner's notebook is turned into the program the grader would run (course.selfpaced.program) and run in the
replay harness (course.proof.harness), which scores each test cell by nbgrader's own rule, with the grading
kernels' environment, pre-imported libraries, in-kernel guard and time limits; `course validate` proves that the
harness agrees with the real grader test by test. It runs inside the bubblewrap sandbox when bubblewrap is
available (as the learner's unprivileged user, with the kernels' resource limits), and no gradebook is involved.

Besides scores and messages, the harness reports where each failing test stopped and the structured details of a
failed check (course.checks). A failure inside a hidden-test region keeps only what the learner may see: what was
checked, shapes, the tolerance, how many entries differ and where, and the learner's own values there; never the
hidden input, the hidden code or an expected value (`learner_view`).
"""

from __future__ import annotations

import ast
import contextlib
import functools
import logging
import os
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from course.errors import CourseError
from course.layout import Course
from course.messages import EXPECTED_KEYS, KERNEL_STOPPED
from course.notebooks import grade_id, is_grade, is_solution, parse_python, points, read_notebook
from course.proof.launch import Harness, Sandbox, sandbox_for, start_harness
from course.proof.replay import NOT_REPORTED, Replayed, grading_limits
from course.selfpaced.program import Program, build_program, hidden_lines

log = logging.getLogger(__name__)

LEARNER, EMPTY = "learner", "start"  # the learner's program forks from an empty one, so that it may die alone
NOT_ATTEMPTED = ("not attempted", "not answered")
NOT_RUN = (NOT_REPORTED, "the kernel died", KERNEL_STOPPED, "not run:")
STUBS = ("YOUR ANSWER HERE", "")
IGNORED = ("*.ipynb", "feedback", "solutions", ".*", "__pycache__")
CONFIG_ENTRIES = 8  # environments whose course configuration the cache keeps


@dataclass(frozen=True)
class TestOutcome:
    """One graded cell of a checked notebook, as the learner may see it."""

    test: str
    score: float | None  # None: a written answer, waiting for an instructor
    max_score: float
    manual: bool = False
    message: str = ""
    status: str = "pass"  # pass | fail | not attempted | not run | written
    hidden: bool = False  # the failure came from a hidden check
    statement: str = ""  # the visible statement that failed (public checks only)
    call: str = ""  # the learner's last call before it failed (public checks only)
    details: dict = field(default_factory=dict)  # structured details; never an expected value of a hidden check

    @property
    def passed(self) -> bool:
        return self.score is not None and self.score >= self.max_score

    @property
    def attempted(self) -> bool:
        """The learner's code for this test ran and was judged (it passed, or failed for a reason of its own)."""
        return self.status in ("pass", "fail")


@dataclass
class CheckReport:
    """One notebook's self-check."""

    assignment: str
    notebook: str
    path: Path
    tests: list[TestOutcome]
    problems: list[str] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)
    cell_errors: dict[str, str] = field(default_factory=dict)  # solution cell id → the error it raised
    answered: set[str] = field(default_factory=set)  # written answers the learner has written
    sandboxed: bool = False
    seconds: float = 0.0
    feedback: Path | None = None

    @property
    def passed(self) -> bool:
        return all(t.passed for t in self.tests if not t.manual)

    def auto_score(self) -> float:
        return sum(t.score or 0.0 for t in self.tests if not t.manual)

    def auto_max(self) -> float:
        return sum(t.max_score for t in self.tests if not t.manual)

    def manual_max(self) -> float:
        return sum(t.max_score for t in self.tests if t.manual)

    def outcome(self, test: str) -> TestOutcome | None:
        return next((t for t in self.tests if t.test == test), None)


def status_of(score: float, max_score: float, message: str) -> str:
    if score >= max_score:
        return "pass"
    if any(marker in message for marker in NOT_ATTEMPTED):
        return "not attempted"
    if message.startswith(NOT_RUN):
        return "not run"
    return "fail"


def learner_view(failure: dict, source: str) -> dict:
    """What a learner may see of a failing test: all of it for a visible check; for a check in the hidden region
    (or one whose line is unknown), no input, no statement and no expected value; of what came back, a single
    value (not a boolean) or the learner's entries where they differ (the matching ones equal the expected)."""
    line = failure.get("line")
    details = dict(failure.get("details") or {})
    hidden = not isinstance(line, int) or line in hidden_lines(source)
    if not hidden:
        return {"hidden": False, "statement": _statement(source, line), "call": str(failure.get("call", "")),
                "details": details}
    safe = {k: v for k, v in details.items() if k not in EXPECTED_KEYS and k != "got"}
    got = str(details.get("got", ""))
    if got and not got.startswith(("[", "(", "{", "array")) and got not in ("True", "False"):
        safe["got"] = got  # a single value the code returned (a boolean would give its expected value away)
    if isinstance(details.get("differing"), list):
        safe["differing"] = [{"at": str(row.get("at", "")), "got": str(row.get("got", ""))}
                             for row in details["differing"] if isinstance(row, dict)]
    return {"hidden": True, "statement": "", "call": "", "details": safe}


def _statement(source: str, line: int, most: int = 6) -> str:
    """The innermost statement of a visible check that contains `line` (only that line if it spans hidden code)."""
    lines = source.splitlines()
    if not 1 <= line <= len(lines):
        return ""
    hidden = hidden_lines(source)
    try:
        tree = parse_python(source)
    except SyntaxError:
        return lines[line - 1].strip()
    around = [node for node in ast.walk(tree)
              if isinstance(node, ast.stmt) and node.lineno <= line <= (node.end_lineno or node.lineno)]
    best = min(around, key=lambda node: (node.end_lineno or node.lineno) - node.lineno, default=None)
    if best is None or set(range(best.lineno, (best.end_lineno or best.lineno) + 1)) & hidden:
        return lines[line - 1].strip()
    segment = lines[best.lineno - 1 : (best.end_lineno or best.lineno)]
    return "\n".join(segment[:most] + (["…"] if len(segment) > most else []))


def _written(program: Program) -> set[str]:
    """Written answers (manually graded cells) whose text is no longer the release's stub."""
    stubs = {grade_id(c): c.source.strip() for c in program.release.cells if is_grade(c) and is_solution(c)}
    return {grade_id(c) for c in program.learner.cells
            if grade_id(c) in stubs and c.source.strip() not in (stubs[grade_id(c)], *STUBS)}


def report_of(program: Program, replayed: Replayed | None, why: str, sandboxed: bool, seconds: float) -> CheckReport:
    """The learner's report of one notebook from what the harness did (`why`: why it could not run at all)."""
    zeroed: set[str] | None = set()
    flags = []
    for finding in program.findings:
        flags.append(str(finding))
        if finding.tests is None or zeroed is None:
            zeroed = None
        else:
            zeroed |= set(finding.tests)
    problems = list(program.problems) + ([why] if why else [])
    tests = []
    for cell in program.source.cells:
        if not is_grade(cell):
            continue
        test, top = grade_id(cell), points(cell)
        if is_solution(cell):  # a written answer, graded by an instructor
            tests.append(TestOutcome(test, None, top, manual=True, status="written",
                                     message="answered; graded by an instructor" if test in _written(program)
                                     else "not answered yet"))
            continue
        if program.too_large or replayed is None:
            tests.append(TestOutcome(test, 0.0, top, message=program.too_large or why, status="not run"))
            continue
        got, _, message = replayed.tests.get(test, (0.0, top, NOT_REPORTED))
        if zeroed is None or test in zeroed:
            got, message = 0.0, message or "tampering found in this notebook: this test earns nothing"
        view = learner_view(replayed.failures[test], cell.source) if test in replayed.failures else {}
        tests.append(TestOutcome(test, got, top, message=message, status=status_of(got, top, message), **view))
    errors = {}
    if replayed is not None:
        for index, error in replayed.errors.items():
            if index < len(program.cell_ids):
                errors[program.cell_ids[index] or f"cell {index + 1}"] = error
    return CheckReport(program.assignment, program.notebook, program.path, tests, problems, flags, errors,
                       _written(program) if program.learner else set(), sandboxed, seconds)


def _work_copy(folder: Path, target: Path) -> None:
    """The kernel's folder: what is beside the learner's notebook (data files), without notebooks or pages."""
    shutil.copytree(folder, target, ignore=shutil.ignore_patterns(*IGNORED), symlinks=False,
                    ignore_dangling_symlinks=True)


def course_config(root: Path) -> tuple[object, float, str]:
    """(CourseSettings, per-cell time limit, ignored-stderr pattern) of the course's nbgrader_config.py and the
    environment, read once per process and environment."""
    return _course_config(root, tuple(sorted((k, v) for k, v in os.environ.items() if k.startswith("COURSE_"))))


@functools.cache
def _course_config(root: Path, environment: tuple) -> tuple[object, float, str]:
    """Reading nbgrader_config.py imports nbgrader (seconds a learner waits for at every check), so what a check
    needs of it is kept in the course's cache, valid for this content of the file and these COURSE_* variables
    (the last CONFIG_ENTRIES of them: a learner's terminal and JupyterLab's Check button may differ)."""
    import hashlib
    import json

    from traitlets.config import Config

    from course.settings import CourseSettings
    from course.workspace import load_course_config

    course = Course(root)
    key = hashlib.sha256((root / "nbgrader_config.py").read_bytes() + repr(environment).encode()).hexdigest()
    cache = root / ".cache" / "check-config.json"
    kept: dict = {}
    with contextlib.suppress(OSError, ValueError):
        kept = json.loads(cache.read_text(encoding="utf-8")).get("entries", {})
    try:
        entry = kept[key]
        settings = CourseSettings.load(Config({"CourseSettings": entry["settings"]}))
        return settings, float(entry["timeout"]), str(entry["ignore"])
    except (KeyError, TypeError, ValueError):
        pass
    config = load_course_config(course)
    timeout, ignore = grading_limits(course)
    entries = {k: v for k, v in list(kept.items())[-(CONFIG_ENTRIES - 1):] if isinstance(v, dict)}
    entries[key] = {"timeout": timeout, "ignore": ignore, "settings": dict(config.get("CourseSettings", {}))}
    with contextlib.suppress(OSError):
        cache.parent.mkdir(parents=True, exist_ok=True)
        cache.write_text(json.dumps({"entries": entries}), encoding="utf-8")
    return CourseSettings.load(config), timeout, ignore


def _same_sandbox(a: Sandbox | None, b: Sandbox | None) -> bool:
    """Whether a harness started for `a` can run for `b` (the limits travel with the job)."""
    return (a is None) == (b is None) and (a is None or b is None or a.bwrap == b.bwrap)


def locate_all(course: Course, paths: list[Path], assignment: str | None = None) -> list[tuple[Path, str, str]]:
    """(path, assignment, notebook id) of each learner notebook, recognised by its graded cells."""
    found = []
    for path in paths:
        read_notebook(path)  # a clear error for a missing or broken file before anything else
        found.append((path, *course.locate(path, assignment)))
    return found


def run_programs(course: Course, located: list[tuple[Path, str, str]], jobs: int = 1,
                 progress: Callable[[str], None] | None = None, harness: Harness | None = None) -> list[CheckReport]:
    """Check learner notebooks (path, assignment, notebook id) in one harness run, notebooks in parallel."""
    started = time.perf_counter()
    harness = harness or start_harness()  # imports the stack while this process reads the course
    scratch = harness.root.parent
    sandbox = harness.sandbox
    try:
        settings, timeout, ignore = course_config(course.root)
        harness.warm_seconds = settings.check_warm_seconds  # how long the command's `discard` leaves one waiting
        proven = sandbox is not None and sandbox.bwrap == settings.bwrap  # this bubblewrap runs the harness
        wanted = sandbox_for(settings, probe=not proven)
        if not _same_sandbox(sandbox, wanted):
            harness.stop()
            harness = Harness(scratch / "again", wanted, light=True)
        sandbox = harness.sandbox = wanted
        programs: dict[str, Program] = {}
        for index, (path, assignment, notebook) in enumerate(located):
            source = read_notebook(course.source_dir / assignment / f"{notebook}.ipynb", validate=False)
            release = read_notebook(course.release_dir / assignment / f"{notebook}.ipynb", validate=False)
            programs[f"nb{index}"] = build_program(path, assignment, notebook, source, release,
                                                   settings.max_notebook_bytes)
        runnable = {key: p for key, p in programs.items() if not p.too_large}
        workdirs = {}
        for key, program in runnable.items():
            workdirs[key] = harness.root / "work" / key
            _work_copy(program.path.parent, workdirs[key])
        if progress:
            progress(f"running {len(runnable)} notebook{'s' * (len(runnable) != 1)}")
        plans = {key: {EMPTY: [], LEARNER: p.cells} for key, p in runnable.items()}
        replayed, failures = harness.run(plans, workdirs, EMPTY, timeout, ignore, jobs, details=True)
        seconds = time.perf_counter() - started
        reports = []
        for key, program in programs.items():
            outcome = replayed.get(key, {}).get(LEARNER)
            why = "" if outcome is not None or program.too_large else f"the check could not run: {failures.get(key)}"
            reports.append(report_of(program, outcome, why, sandbox is not None, seconds))
        return reports
    finally:
        harness.stop()
        shutil.rmtree(scratch, ignore_errors=True)


def check_notebook(course: Course, notebook: Path, assignment: str | None = None) -> CheckReport:
    """Check one learner notebook (no feedback page, no record: see course.selfpaced.loop)."""
    (report,) = run_programs(course, locate_all(course, [notebook.expanduser().resolve()], assignment))
    return report


def notebooks_of(course: Course, folder: Path, assignment: str) -> list[Path]:
    """The learner's notebooks of `assignment` in `folder` (a workspace's assignment folder), one per source
    notebook; a missing one is a usage error."""
    paths = []
    for source in course.source_notebooks(assignment):
        path = folder / source.name
        if not path.exists():
            raise CourseError(f"{path} is missing: run `course start` (or `course update`) to bring it back")
        paths.append(path)
    return paths
