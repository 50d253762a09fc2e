"""nbgrader's Execute preprocessor, hardened for hostile or broken submissions.

- An output flood is cut: each cell keeps at most `max_output_bytes` of output, then one notice.
- A kernel that dies (os._exit, a segfault, running out of memory) or that ignores the interrupt after a cell
  timeout does not fail the whole submission: the cell that was running and every later code cell get an error
  output with the reason, nbgrader scores them 0, and the rest of the notebook keeps its scores.
Every such event is recorded (see `take_events`) so that the grader reports it with the submission.
"""

from __future__ import annotations

import json
from typing import Any

from nbclient.exceptions import CellTimeoutError, DeadKernelError
from nbformat import NotebookNode
from nbformat.v4 import new_output
from nbgrader.preprocessors import Execute
from traitlets import Integer

_events: list[dict[str, str]] = []


def record_event(resources: dict, kind: str, message: str) -> None:
    info = resources.get("nbgrader", {})
    _events.append({"student": str(info.get("student", "")), "notebook": str(info.get("notebook", "")),
                    "kind": kind, "message": message})


def _notebook(resources: Any) -> str:
    return str((resources or {}).get("nbgrader", {}).get("notebook", ""))


def take_events(student: str) -> list[dict[str, str]]:
    """Events recorded while grading `student` in this process (removed from the record)."""
    mine = [e for e in _events if e["student"] == student]
    _events[:] = [e for e in _events if e["student"] != student]
    return mine


class GuardedExecute(Execute):
    """Execute with an output cap and graceful handling of dead or stuck kernels."""

    max_output_bytes = Integer(2_000_000, help="Output a single cell may produce before it is cut").tag(config=True)

    def preprocess(self, nb: NotebookNode, resources: Any = None, km: Any = None) -> tuple[NotebookNode, Any]:
        self._running_index = -1
        self._cell_bytes: dict[int, int] = {}
        self._flooded: set[int] = set()
        try:
            return super().preprocess(nb, resources, km)
        except (DeadKernelError, CellTimeoutError, RuntimeError) as exc:
            if self._running_index < 0:
                raise  # the kernel never started: the grader retries, then reports the submission as not graded
            reason = self._describe(exc)
            record_event(resources or {}, "kernel", reason)
            self._fail_from(nb, max(self._running_index, 0), reason)
            return nb, resources

    def preprocess_cell(self, cell: NotebookNode, resources: Any, index: int) -> tuple[NotebookNode, Any]:
        self._running_index = index
        cell, resources = super().preprocess_cell(cell, resources, index)
        for output in cell.get("outputs", []):
            if output.get("output_type") == "error" and output.get("ename") == "TamperingDetected":
                if not any(e["kind"] == "tamper" for e in _events if e["notebook"] == _notebook(resources)):
                    record_event(resources or {}, "tamper", str(output.get("evalue", "tampering detected")))
                break
        return cell, resources

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
            how = f" (exit status {code})" if code not in (None, 0) else ""
            return f"the kernel died while running this cell{how}: a crash, os._exit or running out of memory"
        if isinstance(exc, CellTimeoutError):
            return "the cell ran past the time limit and ignored the interrupt, so the kernel was stopped"
        return f"the kernel could not run this notebook: {str(exc).splitlines()[0] if str(exc) else exc!r}"

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
        if total <= self.max_output_bytes:
            return super().output(outs, msg, display_id, cell_index)
        if cell_index not in self._flooded:
            self._flooded.add(cell_index)
            record_event(self.resources or {}, "output",
                         f"a cell printed more than {self.max_output_bytes:,} bytes; the rest was dropped")
            notice = new_output("stream", name="stdout",
                                text=f"\n[output cut: more than {self.max_output_bytes:,} bytes]\n")
            outs.append(notice)
            return notice
        return None
