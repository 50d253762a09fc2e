"""`course demo`: the whole loop on the embedded default, in `demo/` (the course's own gradebook is untouched).

build → simulate a cohort of varied learners → grade in parallel → feedback → grades CSV + HTML report,
then a summary table and the list of files to look at. The demo checks its own expectations (complete
learners get full marks, the blank one 0, every bug costs points) and fails loudly when they do not hold.
"""

from __future__ import annotations

import json
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from course.build import generate_release, lint_modules, release_leaks
from course.console import Progress, table
from course.errors import CourseError
from course.feedback_run import feedback_students, write_feedback
from course.grading import grade_all
from course.layout import Course
from course.learners import Profile, Variant, load_variants, write_submission
from course.notebooks import grade_id, is_solution, is_test, read_notebook, write_notebook
from course.report import write_reports
from course.results import read_result
from course.validate import exercises_of
from course.workspace import Workspace


@dataclass(frozen=True)
class Learner:
    name: str
    kind: str  # complete | partial | blank | bug | faulty
    detail: str = ""


ROSTER = [
    Learner("ada", "complete"),
    Learner("grace", "complete"),
    Learner("alan", "complete"),
    Learner("barbara", "partial", "first third"),
    Learner("edsger", "partial", "first half"),
    Learner("donald", "partial", "all but the last exercise"),
    Learner("margaret", "blank"),
    Learner("john", "bug", "0"),
    Learner("frances", "bug", "1"),
    Learner("ken", "bug", "2"),
    Learner("radia", "bug", "3"),
    Learner("tim", "bug", "4"),
    Learner("katherine", "bug", "5"),
    Learner("linus", "faulty", "broken notebook JSON and a deleted test cell"),
]


def cohort(size: int) -> list[Learner]:
    """`size` learners of varied quality (complete, partial, blank, a typical bug each), no faulty files."""
    kinds = [("complete", ""), ("partial", "first third"), ("bug", None), ("partial", "first half"), ("bug", None),
             ("blank", ""), ("bug", None), ("partial", "all but the last exercise"), ("bug", None), ("complete", "")]
    learners, bugs = [], 0
    for i in range(size):
        kind, detail = kinds[i % len(kinds)]
        if kind == "bug":
            detail, bugs = str(bugs), bugs + 1
        learners.append(Learner(f"learner{i + 1:03d}", kind, detail))
    return learners


def _bug_order(course: Course, module: str, notebook: str) -> list[Variant]:
    """Variants ordered so that the first ones cover every exercise once (a typical bug per exercise)."""
    variants = load_variants(course, module, notebook)
    groups = exercises_of(course.source_dir / module / f"{notebook}.ipynb")
    rounds: list[list[Variant]] = []
    for cells in groups.values():
        mine = [v for v in variants if set(v.cells) & set(cells)]
        for i, variant in enumerate(mine):
            while len(rounds) <= i:
                rounds.append([])
            rounds[i].append(variant)
    return [v for r in rounds for v in r]


def profiles_for(course: Course, module: str, learner: Learner) -> dict[str, Profile]:
    profiles = {}
    for path in course.source_notebooks(module):
        cells = [c for c in read_notebook(path).cells if is_solution(c) and c.cell_type == "code"]
        if learner.kind in ("complete", "faulty"):
            profiles[path.stem] = Profile("all")
        elif learner.kind == "blank":
            profiles[path.stem] = Profile("none")
        elif learner.kind == "partial":
            share = {"first third": 1 / 3, "first half": 1 / 2}.get(learner.detail, 0.8)
            profiles[path.stem] = Profile(f"first:{max(1, int(len(cells) * share))}")
        else:
            bugs = _bug_order(course, module, path.stem)
            variant = bugs[int(learner.detail) % len(bugs)] if bugs else None
            profiles[path.stem] = Profile("all", variant)
    return profiles


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


# The default demo: one module of three notebooks proves the whole loop in well under 3 minutes on 2 cores;
# `course demo --all` (or naming modules) runs it on more.
DEFAULT_MODULES = ("01_coding",)


def demo_modules(course: Course, names: list[str] | None = None, everything: bool = False) -> list[str]:
    """The modules a demo runs on: `names`, all of them, or the default module (else the first one)."""
    modules = course.modules()
    if not modules:
        raise CourseError("the course has no modules in source/")
    if everything:
        return modules
    if names:
        return course.resolve(names)
    return [m for m in modules if m in DEFAULT_MODULES] or modules[:1]


def run_demo(
    course: Course,
    workers: int | None = None,
    say: Callable[[str], None] = print,
    modules: list[str] | None = None,
) -> int:
    """Run the demo on `modules` (default: `demo_modules`); returns the number of failed expectations (0 = success)."""
    started = time.monotonic()
    root = course.root / "demo"
    shutil.rmtree(root, ignore_errors=True)
    workspace = Workspace.scratch(course, root)
    workspace.write_nbgrader_config()  # `make formgrader COURSE_DIR=demo` opens the demo cohort
    modules = modules or demo_modules(course)

    say(f"1/5 build: lint and generate the release of {', '.join(modules)} into demo/release")
    problems = lint_modules(course, modules)
    if problems:
        raise CourseError("lint failed: " + "; ".join(map(str, problems[:5])))
    release_dir = root / "release"
    for module in modules:
        generate_release(workspace, module)
        leaks = release_leaks(course, module, release_dir / module)
        if leaks:
            raise CourseError(f"hidden test text in the release of {module}: {leaks[0]}")

    say(f"2/5 learners: {len(ROSTER)} simulated learners hand in every module")
    faults: dict[str, list[str]] = {}
    for module in modules:
        for learner in ROSTER:
            write_submission(
                course,
                root / "submitted",
                learner.name,
                module,
                profiles_for(course, module, learner),
                release_dir=release_dir,
            )
            if learner.kind == "faulty":
                faults[learner.name] = _make_faulty(root / "submitted" / learner.name / module)

    say(f"3/5 grade: {len(ROSTER) * len(modules)} submissions in parallel")
    results = {}
    outcomes = {}
    for module in modules:
        progress = Progress(len(ROSTER), f"  {module}")
        graded = grade_all(
            workspace,
            module,
            [learner.name for learner in ROSTER],
            workers,
            lambda o, p=progress: p.advance(o.student, o.graded, f"({o.seconds:.1f} s)"),
        )
        for outcome in graded:
            outcomes[(module, outcome.student)] = outcome
            if outcome.graded:
                results[(module, outcome.student)] = read_result(workspace, module, outcome.student, messages=False)

    say("4/5 feedback: HTML for every learner, hidden tests removed")
    leaks = []
    for module in modules:
        for outcome in write_feedback(workspace, module, feedback_students(workspace, module), workers):
            leaks += outcome.leaked

    say("5/5 report: grades CSV, LMS CSV and HTML report")
    report = write_reports(workspace, modules).course

    failures = _expectations(modules, results, outcomes, leaks)
    rows = []
    for learner in ROSTER:
        kind = learner.kind + (f" ({learner.detail})" if learner.detail and learner.kind != "bug" else "")
        if learner.kind == "bug":
            names = [
                p.variant.name
                for m in modules
                for p in profiles_for(course, m, learner).values()
                if p.variant
            ]
            kind = "bug: " + ", ".join(names)
        cells = []
        for module in modules:
            r = results.get((module, learner.name))
            cells.append(f"{r.auto_score():g}/{r.auto_max():g}" if r else "not graded")
        problems = [p for m in modules for p in outcomes[(m, learner.name)].problems]
        rows.append([learner.name, kind, *cells, "; ".join(problems)])
    say("")
    say(table(["learner", "profile", *[f"{m} (auto)" for m in modules], "problems found"], rows, max_width=70))
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


def _expectations(modules, results, outcomes, leaks) -> list[str]:
    failures = [f"feedback leaks hidden test text: {leak}" for leak in leaks[:5]]
    for module in modules:
        for learner in ROSTER:
            outcome = outcomes[(module, learner.name)]
            if not outcome.graded:
                failures.append(f"{learner.name}/{module} was not graded: {outcome.error}")
                continue
            r = results[(module, learner.name)]
            if learner.kind == "complete" and r.auto_score() != r.auto_max():
                failures.append(
                    f"{learner.name}/{module}: complete solution scored {r.auto_score():g}/{r.auto_max():g}"
                )
            if learner.kind == "blank" and r.total != 0:
                failures.append(f"{learner.name}/{module}: blank notebooks scored {r.total:g}")
            if learner.kind in ("bug", "partial") and r.auto_score() >= r.auto_max():
                failures.append(f"{learner.name}/{module}: {learner.kind} learner lost no points")
            if learner.kind == "faulty" and not outcome.problems:
                failures.append(f"{learner.name}/{module}: faults were not reported")
    return failures
