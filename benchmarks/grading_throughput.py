"""Grading throughput: stock `nbgrader autograde` vs `course grade`, on one simulated cohort, in one run.

Two identical copies of the course get the same submissions (complete, partial, blank and buggy learners).
Stock nbgrader grades one copy the way its documentation says (one `nbgrader autograde MODULE` process,
submissions one after the other); `course grade` grades the other. The script prints both wall times, the
ratio, the per-submission overhead (time not spent executing learner and test code in kernels), the peak
memory of each process tree (sum of proportional set sizes), and checks that both gradebooks hold identical
scores.

    .venv/bin/python benchmarks/grading_throughput.py [--students 40] [--assignment 01_coding] [--workers N]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from datetime import datetime
from pathlib import Path

import psutil

from course.layout import Course
from course.proof.simulated import cohort, profiles_for
from course.proof.variants import write_submission
from course.workspace import Workspace

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # the tests' gradebook comparison
from tests.support.gradebooks import gradebook_snapshot


def pss_bytes(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


class PeakMemory(threading.Thread):
    """Samples the summed PSS of a process and all its descendants until stopped."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.root = psutil.Process(pid)
        self.peak = 0
        self.running = True

    def run(self) -> None:
        while self.running:
            try:
                procs = [self.root, *self.root.children(recursive=True)]
            except psutil.NoSuchProcess:
                return
            self.peak = max(self.peak, sum(pss_bytes(p.pid) for p in procs))
            time.sleep(0.25)


def timed(command: list[str], cwd: Path, env: dict[str, str]) -> tuple[float, int, str]:
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    sampler = PeakMemory(process.pid)
    sampler.start()
    output, _ = process.communicate()
    seconds = time.perf_counter() - started
    sampler.running = False
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{output[-3000:]}")
    return seconds, sampler.peak, output


def kernel_seconds(course: Course, module: str) -> float:
    """Time kernels spent executing cells, summed over every graded notebook (from nbclient's timing)."""
    total = 0.0
    for path in (course.root / "autograded").glob(f"*/{module}/*.ipynb"):
        for cell in json.loads(path.read_text())["cells"]:
            timing = cell.get("metadata", {}).get("execution", {})
            if "iopub.execute_input" in timing and "shell.execute_reply" in timing:
                start = datetime.fromisoformat(timing["iopub.execute_input"].replace("Z", "+00:00"))
                end = datetime.fromisoformat(timing["shell.execute_reply"].replace("Z", "+00:00"))
                total += (end - start).total_seconds()
    return total


def scores_only(snapshot: dict) -> dict:
    return {student: {k: v for k, v in entry.items() if k != "ledger"} for student, entry in snapshot.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--assignment", default="01_coding")
    parser.add_argument("--students", type=int, default=40)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args()
    course = Course.find()
    bin_dir = Path(sys.executable).parent
    base = Path(tempfile.mkdtemp(prefix="bench-throughput-"))
    try:
        stock, ours = course.copy_to(base / "stock"), course.copy_to(base / "ours")
        learners = cohort(args.students)
        for target in (stock, ours):
            for learner in learners:
                write_submission(course, target.root / "submitted", learner.name, args.assignment,
                                 profiles_for(course, args.assignment, learner))
        env = {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}"}
        env.pop("COURSE_ROOT", None)
        env.pop("COURSE_DB_URL", None)
        # both gradebooks know the assignment before timing starts
        for target in (stock, ours):
            subprocess.run([bin_dir / "nbgrader", "generate_assignment", args.assignment, "--force"], cwd=target.root,
                           env=env, check=True, capture_output=True)
        stock_s, stock_mem, _ = timed([str(bin_dir / "nbgrader"), "autograde", args.assignment, "--force"],
                                      stock.root, env)
        ours_s, ours_mem, _ = timed([str(bin_dir / "course"), "grade", args.assignment, "--force",
                                     "--workers", str(args.workers)], ours.root, {**env, "COURSE_ROOT": str(ours.root)})
        same = scores_only(gradebook_snapshot(Workspace.of_course(stock), args.assignment)) == scores_only(
            gradebook_snapshot(Workspace.of_course(ours), args.assignment))
        n = len(learners)
        stock_exec, ours_exec = kernel_seconds(stock, args.assignment), kernel_seconds(ours, args.assignment)
        notebooks = len(course.source_notebooks(args.assignment))
        print(f"{n} submissions of {args.assignment} ({notebooks} notebooks each) on {os.cpu_count()} cores; "
              f"identical scores in both gradebooks: {'yes' if same else 'NO'}")
        print(f"{'grader':<44}{'wall (s)':>9}{'per submission (s)':>20}{'overhead (s)':>14}{'peak memory':>13}")
        rows = [
            ("nbgrader autograde (one process, sequential)", stock_s, stock_s / n, (stock_s - stock_exec) / n,
             stock_mem),
            (f"course grade ({args.workers} workers)", ours_s, ours_s / n,
             (ours_s * args.workers - ours_exec) / n, ours_mem),
        ]
        for name, wall, per, overhead, memory in rows:
            print(f"{name:<44}{wall:>9.1f}{per:>20.2f}{overhead:>14.2f}{memory / 2**20:>10.0f} MiB")
        print("overhead = wall time (times workers for the parallel grader) minus kernel execution time, "
              "per submission")
        print(f"speed-up: {stock_s / ours_s:.2f}x")
        if not same:
            raise SystemExit("the two gradebooks differ")
    finally:
        shutil.rmtree(base, ignore_errors=True)


if __name__ == "__main__":
    main()
