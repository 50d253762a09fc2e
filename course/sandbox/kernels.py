"""The grading worker's side of the kernel template: starting the fork server (inside bubblewrap when the
sandbox is on), asking it for kernels, and the environment a kernel keeps.

The `course-grader` kernelspec (share/jupyter/kernels) selects the provisioner in course.plugins.provisioner,
which uses this module. With the sandbox on, the fork server runs inside bubblewrap (course.sandbox.bwrap); each
kernel then talks to the grader over Unix sockets in its own working copy (the sandbox has no network), runs as
an unprivileged user with resource limits, and every process it started is killed when it is shut down. Off, the
fork server runs as a plain process (`course grade --unsafe`, `course check` on a learner's own machine).
"""

from __future__ import annotations

import atexit
import contextlib
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import ClassVar

from course.sandbox import bwrap

KERNEL_ARGS_AFTER = "ipykernel_launcher"
KERNELS_PATH = Path(__file__).parent / "share" / "jupyter"
KERNEL_NAME = "course-grader"
SAFE_ENVIRONMENT = (
    "PATH", "LANG", "LANGUAGE", "LC_ALL", "LC_CTYPE", "TZ", "OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS",
    "MKL_NUM_THREADS", "PYTHONHASHSEED", "PYTHONWARNINGS", "PYDEVD_DISABLE_FILE_VALIDATION", "MPLBACKEND",
)


def template_environment(env: dict[str, str]) -> dict[str, str]:
    """What the kernel template keeps of the grader's environment: the allow-list (nothing secret) and Jupyter's."""
    return {k: v for k, v in env.items() if k in SAFE_ENVIRONMENT or k in ("JUPYTER_PATH", "PYTHONPATH")}


def scrubbed_environment(env: dict[str, str], home: Path) -> dict[str, str]:
    """What a grading kernel keeps of `env` (nothing secret), with a private home for IPython and matplotlib."""
    safe = {k: v for k, v in env.items() if k in SAFE_ENVIRONMENT or k.startswith("JPY_")}
    safe.update({"HOME": str(home), "IPYTHONDIR": str(home / ".ipython"), "MPLCONFIGDIR": str(home / ".mpl")})
    return safe


class ForkServer:
    """A fork server of this process (one per grading worker and set of hidden packages), started on first use.

    With `hidden` (top-level package names, see course.sandbox.scratch) it is the template of from-scratch kernels:
    it never imports those packages, and inside bubblewrap none of their files exist."""

    _lock = threading.Lock()
    _instances: ClassVar[dict[tuple[str, tuple[str, ...]], ForkServer]] = {}

    def __init__(self, mode: str, bwrap_path: str = "", tmp_bytes: int = 256 * 2**20,
                 hidden: tuple[str, ...] = ()) -> None:
        self.mode = mode
        self.hidden = hidden
        scratch = "/var/tmp" if os.path.isdir("/var/tmp") else None  # outside the sandbox's private /tmp
        self.folder = Path(tempfile.mkdtemp(prefix="course-kernels-", dir=scratch))
        self.folder.chmod(0o711)  # kernels may enter their own folder below, not list or touch the rest
        (self.folder / "kernels").mkdir(mode=0o711)
        self.path = str(self.folder / "socket")
        program = [sys.executable, "-m", "course.sandbox.forkserver", self.path,
                   "0" if mode == "bwrap" else str(os.getpid()), *([",".join(hidden)] if hidden else [])]
        argv = bwrap.command(self.folder, program, bwrap_path, tmp_bytes, hidden) if mode == "bwrap" else program
        # the template's own environment is an allow-list: a kernel's /proc/self/environ shows the template's
        self.process = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                        env=template_environment(os.environ))
        assert self.process.stdout is not None
        line = self.process.stdout.readline()
        if line.strip() != b"ready":
            self.close()
            raise RuntimeError(f"the kernel fork server did not start ({mode})")
        atexit.register(self.close)

    @classmethod
    def get(cls, mode: str, bwrap_path: str = "", tmp_bytes: int = 256 * 2**20,
            hidden: tuple[str, ...] = ()) -> ForkServer:
        with cls._lock:
            server = cls._instances.get((mode, hidden))
            if server is None or server.process.poll() is not None:
                server = cls._instances[mode, hidden] = ForkServer(mode, bwrap_path, tmp_bytes, hidden)
            return server

    def request(self, payload: dict) -> dict:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as conn:
            conn.settimeout(60)
            conn.connect(self.path)
            conn.sendall(json.dumps(payload).encode() + b"\n")
            with conn.makefile("rb") as stream:
                reply = json.loads(stream.readline())
        if "error" in reply:
            raise RuntimeError(reply["error"])
        return reply

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            with contextlib.suppress(subprocess.TimeoutExpired):
                self.process.wait(5)
            if self.process.poll() is None:
                self.process.kill()
        shutil.rmtree(self.folder, ignore_errors=True)


class ForkedKernel:
    """A Popen look-alike for a kernel forked by the server, which reaps it, knows its exit code and delivers
    its signals (its PID may live in the sandbox's PID namespace)."""

    stdin = stdout = stderr = None

    def __init__(self, server: ForkServer, pid: int) -> None:
        self.server = server
        self.pid = pid
        self.returncode: int | None = None

    def poll(self) -> int | None:
        if self.returncode is None:
            try:
                self.returncode = self.server.request({"op": "status", "pid": self.pid})["exit"]
            except OSError:  # the server is gone, and its kernels with it
                self.returncode = -signal.SIGKILL
        return self.returncode

    def wait(self, timeout: float | None = None) -> int:
        deadline = None if timeout is None else time.monotonic() + timeout
        while self.poll() is None:
            if deadline is not None and time.monotonic() > deadline:
                raise subprocess.TimeoutExpired(str(self.pid), timeout or 0)
            time.sleep(0.05)
        return int(self.returncode or 0)

    def send_signal(self, signum: int) -> None:
        try:
            self.server.request({"op": "signal", "pid": self.pid, "sig": int(signum)})
        except OSError as exc:
            raise ProcessLookupError(str(exc)) from exc

    def terminate(self) -> None:
        self.send_signal(signal.SIGTERM)

    def kill(self) -> None:
        self.send_signal(signal.SIGKILL)


def kernel_environment() -> dict[str, str]:
    """Environment entries that make the `course-grader` kernelspec visible to Jupyter."""
    paths = [str(KERNELS_PATH), *filter(None, os.environ.get("JUPYTER_PATH", "").split(os.pathsep))]
    return {"JUPYTER_PATH": os.pathsep.join(dict.fromkeys(paths))}
