"""`course validate`: prove every notebook of an assignment.

For each assignment, in a scratch workspace (never the instructor's gradebook):
  - through the real grader: the reference solution scores full marks on every autograded test, and the
    untouched release notebook scores 0 without a grader crash;
  - every known-wrong variant (tests/variants/<assignment>/<notebook>.py) fails exactly the tests it declares. The
    variants are replayed from the solution's shared prefix (course.proof.replay) instead of being graded one by one;
  - the replay agrees with the real grader, test by test, on every student graded both ways: the solution, the
    untouched release, and a few composite students (wrong variants merged) who together fail every test that any
    variant fails;
  - every exercise has at least two wrong variants, every solution cell at least one;
  - neither the release notebooks nor any feedback HTML contains hidden test text. Feedback is rendered for every
    student graded through the real grader, so the failure message of every test is checked at least once.
With `every_variant` (`course validate --every-variant`) every variant is also graded through the real grader,
and must agree with its replay. The mutation score of every exercise is read from its cache
(course.proof.mutation): it must be current and at least 90 %; `course validate --mutants` runs the mutants.
"""

from __future__ import annotations

import logging
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from course.authoring.build import release_leaks, require_release
from course.authoring.lint import EXERCISE, HEADING
from course.feedback.pages import FeedbackOutcome, write_feedback
from course.grading.grade import GradingOutcome, grade_all
from course.grading.pool import worker_count
from course.grading.results import SubmissionResult, read_result
from course.layout import Course
from course.notebooks import grade_id, is_solution, read_notebook
from course.proof.mutation import TARGET_TEXT, MutationReport, check_mutants
from course.proof.replay import Replayed, replay_assignment
from course.proof.variants import Profile, Variant, load_variants, write_submission
from course.workspace import Workspace

log = logging.getLogger(__name__)

SOLUTION = "solution"
UNTOUCHED = "untouched"
NOT_ATTEMPTED = ("not attempted", "not answered")  # messages of NotAttempted
ProgressCallback = Callable[[str, bool, str], None]  # (what was done, whether it went well, detail)


@dataclass(frozen=True)
class Verdict:
    assignment: str
    notebook: str
    check: str
    ok: bool
    detail: str = ""


def variant_student(notebook: str, variant: Variant) -> str:
    return f"variant--{notebook}--{variant.name}"


def composite_student(notebook: str, composite: Variant) -> str:
    return f"composite--{notebook}--{composite.name}"


def composites(variants: list[Variant]) -> list[Variant]:
    """Wrong variants merged into a few students with many mistakes each (greedy set cover of the declared
    failures; merged variants touch disjoint cells). Graded through the real grader, together they render the
    failure of every test that some variant fails, at a fraction of the cost of grading every variant."""
    uncovered = set().union(*(v.fails for v in variants)) if variants else set()
    merged: list[Variant] = []
    while uncovered:
        cells: dict[str, str] = {}
        fails: set[str] = set()
        names: list[str] = []
        for variant in sorted(variants, key=lambda v: (-len(v.fails & uncovered), v.name)):
            if variant.fails & uncovered and not set(variant.cells) & set(cells):
                cells.update(variant.cells)
                fails |= variant.fails
                names.append(variant.name)
                uncovered -= variant.fails
        if not names:
            break
        merged.append(Variant(f"composite-{len(merged) + 1}", "merged: " + ", ".join(names), cells, frozenset(fails)))
    return merged


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


def coverage_verdicts(assignment: str, source_path: Path, variants: list[Variant]) -> list[Verdict]:
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
        check = f"wrong variants for {exercise.split(':')[0]}"
        verdicts.append(Verdict(assignment, source_path.stem, check, ok, detail))
    return verdicts




GradedVariant = tuple[str, Variant]  # (notebook, its wrong answers) of a student graded through the real grader


def proof_steps(course: Course, assignment: str, every_variant: bool = False) -> int:
    """How many steps `validate_assignment` reports: one per replayed notebook, then each real grading."""
    steps = 2
    for source_path in course.source_notebooks(assignment):
        variants = load_variants(course, assignment, source_path.stem)
        steps += 1 + len(composites(variants)) + (len(variants) if every_variant else 0)
    return steps


def mutation_verdicts(report: MutationReport) -> list[Verdict]:
    """One verdict per exercise (its mutation score is current and meets the target), one per problem."""
    rerun = f": run `course validate --mutants {report.assignment}`"
    verdicts = [Verdict(report.assignment, e.notebook, f"mutation score ≥ {TARGET_TEXT} for {e.exercise.split(':')[0]}",
                        e.ok, e.summary() + (rerun if e.stale else "")) for e in report.exercises]
    return verdicts + [Verdict(report.assignment, notebook, check, False, detail)
                       for notebook, check, detail in report.problems]


def validate_assignment(
    course: Course, assignment: str, workers: int | None = None, progress: ProgressCallback | None = None,
    every_variant: bool = False, mutation: bool = True,
) -> list[Verdict]:
    """Prove one assignment (see the module's docstring); with `mutation`, also check its cached mutation scores."""
    require_release(course, assignment)
    report = progress or (lambda *_: None)
    notebooks = [p.stem for p in course.source_notebooks(assignment)]
    verdicts: list[Verdict] = []
    students: dict[str, GradedVariant] = {}
    plans: dict[str, dict[str, Profile]] = {}
    variants_of: dict[str, list[Variant]] = {}
    for source_path in course.source_notebooks(assignment):
        notebook = source_path.stem
        variants = variants_of[notebook] = load_variants(course, assignment, notebook)
        verdicts += coverage_verdicts(assignment, source_path, variants)
        mixes = composites(variants)
        plans[notebook] = {SOLUTION: Profile("all"), UNTOUCHED: Profile("none")}
        plans[notebook].update({variant_student(notebook, v): Profile("all", v) for v in variants})
        plans[notebook].update({composite_student(notebook, m): Profile("all", m) for m in mixes})
        students.update({composite_student(notebook, m): (notebook, m) for m in mixes})
        if every_variant:
            students.update({variant_student(notebook, v): (notebook, v) for v in variants})
    log.info("replaying the wrong variants of %s", assignment)
    replayed, failures = replay_assignment(course, assignment, plans, SOLUTION, worker_count(workers, 1 << 16))
    for notebook in notebooks:
        if notebook in failures:
            verdicts.append(Verdict(assignment, notebook, "wrong variants are replayed", False, failures[notebook]))
            report(f"replay {notebook}", False, failures[notebook])
        else:
            report(f"replay {notebook}", True, f"({len(plans[notebook])} students)")
            verdicts += _variant_verdicts(assignment, notebook, variants_of[notebook], replayed[notebook])
            verdicts.append(_untouched_verdict(assignment, notebook, replayed[notebook][UNTOUCHED]))
            if variants_of[notebook]:
                verdicts.append(diagnosis_verdict(course, assignment, notebook, variants_of[notebook],
                                                  replayed[notebook]))
    tmp = Path(tempfile.mkdtemp(prefix=f"course-validate-{assignment}-"))
    try:
        workspace = Workspace.scratch(course, tmp)
        results, outcomes = grade_students(course, workspace, assignment, students, workers, report, references=True)
        verdicts += _grader_verdicts(assignment, notebooks, outcomes, results, students)
        extra = _uncovered_learners(variants_of, replayed, results, students)
        if extra:  # merging masked a failure: grade single variants that show it
            more_results, more_outcomes = grade_students(course, workspace, assignment, extra, workers, report)
            verdicts += _grader_verdicts(assignment, notebooks, more_outcomes, more_results, extra)
            results.update(more_results)
            students.update(extra)
        verdicts += agreement_verdicts(assignment, notebooks, replayed, results, students)
        verdicts += _feedback_coverage_verdicts(assignment, replayed, results, students)
        written = write_feedback(workspace, assignment, sorted(results), workers)
        verdicts += _leak_verdicts(course, assignment, written)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    if mutation:
        verdicts += mutation_verdicts(check_mutants(course, assignment))
    return verdicts


def grade_students(
    course: Course, workspace: Workspace, assignment: str, students: dict[str, GradedVariant],
    workers: int | None = None,
    report: ProgressCallback | None = None, references: bool = False,
) -> tuple[dict[str, SubmissionResult], dict[str, GradingOutcome]]:
    """Grade students through the real grader; with `references`, the solution and the untouched release too."""
    submitted = workspace.root / "submitted"
    notebooks = [p.stem for p in course.source_notebooks(assignment)]
    names = list(students)
    if references:
        write_submission(course, submitted, SOLUTION, assignment, dict.fromkeys(notebooks, Profile("all")))
        untouched = submitted / UNTOUCHED / assignment
        untouched.mkdir(parents=True)
        for notebook in notebooks:
            shutil.copy(course.release_dir / assignment / f"{notebook}.ipynb", untouched)
        names = [SOLUTION, UNTOUCHED, *names]
    for student, (notebook, variant) in students.items():
        write_submission(course, submitted, student, assignment, {notebook: Profile("all", variant)})

    def done(outcome: GradingOutcome) -> None:
        if report is not None:
            report(outcome.student, outcome.graded, f"({outcome.seconds:.1f} s)")

    outcomes = {o.student: o for o in grade_all(workspace, assignment, names, workers, done)}
    results = {s: read_result(workspace, assignment, s) for s in names if outcomes[s].graded}
    return results, outcomes


def _variant_verdicts(
    assignment: str, notebook: str, variants: list[Variant], replayed: dict[str, Replayed]
) -> list[Verdict]:
    verdicts = []
    for variant in variants:
        outcome = replayed[variant_student(notebook, variant)]
        failed = outcome.failed
        ok = failed == set(variant.fails) and outcome.score < outcome.max_score
        detail = f"fails {', '.join(sorted(failed)) or 'nothing'}"
        if not ok:
            detail += f"; declared {', '.join(sorted(variant.fails)) or 'nothing'}"
            messages = {t: outcome.message(t) for t in sorted(failed) if outcome.message(t)}
            if messages:
                detail += "; messages: " + " | ".join(f"{k}: {v}" for k, v in messages.items())
        verdicts.append(Verdict(assignment, notebook, f"variant {variant.name} loses points", ok, detail))
    return verdicts


def diagnosis_verdict(
    course: Course, assignment: str, notebook: str, variants: list[Variant], replayed: dict[str, Replayed]
) -> Verdict:
    """How often the diagnosis of `course check` names the mistake actually made, on each wrong variant and on each
    mistake of the composite students; the variants' signatures are kept for learners' checks (a measurement: it
    passes)."""
    from course.selfpaced import diagnosis
    from course.selfpaced.exercises import exercises

    items = exercises(read_notebook(course.source_dir / assignment / f"{notebook}.ipynb"))
    observed = {v.name: replayed[variant_student(notebook, v)] for v in variants}
    sigs = diagnosis.signatures(items, variants, observed)
    diagnosis.save_signatures(diagnosis.course_cache(course), course, assignment, notebook, sigs)
    singles = diagnosis.accuracy(items, sigs, variants, [(v, observed[v.name]) for v in variants])
    mixed = diagnosis.accuracy(items, sigs, variants, [(m, replayed[composite_student(notebook, m)])
                                                       for m in composites(variants)
                                                       if composite_student(notebook, m) in replayed])
    return Verdict(assignment, notebook, "diagnosis names the mistake", True,
                   f"first hint right: variants {singles.short()}, composites {mixed.short()}")


def _untouched_verdict(assignment: str, notebook: str, untouched: Replayed) -> Verdict:
    """Every test of the untouched release says "not attempted yet" or "not answered yet", never a raw error
    (a NameError for an unanswered question, a NotImplementedError from a function called without checks.run)."""
    raw = {t: untouched.message(t) for t in sorted(untouched.failed) if not _unattempted(untouched.message(t))}
    detail = "; ".join(f"{t}: {m or 'no message'}" for t, m in list(raw.items())[:3])
    return Verdict(assignment, notebook, "untouched release says 'not attempted'", not raw,
                   detail or f"{len(untouched.failed)} tests say 'not attempted yet' or 'not answered yet'")


def _grader_verdicts(
    assignment: str, notebooks: list[str], outcomes: dict[str, GradingOutcome], results: dict[str, SubmissionResult],
    students: dict[str, GradedVariant],
) -> list[Verdict]:
    verdicts = []
    for student in (SOLUTION, UNTOUCHED):
        if student in outcomes and not outcomes[student].graded:
            verdicts.append(Verdict(assignment, "*", f"{student} is graded", False, outcomes[student].error))
    for notebook in notebooks:
        if SOLUTION in results:
            sol = results[SOLUTION]
            failed = sorted(sol.failed(notebook))
            verdicts.append(Verdict(
                assignment, notebook, "solution scores full marks", not failed and sol.auto_max(notebook) > 0,
                f"{sol.auto_score(notebook):g}/{sol.auto_max(notebook):g}"
                + (f"; failing: {', '.join(failed)}" if failed else ""),
            ))
        if UNTOUCHED in results:
            blank = results[UNTOUCHED]
            verdicts.append(Verdict(
                assignment, notebook, "untouched release scores 0",
                blank.auto_score(notebook) == 0 and blank.total == 0,
                f"{blank.total:g}/{blank.max_total:g} points",
            ))
    for student, (notebook, _) in students.items():
        if student in outcomes and not outcomes[student].graded:
            verdicts.append(Verdict(assignment, notebook, f"{student} is graded", False, outcomes[student].error))
    return verdicts


def _graded_pairs(notebooks: list[str], results: dict[str, SubmissionResult], students: dict[str, GradedVariant]):
    """(student, notebook) of every notebook graded through the real grader (and replayed as that student)."""
    for student in (SOLUTION, UNTOUCHED):
        if student in results:
            for notebook in notebooks:
                yield student, notebook
    for student, (notebook, _) in students.items():
        if student in results:
            yield student, notebook


def agreement_verdicts(
    assignment: str, notebooks: list[str], replayed: dict[str, dict[str, Replayed]],
    results: dict[str, SubmissionResult], students: dict[str, GradedVariant],
) -> list[Verdict]:
    compared: dict[str, int] = {}
    differences: dict[str, list[str]] = {}
    for student, notebook in _graded_pairs(notebooks, results, students):
        if notebook not in replayed:
            continue
        graded = {t.test: t for t in results[student].auto_tests(notebook)}
        replay_failed = replayed[notebook][student].failed
        grader_failed = {t for t, r in graded.items() if not r.passed}
        compared[notebook] = compared.get(notebook, 0) + 1
        for test in sorted(grader_failed - replay_failed):
            differences.setdefault(notebook, []).append(f"{student}: {test} fails only in the grader "
                                                        f"({graded[test].message or 'no message'})")
        for test in sorted(replay_failed - grader_failed):
            message = replayed[notebook][student].message(test) or "no message"
            differences.setdefault(notebook, []).append(f"{student}: {test} fails only in the replay ({message})")
    return [
        Verdict(assignment, notebook, f"replay agrees with the grader ({count} students)",
                not differences.get(notebook),
                "; ".join(differences.get(notebook, [])[:3]) or "same failing tests for every student")
        for notebook, count in compared.items()
    ]


def _unattempted(message: str) -> bool:
    return any(marker in message for marker in NOT_ATTEMPTED)


def _real_failures(replayed: Replayed) -> set[str]:
    return {t for t in replayed.failed if not _unattempted(replayed.message(t))}


def _shown_failures(results: dict[str, SubmissionResult], students: dict[str, GradedVariant]) -> dict[str, set[str]]:
    """Per notebook, the tests that fail for a real reason (not "not attempted") in some real grading."""
    shown: dict[str, set[str]] = {}
    for student, (notebook, _) in students.items():
        if student in results:
            shown.setdefault(notebook, set()).update(
                t.test for t in results[student].auto_tests(notebook) if not t.passed and not _unattempted(t.message)
            )
    return shown


def _uncovered_learners(
    variants_of: dict[str, list[Variant]], replayed: dict[str, dict[str, Replayed]],
    results: dict[str, SubmissionResult], students: dict[str, GradedVariant],
) -> dict[str, GradedVariant]:
    """Single variants to grade when the composites' real grading does not show some variant's failure."""
    shown = _shown_failures(results, students)
    extra: dict[str, GradedVariant] = {}
    for notebook, outcomes in replayed.items():
        variants = {variant_student(notebook, v): v for v in variants_of[notebook]}
        missing = set().union(*(_real_failures(outcomes[s]) for s in variants)) - shown.get(notebook, set())
        while missing:
            best = max(sorted(variants), key=lambda s: len(_real_failures(outcomes[s]) & missing))
            if not _real_failures(outcomes[best]) & missing:
                break
            missing -= _real_failures(outcomes[best])
            if best not in students:
                extra[best] = (notebook, variants[best])
    return extra


def _feedback_coverage_verdicts(
    assignment: str, replayed: dict[str, dict[str, Replayed]], results: dict[str, SubmissionResult],
    students: dict[str, GradedVariant],
) -> list[Verdict]:
    shown = _shown_failures(results, students)
    verdicts = []
    for notebook, outcomes in replayed.items():
        needed = set().union(*(_real_failures(o) for s, o in outcomes.items() if s.startswith("variant--")))
        missing = sorted(needed - shown.get(notebook, set()))
        verdicts.append(Verdict(
            assignment, notebook, "feedback is rendered for every failing test", not missing,
            f"{len(needed) - len(missing)}/{len(needed)} tests that wrong variants fail"
            + (f"; never shown: {', '.join(missing)}" if missing else ""),
        ))
    return verdicts


def _leak_verdicts(course: Course, assignment: str, written: list[FeedbackOutcome]) -> list[Verdict]:
    verdicts = []
    leaks = release_leaks(course, assignment, course.release_dir / assignment)
    verdicts.append(Verdict(assignment, "*", "release holds no hidden test text", not leaks, "; ".join(leaks[:3])))
    pages = [page for outcome in written for page in outcome.pages]
    found = [leak for outcome in written for leak in outcome.leaked]
    verdicts.append(
        Verdict(
            assignment,
            "*",
            f"feedback holds no hidden test text ({len(pages) + len(found)} files)",
            bool(pages) and not found,
            "; ".join(found[:3]) if found else ("" if pages else "no feedback was generated"),
        )
    )
    return verdicts
