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

import ast
import contextlib
import json
import os
import secrets
import shutil
import tempfile
from pathlib import Path
from typing import Any

import zmq
from jupyter_client.asynchronous import AsyncKernelClient
from jupyter_client.manager import AsyncKernelManager
from nbformat import NotebookNode

from course.notebooks import grade_id, parse_python

LISTEN = "__import__('course.isolation.runner', fromlist=['listen']).listen({path!r}, {hidden!r})"
FORGET = "__import__('course.isolation.runner', fromlist=['forget']).forget({hidden!r})"
SERVE = "__import__('course.isolation.agent', fromlist=['serve_cell']).serve_cell({path!r}, get_ipython().user_ns)"
RUN = "__import__('course.isolation.runner', fromlist=['run_file']).run_file({path!r}, {name!r}, {timeout!r})"


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


def source_folder(config: Any, resources: Any) -> Path | None:
    """The folder of the source notebooks of the assignment being graded (the course's own, never the learner's)."""
    info = (resources or {}).get("nbgrader") or {}
    directory = config.CourseDirectory if "CourseDirectory" in config else {}
    root = Path(directory.get("root") or os.getcwd())
    source = Path(directory.get("source_directory") or "source")
    folder = (source if source.is_absolute() else root / source) / str(info.get("assignment", ""))
    return folder if info.get("assignment") and folder.is_dir() else None


def tests_stay_in_learner_kernel(folder: Path | None, notebook: str) -> bool:
    """The source notebook says its tests need the learner's process (`metadata.course.tests_in`)."""
    path = folder / f"{notebook}.ipynb" if folder is not None else None
    if path is None or not path.is_file():
        return False
    metadata = json.loads(path.read_text(encoding="utf-8")).get("metadata", {})
    return metadata.get("course", {}).get("tests_in") == "learner-kernel"


def copy_data_files(folder: Path | None, target: Path) -> None:
    """The course's files beside the notebooks (data the read-only cells read), without notebooks or Python code:
    nothing copied here can be imported as a module by the test kernel."""
    if folder is None:
        return
    for path in folder.rglob("*"):
        relative = path.relative_to(folder)
        if path.is_file() and path.suffix not in (".ipynb", ".py", ".pyc", ".so", ".pth") and not any(
                part.startswith(".") or part == "__pycache__" for part in relative.parts):
            (target / relative).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target / relative)


def is_trusted(cell: NotebookNode, sources: dict[str, str] | None) -> bool:
    """The cell is one of the course's locked code cells, unchanged."""
    if sources is None or cell.get("cell_type") != "code":
        return False
    name = grade_id(cell)
    return bool(name) and sources.get(name) == cell.get("source")


def forbidden_packages(sources: dict[str, str] | None) -> list[tuple[str, ...]]:
    """The sets of whole packages the notebook's tests forbid (`checks.run(..., forbid=(...))` with top-level
    names), read from the tests' source: a from-scratch copy of the learner's kernel is started for each."""
    found: set[tuple[str, ...]] = set()
    for source in (sources or {}).values():
        if "forbid" not in source:
            continue
        try:
            tree = parse_python(source)
        except SyntaxError:
            continue
        literals = {t.id: node.value for node in ast.walk(tree) if isinstance(node, ast.Assign)
                    for t in node.targets if isinstance(t, ast.Name)}
        for node in ast.walk(tree):
            for keyword in getattr(node, "keywords", []) if isinstance(node, ast.Call) else []:
                if keyword.arg != "forbid":
                    continue
                value = literals.get(keyword.value.id) if isinstance(keyword.value, ast.Name) else keyword.value
                with contextlib.suppress(ValueError, TypeError, SyntaxError):
                    names = ast.literal_eval(value) if value is not None else ()
                    packages = tuple(sorted({n for n in names if isinstance(n, str) and "." not in n}))
                    if packages:
                        found.add(packages)
    return sorted(found)


def channel_folder(learner_km: Any) -> Path:
    """A folder a learner's kernel can enter but not change: in its sandbox's shared folder when it is sandboxed
    (its only view of the grader's files), else a private temporary one."""
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


class NoHeartbeatClient(AsyncKernelClient):
    """A kernel client without the heartbeat thread: a hostile kernel can jam its heartbeat socket, and stopping a
    jammed heartbeat blocks the grader forever. Whether the kernel lives is asked of its process instead (the
    kernel manager's `is_alive`, which nbclient uses)."""

    def start_channels(self, shell: bool = True, iopub: bool = True, stdin: bool = True, hb: bool = True,
                       control: bool = True) -> None:
        super().start_channels(shell=shell, iopub=iopub, stdin=stdin, hb=False, control=control)


SEND_TIMEOUT_MS = 10_000  # a kernel that stops reading its sockets cannot block the grader longer than this


def guarded(km: Any) -> Any:
    """A kernel manager whose clients have no heartbeat thread and whose sends time out (no lingering on close)."""
    km.client_factory = NoHeartbeatClient
    km.context.setsockopt(zmq.SNDTIMEO, SEND_TIMEOUT_MS)
    km.context.setsockopt(zmq.LINGER, 0)
    return km


class Kernel:
    """A kernel of the grader's besides the learner's: the test kernel, or a from-scratch copy of the learner's."""

    def __init__(self, config: Any, kernel_name: str, **options: Any) -> None:
        self.km = guarded(AsyncKernelManager(kernel_name=kernel_name, config=config))
        for name, value in options.items():  # course_trusted, course_hidden: read by the provisioner
            setattr(self.km, name, value)
        self.kc: Any = None
        self.folders: list[Path] = []  # removed at shutdown

    async def start(self, cwd: str, timeout: float) -> None:
        await self.km.start_kernel(cwd=cwd, extra_arguments=["--IPKernelApp.log_level=ERROR"])
        kc = self.km.client()
        kc.start_channels()
        try:
            await kc.wait_for_ready(timeout=timeout)
        except RuntimeError:
            kc.stop_channels()
            await self.km.shutdown_kernel(now=True)
            raise
        self.kc = kc

    async def run(self, code: str, timeout: float) -> dict:
        """Run `code` silently and return the reply's content."""
        reply = await self.kc.execute_interactive(code, silent=True, store_history=False, timeout=timeout)
        return reply["content"]

    async def shutdown(self) -> None:
        try:
            if self.kc is not None:
                self.kc.stop_channels()
            with contextlib.suppress(Exception):
                await self.km.shutdown_kernel(now=True)
        finally:
            for folder in self.folders:
                shutil.rmtree(folder, ignore_errors=True)


class TrustedKernel(Kernel):
    """The test kernel of one notebook: it listens for the learner's kernel and each from-scratch copy."""

    def __init__(self, config: Any, kernel_name: str, data: Path | None = None) -> None:
        super().__init__(config, kernel_name, course_trusted=True)  # outside the sandbox, without the guard
        self.cwd = Path(tempfile.mkdtemp(prefix="course-tests-"))  # no learner file on this kernel's sys.path
        self.folders.append(self.cwd)
        copy_data_files(data, self.cwd)

    async def start(self, timeout: float) -> None:  # type: ignore[override]
        await super().start(str(self.cwd), timeout)

    async def listen(self, learner_km: Any, hidden: tuple[str, ...], timeout: float) -> str:
        """Open the socket the kernel of `learner_km` connects to; the code that kernel runs to serve a cell."""
        folder = channel_folder(learner_km)
        self.folders.append(folder)
        path = str(folder / "channel")
        content = await self.run(LISTEN.format(path=path, hidden=hidden), timeout)
        if content["status"] != "ok":
            raise RuntimeError(f"the test kernel could not open its channel: {content.get('evalue', '')}")
        return SERVE.format(path=path)

    def run_code(self, cell: NotebookNode, index: int, timeout: float | None) -> str:
        """What this kernel runs for `cell`: the cell's source, from a file of this kernel's, in the runner's
        namespace (the code the kernel shows in a traceback names the file, not the hidden tests)."""
        path = self.cwd / f"cell-{index}.py"
        path.write_text(cell.source, encoding="utf-8")
        return RUN.format(path=str(path), name=f"<test cell {index}>", timeout=timeout)
