"""Kernels forked from the course's template: a forked kernel runs code in its own process and stops cleanly; the
fork server refuses unknown requests; limits are applied as rlimits; a required sandbox that cannot run refuses
to start a kernel, with the reason."""

from __future__ import annotations

import subprocess
import sys

import pytest
from jupyter_client.manager import KernelManager
from traitlets.config import Config

from course.sandbox.kernels import KERNEL_NAME, ForkServer, kernel_environment
from course.sandbox.limits import RLIMITS

pytestmark = pytest.mark.integration


def manager(monkeypatch, **settings) -> KernelManager:
    for key, value in kernel_environment().items():
        monkeypatch.setenv(key, value)
    config = Config()
    for name, value in settings.items():
        setattr(config.CourseSettings, name, value)
    return KernelManager(kernel_name=KERNEL_NAME, config=config)


def test_a_forked_kernel_runs_code_and_stops(monkeypatch):
    km = manager(monkeypatch, sandbox="off")
    km.start_kernel()
    try:
        client = km.client()
        client.start_channels()
        client.wait_for_ready(timeout=60)
        reply = client.execute_interactive("import os, sklearn; print(os.getpid())", timeout=60)
        assert reply["content"]["status"] == "ok"
        server = ForkServer.get("off")
        assert km.provisioner.pid != server.process.pid, "the kernel is a child of the template, not the template"
        client.stop_channels()
    finally:
        km.shutdown_kernel(now=True)
    assert km.provisioner is None or km.provisioner.process is None or km.provisioner.process.poll() is not None


def test_the_fork_server_refuses_unknown_requests():
    server = ForkServer.get("off")
    with pytest.raises(RuntimeError, match="unknown request"):
        server.request({"op": "format-disk"})
    assert server.request({"op": "status", "pid": 999_999_999})["exit"] is None


def test_limits_are_applied_as_rlimits():
    code = ("import resource\nfrom course.sandbox.limits import RLIMITS, apply\n"
            "apply({'open_files': 64, 'file_size_bytes': 1048576})\n"
            "print(resource.getrlimit(RLIMITS['open_files'])[0], resource.getrlimit(RLIMITS['file_size_bytes'])[0])")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["64", "1048576"]
    assert set(RLIMITS) == {"memory_bytes", "processes", "file_size_bytes", "cpu_seconds", "open_files"}


def test_a_required_sandbox_that_cannot_run_refuses_to_start_a_kernel(monkeypatch):
    km = manager(monkeypatch, sandbox="bwrap", bwrap="none")
    with pytest.raises(RuntimeError, match="no sandbox for learner code"):
        km.start_kernel()
