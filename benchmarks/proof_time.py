"""Proving notebooks: every wrong variant graded through nbgrader vs. `course validate` (variants replayed).

Baseline: the proof as it used to run, every learner (solution, untouched release, each wrong variant) graded
through nbgrader with forked kernels and one student per worker task. Then `validate_assignment` as it runs now:
the variants replayed from the solution's shared prefix, the solution, the release and a few composite learners
graded through nbgrader, feedback and leak checks included. Both run one after the other in this process, on the
same modules and cores; the baseline's failed-test sets must equal the replay's. Prints both times and the ratio.

    .venv/bin/python benchmarks/proof_time.py [MODULE…] [--workers 2]
"""

from __future__ import annotations

import argparse
import os
import shutil
import tempfile
import time
from pathlib import Path

from course.layout import Course
from course.proof.validate import grade_students, validate_assignment, variant_student
from course.proof.variants import load_variants
from course.workspace import Workspace


def grade_every_variant(course: Course, module: str, workers: int) -> tuple[float, int, dict[str, set[str]]]:
    """The baseline: every learner graded through nbgrader. Returns seconds, notebook runs, failed tests."""
    root = Path(tempfile.mkdtemp(prefix="bench-proof-"))
    try:
        workspace = Workspace.scratch(course, root)
        notebooks = [p.stem for p in course.source_notebooks(module)]
        learners = {variant_student(nb, v): (nb, v) for nb in notebooks for v in load_variants(course, module, nb)}
        started = time.perf_counter()
        results, outcomes = grade_students(course, workspace, module, learners, workers, references=True)
        seconds = time.perf_counter() - started
        assert all(o.graded for o in outcomes.values()), [o.error for o in outcomes.values() if not o.graded]
        failed = {s: results[s].failed(nb) for s, (nb, _) in learners.items()}
        return seconds, 2 * len(notebooks) + len(learners), failed
    finally:
        shutil.rmtree(root, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("modules", nargs="*", default=["01_coding"])
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args()
    course = Course.find()
    total_old = total_new = 0.0
    for module in course.resolve(args.modules):
        old, runs, failed = grade_every_variant(course, module, args.workers)
        started = time.perf_counter()
        verdicts = validate_assignment(course, module, args.workers)
        new = time.perf_counter() - started
        broken = [f"{v.notebook}: {v.check}: {v.detail}" for v in verdicts if not v.ok]
        assert not broken, "\n".join(broken)
        for notebook in (p.stem for p in course.source_notebooks(module)):
            for variant in load_variants(course, module, notebook):
                student = variant_student(notebook, variant)
                assert failed[student] == set(variant.fails), f"{student}: the grader fails {failed[student]}"
        total_old, total_new = total_old + old, total_new + new
        print(f"{module}: {runs} notebook runs · every variant graded {old:.1f} s · course validate {new:.1f} s "
              f"· {old / new:.2f}×", flush=True)
    print(f"total: every variant graded {total_old:.1f} s · course validate {total_new:.1f} s "
          f"· {total_old / total_new:.2f}× faster (course validate also renders and checks feedback)")


if __name__ == "__main__":
    main()
