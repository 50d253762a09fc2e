"""What running the tests in a test kernel costs: one cohort graded with `tests_in` = "learner-kernel" and with
"test-kernel" (the default), one after the other in one run, on identical copies of the submissions.

Prints both wall times, their ratio, and checks that every submission gets the same score both ways.

    .venv/bin/python benchmarks/test_kernel_cost.py [--assignment 01_coding] [--students 8] [--workers 2]
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from course.grading.grade import grade_all  # noqa: E402
from course.grading.results import read_result  # noqa: E402
from course.layout import Course  # noqa: E402
from course.proof.simulated import cohort, profiles_for  # noqa: E402
from course.proof.variants import write_submission  # noqa: E402
from course.workspace import Workspace  # noqa: E402

MODES = ("learner-kernel", "test-kernel")


def grade(course: Course, assignment: str, students: dict, mode: str, folder: Path, workers: int) -> tuple[float, dict]:
    os.environ["COURSE_TESTS_IN"] = mode
    workspace = Workspace.scratch(course, folder / mode).with_sandbox("auto")
    for student, profiles in students.items():
        write_submission(course, workspace.root / "submitted", student, assignment, profiles)
    start = time.perf_counter()
    outcomes = grade_all(workspace, assignment, list(students), workers=workers)
    seconds = time.perf_counter() - start
    scores = {o.student: read_result(workspace, assignment, o.student, messages=False).auto_score() if o.graded
              else None for o in outcomes}
    return seconds, scores


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--assignment", default="01_coding")
    parser.add_argument("--students", type=int, default=8)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    course = Course.find(ROOT)
    notebooks = sorted(p.stem for p in (course.release_dir / args.assignment).glob("*.ipynb"))
    students = {s.name: profiles_for(course, args.assignment, s) for s in cohort(args.students)}
    folder = Path(tempfile.mkdtemp(prefix="course-test-kernel-cost-"))
    try:
        times, scores = {}, {}
        for mode in MODES:
            times[mode], scores[mode] = grade(course, args.assignment, students, mode, folder, args.workers)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    same = scores[MODES[0]] == scores[MODES[1]]
    print(f"{args.assignment}: {len(students)} submissions × {len(notebooks)} notebooks, {args.workers} workers")
    for mode in MODES:
        print(f"  tests in the {mode:<15} {times[mode]:7.1f} s  ({times[mode] / len(students):.2f} s per submission)")
    print(f"  ratio test-kernel / learner-kernel: {times['test-kernel'] / times['learner-kernel']:.2f}×")
    print(f"  identical scores: {'yes' if same else 'NO'}")
    if not same:
        for student in students:
            if scores[MODES[0]].get(student) != scores[MODES[1]].get(student):
                print(f"    {student}: {scores[MODES[0]].get(student)} vs {scores[MODES[1]].get(student)}")
        sys.exit(1)


if __name__ == "__main__":
    main()
