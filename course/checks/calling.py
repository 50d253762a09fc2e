"""Calling the learner's code from a test: "not attempted yet" for a stub, warnings dropped, `forbid=` enforced."""

from __future__ import annotations

import contextlib
import warnings
from collections.abc import Callable, Iterator, Sequence
from typing import Any

from course.checks.details import shown
from course.checks.failures import CheckFailure, NotAttempted
from course.checks.forbid import CallWatcher, static_offender
from course.isolation.trusted import CallableHandle, ForbiddenUse, Handle

# The learner's function most recently called through `run` (rendered only when a feedback page asks for it).
_LAST_CALL: dict[str, Any] = {}


def last_call() -> str:
    """The most recent call made through `run`, as text (e.g. "add(2, 3)"), or "" when there was none."""
    if "fn" not in _LAST_CALL:
        return ""
    arguments = [shown(a, 80) for a in _LAST_CALL["args"]]
    arguments += [f"{k}={shown(v, 80)}" for k, v in _LAST_CALL["kwargs"].items()]
    text = f"{_LAST_CALL['fn']}({', '.join(arguments)})"
    return text if len(text) <= 300 else text[:299] + "…"


def forget_last_call() -> None:
    _LAST_CALL.clear()


def run(fn: Any, *args: Any, forbid: Sequence[str] = (), **kwargs: Any) -> Any:
    """Call the learner's `fn(*args, **kwargs)` and return its result.

    - a function that still raises NotImplementedError fails with "not attempted yet";
    - warnings raised inside are recorded and dropped (grading judges values, not warnings);
    - `forbid`: packages (e.g. "sklearn") or single functions by dotted name (e.g. "pandas.merge_asof")
      that must not be called, directly or indirectly.
    """
    name = getattr(fn, "__name__", repr(fn))
    if not callable(fn):
        raise CheckFailure(f"{name} should be a function, got {type(fn).__name__}")
    _LAST_CALL.update(fn=name, args=args, kwargs=kwargs)
    if isinstance(fn, CallableHandle):  # the learner's function, in the learner's process
        return _run_remote(fn, name, args, kwargs, tuple(forbid))
    watcher = CallWatcher(forbid) if forbid else None
    with warnings.catch_warnings(record=True):
        warnings.simplefilter("always")
        try:
            if watcher is None:
                return fn(*args, **kwargs)
            with watcher:
                result = fn(*args, **kwargs)
        except NotImplementedError as exc:
            raise NotAttempted(
                f"{name}() not attempted yet: replace `raise NotImplementedError()` with your code"
            ) from exc
    if watcher.tampered:
        raise CheckFailure(f"{name}() removed the grader's call watcher; this exercise earns no points")
    if not watcher.offender:
        watcher.offender = static_offender(fn, forbid)
    if watcher.offender:
        raise CheckFailure(
            f"{name}() calls {watcher.offender}; this exercise must be written from scratch "
            f"(without {', '.join(forbid)})"
        )
    return result


def _run_remote(fn: CallableHandle, name: str, args: tuple, kwargs: dict, forbid: tuple[str, ...]) -> Any:
    """The call, in the learner's process or, when `forbid` names whole packages and grading started a copy of the
    learner's process without them, in that copy (where they cannot be imported at all)."""
    target = _from_scratch(fn, name, forbid)
    try:
        return target._learner.call(target._hid, args, kwargs, forbid=forbid)
    except NotImplementedError as exc:
        raise NotAttempted(
            f"{name}() not attempted yet: replace `raise NotImplementedError()` with your code"
        ) from exc
    except ForbiddenUse as exc:
        raise CheckFailure(
            f"{name}() calls {exc.offender}; this exercise must be written from scratch (without {', '.join(forbid)})"
        ) from None


def _from_scratch(fn: CallableHandle, name: str, forbid: tuple[str, ...]) -> CallableHandle:
    packages = tuple(sorted({p for p in forbid if "." not in p}))
    copies = getattr(fn._learner, "scratch", {})
    if not packages or packages not in copies:  # a set the grader could not read from the tests: watched instead
        return fn
    copy = copies[packages]
    if copy is None:
        raise CheckFailure(f"{name}() could not be run without {', '.join(packages)}: that process was stopped")
    if fn._learner is copy:
        return fn
    if not fn._global:
        raise CheckFailure(f"{name}() must be a function of the notebook (a global name) to be run without "
                           f"{', '.join(packages)}")
    there = copy.get(fn._global)
    if not isinstance(there, CallableHandle):
        raise CheckFailure(f"{fn._global} is not a function where {', '.join(packages)} cannot be imported")
    return there


def in_learner_process(obj: Any) -> Any:
    """`obj` (e.g. a scikit-learn model a test makes and passes to the learner's code) where the learner's code can
    change it in place, so that the test sees afterwards what that code did to it (fitted it, say). Where the tests
    run in a process of their own, the learner's process gets a copy and the test a handle to it (calls and public
    attributes are read there); beside the learner's code, `obj` itself."""
    learner = learner_process()
    return obj if learner is None else learner.hold(obj)


def learner_process() -> Any:
    """The learner's process (a `Learner`) where the tests run in a process of their own; None beside the
    learner's code."""
    from course.isolation.runner import SESSION

    return None if SESSION.namespace is None else SESSION.namespace.learner


DATA_MODULES = ("builtins", "numpy", "pandas", "datetime", "collections", "pathlib")  # their types cross as data


def is_instance(obj: Any, cls: Any) -> bool:
    """`isinstance(obj, cls)`, also where the tests run in a process of their own and `obj` or `cls` is the
    learner's (a handle): the learner's process is asked, with the class named there (e.g. scikit-learn's
    Pipeline). A learner's object is never an instance of a data type (list, ndarray, DataFrame): those cross as
    data."""
    handle = obj if isinstance(obj, Handle) else cls if isinstance(cls, Handle) else None
    if handle is None:
        return isinstance(obj, cls)
    if isinstance(obj, Handle) and isinstance(cls, type) and str(cls.__module__).split(".")[0] in DATA_MODULES:
        return False
    return handle._learner.hold(isinstance)(obj, cls) is True


@contextlib.contextmanager
def replaced(fn: Any, replacement: Callable[..., Any]) -> Iterator[None]:
    """While the block runs, the notebook's global that is the learner's function `fn` is `replacement` instead, for
    the learner's other functions to call (e.g. a copy of `fn` slowed down by a known amount, to check what they
    time); restored afterwards, whatever happens. Works where the tests run beside the learner's code and where
    they run in a process of their own (`fn` is then a handle, and `replacement` is called back)."""
    name = getattr(fn, "__name__", repr(fn))
    if isinstance(fn, CallableHandle):
        if not fn._global:
            raise CheckFailure(f"{name} must be a function of the notebook (a global name) to be replaced")
        fn._learner.set(fn._global, replacement)
        try:
            yield
        finally:
            fn._learner.set(fn._global, fn)
        return
    namespace = getattr(fn, "__globals__", None)
    if namespace is None or namespace.get(name) is not fn:
        raise CheckFailure(f"{name} must be a function of the notebook (a global name) to be replaced")
    namespace[name] = replacement
    try:
        yield
    finally:
        namespace[name] = fn


def expect_raises(exc_type: type[BaseException], fn: Any, *args: Any, what: str = "", **kwargs: Any) -> str:
    """Call the learner's `fn` expecting it to raise `exc_type`; returns the exception's message."""
    name = getattr(fn, "__name__", repr(fn))
    label = what or f"{name}() on invalid input"
    try:
        run(fn, *args, **kwargs)
    except exc_type as exc:
        if isinstance(exc, NotAttempted):
            raise
        return str(exc)
    except NotAttempted:
        raise
    except Exception as exc:
        raise CheckFailure(f"{label}: expected {exc_type.__name__}, got {type(exc).__name__}") from None
    raise CheckFailure(f"{label}: expected {exc_type.__name__} to be raised, but nothing was raised")


def not_attempted(fn: Callable[..., Any], *args: Any, **kwargs: Any) -> bool:
    """True when `fn` still raises NotImplementedError for these arguments (helper for public tests)."""
    try:
        fn(*args, **kwargs)
    except NotImplementedError:
        return True
    except Exception:
        return False
    return False
