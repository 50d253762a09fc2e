"""The trusted test kernel of a graded notebook: where its test cells run, away from the learner's code.

`GuardedExecute` (course.plugins.execute) runs the learner's cells in the learner's sandboxed kernel as before.
With `CourseSettings.tests_in` = "test-kernel", a test cell runs here instead, and every read-only cell runs in both
(the learner's kernel for the learner's state, this one for the tests' own). This kernel is forked from the course's
template outside the sandbox, never runs learner code, and reaches the learner's functions, constants and objects
through course.isolation (`runner` on this side, `agent.serve_cell` in the learner's kernel, a Unix socket in a
folder the learner's user can enter but not change).

Which cells are trusted is decided by the gradebook, never by the submitted notebook: a cell runs here only when
its grade id names a locked cell of the source notebook and its source is exactly that cell's source (the grader
restored it). A learner's cell that claims to be read-only runs in the learner's kernel like any other.
"""

from __future__ import annotations

import contextlib
import secrets
import shutil
import tempfile
from pathlib import Path
from typing import Any

from jupyter_client.manager import AsyncKernelManager
from nbformat import NotebookNode

from course.notebooks import grade_id

SERVE = "__import__('course.isolation.agent', fromlist=['serve_cell']).serve_cell({path!r}, get_ipython().user_ns)"
RUN = "__import__('course.isolation.runner', fromlist=['run_cell']).run_cell({source}, {name!r}, {timeout!r})"


def trusted_sources(resources: Any) -> dict[str, str] | None:
    """grade id -> source of the source notebook's locked cells (read-only and test cells), from the gradebook;
    None when grading has no gradebook (then nothing is trusted)."""
    info = (resources or {}).get("nbgrader") or {}
    if not all(info.get(key) for key in ("db_url", "assignment", "notebook")):
        return None
    from nbgrader.api import Gradebook, MissingEntry

    try:
        with Gradebook(info["db_url"]) as gradebook:
            notebook = gradebook.find_notebook(info["notebook"], info["assignment"])
            return {c.name: c.source or "" for c in notebook.source_cells if c.locked and c.cell_type == "code"}
    except MissingEntry:
        return None


def is_trusted(cell: NotebookNode, sources: dict[str, str] | None) -> bool:
    """The cell is one of the course's locked code cells, unchanged."""
    if sources is None or cell.get("cell_type") != "code":
        return False
    name = grade_id(cell)
    return bool(name) and sources.get(name) == cell.get("source")


class TrustedKernel:
    """The test kernel of one notebook: started on first use, with its channel folder, shut down at the end."""

    def __init__(self, config: Any, kernel_name: str, learner_km: Any) -> None:
        self.config = config
        self.kernel_name = kernel_name
        self.km: AsyncKernelManager | None = None
        self.kc: Any = None
        self.folder = self._channel_folder(learner_km)
        self.path = str(self.folder / "channel")
        self.cwd = Path(tempfile.mkdtemp(prefix="course-tests-"))  # no learner file on this kernel's sys.path

    @staticmethod
    def _channel_folder(learner_km: Any) -> Path:
        """A folder the learner's kernel can enter but not change: in the sandbox's shared folder when the
        learner's kernel is sandboxed (its only view of the grader's files), else a private temporary one."""
        provisioner = getattr(learner_km, "provisioner", None)
        work = getattr(provisioner, "work", None)
        if getattr(provisioner, "mode", "off") == "bwrap" and work is not None:
            channels = Path(work).parent.parent / "channels"
            channels.mkdir(mode=0o711, exist_ok=True)
            folder = channels / secrets.token_hex(16)  # not listable: the learner's kernel knows only its own
            folder.mkdir(mode=0o711)
            return folder
        folder = Path(tempfile.mkdtemp(prefix="course-channel-"))
        folder.chmod(0o711)
        return folder

    async def start(self, timeout: float) -> None:
        km = AsyncKernelManager(kernel_name=self.kernel_name, config=self.config)
        km.course_trusted = True  # the provisioner starts it outside the sandbox, without the in-kernel guard
        await km.start_kernel(cwd=str(self.cwd), extra_arguments=["--IPKernelApp.log_level=ERROR"])
        kc = km.client()
        kc.start_channels()
        try:
            await kc.wait_for_ready(timeout=timeout)
        except RuntimeError:
            kc.stop_channels()
            await km.shutdown_kernel(now=True)
            raise
        self.km, self.kc = km, kc
        reply = await kc.execute_interactive(
            f"__import__('course.isolation.runner', fromlist=['listen']).listen({self.path!r})",
            silent=True, store_history=False, timeout=timeout)
        if reply["content"]["status"] != "ok":
            raise RuntimeError(f"the test kernel could not open its channel: {reply['content'].get('evalue', '')}")

    def serve_code(self) -> str:
        """What the learner's kernel runs during a trusted cell."""
        return SERVE.format(path=self.path)

    @staticmethod
    def run_code(cell: NotebookNode, index: int, timeout: float | None) -> str:
        """What this kernel runs for `cell`: the cell's source in the runner's namespace."""
        return RUN.format(source=repr(cell.source), name=f"<test cell {index}>", timeout=timeout)

    async def shutdown(self) -> None:
        try:
            if self.kc is not None:
                self.kc.stop_channels()
            if self.km is not None:
                with contextlib.suppress(Exception):
                    await self.km.shutdown_kernel(now=True)
        finally:
            shutil.rmtree(self.folder, ignore_errors=True)
            shutil.rmtree(self.cwd, ignore_errors=True)
