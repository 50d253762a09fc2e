"""Replay the versions of one notebook from their shared prefix (the fast path of `course validate`).

Grading a wrong variant through nbgrader costs a kernel, the notebook's whole run and the grader's bookkeeping.
A variant differs from the solution only from its first changed cell on, so `course validate` replays the
variants instead (course.proof.harness): one process runs the solution's cells as the grader would run them and
forks a child where each variant starts to differ. The students that `course validate` also grades through the
real grader (the solution, the untouched release and the composite students) are replayed too, and the proof
fails when the two disagree on any test.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from nbformat import NotebookNode

from course.errors import CourseError
from course.layout import Course
from course.notebooks import grade_id, is_locked, is_solution, is_test, points, read_notebook
from course.proof.launch import Harness, Sandbox, harness_environment  # noqa: F401 (the replay's process)
from course.proof.variants import Profile, learner_notebook

NOT_REPORTED = "the replay stopped before this test ran"


@dataclass(frozen=True)
class Replayed:
    """Per-test outcome of one replayed program: test → (score, max score, message)."""

    program: str
    tests: dict[str, tuple[float, float, str]] = field(default_factory=dict)
    seconds: float = 0.0  # wall time of its own part (0 for the reference, which runs in the parent)
    failures: dict[str, dict] = field(default_factory=dict)  # test → where and how it failed (with `details`)
    errors: dict[int, str] = field(default_factory=dict)  # index of a non-test cell → its error (with `details`)

    @property
    def failed(self) -> set[str]:
        return {t for t, (got, top, _) in self.tests.items() if got < top}

    def message(self, test: str) -> str:
        return self.tests.get(test, (0.0, 0.0, ""))[2]

    @property
    def score(self) -> float:
        return sum(got for got, _, _ in self.tests.values())

    @property
    def max_score(self) -> float:
        return sum(top for _, top, _ in self.tests.values())


def graded_program(student: NotebookNode, source: NotebookNode) -> list[list]:
    """The code cells the grader runs for a student's notebook, as `[source, test id or None, points]`.

    As nbgrader's OverwriteCells does, every locked cell (tests with their hidden part, the setup cell) is
    restored from the source notebook; solution cells and unlocked cells keep the student's text.
    """
    reference = {grade_id(c): c for c in source.cells if grade_id(c)}
    program = []
    for cell in student.cells:
        if cell.cell_type != "code":
            continue
        original = reference.get(grade_id(cell)) if grade_id(cell) else None
        locked = original is not None and not is_solution(original) and is_locked(original)
        graded = original is not None and is_test(original)
        program.append([original.source if locked else cell.source, grade_id(cell) if graded else None,
                        points(original) if graded else 0.0])
    return program


def grading_limits(course: Course) -> tuple[float, str]:
    """The per-cell time limit and the ignored-stderr pattern of the course's nbgrader_config.py."""
    from course.workspace import load_course_config

    config = load_course_config(course)
    timeout = float(config.Execute.get("timeout", 30) or 30)
    pattern = config.IgnorePattern.get("pattern", "") if config.IgnorePattern.get("enabled", False) else ""
    return timeout, str(pattern)


def replay_assignment(
    course: Course, assignment: str, students: dict[str, dict[str, Profile]], reference: str, jobs: int = 1
) -> tuple[dict[str, dict[str, Replayed]], dict[str, str]]:
    """Replay every student of every notebook in `students` (notebook → student → profile); `reference` names the
    student the others fork from. Returns the outcomes per notebook, and why a notebook could not be replayed."""
    programs: dict[str, dict[str, list[list]]] = {}
    for notebook, profiles in students.items():
        if reference not in profiles:
            raise CourseError(f"the reference student {reference!r} is not among the students of {notebook}")
        release = read_notebook(course.release_dir / assignment / f"{notebook}.ipynb")
        source = read_notebook(course.source_dir / assignment / f"{notebook}.ipynb")
        programs[notebook] = {name: graded_program(learner_notebook(release, source, profile), source)
                              for name, profile in profiles.items()}
    return replay_programs(course, assignment, programs, reference, jobs)


def replay_programs(
    course: Course, assignment: str, programs: dict[str, dict[str, list[list]]], reference: str, jobs: int = 1,
    options: dict | None = None, progress: Callable[[int], None] | None = None,
) -> tuple[dict[str, dict[str, Replayed]], dict[str, str]]:
    """Replay programs (notebook → name → cells) of `assignment` with the course's time limit and ignored stderr,
    each notebook in a kernel folder that holds what is beside the release notebook."""
    timeout, ignore = grading_limits(course)
    with tempfile.TemporaryDirectory(prefix=f"course-replay-{assignment}-") as scratch:
        root = Path(scratch)
        workdirs = {}
        for notebook in programs:
            workdirs[notebook] = root / "work" / notebook  # the kernel's folder: what is beside the notebook
            shutil.copytree(course.release_dir / assignment, workdirs[notebook],
                            ignore=shutil.ignore_patterns("*.ipynb"))
        replayed, failures = run_job(root, programs, workdirs, reference, timeout, ignore, jobs, options, progress)
    return replayed, {nb: f"replaying {assignment}/{nb} failed: {why}" for nb, why in failures.items()}


def run_job(
    root: Path, programs: dict[str, dict[str, list[list]]], workdirs: dict[str, Path], reference: str,
    timeout: float, ignore: str = "", jobs: int = 1, options: dict | None = None,
    progress: Callable[[int], None] | None = None,
) -> tuple[dict[str, dict[str, Replayed]], dict[str, str]]:
    """Run the replay harness on `programs` (notebook → student → cells) in the scratch folder `root`; `options`
    are more settings of the harness's job (course.proof.harness.Job), and `progress` is told how many programs
    have ended, now and then."""
    harness = Harness(root)
    try:
        return harness.run(programs, workdirs, reference, timeout, ignore, jobs, options=options, progress=progress)
    finally:
        harness.stop()


def read_results(
    results: Path, programs: dict[str, dict[str, list[list]]], reference: str, output: str
) -> tuple[dict[str, dict[str, Replayed]], dict[str, str]]:
    """What the harness wrote for every program; for a notebook it could not replay, why (its error file, else
    the last lines of the harness's `output`)."""
    replayed: dict[str, dict[str, Replayed]] = {}
    failures: dict[str, str] = {}
    for notebook, named in programs.items():
        folder = results / notebook
        if not (folder / f"{reference}.jsonl").exists():
            error = folder / "error.txt"
            lines = output.strip().splitlines()
            failures[notebook] = error.read_text(encoding="utf-8") if error.exists() else " | ".join(lines[-3:])
            continue
        children = json.loads((folder / "children.json").read_text(encoding="utf-8"))
        replayed[notebook] = {name: _read(folder / f"{name}.jsonl", name, cells, children.get(name, {}))
                              for name, cells in named.items()}
    return replayed, failures


def _read(path: Path, name: str, program: list[list], child: dict) -> Replayed:
    outcome = Replayed(name, seconds=float(child.get("seconds", 0.0)))
    code = child.get("exit")
    died = f"the kernel died (exit status {code})" if code else NOT_REPORTED
    if path.exists():
        for line in path.read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            if "died" in row:
                died = row["died"]
            elif "cell_index" in row:
                outcome.errors[int(row["cell_index"])] = str(row["error"])
            elif "test" in row:
                outcome.tests[row["test"]] = (float(row["score"]), float(row["max"]), row["message"])
                extra = {k: row[k] for k in ("line", "details", "call", "error_type") if k in row}
                if extra:
                    outcome.failures[row["test"]] = extra
    for _, test, top in program:
        if test is not None and test not in outcome.tests:
            outcome.tests[test] = (0.0, float(top), died)
    return outcome
