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


class Session:
    """The channel to the learner's kernel and the namespace the notebook's trusted cells share."""

    def __init__(self) -> None:
        self.listener: socket.socket | None = None
        self.endpoint: Endpoint | None = None
        self.learner: Learner | None = None
        self.namespace: LearnerNamespace | None = None
        self.timeout: float | None = None

    def listen(self, path: str) -> None:
        if self.listener is not None:
            self.listener.close()
        listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        listener.bind(path)  # never follows a link: a name the learner planted makes this fail
        os.chmod(path, 0o666)  # the learner's kernel runs as another user
        listener.listen(1)
        self.listener = listener

    def connection(self) -> Learner:
        """The learner's process, waiting for it to connect on first use (and after a broken channel)."""
        if self.endpoint is not None and not self.endpoint.broken and self.learner is not None:
            return self.learner
        if self.listener is None:
            raise ChannelError("the test kernel was not told where to listen")
        self.listener.settimeout(ACCEPT_SECONDS)
        try:
            sock, _ = self.listener.accept()
        except TimeoutError:
            raise ChannelError(f"the learner's kernel did not connect within {ACCEPT_SECONDS:g} s") from None
        self.endpoint = Endpoint(sock, peer="the learner's kernel", timeout=self.timeout)
        self.learner = Learner(self.endpoint, timeout=self.timeout)
        if self.namespace is None:
            self.namespace = LearnerNamespace(self.learner, {"__name__": "__main__", "__builtins__": __builtins__})
        else:
            self.namespace.learner = self.learner  # handles from before the break stay bound to the old channel
        return self.learner

    def end_cell(self) -> None:
        """Tell the learner's kernel the cell is over (its `serve_cell` returns)."""
        if self.endpoint is not None and not self.endpoint.broken:
            with contextlib.suppress(ChannelError):
                self.endpoint.notify({"bye": True})


SESSION = Session()


def listen(path: str) -> None:
    """Open the socket the learner's kernel connects to."""
    SESSION.listen(path)


def run_cell(source: str, name: str, timeout: float | None = None) -> Any:
    """Run a trusted cell's `source` in the shared namespace; the value of its last expression is returned (so the
    kernel shows it as the cell's result, e.g. partial credit). The traceback of a failure starts in the cell."""
    SESSION.timeout = timeout
    try:
        SESSION.connection()
        if SESSION.endpoint is not None:
            SESSION.endpoint.timeout = timeout
        namespace = SESSION.namespace
        assert namespace is not None
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
