"""Starting the replay harness (course.proof.harness) as a process of its own: before its job is ready, and inside
the bubblewrap sandbox when asked. Imports little, so that `course check` can start the harness first and let it
import the scientific stack while the command itself starts up."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import socket
import subprocess
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from course.proof.replay import Replayed

PROGRESS_SECONDS = 1.0  # how often a run with a progress callback counts the programs that ended


def harness_environment(home: Path) -> dict[str, str]:
    """A sandboxed grading kernel's environment (course.sandbox.kernels), with a private home folder."""
    from course.sandbox.kernels import scrubbed_environment
    from course.workspace import grading_environment

    env = scrubbed_environment({**os.environ, **grading_environment()}, home)
    env.update({"MPLBACKEND": "module://matplotlib_inline.backend_inline", "PYTHONDONTWRITEBYTECODE": "1"})
    return env


@dataclass(frozen=True)
class Sandbox:
    """Run the harness inside bubblewrap; each notebook's process becomes `uid` with the kernels' `limits`."""

    bwrap: str
    uid: int
    limits: dict[str, int]


class Harness:
    """A harness process started before its job is ready: it imports the scientific stack while the caller
    prepares the programs, then reads the job on its standard input (no file in its folder holds hidden tests).
    `light`: only what notebooks' setup cells import (a learner's check; see course.proof.harness.LIGHT)."""

    warm_seconds = 0  # after a learner's check: how long a warm harness waits for the next one (`discard`)
    warm_folder: Path | None = None  # where that warm harness waits (course.proof.warm.folder_for)

    def __init__(self, root: Path, sandbox: Sandbox | None = None, light: bool = False) -> None:
        self.root, self.sandbox = root, sandbox
        self.results = root / "results"
        for folder in (root / "home", self.results):
            folder.mkdir(parents=True, exist_ok=True)
        argv = [sys.executable, "-m", "course.proof.harness", "-", str(self.results), *(["--light"] if light else [])]
        if sandbox is not None:
            from course.sandbox import bwrap

            root.chmod(0o711)
            self.hand_over(root / "home", self.results)
            argv = bwrap.command(root, argv, sandbox.bwrap)
        self.environment = harness_environment(root / "home")
        self.process = subprocess.Popen(argv, cwd=root, env=self.environment, stdin=subprocess.PIPE,
                                        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                        start_new_session=True)  # stop() ends its notebooks and programs too

    def hand_over(self, *folders: Path) -> None:
        """Give `folders` (and everything in them) to the sandbox's unprivileged user."""
        if self.sandbox is None:
            return
        for folder in folders:
            for path in [folder, *folder.rglob("*")]:
                os.chown(path, self.sandbox.uid, self.sandbox.uid, follow_symlinks=False)

    def run(self, programs: dict[str, dict[str, list[list]]], workdirs: dict[str, Path], reference: str,
            timeout: float, ignore: str = "", jobs: int = 1, details: bool = False, options: dict | None = None,
            progress: Callable[[int], None] | None = None,
            ) -> tuple[dict[str, dict[str, Replayed]], dict[str, str]]:
        """Hand the harness its job (notebook → program → cells) and read what every program did; `options` are
        more settings of the job (course.proof.harness.Job), and `progress` is told now and then how many
        programs have ended."""
        user = None
        if self.sandbox is not None:
            self.hand_over(*workdirs.values())
            user = {"uid": self.sandbox.uid, "gid": self.sandbox.uid, "limits": self.sandbox.limits}
        notebooks = {nb: {"reference": reference, "programs": named, "workdir": str(workdirs[nb]), "user": user}
                     for nb, named in programs.items()}
        job = {"notebooks": notebooks, "timeout": timeout, "jobs": max(1, jobs), "ignore": ignore, "guard": True,
               "details": details, **(options or {})}
        done = threading.Event()
        if progress is not None:
            threading.Thread(target=self._count_ended, args=(progress, done), daemon=True).start()
        try:
            output = self._exchange(job)
        finally:
            done.set()
        from course.proof.replay import read_results

        return read_results(self.results, programs, reference, output)

    def _exchange(self, job: dict) -> str:
        """Hand the job over and wait until it is done: what the harness wrote (why it failed, if it did)."""
        try:
            out, err = self.process.communicate(json.dumps(job))
        except BrokenPipeError:  # the harness could not start: its error output says why
            out, err = self.process.communicate()
        return err or out or f"exit status {self.process.returncode}"

    def _count_ended(self, progress: Callable[[int], None], done: threading.Event) -> None:
        """Tell `progress` how many programs have ended, whenever the count changes, until `done`."""
        ended = 0
        while not done.wait(PROGRESS_SECONDS):
            with contextlib.suppress(OSError):
                count = sum(len(log.read_text(encoding="utf-8").splitlines())
                            for log in self.results.glob("*/ended.txt"))
                if count != ended:
                    ended = count
                    progress(ended)

    def stop(self) -> None:
        """End the harness and every notebook and program it forked (its process group)."""
        if self.process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()


class WarmHarness(Harness):
    """A check's job handed to a warm harness that waits in `warm` (course.proof.warm), with this check's folder
    `root` inside it; a cold harness of its own if the warm one is taken by then."""

    def __init__(self, root: Path, sandbox: Sandbox | None, warm: Path) -> None:
        self.root, self.sandbox, self.warm = root, sandbox, warm
        self.results = root / "results"
        for folder in (root / "home", self.results):
            folder.mkdir(parents=True, exist_ok=True)
        for folder in (root.parent, root):  # the sandbox's user may pass through to its own folders, no further
            folder.chmod(0o711)
        self.hand_over(root / "home", self.results)
        self.connection = None
        self.cold: Harness | None = None

    def _exchange(self, job: dict) -> str:
        from course.proof import warm

        connection = self.connection = warm.connect(self.warm)  # `stop` closes it, from any thread
        answer = {} if connection is None else \
            warm.exchange(connection, {"op": "run", "job": job, "folder": str(self.root)}, wait=None)
        if connection is None or answer.get("busy"):  # it ended, or another check took it, since `ready`
            self.stop()
            self.cold = Harness(self.root, self.sandbox, light=True)
            return self.cold._exchange(job)
        log = self.root / "harness.log"
        text = log.read_text(encoding="utf-8", errors="replace") if log.exists() else ""
        return text or answer.get("error") or f"the warm harness answered {answer}"

    def stop(self) -> None:
        """Close the connection: the warm harness stops the job if it still runs."""
        if self.connection is not None:
            with contextlib.suppress(OSError):
                self.connection.shutdown(socket.SHUT_RDWR)  # also wakes a thread that waits for the answer
            self.connection.close()
            self.connection = None
        if self.cold is not None:
            self.cold.stop()


def sandbox_for(settings, probe: bool = True) -> Sandbox | None:
    """The sandbox of a learner's check under `settings` (CourseSettings): bubblewrap when it can run here, as the
    kernels' unprivileged user with their limits; None without it (a learner's own machine may lack it). Without
    `probe`, bubblewrap is taken to work if it is installed (a warm harness running in it shows that it does)."""
    from course.sandbox import bwrap
    from course.sandbox.limits import Limits

    if settings.sandbox == "off" or bwrap.executable(settings.bwrap) is None:
        return None
    if probe and not bwrap.availability(settings.bwrap)[0]:
        return None
    return Sandbox(settings.bwrap, bwrap.kernel_user(), Limits.from_settings(settings).as_dict())


def start_harness() -> Harness:
    """The harness of a learner's check, with the sandbox the environment's settings ask for and the light preload:
    a warm one that waits for this user's next check (course.proof.warm), or one started now, first, which imports
    the scientific stack while the command reads the course and builds the programs (course.selfpaced.check starts
    it again in the rare case that the course's configuration asks for another sandbox). Its folder is a new
    temporary one; `discard` removes it (and, after a harness of its own, leaves a warm one for the next check)."""
    import tempfile

    from course.settings import CourseSettings

    folder, sandbox, ready = warm_place(CourseSettings.load())
    if ready:
        return WarmHarness(Path(tempfile.mkdtemp(prefix="check-", dir=folder / "checks")) / "run", sandbox, folder)
    scratch = Path(tempfile.mkdtemp(prefix="course-check-", dir="/var/tmp" if Path("/var/tmp").is_dir() else None))
    harness = Harness(scratch / "run", sandbox, light=True)
    # where the next check will look, so found now: reading the course's configuration changes this process's PATH
    harness.warm_folder = folder
    return harness


def warm_place(settings) -> tuple[Path | None, Sandbox | None, bool]:
    """Where this user's checks under `settings` (CourseSettings, from the environment: before the course's
    configuration is read) find their warm harness, the sandbox they run in, and whether a warm harness waits there
    now; the folder is None when checks leave no warm harness (`check_warm_seconds` is 0) or none can be trusted."""
    from course.proof import warm

    folder = hoped = None
    if settings.check_warm_seconds > 0:
        hoped = sandbox_for(settings, probe=False)  # a warm harness in the sandbox: no need to try bubblewrap first
        folder = warm.folder_for(hoped)
        if folder is not None and warm.ready(folder):
            return folder, hoped, True
    sandbox = sandbox_for(settings)
    if folder is not None and hoped is not None and sandbox is None:
        folder = warm.folder_for(None)  # bubblewrap is installed but does not work here
    return folder, sandbox, False


def warm_up() -> Path | None:
    """Make a warm harness wait for this user's next check now, as a check that started its own harness leaves one
    (JupyterLab's server does this while a learner works, so that the first Check is as quick as the next): its
    folder, or None when checks leave none (`CourseSettings.check_warm_seconds` of the environment is 0)."""
    from course.proof import warm
    from course.settings import CourseSettings

    settings = CourseSettings.load()
    folder, sandbox, ready = warm_place(settings)
    if folder is not None and not ready:
        warm.leave(folder, sandbox, settings.check_warm_seconds, harness_environment(folder / "home"))
    return folder


def discard(harness: Harness) -> None:
    """Stop a harness started by `start_harness` and remove its folder; after a check that started its own harness,
    leave a warm one for the next check (for `harness.warm_seconds`, set by the check from the course's settings)."""
    import shutil

    harness.stop()
    shutil.rmtree(harness.root.parent, ignore_errors=True)
    if harness.warm_seconds > 0 and harness.warm_folder is not None and not isinstance(harness, WarmHarness):
        from course.proof import warm

        with contextlib.suppress(OSError):
            warm.leave(harness.warm_folder, harness.sandbox, harness.warm_seconds, harness.environment)
