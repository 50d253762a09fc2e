"""Kernel provisioner that starts grading kernels from the fork server (falls back to a normal launch)."""

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
from pathlib import Path
from typing import Any

from jupyter_client.connect import KernelConnectionInfo
from jupyter_client.provisioning import LocalProvisioner

KERNEL_ARGS_AFTER = "ipykernel_launcher"
KERNELS_PATH = Path(__file__).parent / "share" / "jupyter"
KERNEL_NAME = "course-grader"


class ForkServer:
    """The fork server of this process (one per grading worker), started on first use."""

    _lock = threading.Lock()
    _instance: ForkServer | None = None

    def __init__(self) -> None:
        self.folder = tempfile.mkdtemp(prefix="course-forkserver-")
        self.path = os.path.join(self.folder, "socket")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "course.kernels.forkserver", self.path, str(os.getpid())],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            env=os.environ.copy(),
        )
        assert self.process.stdout is not None
        line = self.process.stdout.readline()
        if line.strip() != b"ready":
            self.close()
            raise RuntimeError("the kernel fork server did not start")
        atexit.register(self.close)

    @classmethod
    def get(cls) -> ForkServer:
        with cls._lock:
            if cls._instance is None or cls._instance.process.poll() is not None:
                cls._instance = ForkServer()
            return cls._instance

    def request(self, payload: dict) -> dict:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as conn:
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
        shutil.rmtree(self.folder, ignore_errors=True)


class ForkedKernel:
    """A Popen look-alike for a kernel forked by the server (which reaps it and knows its exit code)."""

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
        import time

        deadline = None if timeout is None else time.monotonic() + timeout
        while self.poll() is None:
            if deadline is not None and time.monotonic() > deadline:
                raise subprocess.TimeoutExpired(str(self.pid), timeout or 0)
            time.sleep(0.05)
        return int(self.returncode or 0)

    def send_signal(self, signum: int) -> None:
        os.kill(self.pid, signum)

    def terminate(self) -> None:
        self.send_signal(signal.SIGTERM)

    def kill(self) -> None:
        self.send_signal(signal.SIGKILL)


class ForkServerProvisioner(LocalProvisioner):
    """Start the kernel by forking the pre-imported template instead of running a new interpreter."""

    async def launch_kernel(self, cmd: list[str], **kwargs: Any) -> KernelConnectionInfo:
        if KERNEL_ARGS_AFTER not in cmd:
            return await super().launch_kernel(cmd, **kwargs)
        argv = cmd[cmd.index(KERNEL_ARGS_AFTER) + 1 :]
        try:
            server = ForkServer.get()
            cwd = str(kwargs.get("cwd") or os.getcwd())
            env = dict(kwargs.get("env") or os.environ)
            pid = server.request({"op": "spawn", "argv": argv, "env": env, "cwd": cwd})["pid"]
        except (OSError, RuntimeError):
            fallback = [sys.executable, *cmd[1:]] if cmd and cmd[0] == "python" else cmd
            return await super().launch_kernel(fallback, **kwargs)
        self.process = ForkedKernel(server, pid)
        self.pid = pid
        self.pgid = pid  # the kernel called setsid(): it leads its own process group
        self.cwd = cwd
        return self.connection_info


def kernel_environment() -> dict[str, str]:
    """Environment entries that make the `course-grader` kernelspec visible to Jupyter."""
    paths = [str(KERNELS_PATH), *filter(None, os.environ.get("JUPYTER_PATH", "").split(os.pathsep))]
    return {"JUPYTER_PATH": os.pathsep.join(dict.fromkeys(paths))}
