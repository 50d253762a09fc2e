"""Starting the replay harness (course.proof.harness) as a process of its own: before its job is ready, and inside
the bubblewrap sandbox when asked. Imports little, so that `course check` can start the harness first and let it
import the scientific stack while the command itself starts up."""

from __future__ import annotations

import contextlib
import json
import os
import signal
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
        self.process = subprocess.Popen(argv, cwd=root, env=harness_environment(root / "home"), stdin=subprocess.PIPE,
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
            out, err = self.process.communicate(json.dumps(job))
        except BrokenPipeError:  # the harness could not start: its error output says why
            out, err = self.process.communicate()
        finally:
            done.set()
        from course.proof.replay import read_results

        return read_results(self.results, programs, reference, err or out or f"exit status {self.process.returncode}")

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


def sandbox_for(settings) -> Sandbox | None:
    """The sandbox of a learner's check under `settings` (CourseSettings): bubblewrap when it can run here, as the
    kernels' unprivileged user with their limits; None without it (a learner's own machine may lack it)."""
    from course.sandbox import bwrap
    from course.sandbox.limits import Limits

    if settings.sandbox == "off" or not bwrap.availability(settings.bwrap)[0]:
        return None
    return Sandbox(settings.bwrap, bwrap.kernel_user(), Limits.from_settings(settings).as_dict())


def start_harness() -> Harness:
    """The harness of a learner's check, started first with the sandbox the environment's settings ask for and the
    light preload: it imports the scientific stack while the command reads the course and builds the programs
    (course.selfpaced.check starts it again in the rare case that the course's configuration asks for another
    sandbox). Its folder is a new temporary one; `discard` removes it."""
    import tempfile

    from course.settings import CourseSettings

    scratch = Path(tempfile.mkdtemp(prefix="course-check-", dir="/var/tmp" if Path("/var/tmp").is_dir() else None))
    return Harness(scratch / "run", sandbox_for(CourseSettings.load()), light=True)


def discard(harness: Harness) -> None:
    """Stop a harness started by `start_harness` and remove its folder."""
    import shutil

    harness.stop()
    shutil.rmtree(harness.root.parent, ignore_errors=True)
