"""The Check button of JupyterLab, server side: `POST {base_url}/course/check` runs `course check` on a notebook.

A Jupyter server extension, enabled in deploy/jupyter/ROLE/jupyter_server_config.json; the button itself is the
prebuilt Lab extension in course/plugins/labextension (deploy/jupyter/course_lab_config.py puts it on Lab's
extension path; its source is deploy/labextension/course-check). The request is authenticated and
XSRF-checked like every Jupyter API request, and names a notebook by its path relative to the server's root;
a path that leaves the root is refused. `course check --json` runs in a subprocess (the server keeps serving),
for at most `CourseSettings.lab_check_timeout` seconds, one check per notebook at a time. The reply says how
the check went: its exit status, its summary lines and the feedback page's path relative to the root, or, when
no check result came back, the one-line reason (HTTP 4xx/5xx with `{"message": ...}`).

While the learner works (from the server's start, and while a kernel was busy within a warm harness's idle time),
the server keeps a warm harness (course.proof.warm) waiting, so that the first Check of a session starts at once
like the next ones: `Warmer`.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import os
import signal
import sys
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from jupyter_server.auth.decorator import authorized
from jupyter_server.base.handlers import APIHandler
from jupyter_server.utils import url_path_join
from tornado import web
from tornado.ioloop import PeriodicCallback

log = logging.getLogger(__name__)

ROUTE = "course/check"
CHECK = (sys.executable, "-m", "course", "check", "--json")  # the course environment this server runs in
WARM = (sys.executable, "-m", "course", "warm", "--json")  # in the same environment, so it is the one CHECK finds
WARM_TICK_SECONDS = 20.0  # how often the server looks whether the learner works and a warm harness waits
WARM_RESTART_SECONDS = 120.0  # at least this long between two starts (a harness that cannot start is not retried hot)
FAILED_TESTS = 1  # `course check`: 0 everything passed, 1 a test failed, 2 the check could not run


class Refused(Exception):
    """A request the handler answers with an HTTP error status and a one-line reason."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status
        self.message = message


@dataclass
class CheckOutcome:
    """What the button shows: the check's exit status and summary, and the feedback page to open."""

    notebook: str  # relative to the server's root
    status: int
    passed: bool
    score: float
    max_score: float
    summary: list[str]
    feedback: str | None  # relative to the server's root; None when no page was written inside it
    seconds: float
    failed: list[str] = field(default_factory=list)  # the tests that lost points


def notebook_in_root(root: Path, relative: str) -> Path:
    """The notebook `relative` names inside `root`, resolved; `Refused` for anything else (outside the root, through
    a symbolic link too, not a notebook, missing)."""
    if not isinstance(relative, str) or not relative.strip():
        raise Refused(400, "no notebook given")
    name = relative.strip().lstrip("/")
    base = root.resolve()
    path = (base / name).resolve()
    if not path.is_relative_to(base):
        raise Refused(403, f"{relative} is outside the folder JupyterLab serves")
    if path.suffix != ".ipynb":
        raise Refused(400, f"{relative} is not a notebook (.ipynb)")
    if not path.is_file():
        raise Refused(404, f"no notebook {relative}")
    return path


def relative_page(root: Path, page: str | None) -> str | None:
    """The feedback page's path relative to the root, as Lab opens it; None when there is none inside the root."""
    if not page:
        return None
    path, base = Path(page).resolve(), root.resolve()
    return path.relative_to(base).as_posix() if path.is_relative_to(base) and path.is_file() else None


def reason(stderr: str, status: int) -> str:
    """The one line that says why `course check` gave no result: its error line, else its last line."""
    lines = [line.strip() for line in stderr.splitlines() if line.strip()]
    for line in reversed(lines):
        if line.startswith("course: error: "):
            return line.removeprefix("course: error: ")
    return lines[-1] if lines else f"course check stopped with exit status {status} and no message"


async def run_check(root: Path, notebook: Path, timeout: float, command: Sequence[str] = CHECK) -> CheckOutcome:
    """Run `command NOTEBOOK` (`course check --json`) in the notebook's folder, at most `timeout` seconds."""
    start = time.monotonic()
    proc = await asyncio.create_subprocess_exec(
        *command, str(notebook), cwd=notebook.parent, stdin=asyncio.subprocess.DEVNULL,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE, start_new_session=True,
    )
    try:
        out, err = await asyncio.wait_for(proc.communicate(), timeout)
    except (TimeoutError, asyncio.CancelledError) as exc:
        await stop(proc)
        if isinstance(exc, TimeoutError):
            raise Refused(504, f"the check took longer than {timeout:g} s and was stopped "
                               "(CourseSettings.lab_check_timeout, COURSE_LAB_CHECK_TIMEOUT)") from None
        raise
    seconds = time.monotonic() - start
    status = proc.returncode if proc.returncode is not None else -1
    result = parse_result(out.decode(errors="replace")) if status in (0, FAILED_TESTS) else None
    if result is None:
        log.warning("course check %s: exit status %s\n%s", notebook, status, err.decode(errors="replace")[-2000:])
        raise Refused(422 if status == 2 else 500, reason(err.decode(errors="replace"), status))
    summary = [str(line) for line in result.get("summary", [])]
    page = relative_page(root, result.get("feedback"))
    if page is None and result.get("feedback"):
        summary.append(f"the feedback page is outside the folder JupyterLab serves: {result['feedback']}")
    return CheckOutcome(
        notebook=notebook.relative_to(root.resolve()).as_posix(),
        status=status,
        passed=status == 0,
        score=float(result.get("score", 0.0)),
        max_score=float(result.get("max_score", 0.0)),
        summary=summary,
        feedback=page,
        seconds=round(seconds, 1),
        failed=[t["test"] for t in result.get("tests", []) if t.get("result") == "FAIL"],
    )


def parse_result(stdout: str) -> dict[str, Any] | None:
    """The JSON object `course check --json` printed (its last line), or None."""
    for line in reversed(stdout.strip().splitlines()):
        with contextlib.suppress(ValueError):
            value = json.loads(line)
            if isinstance(value, dict):
                return value
    return None


async def stop(proc: asyncio.subprocess.Process, grace: float = 5.0) -> None:
    """Stop a check and everything it started (its own process group): SIGTERM, then SIGKILL after `grace`."""
    for sig in (signal.SIGTERM, signal.SIGKILL):
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(proc.pid, sig)
        try:
            await asyncio.wait_for(proc.wait(), grace)
            return
        except TimeoutError:
            continue


class Warmer:
    """Keeps a warm harness waiting for the learner's next Check while the learner works: from the server's start,
    and for as long as a kernel was busy within `seconds` (the warm harness's own idle time). `command` (`course
    warm`) starts one, in the server's environment, where the Check's `course check` looks for it; between starts,
    its socket is asked whether it still runs, which also keeps it waiting; one that ended is started again, at most
    every `WARM_RESTART_SECONDS`. A `command` that fails (no course with hidden tests here) turns the warmer off,
    with its reason in the server's log."""

    def __init__(self, root: Path, kernels: Any, seconds: float, command: Sequence[str] = WARM) -> None:
        self.root, self.kernels, self.seconds, self.command = root, kernels, seconds, tuple(command)
        self.since = time.monotonic()
        self.folder: Path | None = None
        self.off: str | None = None  # why there is no warm harness to keep
        self.starts = 0
        self.started = -WARM_RESTART_SECONDS  # time.monotonic() of the last start

    def learner_works(self) -> bool:
        """Whether the server started, or one of its kernels was busy, less than `seconds` ago."""
        if time.monotonic() - self.since < self.seconds:
            return True
        now = datetime.now(UTC)
        for kernel_id in list(self.kernels.list_kernel_ids()):
            with contextlib.suppress(KeyError):
                last = getattr(self.kernels.get_kernel(kernel_id), "last_activity", None)
                if last is not None and (now - last).total_seconds() < self.seconds:
                    return True
        return False

    async def tick(self) -> None:
        """Start a warm harness when the learner works and none runs; otherwise ask the running one."""
        from course.proof import warm

        if self.off is not None or not self.learner_works():
            return
        if self.folder is not None and await asyncio.to_thread(warm.alive, self.folder):
            return
        if time.monotonic() - self.started < WARM_RESTART_SECONDS:
            return
        self.started = time.monotonic()
        proc = await asyncio.create_subprocess_exec(
            *self.command, cwd=self.root, stdin=asyncio.subprocess.DEVNULL, stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE, start_new_session=True,
        )
        try:
            out, err = await asyncio.wait_for(proc.communicate(), WARM_TICK_SECONDS * 3)
        except TimeoutError:
            await stop(proc)
            log.warning("course: `course warm` took longer than %g s and was stopped", WARM_TICK_SECONDS * 3)
            return
        result = parse_result(out.decode(errors="replace")) if proc.returncode == 0 else None
        if result is None or not result.get("folder"):
            self.off = reason(err.decode(errors="replace"), proc.returncode or 0) if result is None else \
                "checks leave no warm harness (CourseSettings.check_warm_seconds is 0)"
            log.info("course: no warm harness for the Check button: %s", self.off)
            return
        self.folder = Path(result["folder"])
        self.starts += 1


def check_timeout(root: Path) -> float:
    """`CourseSettings.lab_check_timeout` of the course `course check` uses (its nbgrader_config.py, then the
    environment); the default when no course is found."""
    from course.errors import CourseError
    from course.layout import Course
    from course.settings import CourseSettings
    from course.workspace import load_course_config

    try:
        config = load_course_config(Course.find(root, installed=True))
    except CourseError:
        config = None
    return float(CourseSettings.load(config).lab_check_timeout)


def warm_seconds(root: Path) -> int:
    """`CourseSettings.check_warm_seconds` as `course check` run from `root` reads it; 0 when no course is found."""
    from course.errors import CourseError
    from course.layout import Course
    from course.settings import CourseSettings
    from course.workspace import load_course_config

    try:
        config = load_course_config(Course.find(root, installed=True))
    except CourseError:
        return 0
    return int(CourseSettings.load(config).check_warm_seconds)


class CheckHandler(APIHandler):
    """POST {"path": "01_coding/2_strings.ipynb"} → the check's outcome (JSON)."""

    auth_resource = "kernels"  # a check runs the notebook's code, as a kernel does

    @property
    def running(self) -> set[Path]:
        return self.settings.setdefault("course_checks_running", set())

    @web.authenticated
    @authorized
    async def post(self) -> None:
        root = Path(self.settings["server_root_dir"]).expanduser()
        try:
            body = self.get_json_body() or {}
            notebook = notebook_in_root(root, body.get("path", "") if isinstance(body, dict) else "")
            if notebook in self.running:
                raise Refused(409, f"a check of {notebook.name} is already running")
            self.running.add(notebook)
            try:
                timeout = await asyncio.to_thread(check_timeout, notebook.parent)
                outcome = await run_check(root, notebook, timeout)
            finally:
                self.running.discard(notebook)
        except Refused as refused:
            self.set_status(refused.status)
            self.finish(json.dumps({"message": refused.message}))
            return
        self.finish(json.dumps(asdict(outcome)))


def _jupyter_server_extension_points() -> list[dict[str, str]]:
    return [{"module": "course.plugins.lab_check"}]


def _load_jupyter_server_extension(serverapp: Any) -> None:
    web_app = serverapp.web_app
    route = url_path_join(web_app.settings["base_url"], ROUTE)
    web_app.add_handlers(".*$", [(route, CheckHandler)])
    serverapp.log.info("course: the Check button's handler is at %s", route)
    root = Path(serverapp.root_dir).expanduser()
    seconds = warm_seconds(root)
    if seconds > 0:
        warmer = web_app.settings["course_warmer"] = Warmer(root, serverapp.kernel_manager, seconds)
        PeriodicCallback(warmer.tick, WARM_TICK_SECONDS * 1000).start()
        serverapp.io_loop.add_callback(warmer.tick)
