"""The kernel provisioner of grading kernels (jupyter_client entry point `course-forkserver`): kernels forked from
the course's pre-imported template, inside the sandbox when `CourseSettings.sandbox` says so.

It reads the settings from the kernel manager's configuration (the course's nbgrader_config.py, with the mode
`course` resolved for this run), so stock `nbgrader autograde` on this course gets the same kernels as
`course grade`, and refuses to start one when the sandbox is required but missing.

A from-scratch kernel, in which some packages cannot be used (course.sandbox.scratch), is asked for on the kernel
manager before it starts the kernel:

    km = AsyncKernelManager(kernel_name="course-grader", config=config)
    km.course_hidden = ("sklearn", "scipy")
    await km.start_kernel()
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sys
from pathlib import Path
from typing import Any

from jupyter_client.connect import KernelConnectionInfo
from jupyter_client.provisioning import LocalProvisioner

from course.sandbox import bwrap, scratch
from course.sandbox.kernels import KERNEL_ARGS_AFTER, ForkedKernel, ForkServer, scrubbed_environment
from course.sandbox.limits import Limits
from course.settings import CourseSettings


class ForkServerProvisioner(LocalProvisioner):
    """Start the kernel by forking the pre-imported template instead of running a new interpreter."""

    mode: str = "off"  # resolved in pre_launch: "bwrap" or "off"
    hidden: tuple[str, ...] = ()  # packages a from-scratch kernel cannot use (the manager's `course_hidden`)
    work: Path | None = None
    uid: int | None = None

    @property
    def settings(self) -> CourseSettings:
        return CourseSettings.load(getattr(self.parent, "config", None))

    @property
    def trusted(self) -> bool:
        """A test kernel (course.isolation.runner): it runs only the course's own cells, outside the sandbox."""
        return getattr(self.parent, "course_trusted", False) is True

    def _server(self, mode: str) -> ForkServer:
        """The template this kernel is forked from: one per mode and set of hidden packages."""
        settings = self.settings
        return ForkServer.get(mode, settings.bwrap, settings.tmp_bytes, self.hidden)

    def _mode(self) -> str:
        """'bwrap' or 'off'; refuses (with the reason) when the sandbox is required and cannot run here."""
        settings = self.settings
        if self.trusted:
            return "off"
        if settings.sandbox == "off":
            return "off"
        usable, reason = bwrap.availability(settings.bwrap)
        if usable:
            return "bwrap"
        if settings.sandbox == "bwrap":
            raise RuntimeError(f"no sandbox for learner code: {reason} (CourseSettings.sandbox is 'bwrap'; "
                               "`course grade --unsafe` grades without it)")
        return "off"

    async def pre_launch(self, **kwargs: Any) -> dict[str, Any]:
        self.hidden = scratch.normalise(getattr(self.parent, "course_hidden", ()))
        self.mode = self._mode()
        if self.mode == "bwrap" and self.parent is not None:
            server = self._server("bwrap")
            self.work = server.folder / "kernels" / self.kernel_id
            self.work.mkdir(mode=0o700)
            km = self.parent
            km.transport = "ipc"  # the sandbox has no network: Unix sockets in the kernel's own folder
            km.ip = str(self.work / "ipc")
            km.connection_file = str(self.work / "kernel.json")
        return await super().pre_launch(**kwargs)

    async def launch_kernel(self, cmd: list[str], **kwargs: Any) -> KernelConnectionInfo:
        if KERNEL_ARGS_AFTER not in cmd:
            if self.hidden:
                raise RuntimeError("a from-scratch kernel needs the course-grader kernelspec (ipykernel_launcher)")
            return await super().launch_kernel(cmd, **kwargs)
        argv = cmd[cmd.index(KERNEL_ARGS_AFTER) + 1 :]
        mode = self.mode
        cwd = str(kwargs.get("cwd") or os.getcwd())
        env = dict(kwargs.get("env") or os.environ)
        request: dict[str, Any] = {"op": "spawn", "argv": argv, "env": env, "cwd": cwd, "guard": not self.trusted}
        try:
            server = self._server(mode)
            if mode == "bwrap":
                request.update(self._sandboxed_request(cwd, env))
            pid = server.request(request)["pid"]
        except (OSError, RuntimeError):
            if mode == "bwrap":
                raise  # never fall back to an unsandboxed kernel
            fallback = [sys.executable, *cmd[1:]] if cmd and cmd[0] == "python" else cmd
            if self.hidden:  # never to one where the hidden packages can be imported as they are
                fallback = scratch.plain_kernel_command(self.hidden, argv)
            return await super().launch_kernel(fallback, **kwargs)
        self.process = ForkedKernel(server, pid)
        self.pid = pid
        self.pgid = None  # signals go through the server (see ForkedKernel.send_signal)
        self.cwd = request["cwd"]
        return self.connection_info

    def _sandboxed_request(self, cwd: str, env: dict[str, str]) -> dict[str, Any]:
        """A fresh working copy owned by the kernel's unprivileged user, a scrubbed environment, the limits."""
        assert self.work is not None
        self.uid = bwrap.kernel_user()
        folder = self.work / "work"
        shutil.copytree(cwd, folder, symlinks=False, ignore_dangling_symlinks=True)
        home = self.work / "home"
        home.mkdir()
        for path in [self.work, *self.work.rglob("*")]:
            with contextlib.suppress(OSError):
                os.chown(path, self.uid, self.uid, follow_symlinks=False)
        safe = scrubbed_environment(env, home)
        safe.update({"TMPDIR": "/tmp", "USER": "learner", "LOGNAME": "learner"})
        limits = Limits.from_settings(self.settings)
        log = self.work / "kernel.log"
        log.touch()
        os.chown(log, self.uid, self.uid)
        return {"cwd": str(folder), "env": safe, "ipc": True, "log": str(log),
                "user": {"uid": self.uid, "gid": self.uid, "limits": limits.as_dict()}}

    async def cleanup(self, restart: bool = False) -> None:
        await super().cleanup(restart=restart)
        if self.uid is not None and not restart:
            with contextlib.suppress(OSError, RuntimeError):
                server = self._server("bwrap")
                server.request({"op": "sweep", "uid": self.uid})
        if self.work is not None and not restart:
            shutil.rmtree(self.work, ignore_errors=True)
