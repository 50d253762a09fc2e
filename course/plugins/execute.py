"""nbgrader's Execute preprocessor, hardened for hostile or broken submissions (`Autograde.autograde_preprocessors`
in nbgrader_config.py names it, so stock `nbgrader autograde` uses it too).

- An output flood is cut: each cell keeps at most `CourseSettings.max_output_bytes` of output, then one notice.
- A kernel that dies (os._exit, a segfault, running out of memory) or that ignores the interrupt after a cell
  timeout does not fail the whole submission: the cell that was running and every later code cell get an error
  output with the reason, nbgrader scores them 0, and the rest of the notebook keeps its scores.
- A notebook, and a whole submission, have wall-clock budgets (`CourseSettings.notebook_seconds`,
  `.submission_seconds`): a cell is interrupted when the budget runs out, and the cells after it score 0.
- A kernel that never starts raises `KernelStartFailed` (the grader retries: a busy machine, not the learner).
- Test cells run in a trusted test kernel, not in the learner's (`CourseSettings.tests_in`, see
  course.plugins.trusted_kernel): while one runs, the learner's kernel only answers the test kernel's requests.
Every such event is written into the graded notebook's metadata (`metadata.course.events`), where the grader
reads it back (`grading_events`) and reports it with the submission.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import math
import time
from collections.abc import Iterator
from typing import Any

import zmq
from jupyter_client.asynchronous import AsyncKernelClient
from nbclient.exceptions import CellTimeoutError, DeadKernelError
from nbclient.util import ensure_async, run_sync
from nbformat import NotebookNode
from nbformat.v4 import new_output
from nbgrader.preprocessors import Execute
from traitlets import default

from course.messages import KERNEL_DIED, KERNEL_STOPPED, TAMPERING
from course.notebooks import is_test
from course.plugins.trusted_kernel import TrustedKernel, is_trusted, trusted_sources
from course.settings import CourseSettings

EVENTS = "events"  # metadata.course.events of a graded notebook: [{"kind", "message"}]


class KernelStartFailed(RuntimeError):
    """The kernel of a notebook could not be started: nothing of the learner's ran."""


def grading_events(nb: NotebookNode) -> list[dict[str, str]]:
    """The events GuardedExecute recorded while grading `nb` (kind: "kernel", "time", "output" or "tamper")."""
    return list(nb.get("metadata", {}).get("course", {}).get(EVENTS, []))


class NoHeartbeatClient(AsyncKernelClient):
    """A kernel client without the heartbeat thread: a hostile kernel can jam its heartbeat socket, and stopping a
    jammed heartbeat blocks the grader forever. Whether the kernel lives is asked of its process instead (the
    kernel manager's `is_alive`, which nbclient uses)."""

    def start_channels(self, shell: bool = True, iopub: bool = True, stdin: bool = True, hb: bool = True,
                       control: bool = True) -> None:
        super().start_channels(shell=shell, iopub=iopub, stdin=stdin, hb=False, control=control)


class TimeBudgetExceeded(RuntimeError):
    """The notebook or the whole submission ran past its wall-clock budget."""


class GuardedExecute(Execute):
    """Execute with an output cap, wall-clock budgets per notebook and per submission, and graceful handling of
    dead, stuck or unstartable kernels."""

    _submission_deadline: float | None = None  # monotonic time; set around one submission by `submission_budget`
    SEND_TIMEOUT_MS = 10_000  # a kernel that stops reading its sockets cannot block the grader longer than this
    SERVED_GRACE_SECONDS = 3.0  # a test still running this long after the learner's kernel stopped answering ends

    @default("shutdown_kernel")
    def _shutdown_kernel_default(self) -> str:
        return "immediate"  # a graceful shutdown asks the kernel over its sockets, which a hostile kernel may jam

    def create_kernel_manager(self) -> Any:
        """The kernel manager, with sends that time out (and no lingering on close) instead of blocking forever."""
        km = super().create_kernel_manager()
        km.client_factory = NoHeartbeatClient
        km.context.setsockopt(zmq.SNDTIMEO, self.SEND_TIMEOUT_MS)
        km.context.setsockopt(zmq.LINGER, 0)
        return km

    @classmethod
    @contextlib.contextmanager
    def submission_budget(cls, seconds: float) -> Iterator[None]:
        """Every notebook graded inside this block shares one wall-clock budget of `seconds`."""
        previous, cls._submission_deadline = cls._submission_deadline, time.monotonic() + seconds
        try:
            yield
        finally:
            cls._submission_deadline = previous

    def preprocess(self, nb: NotebookNode, resources: Any = None, km: Any = None) -> tuple[NotebookNode, Any]:
        self._running_index = -1
        self._cell_bytes: dict[int, int] = {}
        self._flooded: set[int] = set()
        self._events: list[dict[str, str]] = []
        settings = CourseSettings.load(self.config)
        self._max_output = settings.max_output_bytes
        self._deadlines = [(time.monotonic() + settings.notebook_seconds,
                            f"the notebook ran past its time limit of {settings.notebook_seconds} s")]
        if self._submission_deadline is not None:
            self._deadlines.append((self._submission_deadline, "the submission ran past its time limit of "
                                                                f"{settings.submission_seconds} s"))
        self._trusted = trusted_sources(resources) if settings.tests_in == "test-kernel" else None
        self._tests: TrustedKernel | None = None
        try:
            nb, resources = super().preprocess(nb, resources, km)
        except Exception as exc:  # anything the kernel's side of the conversation caused ends this notebook's grading
            if self._running_index < 0 and not isinstance(exc, TimeBudgetExceeded):
                raise KernelStartFailed(str(exc).splitlines()[0] if str(exc) else repr(exc)) from exc
            reason = str(exc) if isinstance(exc, TimeBudgetExceeded) else self._describe(exc)
            self._record("time" if isinstance(exc, TimeBudgetExceeded) else "kernel", reason)
            self._fail_from(nb, max(self._running_index, 0), reason)
        finally:
            if self._tests is not None:
                run_sync(self._tests.shutdown)()
        nb.metadata.setdefault("course", {})[EVENTS] = self._events
        return nb, resources

    def _remaining(self) -> tuple[float, str]:
        """Seconds left of the tightest budget, and what running past it means."""
        deadline, reason = min(self._deadlines)
        return deadline - time.monotonic(), reason

    def _get_timeout(self, cell: NotebookNode | None) -> int | None:
        timeout = super()._get_timeout(cell)
        left, _ = self._remaining()
        bound = max(1, math.ceil(left))
        return bound if timeout is None or timeout < 0 else min(timeout, bound)

    def _record(self, kind: str, message: str) -> None:
        self._events.append({"kind": kind, "message": message})

    def preprocess_cell(self, cell: NotebookNode, resources: Any, index: int) -> tuple[NotebookNode, Any]:
        self._running_index = index
        left, reason = self._remaining()
        if left < 1 and cell.cell_type == "code":  # less than the shortest time a cell is given: the budget is spent
            raise TimeBudgetExceeded(reason)
        cell, resources = super().preprocess_cell(cell, resources, index)
        for output in cell.get("outputs", []):
            if output.get("output_type") == "error" and output.get("ename") == TAMPERING:
                if not any(e["kind"] == "tamper" for e in self._events):
                    self._record("tamper", str(output.get("evalue", "tampering detected")))
                break
        return cell, resources

    # the test kernel
    async def async_execute_cell(self, cell: NotebookNode, cell_index: int, execution_count: int | None = None,
                                 store_history: bool = True) -> NotebookNode:
        """A learner's cell runs in the learner's kernel; a test cell in the test kernel; a read-only cell in both."""
        if not is_trusted(cell, self._trusted) or not cell.source.strip() or (
                self.skip_cells_with_tag in cell.metadata.get("tags", [])):
            return await super().async_execute_cell(cell, cell_index, execution_count, store_history)
        if is_test(cell):
            return await self._run_trusted(cell, cell_index)
        cell = await super().async_execute_cell(cell, cell_index, execution_count, store_history)
        shadow = NotebookNode(cell_type="code", source=cell.source, metadata={}, outputs=[], execution_count=None)
        await self._run_trusted(shadow, cell_index)  # the tests' own copy of what it defines; its outputs are not kept
        return cell

    execute_cell = run_sync(async_execute_cell)  # nbclient binds its own coroutine here, not the override

    async def _run_trusted(self, cell: NotebookNode, index: int) -> NotebookNode:
        """Run `cell` in the test kernel while the learner's kernel answers its requests."""
        learner_km, learner_kc = self.km, self.kc
        if self._tests is None:
            self._tests = TrustedKernel(self.config, self.kernel_name, learner_km)
            await self._tests.start(self.startup_timeout)
        tests = self._tests
        timeout = self._get_timeout(cell)
        serving = learner_kc.execute(tests.serve_code(), silent=True, store_history=False, stop_on_error=False)
        served = asyncio.ensure_future(self._reply_to(learner_kc, serving))
        source = cell.source
        cell.source = tests.run_code(cell, index, None if timeout is None else max(1.0, timeout - 2))
        self.km, self.kc = tests.km, tests.kc
        try:
            running = asyncio.ensure_future(super().async_execute_cell(cell, index))
            await asyncio.wait({running, served}, return_when=asyncio.FIRST_COMPLETED)
            if not running.done():  # the learner's kernel ended its part: the test ends now, or it never will
                await asyncio.wait({running}, timeout=self.SERVED_GRACE_SECONDS)
                if not running.done():
                    await ensure_async(tests.km.interrupt_kernel())
            await running
        finally:
            cell.source = source
            self.km, self.kc = learner_km, learner_kc
        reply = await self._learner_done(served)
        content = reply.get("content", {})
        if content.get("status") == "error" and content.get("ename") == TAMPERING and is_test(cell):
            cell.outputs.append(new_output("error", ename=TAMPERING, evalue=content.get("evalue", ""),
                                           traceback=[f"{TAMPERING}: {content.get('evalue', '')}"]))
        return cell

    @staticmethod
    async def _reply_to(kc: Any, msg_id: str) -> dict:
        while True:
            msg = await ensure_async(kc.get_shell_msg(timeout=None))
            if msg.get("parent_header", {}).get("msg_id") == msg_id:
                return msg

    async def _learner_done(self, served: asyncio.Future, grace: float = 5.0) -> dict:
        """The learner's kernel's reply to serving a trusted cell; interrupted when it goes on (a learner's function
        still running after the test gave up on it), and stopped like a kernel past its timeout when it ignores that."""
        for attempt in range(2):
            deadline = time.monotonic() + grace
            while not served.done() and time.monotonic() < deadline:
                if not await ensure_async(self.km.is_alive()):
                    served.cancel()
                    raise DeadKernelError("the learner's kernel died")
                await asyncio.wait({served}, timeout=0.1)
            if served.done():
                return served.result()
            if attempt == 0:
                await ensure_async(self.km.interrupt_kernel())
        served.cancel()
        raise CellTimeoutError(KERNEL_STOPPED)

    def _describe(self, exc: BaseException) -> str:
        if isinstance(exc, DeadKernelError):
            code = None
            provisioner = getattr(self.km, "provisioner", None) if self.km is not None else None
            process = getattr(provisioner, "process", None)
            if process is not None:
                try:
                    code = process.poll()
                except Exception:
                    code = None
            return KERNEL_DIED.format(how=f" (exit status {code})" if code not in (None, 0) else "")
        if isinstance(exc, CellTimeoutError):
            return KERNEL_STOPPED
        if isinstance(exc, RuntimeError):
            return f"the kernel could not run this notebook: {str(exc).splitlines()[0] if str(exc) else exc!r}"
        return f"the kernel broke its connection to the grader ({type(exc).__name__}): grading stopped here"

    @staticmethod
    def _fail_from(nb: NotebookNode, start: int, reason: str) -> None:
        for index, cell in enumerate(nb.cells):
            if index < start or cell.cell_type != "code":
                continue
            message = reason if index == start else f"not run: {reason}"
            if index != start:
                cell.outputs = []
            cell.outputs.append(new_output("error", ename="GradingStopped", evalue=message,
                                           traceback=[f"GradingStopped: {message}"]))

    def output(self, outs: list, msg: dict, display_id: str | None, cell_index: int) -> NotebookNode | None:
        size = len(json.dumps(msg.get("content", {}), default=str))
        total = self._cell_bytes.get(cell_index, 0) + size
        self._cell_bytes[cell_index] = total
        if total <= self._max_output:
            return super().output(outs, msg, display_id, cell_index)
        if cell_index not in self._flooded:
            self._flooded.add(cell_index)
            self._record("output", f"a cell printed more than {self._max_output:,} bytes; the rest was dropped")
            notice = new_output("stream", name="stdout",
                                text=f"\n[output cut: more than {self._max_output:,} bytes]\n")
            outs.append(notice)
            return notice
        return None
