"""How long a learner waits for `course check`, against the time the notebook's own cells take to run.

For every notebook of the assignments named (default: all), a learner's copy with every exercise answered (the
reference answers of `source/`) is
  - run in a fresh JupyterLab-style kernel, cell by cell, as a learner runs it ("Run All"): the time from the first
    cell's start to the last cell's end (the kernel's start-up excluded; the setup cell's imports included);
  - checked with `course check NOTEBOOK` in a new process, as a learner runs it in a terminal: the wall time of
    the whole command (hidden tests, sandbox, feedback page and diagnosis included);
  - and, to tell the hidden tests' own cost from the command's, the source notebook (the same answers plus the
    hidden tests) run cell by cell in the same folder, as the first measurement.
Both are measured one after the other for each notebook, in one run, so that the ratio is fair on a busy machine.
The target: a check within 1.5× the notebook's own time. `--assignment-check` also times `course check ASSIGNMENT`
(every notebook of the assignment in one command, in parallel).

    .venv/bin/python benchmarks/check_speed.py 01_coding 02_algorithms
    .venv/bin/python benchmarks/check_speed.py --first      # every assignment, its first notebook only
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from course.layout import Course  # noqa: E402
from course.notebooks import read_notebook, write_notebook  # noqa: E402
from course.proof.variants import Profile, learner_notebook  # noqa: E402


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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("assignments", nargs="*")
    parser.add_argument("--assignment-check", action="store_true", help="also time `course check ASSIGNMENT`")
    parser.add_argument("--first", action="store_true",
                        help="only the first notebook of each assignment (a representative one, to fit in minutes)")
    args = parser.parse_args()
    course = Course(ROOT)
    rows = []
    with tempfile.TemporaryDirectory(prefix="check-speed-") as scratch:
        for assignment in course.resolve(args.assignments):
            folder = Path(scratch) / assignment
            shutil_copy_data(course, assignment, folder)
            total_cells = total_check = total_hidden = 0.0
            sources = course.source_notebooks(assignment)[:1] if args.first else course.source_notebooks(assignment)
            for source in sources:
                path = folder / source.name
                release = read_notebook(course.release_dir / assignment / source.name)
                write_notebook(learner_notebook(release, read_notebook(source), Profile("all")), path)
                cells = cells_seconds(path)
                check, code = check_seconds(str(path), folder)
                hidden = cells_seconds(source, folder)
                total_cells += cells
                total_check += check
                total_hidden += hidden
                if code != 0:
                    print(f"warning: `course check` of {assignment}/{source.stem} did not pass everything "
                          f"(exit {code})", file=sys.stderr)
                print(f"{assignment}/{source.stem}: cells {cells:.1f} s, course check {check:.1f} s "
                      f"(exit {code}), ratio {check / cells:.2f}; with the hidden tests the cells take {hidden:.1f} s "
                      f"(check / that {check / hidden:.2f})", flush=True)
            whole = ""
            if args.assignment_check:
                (Path(scratch) / ".course").mkdir(exist_ok=True)
                (Path(scratch) / ".course" / "manifest.json").write_text('{"files": {}, "notebooks": {}}')
                seconds, _ = check_seconds(assignment, Path(scratch))
                whole = f"{seconds:.1f} s ({seconds / total_cells:.2f})"
            rows.append((assignment, len(sources), total_cells, total_check, total_hidden, whole))
    print("\n| assignment | notebooks | own cells (s) | `course check` (s) | ratio | cells with hidden tests (s) "
          "| check / that |" + (" `course check ASSIGNMENT` |" if args.assignment_check else ""))
    print("|---|---|---|---|---|---|---|" + ("---|" if args.assignment_check else ""))
    for assignment, count, cells, check, hidden, whole in rows:
        print(f"| `{assignment}` | {count} | {cells:.1f} | {check:.1f} | {check / cells:.2f}× | {hidden:.1f} "
              f"| {check / hidden:.2f}× |" + (f" {whole} |" if args.assignment_check else ""))
    cells, check, hidden = (sum(r[i] for r in rows) for i in (2, 3, 4))
    print(f"| all | {sum(r[1] for r in rows)} | {cells:.1f} | {check:.1f} | {check / cells:.2f}× | {hidden:.1f} "
          f"| {check / hidden:.2f}× |" + (" |" if args.assignment_check else ""))
    return 0


def shutil_copy_data(course: Course, assignment: str, folder: Path) -> None:
    """What is beside the notebooks in the release (data files), as a learner's workspace has it."""
    import shutil

    shutil.copytree(course.release_dir / assignment, folder, ignore=shutil.ignore_patterns("*.ipynb"))


if __name__ == "__main__":
    sys.exit(main())
