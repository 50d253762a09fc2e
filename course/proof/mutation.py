"""The mutation analysis (`course validate --mutants`): do the tests of every exercise catch small bugs?

Every solution cell's reference code is mutated (course.proof.mutants: one small change per mutant). A mutant is
a wrong variant that replaces one solution cell, so it is replayed like one (course.proof.replay): the solution's
cells run once, and each mutant forks from the solution's state just before its cell. A mutant is **killed** when
it loses at least one test point that the solution earns (a failed check, an exception, a time-out or a dead
kernel in a test all cost points); its run stops there. Each cell of a mutant may run `mutant_time_factor` times
as long as the solution's same cell (at least `mutant_min_timeout` seconds), so an endless loop costs seconds.

A surviving mutant is a missing test, or it is **equivalent**: no test could tell it from the solution (dropping a
statement that only prints, a tolerance doubled). Equivalent mutants are declared with the reason in
`tests/variants/<assignment>/<notebook>.py` as `EQUIVALENT_MUTANTS = {"<mutant id>": "<reason>"}`. The score of
an exercise is killed / (mutants − equivalent); the target is 90 % in every exercise.

Mutants cost minutes per notebook, so results are cached in `tests/variants/<assignment>/MUTANTS.json`
(committed). Each mutant's record holds a key: a hash of the mutator version, the time limits, the files beside
the notebook and the cells of the mutant's program that decided the result — every cell up to the test that
killed it, or the whole notebook for a survivor. `course validate` checks the cache without running anything
(a mutant without a current record makes its exercise fail with "run `course validate --mutants ASSIGNMENT`");
`course validate --mutants` runs only the mutants whose record is missing or stale, and updates the cache.
The key leaves out the installed libraries and `course.checks`: after changing them, run with `--rerun`.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from course.layout import Course
from course.messages import KERNEL_STOPPED
from course.notebooks import grade_id, is_manual, is_solution, read_notebook, solution_code, solution_region_lines
from course.proof.mutants import MUTATOR_VERSION, Mutant, mutants
from course.proof.replay import NOT_REPORTED, Replayed, graded_program, grading_limits, replay_programs
from course.proof.variants import (
    VARIANTS_DIR,
    Profile,
    learner_notebook,
    load_equivalent_mutants,
    load_untested_cells,
)

log = logging.getLogger(__name__)

TARGET = 0.90  # share of the non-equivalent mutants of every exercise that its tests must kill
TARGET_TEXT = f"{TARGET * 100:.0f} %"
CACHE_FILE = "MUTANTS.json"
REFERENCE = "solution"
OUTSIDE = "solution cell {} (outside the exercises)"
MutationProgress = Callable[[str, int, int], None]  # (notebook, mutants run so far, mutants to run)


@dataclass(frozen=True)
class Result:
    """What became of one mutant, and the key of what decided it."""

    killed: bool
    through: int  # how many cells of the mutant's program decided it
    key: str
    by: str = ""  # the first test that lost a point
    how: str = ""  # failed check | error | time-out | died | stderr | partial credit

    def record(self) -> dict:
        kept = {"killed": self.killed, "through": self.through, "key": self.key}
        return {**kept, "by": self.by, "how": self.how} if self.killed else kept


@dataclass(frozen=True)
class NotebookMutants:
    """The mutants of one notebook and the solution's program they are made from."""

    assignment: str
    notebook: str
    program: list[list]  # the solution as the grader runs it: [source, test id or None, points] per code cell
    index: dict[str, int]  # solution cell id → its position in `program`
    exercises: dict[str, list[str]]  # exercise → its solution cells
    mutants: list[Mutant]
    environment: str  # digest of what else decides a result (mutator, time limits, the files beside the notebook)
    digests: list[str] = field(default_factory=list)
    untested: dict[str, str] = field(default_factory=dict)  # declared UNTESTED_CELLS: cell id → why

    def program_of(self, mutant: Mutant) -> list[list]:
        program = [list(cell) for cell in self.program]
        program[self.index[mutant.cell]][0] = mutant.code
        return program

    def key(self, mutant: Mutant, through: int) -> str:
        """The hash of the first `through` cells of the mutant's program and of the environment."""
        position = self.index[mutant.cell]
        digest = hashlib.sha256(self.environment.encode())
        for i in range(min(through, len(self.program))):
            cell = _digest([mutant.code, *self.program[i][1:]]) if i == position else self.digests[i]
            digest.update(cell.encode())
        return digest.hexdigest()[:16]

    def current(self, mutant: Mutant, result: Result | None) -> bool:
        return result is not None and result.through <= len(self.program) and \
            result.key == self.key(mutant, result.through)

    def exercise_of(self, cell: str) -> str:
        return next((title for title, cells in self.exercises.items() if cell in cells), OUTSIDE.format(cell))


@dataclass
class ExerciseScore:
    """The mutation score of one exercise."""

    notebook: str
    exercise: str
    mutants: list[Mutant] = field(default_factory=list)
    killed: list[str] = field(default_factory=list)
    equivalent: dict[str, str] = field(default_factory=dict)  # declared equivalent and surviving: id → reason
    surviving: list[Mutant] = field(default_factory=list)  # not killed, not declared equivalent
    stale: list[Mutant] = field(default_factory=list)  # no current result in the cache

    @property
    def counted(self) -> int:
        return len(self.mutants) - len(self.equivalent)

    @property
    def score(self) -> float:
        return len(self.killed) / self.counted if self.counted else 1.0

    @property
    def ok(self) -> bool:
        return not self.stale and self.score >= TARGET

    def summary(self) -> str:
        if self.stale:
            return f"{len(self.stale)} of {len(self.mutants)} mutants have no current result"
        if not self.mutants:
            return "no mutants (nothing to mutate in its solution code)"
        return (f"{len(self.killed)}/{self.counted} killed ({self.score:.0%})"
                + (f", {len(self.equivalent)} equivalent" if self.equivalent else "")
                + (f"; surviving: {', '.join(m.id for m in self.surviving)}" if self.surviving else ""))


@dataclass
class MutationReport:
    """The mutation analysis of one assignment: a score per exercise, and what else went wrong."""

    assignment: str
    exercises: list[ExerciseScore] = field(default_factory=list)
    problems: list[tuple[str, str, str]] = field(default_factory=list)  # (notebook, check, detail)
    untested: list[tuple[str, str, str]] = field(default_factory=list)  # (notebook, cell, why): no mutants made
    ran: int = 0  # mutants run now (0 when only the cache was read)

    @property
    def ok(self) -> bool:
        return all(e.ok for e in self.exercises) and not self.problems


def cache_path(course: Course, assignment: str) -> Path:
    return course.root / VARIANTS_DIR / assignment / CACHE_FILE


def notebook_mutants(course: Course, assignment: str, notebook: str, cap: int, environment: str) -> NotebookMutants:
    """The mutants of every solution cell of one notebook (written answers graded by hand are left alone)."""
    from course.proof.validate import exercises_of

    source_path = course.source_dir / assignment / f"{notebook}.ipynb"
    source = read_notebook(source_path)
    learner = learner_notebook(read_notebook(course.release_dir / assignment / f"{notebook}.ipynb"), source,
                               Profile("all"))
    program = graded_program(learner, source)
    code_cells = [c for c in learner.cells if c.cell_type == "code"]
    index = {grade_id(c): i for i, c in enumerate(code_cells) if grade_id(c)}
    untested = load_untested_cells(course, assignment, notebook)
    made: list[Mutant] = []
    for cell in source.cells:
        if (cell.cell_type == "code" and is_solution(cell) and not is_manual(cell) and grade_id(cell) in index
                and grade_id(cell) not in untested):
            made += mutants(grade_id(cell), solution_code(cell.source), solution_region_lines(cell.source), cap)
    return NotebookMutants(assignment, notebook, program, index, exercises_of(source_path), made, environment,
                           [_digest(cell) for cell in program], untested)


def environment_digest(course: Course, assignment: str, options: dict) -> str:
    """What decides a mutant's result besides its program: the mutator, the harness's options (time and memory
    limits), the per-cell timeout, the ignored stderr and the files beside the notebooks (the kernel's folder)."""
    timeout, ignore = grading_limits(course)
    digest = hashlib.sha256(json.dumps([MUTATOR_VERSION, options, timeout, ignore], sort_keys=True).encode())
    folder = course.release_dir / assignment
    for path in sorted(p for p in folder.rglob("*") if p.is_file() and p.suffix != ".ipynb"):
        digest.update(str(path.relative_to(folder)).encode() + b"\0" + hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def assignment_mutants(course: Course, assignment: str) -> tuple[list[NotebookMutants], dict]:
    """The mutants of every notebook of an assignment, with the course's settings; and the harness's options."""
    from course.settings import CourseSettings
    from course.workspace import load_course_config

    settings = CourseSettings.load(load_course_config(course))
    options = {"probe": True, "stop_at_loss": True, "time_factor": settings.mutant_time_factor,
               "min_timeout": settings.mutant_min_timeout,
               "limits": {"memory_bytes": settings.memory_bytes, "file_size_bytes": settings.file_size_bytes}}
    environment = environment_digest(course, assignment, options)
    return [notebook_mutants(course, assignment, path.stem, settings.mutants_per_cell, environment)
            for path in course.source_notebooks(assignment)], options


def load_cache(course: Course, assignment: str) -> dict[str, dict[str, Result]]:
    """Cached results: notebook → mutant id → result (empty when there is no cache)."""
    path = cache_path(course, assignment)
    if not path.exists():
        return {}
    data = json.loads(path.read_text(encoding="utf-8"))
    return {notebook: {mutant: Result(r["killed"], int(r["through"]), r["key"], r.get("by", ""), r.get("how", ""))
                       for records in exercises.values() for mutant, r in records.items()}
            for notebook, exercises in data.get("notebooks", {}).items()}


def save_cache(course: Course, assignment: str, notebooks: list[NotebookMutants],
               results: dict[str, dict[str, Result]]) -> Path:
    """Write the results of the current mutants, by notebook and exercise, one mutant per line."""
    lines = ["{", ' "about": "mutation analysis results (course validate --mutants); generated, do not edit",',
             f' "mutator": {MUTATOR_VERSION},', ' "notebooks": {']
    blocks = []
    for nb in notebooks:
        groups: dict[str, list[str]] = {}
        for mutant in nb.mutants:
            result = results.get(nb.notebook, {}).get(mutant.id)
            if result is not None:
                row = f'    {json.dumps(mutant.id)}: {json.dumps(result.record(), sort_keys=True)}'
                groups.setdefault(nb.exercise_of(mutant.cell), []).append(row)
        exercises = [f'   {json.dumps(title)}: {{\n' + ",\n".join(rows) + "\n   }" for title, rows in groups.items()]
        blocks.append(f'  {json.dumps(nb.notebook)}: {{' + ("\n" + ",\n".join(exercises) + "\n  " if exercises else "")
                      + "}")
    lines.append(",\n".join(blocks))
    lines += [" }", "}"]
    path = cache_path(course, assignment)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def run_mutants(course: Course, assignment: str, workers: int | None = None, rerun: bool = False,
                progress: MutationProgress | None = None) -> MutationReport:
    """Run the mutants without a current cached result (every mutant with `rerun`), one notebook at a time,
    updating the cache after each; then the report."""
    from course.grading.pool import worker_count

    notebooks, options = assignment_mutants(course, assignment)
    results = load_cache(course, assignment)
    todo = {nb.notebook: [m for m in nb.mutants if rerun or not nb.current(m, results.get(nb.notebook, {}).get(m.id))]
            for nb in notebooks}
    total = sum(len(t) for t in todo.values())
    problems: list[tuple[str, str, str]] = []
    done = 0
    for nb in notebooks:
        mine = todo[nb.notebook]
        if not mine:
            continue
        log.info("running %d mutants of %s/%s", len(mine), assignment, nb.notebook)
        programs = {REFERENCE: nb.program, **{m.id: nb.program_of(m) for m in mine}}
        tell = (lambda ended, nb=nb, base=done: progress(nb.notebook, base + ended, total)) if progress else None
        replayed, failures = replay_programs(course, assignment, {nb.notebook: programs}, REFERENCE,
                                             worker_count(workers, len(mine)), options, tell)
        done += len(mine)
        if nb.notebook in failures:
            problems.append((nb.notebook, "mutants are replayed", failures[nb.notebook]))
            continue
        outcomes = replayed[nb.notebook]
        lost = sorted(outcomes[REFERENCE].failed)
        if lost:  # nothing to compare the mutants with: no result is kept
            problems.append((nb.notebook, "the solution keeps full marks while its mutants run",
                             f"it loses points in {', '.join(lost[:5])}{' …' if len(lost) > 5 else ''}"))
            continue
        mine_results = results.setdefault(nb.notebook, {})
        for mutant in mine:
            mine_results[mutant.id] = judge(nb, mutant, outcomes[mutant.id], outcomes[REFERENCE])
        save_cache(course, assignment, notebooks, results)
    if not total and cache_path(course, assignment).exists():
        save_cache(course, assignment, notebooks, results)  # drops the records of mutants that no longer exist
    report = score_report(course, assignment, notebooks, results)
    report.problems[:0] = problems
    report.ran = total
    return report


def judge(nb: NotebookMutants, mutant: Mutant, outcome: Replayed, reference: Replayed) -> Result:
    """Killed at the first test (in notebook order) where the mutant scores less than the solution."""
    for position, (_, test, _) in enumerate(nb.program):
        if test is None:
            continue
        got = outcome.tests.get(test, (0.0, 0.0, NOT_REPORTED))[0]
        if got < reference.tests.get(test, (0.0, 0.0, ""))[0] - 1e-9:
            return Result(True, position + 1, nb.key(mutant, position + 1), test, _how(outcome.message(test)))
    return Result(False, len(nb.program), nb.key(mutant, len(nb.program)))


def _digest(cell: list) -> str:
    return hashlib.sha256(json.dumps(cell).encode()).hexdigest()


def _how(message: str) -> str:
    if "past the time limit" in message:
        return "time-out"
    if message.startswith(("the kernel died", "the replay stopped", NOT_REPORTED)) or KERNEL_STOPPED in message:
        return "died"
    if message.startswith("wrote to stderr"):
        return "stderr"
    if message.startswith("partial credit"):
        return "partial credit"
    return "error" if re.match(r"^[A-Za-z_][\w.]*: ", message) else "failed check"


def check_mutants(course: Course, assignment: str) -> MutationReport:
    """The report from the cache alone (nothing runs): what CI checks."""
    notebooks, _ = assignment_mutants(course, assignment)
    return score_report(course, assignment, notebooks, load_cache(course, assignment))


def score_report(course: Course, assignment: str, notebooks: list[NotebookMutants],
                 results: dict[str, dict[str, Result]]) -> MutationReport:
    report = MutationReport(assignment)
    for nb in notebooks:
        declared = load_equivalent_mutants(course, assignment, nb.notebook)
        mine = results.get(nb.notebook, {})
        scores: dict[str, ExerciseScore] = {}
        for title in nb.exercises:
            scores[title] = ExerciseScore(nb.notebook, title)
        wrongly = []
        for mutant in nb.mutants:
            title = nb.exercise_of(mutant.cell)
            score = scores.setdefault(title, ExerciseScore(nb.notebook, title))
            score.mutants.append(mutant)
            result = mine.get(mutant.id)
            if not nb.current(mutant, result):
                score.stale.append(mutant)
            elif result.killed:
                score.killed.append(mutant.id)
                if mutant.id in declared:
                    wrongly.append(f"{mutant.id} (killed by {result.by})")
            elif mutant.id in declared:
                score.equivalent[mutant.id] = declared[mutant.id]
            else:
                score.surviving.append(mutant)
        report.exercises += scores.values()
        report.untested += [(nb.notebook, cell, why) for cell, why in nb.untested.items()]
        misplaced = sorted(cell for cell in nb.untested
                           if cell not in nb.index or nb.exercise_of(cell) != OUTSIDE.format(cell))
        if misplaced:
            report.problems.append((nb.notebook, "declared untested cells are solution cells outside the exercises",
                                    f"not such a cell: {', '.join(misplaced)}"))
        gone = sorted(set(declared) - {m.id for m in nb.mutants})
        if gone:
            report.problems.append((nb.notebook, "declared equivalent mutants exist",
                                    f"stale: {', '.join(gone)} (no such mutant now: remove them)"))
        if wrongly:
            report.problems.append((nb.notebook, "declared equivalent mutants survive",
                                    f"killed, so not equivalent: {', '.join(wrongly)}"))
    return report


def _ran(report: MutationReport) -> str:
    total = sum(len(e.mutants) for e in report.exercises)
    if not report.ran:
        return ""
    if report.ran == total:
        return f"; all {total} mutants run now"
    return f"; {report.ran} of {total} mutants run now (the others' results were current in {CACHE_FILE})"


def report_text(report: MutationReport) -> str:
    """The report for the terminal: a row per exercise, each surviving mutant as a short diff, the problems."""
    from course.console import table

    rows = [[e.notebook, e.exercise, f"{len(e.killed)}/{e.counted}" if not e.stale else "-",
             str(len(e.equivalent)), f"{e.score:.0%}" if e.mutants and not e.stale else "-",
             "pass" if e.ok else "FAIL" if not e.stale else "STALE"] for e in report.exercises]
    lines = [table(["notebook", "exercise", "killed", "equivalent", "score", f"≥ {TARGET_TEXT}"], rows, max_width=60)]
    survivors = [(e, m) for e in report.exercises for m in e.surviving]
    if survivors:
        lines += ["", f"surviving mutants ({len(survivors)}): each is a missing test, or an equivalent mutant to "
                      f"declare in tests/variants/{report.assignment}/NOTEBOOK.py as EQUIVALENT_MUTANTS"]
        for exercise, mutant in survivors:
            where = f"{exercise.notebook} · {exercise.exercise.split(':')[0]}"
            lines.append(f"  {where} · {mutant.id}: {mutant.description}")
            lines += [f"      {row}" for row in mutant.diff]
    stale = sum(len(e.stale) for e in report.exercises)
    if stale:
        lines += ["", f"{stale} mutants have no current result: run `course validate --mutants {report.assignment}`"]
    lines += [f"not mutated: {notebook} · {cell} (declared in UNTESTED_CELLS: {why})"
              for notebook, cell, why in report.untested]
    lines += [f"problem: {notebook}: {check}: {detail}" for notebook, check, detail in report.problems]
    met = sum(e.ok for e in report.exercises)
    lines += ["", f"{report.assignment}: {met}/{len(report.exercises)} exercises meet the mutation target "
                  f"(≥ {TARGET_TEXT} of non-equivalent mutants killed)"
              + (f"; {len(report.problems)} problems" if report.problems else "")
              + _ran(report)]
    return "\n".join(lines)
