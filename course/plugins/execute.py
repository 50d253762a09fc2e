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

from nbclient.exceptions import CellTimeoutError, DeadKernelError
from nbclient.util import ensure_async, run_sync
from nbformat import NotebookNode
from nbformat.v4 import new_output
from nbgrader.preprocessors import Execute
from traitlets import default

from course.messages import KERNEL_DIED, KERNEL_STOPPED, TAMPERING
from course.notebooks import is_test
from course.plugins.trusted_kernel import (
    FORGET,
    Kernel,
    TrustedKernel,
    forbidden_packages,
    guarded,
    is_trusted,
    source_folder,
    tests_stay_in_learner_kernel,
    trusted_sources,
)
from course.settings import CourseSettings

EVENTS = "events"  # metadata.course.events of a graded notebook: [{"kind", "message"}]


class KernelStartFailed(RuntimeError):
    """The kernel of a notebook could not be started: nothing of the learner's ran."""


def grading_events(nb: NotebookNode) -> list[dict[str, str]]:
    """The events GuardedExecute recorded while grading `nb` (kind: "kernel", "time", "output" or "tamper")."""
    return list(nb.get("metadata", {}).get("course", {}).get(EVENTS, []))


class TimeBudgetExceeded(RuntimeError):
    """The notebook or the whole submission ran past its wall-clock budget."""


class GuardedExecute(Execute):
    """Execute with an output cap, wall-clock budgets per notebook and per submission, and graceful handling of
    dead, stuck or unstartable kernels."""

    _submission_deadline: float | None = None  # monotonic time; set around one submission by `submission_budget`
    SERVED_GRACE_SECONDS = 3.0  # a test still running this long after the learner's kernel stopped answering ends

    @default("shutdown_kernel")
    def _shutdown_kernel_default(self) -> str:
        return "immediate"  # a graceful shutdown asks the kernel over its sockets, which a hostile kernel may jam

    def create_kernel_manager(self) -> Any:
        """The kernel manager, with sends that time out (and no lingering on close) instead of blocking forever."""
        return guarded(super().create_kernel_manager())

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
        self._source = source_folder(self.config, resources)
        notebook = str(((resources or {}).get("nbgrader") or {}).get("notebook", ""))
        split = settings.tests_in == "test-kernel" and not tests_stay_in_learner_kernel(self._source, notebook)
        self._trusted = trusted_sources(resources) if split else None
        self._tests: TrustedKernel | None = None
        self._copies: dict[tuple[str, ...], Kernel] | None = None  # None: not started yet
        self._serve: dict[tuple[str, ...], str] = {}
        try:
            nb, resources = super().preprocess(nb, resources, km)
        except Exception as exc:  # anything the kernel's side of the conversation caused ends this notebook's grading
            if self._running_index < 0 and not isinstance(exc, TimeBudgetExceeded):
                raise KernelStartFailed(str(exc).splitlines()[0] if str(exc) else repr(exc)) from exc
            reason = str(exc) if isinstance(exc, TimeBudgetExceeded) else self._describe(exc)
            self._record("time" if isinstance(exc, TimeBudgetExceeded) else "kernel", reason)
            self._fail_from(nb, max(self._running_index, 0), reason)
        finally:
            for kernel in [self._tests, *(self._copies or {}).values()]:
                if kernel is not None:
                    run_sync(kernel.shutdown)()
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

    # the test kernel and the from-scratch copies of the learner's kernel
    async def async_execute_cell(self, cell: NotebookNode, cell_index: int, execution_count: int | None = None,
                                 store_history: bool = True) -> NotebookNode:
        """A learner's cell runs in the learner's kernel (and its from-scratch copies); a test cell in the test
        kernel; a read-only cell in all of them."""
        if self._trusted is None or cell.cell_type != "code" or not cell.source.strip() or (
                self.skip_cells_with_tag in cell.metadata.get("tags", [])):
            return await super().async_execute_cell(cell, cell_index, execution_count, store_history)
        if is_trusted(cell, self._trusted) and is_test(cell):
            return await self._run_trusted(cell, cell_index)
        sent = await self._mirror(cell)
        cell = await super().async_execute_cell(cell, cell_index, execution_count, store_history)
        await self._mirrored(sent, self._get_timeout(cell))
        if is_trusted(cell, self._trusted):  # a read-only cell: the tests' own copy of what it defines
            shadow = NotebookNode(cell_type="code", source=cell.source, metadata={}, outputs=[], execution_count=None)
            await self._run_trusted(shadow, cell_index)  # its outputs are not kept
        return cell

    execute_cell = run_sync(async_execute_cell)  # nbclient binds its own coroutine here, not the override

    async def _start_copies(self) -> None:
        """The test kernel and the from-scratch copies of the learner's kernel (one per set of packages the tests
        forbid), started together before the notebook's first cell, and their channels opened."""
        if self._copies is not None:
            return
        cwd = str(self.resources.get("metadata", {}).get("path") or ".")
        self._copies = {hidden: Kernel(self.config, self.kernel_name, course_hidden=hidden)
                        for hidden in forbidden_packages(self._trusted)}
        self._tests = TrustedKernel(self.config, self.kernel_name, self._source)
        await asyncio.gather(self._tests.start(self.startup_timeout),  # all at once: each waits for its own start
                             *(copy.start(cwd, self.startup_timeout) for copy in self._copies.values()))
        self._serve = {(): await self._tests.listen(self.km, (), self.startup_timeout)}
        for hidden, copy in self._copies.items():
            self._serve[hidden] = await self._tests.listen(copy.km, hidden, self.startup_timeout)

    async def _mirror(self, cell: NotebookNode) -> list[tuple[tuple[str, ...], str]]:
        """Send a non-test cell to every copy (it runs there while the learner's kernel runs it)."""
        await self._start_copies()
        return [(hidden, copy.kc.execute(cell.source, silent=True, store_history=False, stop_on_error=False))
                for hidden, copy in (self._copies or {}).items()]

    async def _mirrored(self, sent: list[tuple[tuple[str, ...], str]], timeout: float | None) -> None:
        """Wait for the copies to finish a cell; a copy that does not is stopped (its from-scratch tests fail)."""
        for hidden, msg_id in sent:
            copy = (self._copies or {}).get(hidden)
            if copy is None:
                continue
            waiting = asyncio.ensure_future(self._reply_to(copy.kc, msg_id))
            try:
                await self._served(copy.km, waiting, grace=max(5.0, float(timeout or 0)))
            except (CellTimeoutError, DeadKernelError):
                await self._drop_copy(hidden)

    async def _drop_copy(self, hidden: tuple[str, ...]) -> None:
        copy = self._copies.pop(hidden) if self._copies else None
        if copy is not None:
            await copy.shutdown()
        if self._tests is not None:
            with contextlib.suppress(Exception):
                await self._tests.run(FORGET.format(hidden=hidden), 10)

    async def _start_tests(self) -> TrustedKernel:
        await self._start_copies()
        assert self._tests is not None
        return self._tests

    async def _run_trusted(self, cell: NotebookNode, index: int) -> NotebookNode:
        """Run `cell` in the test kernel while the learner's kernel and its copies answer its requests."""
        learner_km, learner_kc = self.km, self.kc
        tests = await self._start_tests()
        timeout = self._get_timeout(cell)
        sides = {(): (learner_km, learner_kc)} | {h: (c.km, c.kc) for h, c in (self._copies or {}).items()}
        serving = {hidden: asyncio.ensure_future(self._reply_to(kc, kc.execute(
            self._serve[hidden], silent=True, store_history=False, stop_on_error=False)))
            for hidden, (_, kc) in sides.items()}
        source = cell.source
        cell.source = tests.run_code(cell, index, None if timeout is None else max(1.0, timeout - 2))
        self.km, self.kc = tests.km, tests.kc
        try:
            running = asyncio.ensure_future(super().async_execute_cell(cell, index))
            await asyncio.wait({running, serving[()]}, return_when=asyncio.FIRST_COMPLETED)
            if not running.done():  # the learner's kernel ended its part: the test ends now, or it never will
                await asyncio.wait({running}, timeout=self.SERVED_GRACE_SECONDS)
                if not running.done():
                    await ensure_async(tests.km.interrupt_kernel())
            await running
        finally:
            cell.source = source
            self.km, self.kc = learner_km, learner_kc
        for hidden in [h for h in serving if h]:
            try:
                await self._served(sides[hidden][0], serving[hidden])
            except (CellTimeoutError, DeadKernelError):
                await self._drop_copy(hidden)
        content = (await self._served(learner_km, serving[()])).get("content", {})
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

    @staticmethod
    async def _served(km: Any, reply: asyncio.Future, grace: float = 5.0) -> dict:
        """A kernel's reply to serving a trusted cell (or running a mirrored one); the kernel is interrupted when it
        goes on (a learner's function still running after the test gave up on it), and counts as stopped like a
        kernel past its timeout when it ignores that."""
        for attempt in range(2):
            deadline = time.monotonic() + grace
            while not reply.done() and time.monotonic() < deadline:
                if not await ensure_async(km.is_alive()):
                    reply.cancel()
                    raise DeadKernelError("the learner's kernel died")
                await asyncio.wait({reply}, timeout=0.1)
            if reply.done():
                return reply.result()
            if attempt == 0:
                await ensure_async(km.interrupt_kernel())
        reply.cancel()
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
