"""How long a learner waits for `course check`, against the time the notebook's own cells take to run.

For every notebook of the assignments named (default: all), a learner's copy with every exercise answered (the
reference answers of `source/`) is
  - run in a fresh JupyterLab-style kernel, cell by cell, as a learner runs it ("Run All"): the time from the first
    cell's start to the last cell's end (the kernel's start-up excluded; the setup cell's imports included);
  - checked with `course check NOTEBOOK` in a new process, as a learner runs it in a terminal: the wall time of
    the whole command (hidden tests, sandbox, feedback page and diagnosis included), twice: a first check, with no
    warm harness waiting (its own harness imports the scientific stack), and the next check, which finds the warm
    harness the first one left (course.proof.warm), as every check of a learner's loop after the first does;
  - and, to tell the hidden tests' own cost from the command's, the source notebook (the same answers plus the
    hidden tests) run cell by cell in the same folder, as the first measurement.
All are measured one after the other for each notebook, in one run, so that the ratios are fair on a busy machine;
with `--repeat N` the notebooks are measured N times in turn and each time is the median of its N. The target: a
check within 1.5× the notebook's own time. `--assignment-check` also times `course check ASSIGNMENT` (every notebook
of the assignment in one command, in parallel, with a warm harness waiting). `--lab` also times the first Check of a
JupyterLab session: a new learner's server (`make lab`'s settings) on the learner's folder, which starts a warm
harness as it starts (course.plugins.lab_check.Warmer), and the Check button's request for the notebook, timed from
the request to the answer, once that harness waits.

    .venv/bin/python benchmarks/check_speed.py 01_coding 02_algorithms
    .venv/bin/python benchmarks/check_speed.py --first      # every assignment, its first notebook only
    .venv/bin/python benchmarks/check_speed.py --first --lab --repeat 3
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from course.layout import Course  # noqa: E402
from course.notebooks import read_notebook, write_notebook  # noqa: E402
from course.proof import warm  # noqa: E402
from course.proof.launch import sandbox_for  # noqa: E402
from course.proof.variants import Profile, learner_notebook  # noqa: E402
from course.settings import CourseSettings  # noqa: E402
from tests.servers import eventually  # noqa: E402

WARM_WAIT_SECONDS = 120  # how long the next check may wait for the warm harness the first one left


def cells_seconds(path: Path, folder: Path | None = None) -> float:
    """Wall time of running every cell of the notebook in a fresh kernel in `folder` (default: the notebook's), its
    start-up excluded."""
    from nbclient import NotebookClient

    nb = read_notebook(path)
    client = NotebookClient(nb, kernel_name="python3", timeout=600,
                            resources={"metadata": {"path": str(folder or path.parent)}})
    with client.setup_kernel():
        started = time.perf_counter()
        for index, cell in enumerate(nb.cells):
            if cell.cell_type == "code":
                client.execute_cell(cell, index)
        return time.perf_counter() - started


def check_seconds(target: str, cwd: Path) -> tuple[float, int]:
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "course", "check", target], cwd=cwd, capture_output=True,
                          text=True, env={**os.environ, "COURSE_ROOT": str(ROOT)})
    return time.perf_counter() - started, done.returncode


def first_and_next_check(target: str, cwd: Path, folder: Path | None) -> tuple[float, float | None, int]:
    """(first check, next check, exit status): the first with no warm harness waiting, the next with the one the
    first left (None when none came)."""
    if folder is not None:
        warm.stop(folder)
    first, code = check_seconds(target, cwd)
    if folder is None or not eventually(lambda: warm.ready(folder), WARM_WAIT_SECONDS):
        return first, None, code
    second, again = check_seconds(target, cwd)
    return first, second, code or again


def lab_first_check(served: Path, relative: str, scratch: Path) -> float | None:
    """The first Check of a new JupyterLab session on `served` (the learner's folder), of the notebook `relative`:
    the request's time once the harness the server starts waits (None when none came)."""
    from benchmarks.lab_check import timed_button
    from tests.servers import learner_server

    def waiting() -> list[Path]:
        return [f for f in Path("/var/tmp").glob(f"course-check-{os.getuid()}-*") if warm.ready(f)]

    for folder in waiting():
        warm.stop(folder)
    scratch.mkdir(parents=True, exist_ok=True)
    try:
        with learner_server(served, scratch, COURSE_ROOT=str(ROOT)) as (url, token):
            if not eventually(lambda: bool(waiting()), WARM_WAIT_SECONDS):
                return None
            return timed_button(url, token, relative)
    finally:
        for folder in waiting():
            warm.stop(folder)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("assignments", nargs="*")
    parser.add_argument("--assignment-check", action="store_true", help="also time `course check ASSIGNMENT`")
    parser.add_argument("--first", action="store_true",
                        help="only the first notebook of each assignment (a representative one, to fit in minutes)")
    parser.add_argument("--lab", action="store_true", help="also time the first Check of a JupyterLab session")
    parser.add_argument("--repeat", type=int, default=1, help="measure each notebook this many times (medians)")
    args = parser.parse_args()
    course = Course(ROOT)
    settings = CourseSettings.load()
    folder = warm.folder_for(sandbox_for(settings)) if settings.check_warm_seconds > 0 else None
    times: dict[tuple[str, str], list[tuple[float, float, float | None, float, float | None]]] = {}
    wholes: dict[str, list[float]] = {}
    with tempfile.TemporaryDirectory(prefix="check-speed-") as scratch:
        plan = []
        for assignment in course.resolve(args.assignments):
            data = Path(scratch) / assignment
            shutil_copy_data(course, assignment, data)
            sources = course.source_notebooks(assignment)[:1] if args.first else course.source_notebooks(assignment)
            for source in sources:
                path = data / source.name
                release = read_notebook(course.release_dir / assignment / source.name)
                write_notebook(learner_notebook(release, read_notebook(source), Profile("all")), path)
                plan.append((assignment, source, path))
        for round_ in range(args.repeat):
            for assignment, source, path in plan:
                cells = cells_seconds(path)
                first, second, code = first_and_next_check(str(path), path.parent, folder)
                hidden = cells_seconds(source, path.parent)
                lab = lab_first_check(Path(scratch), f"{assignment}/{path.name}",
                                      Path(scratch) / ".lab" / f"{round_}-{assignment}") if args.lab else None
                times.setdefault((assignment, source.stem), []).append((cells, first, second, hidden, lab))
                if code != 0:
                    print(f"warning: `course check` of {assignment}/{source.stem} did not pass everything "
                          f"(exit {code})", file=sys.stderr)
                print(f"[{round_ + 1}/{args.repeat}] {assignment}/{source.stem}: cells {cells:.1f} s, first check "
                      f"{first:.1f} s ({first / cells:.2f}), next check "
                      + (f"{second:.1f} s ({second / cells:.2f})" if second is not None else "n/a")
                      + f"; with the hidden tests the cells take {hidden:.1f} s"
                      + (f"; first Check in JupyterLab {lab:.1f} s ({lab / cells:.2f})" if lab is not None else ""),
                      flush=True)
            if args.assignment_check:
                (Path(scratch) / ".course").mkdir(exist_ok=True)
                (Path(scratch) / ".course" / "manifest.json").write_text('{"files": {}, "notebooks": {}}')
                for assignment in dict.fromkeys(a for a, _, _ in plan):
                    wholes.setdefault(assignment, []).append(check_seconds(assignment, Path(scratch))[0])
    if folder is not None:
        warm.stop(folder)
    report(times, wholes, args.assignment_check, args.lab)
    return 0


def report(times: dict, wholes: dict[str, list[float]], assignment_check: bool, lab: bool) -> None:
    """The table, per assignment: medians per notebook, summed over the assignment's notebooks."""
    rows: dict[str, list[float]] = {}
    counts: dict[str, int] = {}
    for (assignment, _), runs in times.items():
        medians = [statistics.median(r[i] for r in runs) for i in (0, 1)]
        for i in (2, 3, 4):
            seconds = [r[i] for r in runs if r[i] is not None]
            medians.append(statistics.median(seconds) if seconds else float("nan"))
        rows[assignment] = [a + b for a, b in zip(rows.get(assignment, [0.0] * 5), medians, strict=True)]
        counts[assignment] = counts.get(assignment, 0) + 1
    print("\n| assignment | notebooks | own cells (s) | cells with hidden tests (s) | first check (s) | ratio "
          "| next check (s) | ratio |" + (" first Check in JupyterLab (s) | ratio |" if lab else "")
          + (" `course check ASSIGNMENT` (s) |" if assignment_check else ""))
    print("|---|---|---|---|---|---|---|---|" + ("---|---|" if lab else "") + ("---|" if assignment_check else ""))
    for assignment, (cells, first, second, hidden, in_lab) in rows.items():
        whole = f" {statistics.median(wholes[assignment]):.1f} |" if assignment_check else ""
        print(f"| `{assignment}` | {counts[assignment]} | {cells:.1f} | {hidden:.1f} | {first:.1f} | "
              f"{first / cells:.2f}× | {second:.1f} | {second / cells:.2f}× |"
              + (f" {in_lab:.1f} | {in_lab / cells:.2f}× |" if lab else "") + whole)
    cells, first, second, hidden, in_lab = (sum(r[i] for r in rows.values()) for i in range(5))
    print(f"| all | {sum(counts.values())} | {cells:.1f} | {hidden:.1f} | {first:.1f} | {first / cells:.2f}× | "
          f"{second:.1f} | {second / cells:.2f}× |" + (f" {in_lab:.1f} | {in_lab / cells:.2f}× |" if lab else "")
          + (" |" if assignment_check else ""))


def shutil_copy_data(course: Course, assignment: str, folder: Path) -> None:
    """What is beside the notebooks in the release (data files), as a learner's workspace has it."""
    import shutil

    shutil.copytree(course.release_dir / assignment, folder, ignore=shutil.ignore_patterns("*.ipynb"))


if __name__ == "__main__":
    sys.exit(main())
