"""Grading with kernels forked from a pre-imported template vs. kernels started the standard way.

Both runs grade the same submissions (the reference solution, the untouched release and every wrong
variant of one notebook) through the same grader with the same number of workers, one after the other
in this process. Prints both times, the ratio and the per-submission time.

    .venv/bin/python benchmarks/kernel_start.py [--assignment 01_coding] [--workers 2]
"""

from __future__ import annotations

import argparse
import os
import shutil
import tempfile
import time
from pathlib import Path

from course.grading.grade import grade_all
from course.grading.results import read_result
from course.layout import Course
from course.proof.variants import Profile, load_variants, write_submission
from course.workspace import Workspace


def prepare(course: Course, module: str, root: Path) -> tuple[Workspace, list[str]]:
    workspace = Workspace.scratch(course, root)
    submitted = workspace.root / "submitted"
    notebook = course.source_notebooks(module)[0].stem
    students = {"solution": Profile("all"), "untouched": Profile("none")}
    for variant in load_variants(course, module, notebook):
        students[f"v-{variant.name}"] = Profile("all", variant)
    for student, profile in students.items():
        write_submission(course, submitted, student, module, {notebook: profile})
    return workspace, list(students)


def timed_run(course: Course, module: str, workers: int, forkserver: bool) -> tuple[float, int, dict]:
    os.environ["COURSE_FORKSERVER"] = "1" if forkserver else "0"
    root = Path(tempfile.mkdtemp(prefix="bench-kernels-"))
    try:
        workspace, students = prepare(course, module, root)
        started = time.perf_counter()
        outcomes = grade_all(workspace, module, students, workers)
        seconds = time.perf_counter() - started
        assert all(o.graded for o in outcomes), [o.error for o in outcomes if not o.graded]
        scores = {s: read_result(workspace, module, s, messages=False).total for s in students}
        return seconds, len(students), scores
    finally:
        shutil.rmtree(root, ignore_errors=True)
        os.environ.pop("COURSE_FORKSERVER", None)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--assignment", default="01_coding")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args()
    course = Course.find()
    standard, count, standard_scores = timed_run(course, args.assignment, args.workers, forkserver=False)
    forked, _, forked_scores = timed_run(course, args.assignment, args.workers, forkserver=True)
    assert standard_scores == forked_scores, "both kernel launchers must give identical scores"
    print(f"{count} submissions of {args.assignment}, {args.workers} workers, identical scores in both runs")
    print(f"{'kernels':<28}{'wall (s)':>10}{'per submission (s)':>22}")
    print(f"{'standard (new interpreter)':<28}{standard:>10.1f}{standard / count * args.workers:>22.2f}")
    print(f"{'forked from template':<28}{forked:>10.1f}{forked / count * args.workers:>22.2f}")
    print(f"speed-up: {standard / forked:.2f}x")


if __name__ == "__main__":
    main()
