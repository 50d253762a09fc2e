"""The process behind `course.proof.replay`: run many versions of a notebook from their shared prefix.

Run as `python -m course.proof.harness JOB.json RESULTS_FOLDER [--light]`. For each notebook, the job holds the
reference program (the solution as the grader runs it) and the other programs (wrong variants, the untouched
release, …), each a list of cells `[source, test id or null, points]`. The harness imports the scientific stack
once, as the grading kernels' template does, then forks one process per notebook (at most `jobs` at once).

A notebook's process executes the reference program cell by cell in an IPython shell, with the environment and
the in-kernel guard of a grading kernel. Just before the first cell in which another program differs, it forks:
the child inherits everything the earlier cells computed, runs that program's cells from there to the end and
writes one JSON line per test cell to RESULTS_FOLDER/<notebook>/<program>.jsonl. Children are copy-on-write
copies, so no program sees another's state. At most `jobs` children run at once, while this process goes on
with the reference.

With `details` (a learner's `course check`), each failing test's row also says where in the cell it failed, the
structured details of a failed check (course.checks) and the learner's last call through `checks.run`, and an
error in any other cell is reported with the cell's index. With a `user` for a notebook (inside the sandbox), its
process applies the kernels' resource limits and becomes that unprivileged user before any learner code runs.
The job may come on standard input (`-` as JOB.json): the harness imports the scientific stack while the caller
prepares it, and no file of the sandbox holds the hidden tests.
With `probe` (the mutation analysis, course.proof.mutation), a first child runs the whole reference and records
each cell's time and each test's score. The other programs then get a time limit per cell of `time_factor` times
the reference's time (at least `min_timeout`, at most `timeout`), and with `stop_at_loss` a program stops at the
first test where it scores less than the reference: one lost point decides the question. `limits` are rlimits
(course.sandbox.limits) each forked program sets first: a mutant that allocates without end fails like it would in
a grading kernel, instead of exhausting the machine.

Test cells are scored by nbgrader's rule (nbgrader.utils.determine_grade): an error or a write to stderr (unless
it matches the course's IgnorePattern) scores 0, a number as the cell's result is partial credit, anything else
scores full points. A cell past the time limit is interrupted; one that ignores the interrupt, or a program that
kills its process, scores 0 on the cell that was running and every later test, as the grader does for a dead
kernel. This module imports neither nbgrader nor nbformat, so that it starts fast.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import select
import signal
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from course.messages import KERNEL_STOPPED, error_message, stderr_message
from course.sandbox.forkserver import fresh_random_state, preload
from course.sandbox.limits import apply

GRACE_SECONDS = 5.0  # after the interrupt, how long a cell may take to stop before its process is killed
POLL_SECONDS = 1.0  # longest wait for a child to end before deadlines are looked at again
Cell = tuple[str, "str | None", float]


@dataclass(frozen=True)
class Notebook:
    """One notebook's replay: the programs, the one the others fork from, the kernel's folder, and the
    unprivileged user (with its resource limits) its process becomes, if any."""

    reference: str
    programs: dict[str, list[Cell]]
    workdir: str
    user: dict | None = None


@dataclass(frozen=True)
class Job:
    notebooks: dict[str, Notebook]
    timeout: float = 60.0
    jobs: int = 1
    ignore: str = ""
    guard: bool = True
    details: bool = False
    probe: bool = False
    stop_at_loss: bool = False
    time_factor: float = 0.0
    min_timeout: float = 0.0
    limits: dict[str, int] | None = None  # rlimits of each forked program (course.sandbox.limits), e.g. memory

    @classmethod
    def load(cls, path: str) -> Job:
        """The job in the JSON file `path`, or on standard input for `-`."""
        return cls.of(json.load(sys.stdin) if path == "-" else json.loads(Path(path).read_text(encoding="utf-8")))

    @classmethod
    def of(cls, data: dict) -> Job:
        """The job described by `data` (course.proof.launch.Harness.run writes it)."""
        notebooks = {
            name: Notebook(spec["reference"],
                           {p: [(c[0], c[1], float(c[2])) for c in cells] for p, cells in spec["programs"].items()},
                           spec["workdir"], spec.get("user"))
            for name, spec in data["notebooks"].items()
        }
        return cls(notebooks, float(data.get("timeout", 60)), int(data.get("jobs", 1)), str(data.get("ignore", "")),
                   bool(data.get("guard", True)), bool(data.get("details", False)), bool(data.get("probe", False)),
                   bool(data.get("stop_at_loss", False)), float(data.get("time_factor", 0.0)),
                   float(data.get("min_timeout", 0.0)), data.get("limits"))


def score(points: float, error: str | None, stderr: str, result: str | None, ignore: str) -> tuple[float, str]:
    """(score, message) of a test cell by nbgrader's rule, from what the cell did."""
    if error is not None:
        return 0.0, error
    if stderr and not (ignore and re.search(ignore, stderr)):
        return 0.0, stderr_message(stderr)
    if result is not None:
        try:
            grade = float(result)
        except ValueError:
            return points, ""
        if grade > points:
            return 0.0, f"grader error: partial credit {grade:g} is more than the cell's {points:g} points"
        return (grade, f"partial credit {grade:g}/{points:g}") if 0.0 <= grade < points else (points, "")
    return points, ""


def describe(exc: BaseException) -> str:
    """The first line of an error, as feedback shows it."""
    return error_message(type(exc).__name__, str(exc))


class CellTimeout(KeyboardInterrupt):
    """The cell ran past the time limit (raised where it runs, as the grader's interrupt would be)."""


class Runner:
    """Runs cells in one IPython shell and scores test cells."""

    def __init__(self, job: Job) -> None:
        from IPython.core.interactiveshell import InteractiveShell
        from traitlets.config import Config

        config = Config()
        config.HistoryManager.enabled = False  # no SQLite history shared across forks
        self.shell = InteractiveShell.instance(config=config)
        # Only the error itself is scored: formatting tracebacks (slow for deep recursion) is skipped.
        self.shell.showtraceback = lambda *args, **kwargs: None
        self.shell.showsyntaxerror = lambda *args, **kwargs: None
        self.job = job
        self.out: Any = None
        self.cell = -1  # index of the cell being run (in a forked program)
        self.limit = job.timeout
        self._stopping = False
        signal.signal(signal.SIGALRM, self._on_alarm)

    def _on_alarm(self, *_: object) -> None:
        if self._stopping:  # the cell ignored the interrupt: stop this process like a dead kernel
            self.write_death(KERNEL_STOPPED)
            os._exit(3)
        self._stopping = True
        signal.setitimer(signal.ITIMER_REAL, GRACE_SECONDS)
        raise CellTimeout(f"the cell ran past the time limit of {self.limit:g} s")

    def run(self, source: str, timeout: float | None = None) -> tuple[str | None, str, str | None]:
        """Execute one cell (within `timeout` seconds, default the job's): (error, stderr text, text/plain of its
        result); the exception in `self.failure`."""
        from IPython.utils.capture import capture_output

        error: str | None = None
        result_text: str | None = None
        self._stopping = False
        self.failure: BaseException | None = None
        if self.job.details:
            _forget_last_call()
        self.limit = timeout or self.job.timeout
        with capture_output(stdout=True, stderr=True, display=True) as captured:
            signal.setitimer(signal.ITIMER_REAL, self.limit)
            try:
                result = self.shell.run_cell(source, store_history=True, silent=False)
            except KeyboardInterrupt as exc:  # the interrupt arrived outside the cell's own code
                result = None
                error = describe(exc)
            finally:
                signal.setitimer(signal.ITIMER_REAL, 0)
        if result is not None:
            exc = result.error_before_exec or result.error_in_exec
            if exc is not None:
                error = describe(exc)
                self.failure = exc
            elif result.result is not None:
                data, _ = self.shell.display_formatter.format(result.result)
                result_text = data.get("text/plain")
        return error, captured.stderr, result_text

    def run_test(self, cell: Cell, index: int = -1, timeout: float | None = None) -> dict | None:
        """Execute one cell (within `timeout` seconds); for a test cell, its result row (test, score, max, message,
        cell index, and with `details` where and how it failed). With `details`, an error in another cell is
        written as a row of its own."""
        source, test, points = cell
        error, stderr, result = self.run(source, timeout)
        if test is None:
            if self.job.details and error is not None and index >= 0:
                self.write({"cell_index": index, "error": error})
            return None
        got, message = score(points, error, stderr, result, self.job.ignore)
        row = {"test": test, "score": got, "max": points, "message": message, "cell": self.cell}
        if self.job.details and got < points:
            row.update(failure_details(self.failure))
        return row

    def write(self, row: dict) -> None:
        if self.out is not None:
            self.out.write(json.dumps(row) + "\n")
            self.out.flush()

    def write_death(self, reason: str) -> None:
        self.write({"died": reason, "cell": self.cell})


def _fork() -> int:
    """os.fork(), with nothing buffered that both processes would write."""
    sys.stdout.flush()
    sys.stderr.flush()
    return os.fork()


def _forget_last_call() -> None:
    with contextlib.suppress(Exception):
        from course.checks.calling import forget_last_call

        forget_last_call()


def failure_details(exc: BaseException | None) -> dict:
    """Where a failing test cell stopped (`line`, 1-based in the cell), the structured `details` of a failed check
    and the learner's last call through `checks.run` (`call`): plain JSON, whatever the learner's code raised."""
    if exc is None:
        return {}
    out: dict[str, Any] = {"error_type": type(exc).__name__}
    tb = exc.__traceback__
    while tb is not None:  # the first frame of a notebook cell is the running cell's own code
        if tb.tb_frame.f_code.co_filename.startswith("<ipython-input"):
            out["line"] = tb.tb_lineno
            break
        tb = tb.tb_next
    with contextlib.suppress(Exception):
        from course.checks.calling import last_call
        from course.checks.failures import CheckFailure

        details = exc.details if isinstance(exc, CheckFailure) else None
        if isinstance(details, dict):
            out["details"] = json.loads(json.dumps({str(k): v for k, v in details.items()}, default=str))
        out["call"] = last_call()
    return out


def fork_point(reference: list[Cell], program: list[Cell]) -> int:
    """Index of the first cell where `program` differs from the reference (its length when it never does)."""
    for index, (mine, theirs) in enumerate(zip(reference, program, strict=False)):
        if mine[:2] != theirs[:2]:
            return index
    return min(len(reference), len(program))


class Children:
    """Forked programs: at most `limit` at once, each killed past its deadline."""

    def __init__(self, limit: int, log: Path | None = None) -> None:
        self.limit = max(1, limit)
        self.log = log  # one line per ended program (the caller's progress)
        self.running: dict[int, tuple[str, float, float]] = {}  # pid → (program, started, deadline)
        self.ended: dict[str, dict] = {}  # program → {"exit": status, "seconds": wall time}
        self._pidfds: dict[int, int | None] = {}  # pid → a descriptor that becomes readable when it ends

    def reap(self, until_below: int) -> None:
        """Collect the children that ended; wait while `until_below` or more are still running."""
        while self.running:
            now = time.monotonic()
            for pid, (_, _, deadline) in list(self.running.items()):
                if now > deadline:
                    with contextlib.suppress(ProcessLookupError):
                        os.kill(pid, signal.SIGKILL)
            ended = False
            for pid in list(self.running):  # only our own children: never a process a cell started
                try:
                    done, status = os.waitpid(pid, os.WNOHANG)
                except ChildProcessError:
                    done, status = pid, 0
                if done:
                    name, started, _ = self.running.pop(pid)
                    self._close(pid)
                    seconds = time.monotonic() - started
                    self.ended[name] = {"exit": os.waitstatus_to_exitcode(status), "seconds": seconds}
                    ended = True
                    if self.log is not None:
                        with self.log.open("a", encoding="utf-8") as log:
                            log.write(name + "\n")
            if len(self.running) < until_below:
                return
            if not ended:
                self._wait(min(deadline for _, _, deadline in self.running.values()) - time.monotonic())

    def _wait(self, seconds: float) -> None:
        """Sleep until a child ends (its pidfd becomes readable) or `seconds` pass, at most POLL_SECONDS."""
        seconds = min(max(seconds, 0.0), POLL_SECONDS)
        fds = [fd for fd in (self._pidfd(pid) for pid in self.running) if fd is not None]
        if len(fds) < len(self.running):  # no pidfd for some child (an old kernel): poll
            time.sleep(min(seconds, 0.02))
            return
        with contextlib.suppress(InterruptedError, OSError, ValueError):
            select.select(fds, [], [], seconds)

    def _pidfd(self, pid: int) -> int | None:
        if pid not in self._pidfds:
            try:
                self._pidfds[pid] = os.pidfd_open(pid)
            except (AttributeError, OSError):
                self._pidfds[pid] = None
        return self._pidfds[pid]

    def _close(self, pid: int) -> None:
        fd = self._pidfds.pop(pid, None)
        if fd is not None:
            os.close(fd)


# What a learner's `course check` imports before it runs the notebook (`--light`): what every notebook's setup cell
# imports anyway. The rest of the grading template's imports (course.sandbox.forkserver.PRELOAD) then happen when a
# cell needs them, as in the learner's own kernel; every one of them imports silently (tests/selfpaced), so no cell
# scores differently for it. The proof keeps the grading kernels' full preload.
LIGHT = ("IPython.core.interactiveshell", "numpy", "pandas", "sklearn", "course.checks", "course.sandbox.guard",
         "course.sandbox.limits")


def main(job_path: str, results: str, light: bool = False) -> int:
    """Replay every notebook of the job, each in its own forked process (at most `jobs` at once)."""
    preload(LIGHT if light else None)  # what the grading kernels' template imports (course.sandbox.forkserver)
    return run(Job.load(job_path), Path(results))


def run(job: Job, results: Path) -> int:
    """Replay every notebook of `job` into `results`, in a process that has imported what it needs (`main`, or a
    warm harness: course.proof.warm)."""
    if job.guard:
        from course.sandbox.guard import install

        install()
    notebooks = Children(job.jobs)
    for name, notebook in job.notebooks.items():
        notebooks.reap(until_below=notebooks.limit)
        pid = _fork()
        if pid == 0:
            code = 1
            try:
                if notebook.user:
                    from course.sandbox.forkserver import drop_privileges

                    drop_privileges(notebook.user)
                code = replay_notebook(job, notebook, results / name)
            except BaseException as exc:
                with contextlib.suppress(Exception):
                    (results / name / "error.txt").write_text(describe(exc), encoding="utf-8")
            finally:
                os._exit(code)
        notebooks.running[pid] = (name, time.monotonic(), float("inf"))
    notebooks.reap(until_below=1)
    return 0


def replay_notebook(job: Job, notebook: Notebook, folder: Path) -> int:
    """In a notebook's own process: run the reference and fork each other program where it starts to differ."""
    folder.mkdir(parents=True, exist_ok=True)
    os.chdir(notebook.workdir)
    sys.path[0] = notebook.workdir  # as in a kernel started in the notebook's folder
    fresh_random_state()
    runner = Runner(job)
    reference = notebook.programs[notebook.reference]
    plan = _probe(runner, reference, folder) if job.probe else Plan()
    forks = {name: fork_point(reference, cells) for name, cells in notebook.programs.items()
             if name != notebook.reference}
    children = Children(job.jobs, folder / "ended.txt")
    rows: dict[str, dict] = {}
    for index in range(len(reference) + 1):
        for name in [n for n, at in forks.items() if at == index]:
            children.reap(until_below=children.limit)
            budget = (len(notebook.programs[name]) - index) * (job.timeout + GRACE_SECONDS) + 60
            pid = _fork()
            if pid == 0:
                _child(runner, notebook.programs[name], index, rows, folder / f"{name}.jsonl", plan)
            children.running[pid] = (name, time.monotonic(), time.monotonic() + budget)
        if index < len(reference):
            row = runner.run_test(reference[index], index)
            if row is not None:
                rows[row["test"]] = row
            children.reap(until_below=sys.maxsize)
    children.reap(until_below=1)
    (folder / f"{notebook.reference}.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows.values()),
                                                         encoding="utf-8")
    (folder / "children.json").write_text(json.dumps(children.ended), encoding="utf-8")
    return 0


@dataclass(frozen=True)
class Plan:
    """How forked programs run: per-cell time limits, and the reference's score per cell to stop at a loss."""

    timeouts: tuple[float, ...] = ()
    scores: tuple[float | None, ...] = ()
    stop_at_loss: bool = False

    def timeout(self, index: int) -> float | None:
        return self.timeouts[index] if index < len(self.timeouts) else None

    def lost(self, index: int, row: dict | None) -> bool:
        if not self.stop_at_loss or row is None:
            return False
        reference = self.scores[index] if index < len(self.scores) else None
        return reference is None or row["score"] < reference - 1e-9


def _probe(runner: Runner, reference: list[Cell], folder: Path) -> Plan:
    """Run the whole reference in a forked child, timing each cell; the plan of the programs forked later."""
    path = folder / "probe.json"
    pid = _fork()
    if pid == 0:
        code = 0
        try:
            signal.signal(signal.SIGCHLD, signal.SIG_DFL)
            cells = []
            for index, cell in enumerate(reference):
                runner.cell = index
                started = time.monotonic()
                row = runner.run_test(cell)
                cells.append({"seconds": time.monotonic() - started, "score": None if row is None else row["score"]})
            path.write_text(json.dumps(cells), encoding="utf-8")
        except BaseException:
            code = 1
        finally:
            os._exit(code)
    os.waitpid(pid, 0)
    job = runner.job
    cells = json.loads(path.read_text(encoding="utf-8")) if path.exists() else []
    if len(cells) != len(reference):  # the reference itself did not finish: plain limits, nothing to compare
        return Plan()
    timeouts = tuple(min(job.timeout, max(job.min_timeout, job.time_factor * c["seconds"])) if job.time_factor
                     else job.timeout for c in cells)
    return Plan(timeouts, tuple(c["score"] for c in cells), job.stop_at_loss)


def _child(runner: Runner, program: list[Cell], index: int, rows: dict[str, dict], path: Path, plan: Plan) -> None:
    """In the forked child: report the reference's results before `index`, run the rest of the program (until its
    first lost point when the plan says so), exit."""
    code = 0
    try:
        signal.signal(signal.SIGCHLD, signal.SIG_DFL)
        if runner.job.limits:
            apply(runner.job.limits)
        runner.out = path.open("w", encoding="utf-8")
        for _, test, _ in program[:index]:
            if test is not None and test in rows:
                runner.write(rows[test])
        for position in range(index, len(program)):
            runner.cell = position
            row = runner.run_test(program[position], position, plan.timeout(position))
            if row is not None:
                runner.write(row)
            if plan.lost(position, row):
                break
    except BaseException as exc:  # the child must never return into the parent's loop
        with contextlib.suppress(Exception):
            runner.write_death(f"the replay stopped: {describe(exc)}")
        code = 1
    finally:
        with contextlib.suppress(Exception):
            if runner.out is not None:
                runner.out.close()
        os._exit(code)


if __name__ == "__main__":
    status = main(*sys.argv[1:3], light="--light" in sys.argv[3:])
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(status)  # everything is written: no interpreter shutdown, which takes a learner's tenths of a second
