"""The trusted test kernel's side of grading: it runs read-only and test cells against the learner's process.

The grader (course.plugins.execute) starts this kernel next to the learner's sandboxed kernel and sends it, per
cell, `run_cell(source, name, timeout)`. Before the first cell, `listen(path)` opens a Unix socket in a folder
the learner cannot write; the learner's kernel connects to it and answers requests (course.isolation.agent's
`serve_cell`) while a cell runs here. A cell executes in one `LearnerNamespace` for the whole notebook: names the
read-only and test cells defined, then builtins, then the learner's globals, fetched over the channel as data or
handles. At the end of every cell this side says goodbye, which ends the learner's `serve_cell` (the connection
stays open for the next cell). Learner code never runs in this process; hidden tests and their expected values
never leave it.
"""

from __future__ import annotations

import ast
import contextlib
import linecache
import os
import socket
from typing import Any

from course.isolation.channel import Endpoint
from course.isolation.trusted import Learner, LearnerNamespace
from course.isolation.wire import ChannelError

ACCEPT_SECONDS = 20.0  # how long a cell waits for the learner's kernel to connect


class Side:
    """One learner's process this kernel talks to: the learner's kernel, or a from-scratch copy of it."""

    def __init__(self, path: str) -> None:
        self.listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.listener.bind(path)  # never follows a link: a name the learner planted makes this fail
        os.chmod(path, 0o666)  # the learner's kernel runs as another user
        self.listener.listen(1)
        self.endpoint: Endpoint | None = None
        self.learner: Learner | None = None

    def connect(self, timeout: float | None) -> Learner:
        """The learner's process, waiting for it to connect on first use (and after a broken channel)."""
        if self.endpoint is not None and not self.endpoint.broken and self.learner is not None:
            self.endpoint.timeout = self.learner.timeout = timeout
            return self.learner
        self.listener.settimeout(ACCEPT_SECONDS)
        try:
            sock, _ = self.listener.accept()
        except TimeoutError:
            raise ChannelError(f"the learner's kernel did not connect within {ACCEPT_SECONDS:g} s") from None
        self.endpoint = Endpoint(sock, peer="the learner's kernel", timeout=timeout)
        self.learner = Learner(self.endpoint, timeout=timeout)
        self.endpoint.handler = self.learner.answer  # the learner's code calling back a test's function
        return self.learner

    def end_cell(self) -> None:
        """Tell the learner's process the cell is over (its `serve_cell` returns)."""
        if self.endpoint is not None and not self.endpoint.broken:
            with contextlib.suppress(ChannelError):
                self.endpoint.notify({"bye": True})

    def close(self) -> None:
        if self.endpoint is not None:
            self.endpoint.close()
        self.listener.close()


class Session:
    """The channels to the learner's kernel and its from-scratch copies, and the namespace of the trusted cells."""

    def __init__(self) -> None:
        self.sides: dict[tuple[str, ...], Side] = {}  # () is the learner's kernel; else the packages hidden
        self.stopped: set[tuple[str, ...]] = set()  # copies the grader had to stop
        self.namespace: LearnerNamespace | None = None

    def listen(self, path: str, hidden: tuple[str, ...] = ()) -> None:
        if hidden in self.sides:
            self.sides.pop(hidden).close()
        self.sides[hidden] = Side(path)

    def connect(self, timeout: float | None) -> LearnerNamespace:
        """Every side connected; the namespace reads the learner's kernel, whose `scratch` knows the copies."""
        if () not in self.sides:
            raise ChannelError("the test kernel was not told where to listen")
        learner = self.sides[()].connect(timeout)
        learner.scratch = {hidden: side.connect(timeout) for hidden, side in self.sides.items() if hidden}
        for hidden, copy in learner.scratch.items():
            copy.hidden = hidden
        learner.scratch.update({hidden: None for hidden in self.stopped})
        if self.namespace is None:
            self.namespace = LearnerNamespace(learner, {"__name__": "__main__", "__builtins__": __builtins__})
        self.namespace.learner = learner  # handles from before a broken channel stay bound to the old one
        return self.namespace

    def forget(self, hidden: tuple[str, ...]) -> None:
        if hidden in self.sides:
            self.sides.pop(hidden).close()
        self.stopped.add(hidden)

    def end_cell(self) -> None:
        for side in self.sides.values():
            side.end_cell()


SESSION = Session()


def listen(path: str, hidden: tuple[str, ...] = ()) -> None:
    """Open the socket the learner's kernel (or its copy without the packages `hidden`) connects to."""
    SESSION.listen(path, tuple(hidden))


def forget(hidden: tuple[str, ...]) -> None:
    """The copy without the packages `hidden` was stopped: from-scratch calls needing it fail from now on."""
    SESSION.forget(tuple(hidden))


def run_file(path: str, name: str, timeout: float | None = None) -> Any:
    """`run_cell` of the source in the file `path` (the grader's copy of a trusted cell)."""
    with open(path, encoding="utf-8") as file:
        source = file.read()
    return run_cell(source, name, timeout)


def run_cell(source: str, name: str, timeout: float | None = None) -> Any:
    """Run a trusted cell's `source` in the shared namespace; the value of its last expression is returned (so the
    kernel shows it as the cell's result, e.g. partial credit). The traceback of a failure starts in the cell."""
    try:
        namespace = SESSION.connect(timeout)
        namespace.refresh()
        body, last = _compile(_transformed(source), name)
        try:
            exec(body, namespace)
            return None if last is None else eval(last, namespace)
        except BaseException as exc:
            raise exc.with_traceback(_from_cell(exc.__traceback__, name)) from exc.__cause__
    finally:
        SESSION.end_cell()


def _transformed(source: str) -> str:
    """IPython's syntax (magics, `!` commands) as plain Python, as the kernel would run it."""
    try:
        shell = get_ipython()  # type: ignore[name-defined]
    except NameError:
        return source
    return shell.transform_cell(source)


def _compile(source: str, name: str) -> tuple[Any, Any]:
    lines = source.splitlines(keepends=True)
    linecache.cache[name] = (len(source), None, lines, name)  # tracebacks show the cell's lines, as IPython's do
    tree = ast.parse(source, name)
    last = None
    if tree.body and isinstance(tree.body[-1], ast.Expr):
        last = compile(ast.Expression(tree.body.pop().value), name, "eval")
    return compile(tree, name, "exec"), last


def _from_cell(tb: Any, name: str) -> Any:
    """The traceback from the first frame of the cell itself (this module's frames left out)."""
    start = tb
    while start is not None and start.tb_frame.f_code.co_filename != name:
        start = start.tb_next
    return start or tb
