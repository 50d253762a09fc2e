"""Kernel provisioner that starts grading kernels from the fork server, inside the sandbox when it is on.

Selected through the `course-grader` kernelspec (course/kernels/share/jupyter/kernels). With
COURSE_SANDBOX=bwrap the fork server runs inside bubblewrap (course.kernels.sandbox); each kernel then talks to
the grader over Unix sockets in its own working copy (the sandbox has no network), runs as an unprivileged user
with resource limits, and every process it started is killed when it is shut down. With COURSE_SANDBOX=off the
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
from typing import Any, ClassVar

from jupyter_client.connect import KernelConnectionInfo
from jupyter_client.provisioning import LocalProvisioner

from course.kernels import sandbox

KERNEL_ARGS_AFTER = "ipykernel_launcher"
KERNELS_PATH = Path(__file__).parent / "share" / "jupyter"
KERNEL_NAME = "course-grader"
SAFE_ENVIRONMENT = (
    "PATH", "LANG", "LANGUAGE", "LC_ALL", "LC_CTYPE", "TZ", "OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS",
    "MKL_NUM_THREADS", "PYTHONHASHSEED", "PYTHONWARNINGS", "PYDEVD_DISABLE_FILE_VALIDATION", "MPLBACKEND",
)


def sandbox_mode() -> str:
    """'bwrap' (grade inside the sandbox) or 'off' (COURSE_SANDBOX, set by the grading workspace)."""
    return "bwrap" if os.environ.get("COURSE_SANDBOX", "off") == "bwrap" else "off"


def scrubbed_environment(env: dict[str, str], home: Path) -> dict[str, str]:
    """What a grading kernel keeps of `env` (nothing secret), with a private home for IPython and matplotlib."""
    safe = {k: v for k, v in env.items() if k in SAFE_ENVIRONMENT or k.startswith("JPY_")}
    safe.update({"HOME": str(home), "IPYTHONDIR": str(home / ".ipython"), "MPLCONFIGDIR": str(home / ".mpl")})
    return safe


class ForkServer:
    """The fork server of this process (one per grading worker), started on first use."""

    _lock = threading.Lock()
    _instances: ClassVar[dict[str, ForkServer]] = {}

    def __init__(self, mode: str) -> None:
        self.mode = mode
        scratch = "/var/tmp" if os.path.isdir("/var/tmp") else None  # outside the sandbox's private /tmp
        self.folder = Path(tempfile.mkdtemp(prefix="course-kernels-", dir=scratch))
        self.folder.chmod(0o711)  # kernels may enter their own folder below, not list or touch the rest
        (self.folder / "kernels").mkdir(mode=0o711)
        self.path = str(self.folder / "socket")
        program = [sys.executable, "-m", "course.kernels.forkserver", self.path,
                   "0" if mode == "bwrap" else str(os.getpid())]
        argv = sandbox.command(self.folder, program) if mode == "bwrap" else program
        self.process = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, env=os.environ.copy())
        assert self.process.stdout is not None
        line = self.process.stdout.readline()
        if line.strip() != b"ready":
            self.close()
            raise RuntimeError(f"the kernel fork server did not start ({mode})")
        atexit.register(self.close)

    @classmethod
    def get(cls, mode: str) -> ForkServer:
        with cls._lock:
            server = cls._instances.get(mode)
            if server is None or server.process.poll() is not None:
                server = cls._instances[mode] = ForkServer(mode)
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


class ForkServerProvisioner(LocalProvisioner):
    """Start the kernel by forking the pre-imported template instead of running a new interpreter."""

    work: Path | None = None
    uid: int | None = None

    async def pre_launch(self, **kwargs: Any) -> dict[str, Any]:
        if sandbox_mode() == "bwrap" and self.parent is not None:
            server = ForkServer.get("bwrap")
            self.work = server.folder / "kernels" / self.kernel_id
            self.work.mkdir(mode=0o700)
            km = self.parent
            km.transport = "ipc"  # the sandbox has no network: Unix sockets in the kernel's own folder
            km.ip = str(self.work / "ipc")
            km.connection_file = str(self.work / "kernel.json")
        return await super().pre_launch(**kwargs)

    async def launch_kernel(self, cmd: list[str], **kwargs: Any) -> KernelConnectionInfo:
        if KERNEL_ARGS_AFTER not in cmd:
            return await super().launch_kernel(cmd, **kwargs)
        argv = cmd[cmd.index(KERNEL_ARGS_AFTER) + 1 :]
        mode = sandbox_mode()
        cwd = str(kwargs.get("cwd") or os.getcwd())
        env = dict(kwargs.get("env") or os.environ)
        request: dict[str, Any] = {"op": "spawn", "argv": argv, "env": env, "cwd": cwd, "guard": True}
        try:
            server = ForkServer.get(mode)
            if mode == "bwrap":
                request.update(self._sandboxed_request(cwd, env))
            pid = server.request(request)["pid"]
        except (OSError, RuntimeError):
            if mode == "bwrap":
                raise  # never fall back to an unsandboxed kernel
            fallback = [sys.executable, *cmd[1:]] if cmd and cmd[0] == "python" else cmd
            return await super().launch_kernel(fallback, **kwargs)
        self.process = ForkedKernel(server, pid)
        self.pid = pid
        self.pgid = None  # signals go through the server (see ForkedKernel.send_signal)
        self.cwd = request["cwd"]
        return self.connection_info

    def _sandboxed_request(self, cwd: str, env: dict[str, str]) -> dict[str, Any]:
        """A fresh working copy owned by the kernel's unprivileged user, a scrubbed environment, the limits."""
        assert self.work is not None
        self.uid = sandbox.kernel_user()
        folder = self.work / "work"
        shutil.copytree(cwd, folder, symlinks=False, ignore_dangling_symlinks=True)
        home = self.work / "home"
        home.mkdir()
        for path in [self.work, *self.work.rglob("*")]:
            with contextlib.suppress(OSError):
                os.chown(path, self.uid, self.uid, follow_symlinks=False)
        safe = scrubbed_environment(env, home)
        safe.update({"TMPDIR": "/tmp", "USER": "learner", "LOGNAME": "learner"})
        limits = sandbox.Limits.from_environment()
        return {"cwd": str(folder), "env": safe,
                "user": {"uid": self.uid, "gid": self.uid, "limits": limits.__dict__}}

    async def cleanup(self, restart: bool = False) -> None:
        await super().cleanup(restart=restart)
        if self.uid is not None and not restart:
            with contextlib.suppress(OSError, RuntimeError):
                ForkServer.get("bwrap").request({"op": "sweep", "uid": self.uid})
        if self.work is not None and not restart:
            shutil.rmtree(self.work, ignore_errors=True)


def kernel_environment() -> dict[str, str]:
    """Environment entries that make the `course-grader` kernelspec visible to Jupyter."""
    paths = [str(KERNELS_PATH), *filter(None, os.environ.get("JUPYTER_PATH", "").split(os.pathsep))]
    return {"JUPYTER_PATH": os.pathsep.join(dict.fromkeys(paths))}
