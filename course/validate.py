"""`course validate`: prove every notebook of a module through the real grader.

For each module, in a scratch workspace (never the instructor's gradebook):
  - the reference solution scores full marks on every autograded test;
  - the untouched release notebook scores 0, and the grader does not crash on it;
  - every known-wrong variant (tests/variants/<module>/<notebook>.py) fails exactly the tests it declares;
  - every exercise has at least two wrong variants, every solution cell at least one;
  - neither the release notebooks nor any feedback HTML contains hidden test text.
All submissions of a module are graded together by the parallel grader (one nbgrader import per worker).
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from course.build import release_leaks, require_release
from course.feedback_run import generate_feedback
from course.grading import GradingOutcome, grade_all
from course.hidden import find_leaks, secret_lines
from course.layout import Course
from course.learners import Profile, Variant, load_variants, write_submission
from course.lint import EXERCISE, HEADING
from course.notebooks import grade_id, is_solution, read_notebook
from course.results import SubmissionResult, read_result
from course.workspace import Workspace

SOLUTION = "solution"
UNTOUCHED = "untouched"


@dataclass(frozen=True)
class Verdict:
    module: str
    notebook: str
    check: str
    ok: bool
    detail: str = ""


def variant_student(notebook: str, variant: Variant) -> str:
    return f"variant--{notebook}--{variant.name}"


def exercises_of(source_path: Path) -> dict[str, list[str]]:
    """Exercise heading → the solution cell ids under it."""
    groups: dict[str, list[str]] = {}
    current: str | None = None
    for cell in read_notebook(source_path).cells:
        if cell.cell_type == "markdown" and HEADING.search(cell.source):
            match = EXERCISE.search(cell.source)
            current = match.group(0).lstrip("#").strip() if match else None
        elif is_solution(cell) and cell.cell_type == "code" and current is not None:
            groups.setdefault(current, []).append(grade_id(cell))
    return groups


def coverage_verdicts(module: str, source_path: Path, variants: list[Variant]) -> list[Verdict]:
    touched: dict[str, int] = {}
    for variant in variants:
        for cell_id in variant.cells:
            touched[cell_id] = touched.get(cell_id, 0) + 1
    verdicts = []
    for exercise, cell_ids in exercises_of(source_path).items():
        count = sum(1 for v in variants if set(v.cells) & set(cell_ids))
        uncovered = [c for c in cell_ids if not touched.get(c)]
        ok = count >= 2 and not uncovered
        detail = f"{count} wrong variants" + (f"; no variant for {', '.join(uncovered)}" if uncovered else "")
        verdicts.append(Verdict(module, source_path.stem, f"wrong variants for {exercise.split(':')[0]}", ok, detail))
    return verdicts


def validate_module(
    course: Course, module: str, workers: int | None = None, progress: Callable[[GradingOutcome], None] | None = None
) -> list[Verdict]:
    require_release(course, module)
    notebooks = [p.stem for p in course.source_notebooks(module)]
    verdicts: list[Verdict] = []
    plan: dict[str, tuple[str, Variant]] = {}
    tmp = Path(tempfile.mkdtemp(prefix=f"course-validate-{module}-"))
    try:
        workspace = Workspace.scratch(course, tmp)
        submitted = workspace.root / "submitted"
        write_submission(course, submitted, SOLUTION, module, dict.fromkeys(notebooks, Profile("all")))
        untouched = submitted / UNTOUCHED / module
        untouched.mkdir(parents=True)
        for notebook in notebooks:
            shutil.copy(course.release_dir / module / f"{notebook}.ipynb", untouched)
        for source_path in course.source_notebooks(module):
            variants = load_variants(course, module, source_path.stem)
            verdicts += coverage_verdicts(module, source_path, variants)
            for variant in variants:
                student = variant_student(source_path.stem, variant)
                plan[student] = (source_path.stem, variant)
                write_submission(course, submitted, student, module, {source_path.stem: Profile("all", variant)})
        students = [SOLUTION, UNTOUCHED, *plan]
        outcomes = {o.student: o for o in grade_all(workspace, module, students, workers, progress)}
        results = {s: read_result(workspace, module, s) for s in students if outcomes[s].graded}
        verdicts += _score_verdicts(module, notebooks, outcomes, results, plan)
        generate_feedback(workspace, module, feedback_sample(results), workers)
        verdicts += _leak_verdicts(course, module, workspace)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return verdicts


def feedback_sample(results: dict[str, SubmissionResult]) -> list[str]:
    """The solution, the untouched release, and variants whose feedback together shows every test failing for
    a real reason (not "not attempted") at least once (greedy set cover): enough to prove that no failure
    message or traceback of a hidden test leaks, without rendering feedback for every variant."""

    def real_failures(result: SubmissionResult) -> set[tuple[str, str]]:
        return {(t.notebook, t.test) for t in result.auto_tests() if not t.passed and "not attempted" not in t.message}

    chosen = [s for s in (SOLUTION, UNTOUCHED) if s in results]
    failing = {s: real_failures(r) for s, r in results.items()}
    uncovered = set().union(*failing.values()) if failing else set()
    for student in chosen:
        uncovered -= failing[student]
    while uncovered:
        best = max(sorted(failing), key=lambda s: len(failing[s] & uncovered))
        if not failing[best] & uncovered:
            break
        chosen.append(best)
        uncovered -= failing[best]
    return chosen


def _score_verdicts(
    module: str,
    notebooks: list[str],
    outcomes: dict[str, GradingOutcome],
    results: dict[str, SubmissionResult],
    plan: dict[str, tuple[str, Variant]],
) -> list[Verdict]:
    verdicts = []
    for student in (SOLUTION, UNTOUCHED):
        if not outcomes[student].graded:
            verdicts.append(Verdict(module, "*", f"{student} is graded", False, outcomes[student].error))
    for notebook in notebooks:
        if SOLUTION in results:
            sol = results[SOLUTION]
            failed = sorted(sol.failed(notebook))
            verdicts.append(
                Verdict(
                    module,
                    notebook,
                    "solution scores full marks",
                    not failed and sol.auto_max(notebook) > 0,
                    f"{sol.auto_score(notebook):g}/{sol.auto_max(notebook):g}"
                    + (f"; failing: {', '.join(failed)}" if failed else ""),
                )
            )
        if UNTOUCHED in results:
            blank = results[UNTOUCHED]
            verdicts.append(
                Verdict(
                    module,
                    notebook,
                    "untouched release scores 0",
                    blank.auto_score(notebook) == 0 and blank.total == 0,
                    f"{blank.total:g}/{blank.max_total:g} points",
                )
            )
    for student, (notebook, variant) in plan.items():
        check = f"variant {variant.name} loses points"
        if not outcomes[student].graded:
            verdicts.append(Verdict(module, notebook, check, False, f"grader failed: {outcomes[student].error}"))
            continue
        result = results[student]
        failed = result.failed(notebook)
        ok = failed == set(variant.fails) and result.auto_score(notebook) < result.auto_max(notebook)
        detail = f"fails {', '.join(sorted(failed)) or 'nothing'}"
        if not ok:
            detail += f"; declared {', '.join(sorted(variant.fails)) or 'nothing'}"
            messages = {t.test: t.message for t in result.auto_tests(notebook) if not t.passed and t.message}
            if messages:
                detail += "; messages: " + " | ".join(f"{k}: {v}" for k, v in sorted(messages.items()))
        verdicts.append(Verdict(module, notebook, check, ok, detail))
    return verdicts


def _leak_verdicts(course: Course, module: str, workspace: Workspace) -> list[Verdict]:
    verdicts = []
    leaks = release_leaks(course, module, course.release_dir / module)
    verdicts.append(Verdict(module, "*", "release holds no hidden test text", not leaks, "; ".join(leaks[:3])))
    feedback_root = workspace.root / "feedback"
    files = sorted(feedback_root.glob(f"*/{module}/*.html"))
    found = []
    for source_path in course.source_notebooks(module):
        secrets = secret_lines(read_notebook(source_path))
        for html_file in files:
            if html_file.stem == source_path.stem:
                for line in find_leaks(html_file.read_text(encoding="utf-8"), secrets):
                    found.append(f"{html_file.parent.parent.name}/{html_file.name}: {line}")
    verdicts.append(
        Verdict(
            module,
            "*",
            f"feedback holds no hidden test text ({len(files)} files)",
            bool(files) and not found,
            "; ".join(found[:3]) if found else ("" if files else "no feedback was generated"),
        )
    )
    return verdicts
