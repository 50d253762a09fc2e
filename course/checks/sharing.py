"""What a test shares with the learner's code besides arguments: a folder of files, a module's attribute changed
while the test runs, and calls from several threads at once. Each works the same where the tests run beside the
learner's code and where they run in a process of their own (then it happens in the learner's process)."""

from __future__ import annotations

import contextlib
import importlib
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from course.checks.calling import learner_process
from course.isolation.trusted import CallableHandle


@contextlib.contextmanager
def temporary_folder() -> Iterator[Path]:
    """A new empty folder for the learner's code to write in, removed afterwards. Where the tests run in a
    process of their own it is made in the learner's process and is a `LearnerPath`: read it with its methods
    (`read_bytes()`, `exists()`, `iterdir()`, `stat()`, ...), never with `open()` or `os` functions, which refuse
    it. Build paths in it with `/` (not `Path(folder)`) and pass `str(path)` where the code wants text."""
    learner = learner_process()
    if learner is None:
        with tempfile.TemporaryDirectory() as folder:
            yield Path(folder)
        return
    folder = learner.path_type(learner.file("mkdtemp", "", ()))
    try:
        yield folder
    finally:
        learner.file("rmtree", str(folder), ())


@contextlib.contextmanager
def patched(target: str, value: Any) -> Iterator[None]:
    """While the block runs, the module attribute `target` ("os.replace", "tempfile.tempdir") is `value` where the
    learner's code runs (a test's function is then called back); restored afterwards, whatever happens."""
    module_name, _, name = target.rpartition(".")
    learner = learner_process()
    if learner is not None:
        token = learner.patch(module_name, name, value)
        try:
            yield
        finally:
            learner.unpatch(token)
        return
    module = importlib.import_module(module_name)
    before = getattr(module, name)
    setattr(module, name, value)
    try:
        yield
    finally:
        setattr(module, name, before)


def concurrently(fn: Any, *args: Any, threads: int = 6, repeat: int = 1, **kwargs: Any) -> list[str | None]:
    """Call the learner's `fn(*args, **kwargs)` `repeat` times in each of `threads` threads started together (in the
    learner's process): per thread, None when every call returned, else the first error as "Type: message". The
    arguments are data or the learner's own objects (a test's function called back from those threads is refused
    by the channel, which serves one call at a time)."""
    if isinstance(fn, CallableHandle):
        return fn._learner.concurrently(fn._hid, args, kwargs, threads, repeat)
    from course.isolation.agent import together

    return together(fn, args, kwargs, threads, repeat)
