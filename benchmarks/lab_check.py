"""What JupyterLab's Check button adds to `course check`: the same notebook checked in a terminal and through the
button's server handler, alternately in one run, on a Jupyter server started with the learner's settings.

Prints each time, the medians and their ratio (the handler's overhead: an HTTP request, a subprocess, JSON).

    .venv/bin/python benchmarks/lab_check.py [--notebook 01_coding/2_strings] [--runs 3]
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from course.layout import Course

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # the tests' server starter (stops what it started)
from tests.servers import learner_server  # noqa: E402


def timed_cli(notebook: Path) -> float:
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "course", "check", "--json", str(notebook)], cwd=notebook.parent,
                          capture_output=True, text=True)
    assert done.returncode in (0, 1), done.stderr
    return time.perf_counter() - started


def timed_button(url: str, token: str, relative: str) -> float:
    request = urllib.request.Request(f"{url}/course/check", data=json.dumps({"path": relative}).encode(),
                                     method="POST", headers={"Authorization": f"token {token}"})
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    started = time.perf_counter()
    with opener.open(request, timeout=900) as response:
        body = json.loads(response.read())
    assert body["feedback"], body
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--notebook", default="01_coding/2_strings", help="MODULE/NOTEBOOK of the release")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    course = Course.find()
    relative = f"{args.notebook}.ipynb"
    root = Path(tempfile.mkdtemp(prefix="bench-lab-check-"))
    try:
        served = root / "served"
        (served / relative).parent.mkdir(parents=True)
        shutil.copyfile(course.release_dir / relative, served / relative)
        cli, button = [], []
        with learner_server(served, root) as (url, token):
            for _ in range(args.runs):  # alternately, so that a busier moment does not favour one side
                cli.append(timed_cli(served / relative))
                button.append(timed_button(url, token, relative))
    finally:
        shutil.rmtree(root, ignore_errors=True)
    print(f"{relative}, {args.runs} runs each, alternately")
    print(f"course check in a terminal : {', '.join(f'{t:.1f}' for t in cli)} s; median {statistics.median(cli):.1f} s")
    print(f"Check button's handler     : {', '.join(f'{t:.1f}' for t in button)} s; "
          f"median {statistics.median(button):.1f} s")
    print(f"ratio (button / terminal)  : {statistics.median(button) / statistics.median(cli):.2f}")


if __name__ == "__main__":
    main()
