"""Answer-free helpers for the public and hidden tests of the course notebooks.

Every helper raises `CheckFailure` (an AssertionError) with a message that says what was expected
(shape, dtype, property, tolerance) and what came back, without giving the expected value away.
In a notebook a failure prints as one line, not as a traceback into this module.

    from course import checks
    coef = checks.run(fit, X, y, forbid=("sklearn",))      # call learner code: "not attempted yet" if stubbed
    checks.assert_close(coef, reference.coef_, rtol=1e-3, what="coefficients")
"""

from __future__ import annotations

import builtins
import hashlib
import importlib
import inspect
import math
import os
import sys
import threading
import types
import unicodedata
import warnings
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

__all__ = [
    "CheckFailure",
    "NotAttempted",
    "aligned_signs",
    "answer_digest",
    "assert_agreement",
    "assert_answer",
    "assert_at_least",
    "assert_choice",
    "assert_close",
    "assert_equal",
    "assert_equal_any",
    "assert_frame_equal",
    "assert_frequencies",
    "assert_int",
    "assert_probabilities",
    "assert_ranking",
    "assert_same_partition",
    "assert_scalar",
    "assert_score_band",
    "assert_shape",
    "assert_tuple",
    "assert_write_up",
    "expect_raises",
    "markdown_sections",
    "not_attempted",
    "run",
]


class CheckFailure(AssertionError):
    """A failed check; IPython shows only its message (no traceback into the checks)."""

    def _render_traceback_(self) -> list[str]:
        return [f"\x1b[0;31m{type(self).__name__}\x1b[0m: {self}"]


class NotAttempted(CheckFailure):
    """The learner's function still raises NotImplementedError."""


# --------------------------------------------------------------------------------------------- calling
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
    watcher = _CallWatcher(forbid) if forbid else None
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
        watcher.offender = _static_offender(fn, forbid)
    if watcher.offender:
        raise CheckFailure(
            f"{name}() calls {watcher.offender}; this exercise must be written from scratch "
            f"(without {', '.join(forbid)})"
        )
    return result


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


class _CallWatcher:
    """Notes any call into the forbidden packages while active (a sys.setprofile hook)."""

    def __init__(self, packages: Iterable[str]) -> None:
        self.packages = tuple(packages)
        self.roots = tuple(_package_roots(self.packages))
        self.functions = _function_codes(self.packages)
        self.prefixes = tuple(f"{p}." for p in self.packages)
        self.offender: str | None = None
        self.tampered = False
        self._installed = self._hook  # one bound-method object, so identity can be checked on exit

    def _hook(self, frame: Any, event: str, arg: Any) -> None:
        if self.offender is not None:
            return
        if event == "call":
            if frame.f_code in self.functions:
                self.offender = self.functions[frame.f_code]
                return
            filename = frame.f_code.co_filename
            module = frame.f_globals.get("__name__") or ""
            if self._forbidden(module) or filename.startswith(self.roots):
                self.offender = f"{module or filename}.{frame.f_code.co_name}"
        elif event == "c_call":
            module = getattr(arg, "__module__", None) or ""
            if self._forbidden(module):
                self.offender = f"{module}.{getattr(arg, '__name__', '?')}"

    def _forbidden(self, module: str) -> bool:
        """`module` is one of the forbidden packages or modules, or inside one of them."""
        return module in self.packages or module.startswith(self.prefixes)

    def __enter__(self) -> _CallWatcher:
        self._previous = sys.getprofile()
        threading.setprofile(self._installed)
        sys.setprofile(self._installed)
        return self

    def __exit__(self, *exc: object) -> None:
        current = sys.getprofile()
        sys.setprofile(self._previous)
        threading.setprofile(None)
        if current is not self._installed and exc[0] is None:
            self.tampered = True


def _forbidden_object(value: Any, names: Sequence[str], catalogue: dict[int, str]) -> str | None:
    """The dotted name of `value` when it belongs to one of the forbidden packages (or is listed by identity)."""
    if isinstance(value, types.ModuleType):
        module = value.__name__
    else:
        module = getattr(value, "__module__", None) or ""
        if id(value) in catalogue:
            return f"{catalogue[id(value)]}.{getattr(value, '__name__', '?')}"
    if module and any(module == n or module.startswith(n + ".") for n in names):
        return module if isinstance(value, types.ModuleType) else f"{module}.{getattr(value, '__name__', '?')}"
    return None


_homes: dict[str, object] = {"size": -1, "homes": {}}


def _homeless_callables_of(names: tuple[str, ...]) -> dict[int, str]:
    """id -> module for callables without a `__module__` (e.g. scipy's ufuncs) whose home is a forbidden package.

    The home of such an object is the first module, in import order, that holds it: the extension that defines
    it, not the modules that merely import it (sklearn re-exports scipy's `expit`). Cached until more modules
    are imported."""
    if _homes["size"] != len(sys.modules):
        homes: dict[int, str] = {}
        ordinary = {id(v) for v in vars(builtins).values()}
        for module_name, module in list(sys.modules.items()):
            if not isinstance(module, types.ModuleType) or module_name.startswith("__"):
                continue  # __main__ is the learner's namespace: holding an object there does not make it theirs
            for value in list(vars(module).values()):
                homeless = not isinstance(getattr(value, "__module__", None), str)
                if homeless and callable(value) and id(value) not in ordinary:
                    homes.setdefault(id(value), module_name)
        _homes.update(size=len(sys.modules), homes=homes)
    homes = _homes["homes"]
    assert isinstance(homes, dict)
    return {key: home for key, home in homes.items() if any(home == n or home.startswith(n + ".") for n in names)}


def _static_offender(fn: Any, names: Sequence[str], depth: int = 3) -> str | None:
    """A forbidden module or function the learner's code refers to by name, even when calling it leaves no trace
    a profiler sees (numpy and scipy ufuncs such as `expit` run without a Python frame or a built-in call event).
    Follows the learner's own helper functions a few levels deep."""
    catalogue = _homeless_callables_of(tuple(names))
    seen: set[int] = set()

    def visit(function: Any, level: int) -> str | None:
        code = getattr(function, "__code__", None)
        if code is None or id(code) in seen or level > depth:
            return None
        seen.add(id(code))
        for cell in getattr(function, "__closure__", None) or ():
            try:
                found = _forbidden_object(cell.cell_contents, names, catalogue)
            except ValueError:  # an empty cell
                continue
            if found:
                return found
        namespace = getattr(function, "__globals__", {})
        codes = [code]
        while codes:
            current = codes.pop()
            codes.extend(c for c in current.co_consts if isinstance(c, types.CodeType))
            for name in current.co_names:
                if any(name == n or name.startswith(n + ".") for n in names) and name not in namespace:
                    return name  # an import of a forbidden module inside the function
                value = namespace.get(name, getattr(builtins, name, None))
                if value is None:
                    continue
                found = _forbidden_object(value, names, catalogue)
                if found:
                    return found
                if isinstance(value, types.FunctionType) and value.__module__ == namespace.get("__name__"):
                    found = visit(value, level + 1)
                    if found:
                        return found
        return None

    return visit(fn, 0)


def _function_codes(names: Iterable[str]) -> dict[Any, str]:
    """Code objects of single forbidden functions named by a dotted path, e.g. "pandas.merge_asof".

    Matching the code object catches every way of reaching the function (`pd.merge_asof`,
    `from pandas import merge_asof`, an alias) without forbidding the rest of its module.
    """
    codes: dict[Any, str] = {}
    for name in names:
        module_name, _, attribute = name.rpartition(".")
        if not module_name:
            continue
        try:
            target = getattr(importlib.import_module(module_name), attribute)
        except (ImportError, AttributeError):
            continue
        code = getattr(inspect.unwrap(target), "__code__", None)
        if code is not None:
            codes[code] = name
    return codes


def _package_roots(packages: Iterable[str]) -> list[str]:
    """Path prefixes of the code of `packages`: a package's folders, a plain module's file.

    Each location is listed as imported (the spelling `co_filename` uses, e.g. through a symlinked venv)
    and resolved; folders end with a separator so that "sklearn" does not also match "sklearn_extra".
    """
    roots: list[str] = []
    for package in packages:
        module = sys.modules.get(package)
        if module is None:
            try:
                module = importlib.import_module(package)
            except ImportError:
                continue
        folders = [str(Path(location)) + os.sep for location in getattr(module, "__path__", [])]
        files = [] if folders else [str(Path(module.__file__))] if getattr(module, "__file__", None) else []
        for location in folders + files:
            roots.append(location)
            resolved = str(Path(location).resolve()) + (os.sep if location.endswith(os.sep) else "")
            roots.append(resolved)
    return list(dict.fromkeys(roots))


# --------------------------------------------------------------------------------------------- numbers
def _as_numbers(value: Any, what: str) -> np.ndarray:
    """A float array of `value`; objects that only pretend to be numbers are refused."""
    if isinstance(value, np.ndarray) and value.dtype.kind in "biuf":
        return value.astype(float)
    try:
        array = np.asarray(value)
        if array.dtype == object or array.dtype.kind not in "biuf":
            raise TypeError
        return array.astype(float)
    except (TypeError, ValueError):
        raise CheckFailure(
            f"{what}: expected numbers (a float, list or numpy array), got {type(value).__name__}"
        ) from None


def assert_shape(actual: Any, shape: tuple[int, ...], what: str = "result") -> None:
    """`actual` is an array-like of numbers with exactly this shape."""
    array = _as_numbers(actual, what)
    if array.shape != tuple(shape):
        raise CheckFailure(f"{what}: expected shape {tuple(shape)}, got {array.shape}")


def assert_scalar(value: Any, what: str = "value") -> float:
    """A single number (Python or numpy scalar, or a 0-d array); returns it as a float."""
    array = _as_numbers(value, what)
    if array.ndim != 0:
        raise CheckFailure(f"{what}: expected a single number, got an array of shape {array.shape}")
    return float(array)


def assert_int(value: Any, what: str = "value") -> int:
    """A whole number of type int (Python or numpy integer, not bool or float); returns it as an int."""
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)):
        raise CheckFailure(f"{what}: expected an int, got {type(value).__name__}")
    return int(value)


def assert_tuple(result: Any, length: int, what: str = "result") -> tuple:
    """The learner returned a tuple of exactly `length` values, e.g. (w, b); returns it."""
    if not isinstance(result, tuple) or len(result) != length:
        got = f"a tuple of {len(result)}" if isinstance(result, tuple) else f"a {type(result).__name__}"
        raise CheckFailure(f"{what}: expected a tuple of {length} values, got {got}")
    return result


def assert_close(
    actual: Any,
    expected: Any,
    *,
    rtol: float = 1e-7,
    atol: float = 1e-10,
    what: str = "result",
) -> None:
    """Numbers equal to the reference within `rtol`/`atol` (numpy.isclose semantics), same shape."""
    got = _as_numbers(actual, what)
    want = np.asarray(expected, dtype=float)
    if got.shape != want.shape:
        raise CheckFailure(f"{what}: expected shape {want.shape}, got {got.shape}")
    bad_finite = ~np.isfinite(got) & np.isfinite(want)
    if bad_finite.any():
        raise CheckFailure(
            f"{what}: {int(bad_finite.sum())} of {got.size} values are NaN or infinite (overflow or division by zero?)"
        )
    mismatch = ~np.isclose(got, want, rtol=rtol, atol=atol, equal_nan=True)
    if mismatch.any():
        diff = np.abs(got - want)[mismatch]
        raise CheckFailure(
            f"{what}: {int(mismatch.sum())} of {got.size} values differ from the reference beyond "
            f"rtol={rtol:g}, atol={atol:g} (largest absolute difference {float(np.nanmax(diff)):.3g})"
        )


def assert_probabilities(actual: Any, shape: tuple[int, ...] | None = None, what: str = "probabilities") -> None:
    """Rows of probabilities: finite, within [0, 1], each row summing to 1 (1-d: each entry a probability)."""
    probs = _as_numbers(actual, what)
    if shape is not None and probs.shape != tuple(shape):
        raise CheckFailure(f"{what}: expected shape {tuple(shape)}, got {probs.shape}")
    if not np.isfinite(probs).all():
        raise CheckFailure(f"{what}: contains NaN or infinite values")
    if (probs < -1e-12).any() or (probs > 1 + 1e-12).any():
        raise CheckFailure(f"{what}: values must lie in [0, 1]")
    if probs.ndim == 2 and not np.allclose(probs.sum(axis=1), 1.0, atol=1e-8):
        raise CheckFailure(f"{what}: each row must sum to 1 (largest deviation {np.abs(probs.sum(1) - 1).max():.3g})")


def aligned_signs(actual: Any, reference: Any, what: str = "components") -> np.ndarray:
    """`actual` with each row's sign flipped to agree with the matching row of `reference` (PCA/SVD)."""
    got = _as_numbers(actual, what)
    ref = np.asarray(reference, dtype=float)
    if got.shape != ref.shape:
        raise CheckFailure(f"{what}: expected shape {ref.shape}, got {got.shape}")
    if got.ndim == 1:
        return got * (1.0 if float(got @ ref) >= 0 else -1.0)
    signs = np.where(np.einsum("ij,ij->i", got, ref) >= 0, 1.0, -1.0)
    return got * signs[:, None]


# --------------------------------------------------------------------------------------------- exact values
def _plain(value: Any, what: str) -> Any:
    """Builtin-only copy of `value` so that `==` cannot be faked by a custom __eq__."""
    if value is None or type(value) in (bool, int, float, str):
        return value
    if isinstance(value, np.generic):
        return value.item()
    if isinstance(value, np.ndarray):
        if value.dtype == object:
            return [_plain(v, what) for v in value.tolist()]
        return value.tolist()
    # subclasses (defaultdict, Counter, namedtuple) are read through the base class's own methods, so that a
    # learner's __eq__ or __iter__ is never called
    if isinstance(value, dict):
        return {_plain(k, what): _plain(v, what) for k, v in dict.items(value)}
    if isinstance(value, list):
        return [_plain(v, what) for v in list.__iter__(value)]
    if isinstance(value, tuple):
        return [_plain(v, what) for v in tuple.__iter__(value)]
    raise CheckFailure(f"{what}: expected plain values (numbers, strings, lists, arrays), got {type(value).__name__}")


def _kind(value: Any) -> str:
    if value is None:
        return "None"
    if isinstance(value, str):
        return "str"
    if isinstance(value, (bool, int, float)):
        return "number"
    if isinstance(value, list):
        return f"list of {len(value)}"
    if isinstance(value, dict):
        return "dict"
    return type(value).__name__


def assert_equal(actual: Any, expected: Any, what: str = "result") -> None:
    """Exactly equal (integers, labels, counts, strings, nested lists/arrays); arrays compare by value."""
    got, want = _plain(actual, what), _plain(expected, what)
    if _kind(got) != _kind(want):
        raise CheckFailure(f"{what}: expected a {_kind(want)}, got a {_kind(got)}")
    if got != want:
        if isinstance(want, list) and isinstance(got, list):
            wrong = sum(1 for a, b in zip(got, want, strict=True) if a != b)
            raise CheckFailure(f"{what}: {wrong} of {len(want)} entries differ from the expected result")
        raise CheckFailure(f"{what}: not the expected value")


def assert_at_least(actual: Any, reference: Any, *, slack: float, what: str = "score") -> None:
    """A score (accuracy, R², AUC) at most `slack` below the reference score (score bands for random models)."""
    got = _as_numbers(actual, what)
    if got.shape != ():
        raise CheckFailure(f"{what}: expected a single number, got shape {got.shape}")
    if not np.isfinite(got) or float(got) < float(reference) - slack:
        raise CheckFailure(f"{what}: {float(got):.3f} is more than {slack:g} below the reference score")


def assert_agreement(actual: Any, expected: Any, *, at_least: float, what: str = "predictions") -> None:
    """Labels equal to the reference's on at least a share `at_least` of the points (iterative solvers)."""
    got, want = _plain(actual, what), _plain(expected, what)
    if not isinstance(got, list) or len(got) != len(want):
        raise CheckFailure(f"{what}: expected {len(want)} labels, got a {_kind(got)}")
    share = sum(1 for a, b in zip(got, want, strict=True) if a == b) / max(len(want), 1)
    if share < at_least:
        raise CheckFailure(
            f"{what}: agree with the reference on {100 * share:.1f}% of points; at least {100 * at_least:g}% required"
        )


def assert_score_band(
    actual: Sequence[Any], reference: Sequence[float], *, mean_slack: float, each_slack: float, what: str = "score"
) -> None:
    """Scores of a random model on several datasets match the library's: the mean difference within `mean_slack`
    and every difference within `each_slack`, on either side (averaging keeps the band tight yet safe)."""
    got = [assert_scalar(a, f"{what} on dataset {i + 1}") for i, a in enumerate(actual)]
    if len(got) != len(reference):
        raise CheckFailure(f"{what}: expected {len(reference)} scores, got {len(got)}")
    diffs = [g - float(r) for g, r in zip(got, reference, strict=True)]
    for i, d in enumerate(diffs):
        if not math.isfinite(d) or abs(d) > each_slack:
            raise CheckFailure(
                f"{what}: differs from the reference by {d:+.3f} on dataset {i + 1} (allowed ±{each_slack:g})"
            )
    mean = sum(diffs) / len(diffs)
    if abs(mean) > mean_slack:
        raise CheckFailure(
            f"{what}: differs from the reference by {mean:+.3f} on average over {len(diffs)} datasets "
            f"(allowed ±{mean_slack:g})"
        )


def assert_equal_any(actual: Any, candidates: Sequence[Any], what: str = "result") -> None:
    """Exactly equal to at least one of several equally valid references (e.g. trees fitted with several
    random_states, whose tie-breaking differs); the message describes the first."""
    got = _plain(actual, what)
    if any(_kind(got) == _kind(w) and got == w for w in (_plain(c, what) for c in candidates)):
        return
    assert_equal(actual, candidates[0], what=what)


def assert_frequencies(counts: Any, probabilities: Any, *, sigmas: float = 5.0, what: str = "frequencies") -> None:
    """Counts of a categorical draw agree with exact probabilities: every outcome within `sigmas` binomial
    standard deviations (outcomes of probability 0 must never occur). Deterministic for a seeded generator."""
    got = _as_numbers(counts, what)
    p = np.asarray(probabilities, dtype=float)
    if got.shape != p.shape:
        raise CheckFailure(f"{what}: expected counts of shape {p.shape}, got {got.shape}")
    draws = float(got.sum())
    if draws <= 0:
        raise CheckFailure(f"{what}: no draws were counted")
    off = np.abs(got / draws - p) > sigmas * np.sqrt(p * (1 - p) / draws) + 1e-12
    if off.any():
        impossible = int(((p == 0) & (got > 0)).sum())
        raise CheckFailure(
            f"{what}: {int(off.sum())} of {p.size} outcomes occur with frequencies beyond {sigmas:g} standard "
            f"deviations of their probability over {int(draws)} draws"
            + (f" ({impossible} outcomes of probability 0 occurred)" if impossible else "")
        )


def assert_ranking(
    actual: Any,
    scores: Any,
    k: int,
    *,
    exclude: Any = None,
    positive_only: bool = False,
    tol: float = 1e-9,
    what: str = "ranking",
) -> None:
    """Ids of the best `k` entries of `scores` (highest first, equal scores by increasing id: a stable argsort).

    `exclude` (ids or a boolean mask) are never allowed (e.g. items already seen); with `positive_only`, entries
    scoring <= 0 are not ranked at all. When fewer than `k` entries remain, exactly those are expected. Exact ties
    (e.g. score 0) must follow the id rule; two entries whose reference scores differ by at most `tol` (and are
    not 0) may come in either order, since implementations round differently.
    """
    ref = np.asarray(scores, dtype=float).copy()
    allowed = np.ones(ref.shape, dtype=bool)
    if exclude is not None:
        mask = np.asarray(exclude)
        allowed[mask if mask.dtype == bool else mask.astype(int)] = False
    if positive_only:
        allowed &= ref > 0
    order = np.argsort(-ref, kind="stable")
    expected = order[allowed[order]][:k]
    got = _plain(actual, what)
    if not isinstance(got, list):
        got = [got]
    if len(got) != len(expected):
        raise CheckFailure(f"{what}: expected {len(expected)} ids, got {len(got)}")
    if any(type(g) is not int for g in got):
        raise CheckFailure(f"{what}: expected integer ids")
    got_ids = np.array(got, dtype=int)
    if ((got_ids < 0) | (got_ids >= ref.size)).any() or len(set(got)) != len(got):
        raise CheckFailure(f"{what}: ids must be distinct and between 0 and {ref.size - 1}")
    if not allowed[got_ids].all():
        raise CheckFailure(f"{what}: {int((~allowed[got_ids]).sum())} ids should not be ranked at all (excluded)")
    near = (np.abs(ref[got_ids] - ref[expected]) <= tol) & (ref[expected] != 0)
    wrong = (got_ids != expected) & ~near
    if wrong.any():
        raise CheckFailure(
            f"{what}: {int(wrong.sum())} of {len(expected)} positions differ from the reference ranking "
            "(scores descending, equal scores by increasing id)"
        )


def assert_same_partition(actual: Any, expected: Any, what: str = "cluster labels") -> None:
    """Same grouping of points as the reference, whatever the label names (clustering)."""
    got = _plain(actual, what)
    want = _plain(expected, what)
    if not isinstance(got, list) or len(got) != len(want):
        raise CheckFailure(f"{what}: expected {len(want)} labels, got {_kind(got)}")
    forward: dict[Any, Any] = {}
    backward: dict[Any, Any] = {}
    wrong = 0
    for a, b in zip(got, want, strict=True):
        if forward.setdefault(a, b) != b or backward.setdefault(b, a) != a:
            wrong += 1
    if wrong:
        raise CheckFailure(f"{what}: {wrong} of {len(want)} points are grouped differently from the reference")


def assert_frame_equal(
    actual: Any,
    expected: Any,
    *,
    rtol: float = 1e-7,
    atol: float = 1e-10,
    check_dtype: bool = True,
    what: str = "data frame",
) -> None:
    """Same columns (in order), index, dtypes and values (floats within tolerance) as the reference frame."""
    import pandas as pd

    if not isinstance(actual, pd.DataFrame):
        raise CheckFailure(f"{what}: expected a pandas DataFrame, got {type(actual).__name__}")
    if list(actual.columns) != list(expected.columns):
        missing = [c for c in expected.columns if c not in actual.columns]
        extra = [c for c in actual.columns if c not in expected.columns]
        raise CheckFailure(f"{what}: columns differ (missing {missing}, unexpected {extra}; order must match too)")
    if actual.shape != expected.shape:
        raise CheckFailure(f"{what}: expected shape {expected.shape}, got {actual.shape}")
    if not actual.index.equals(expected.index):
        raise CheckFailure(f"{what}: the index differs from the expected one (reset or sort it?)")
    for column in expected.columns:
        got, want = actual[column], expected[column]
        if check_dtype and got.dtype != want.dtype:
            raise CheckFailure(f"{what}: column '{column}' has dtype {got.dtype}, expected {want.dtype}")
        if pd.api.types.is_float_dtype(want.dtype):
            assert_close(
                got.to_numpy(dtype=float),
                want.to_numpy(dtype=float),
                rtol=rtol,
                atol=atol,
                what=f"{what}, column '{column}'",
            )
        else:
            got_missing, want_missing = got.isna().to_numpy(), want.isna().to_numpy()
            differ = (got_missing != want_missing) | (
                ~want_missing & (got.astype(object).to_numpy() != want.astype(object).to_numpy())
            )
            if differ.any():
                raise CheckFailure(f"{what}: column '{column}' differs in {int(differ.sum())} of {len(want)} rows")


# --------------------------------------------------------------------------------------------- write-ups
def markdown_sections(text: str, level: int = 2) -> list[tuple[str, str]]:
    """(heading, body) pairs of a markdown string, split at headings of exactly `level` ('## ' for 2).

    Headings are lower-cased without surrounding spaces or a trailing colon; text before the first heading is
    ignored; deeper headings ('### ') stay inside the body."""
    marker = "#" * level + " "
    sections: list[tuple[str, list[str]]] = []
    for line in text.splitlines():
        if line.startswith(marker):
            sections.append((line[len(marker) :].strip().rstrip(":").strip().lower(), []))
        elif sections:
            sections[-1][1].append(line)
    return [(name, "\n".join(body)) for name, body in sections]


def assert_write_up(
    text: Any,
    sections: Sequence[str],
    *,
    level: int = 2,
    min_words: int = 20,
    numbers_in: Sequence[str] = (),
    total_words: tuple[int, int] = (250, 1200),
    what: str = "write-up",
) -> None:
    """Structure of a markdown write-up held in a string: exactly `sections` as level-`level` headings, in
    order; each body at least `min_words` words; a digit in every section of `numbers_in`; a total word count
    within `total_words`. Says what is wrong, never what to write."""
    _require_answer(text, what, "replace None with your write-up (a string of markdown)")
    if not isinstance(text, str):
        raise CheckFailure(f"{what}: expected a string of markdown, got {type(text).__name__}")
    found = markdown_sections(text, level)
    wanted = [s.strip().lower() for s in sections]
    if [name for name, _ in found] != wanted:
        raise CheckFailure(
            f"{what}: the {'#' * level} headings should be {list(sections)}, once each and in order; "
            f"found {[name for name, _ in found]}"
        )
    need_numbers = {s.strip().lower() for s in numbers_in}
    for name, body in found:
        words = len(body.split())
        if words < min_words:
            raise CheckFailure(f"{what}: section '{name}' is too short: {words} of at least {min_words} words")
        if name in need_numbers and not any(ch.isdigit() for ch in body):
            raise CheckFailure(f"{what}: section '{name}' should contain at least one number")
    low, high = total_words
    total = len(text.split())
    if not low <= total <= high:
        raise CheckFailure(f"{what}: {total} words; expected between {low} and {high}")


# --------------------------------------------------------------------------------------------- answers
def _normalise(answer: Any) -> str:
    text = unicodedata.normalize("NFKC", str(answer)).strip().lower()
    return " ".join(text.replace("(", " ").replace(")", " ").split())


def answer_digest(answer: Any, salt: str) -> str:
    """Salted SHA-256 of a short answer (case, spacing and brackets ignored); for authoring tests."""
    if isinstance(answer, float) and not math.isnan(answer):
        raise TypeError("hash short text answers, never floats")
    return hashlib.sha256(f"{salt}:{_normalise(answer)}".encode()).hexdigest()


def _require_answer(answer: Any, what: str, how: str) -> None:
    """A question whose answer still holds its placeholder (None) fails as not answered yet."""
    if answer is None:
        raise NotAttempted(f"{what} not answered yet: {how}")


def assert_choice(answer: Any, options: Sequence[str], what: str = "answer") -> None:
    """Public check of a multiple-choice answer: one of the offered options (no hint about which)."""
    _require_answer(answer, what, "set it to one of " + ", ".join(repr(o) for o in options))
    if not isinstance(answer, str) or _normalise(answer) not in {_normalise(o) for o in options}:
        offered = ", ".join(repr(o) for o in options)
        raise CheckFailure(f"{what}: answer with one of {offered} (a string), got {answer!r}")


def assert_answer(answer: Any, digest: str, salt: str, what: str = "answer") -> None:
    """Hidden check of a short answer against its salted digest."""
    _require_answer(answer, what, "replace None with your answer")
    if not isinstance(answer, str) or answer_digest(answer, salt) != digest:
        raise CheckFailure(f"{what}: not the correct answer")


def not_attempted(fn: Callable[..., Any], *args: Any, **kwargs: Any) -> bool:
    """True when `fn` still raises NotImplementedError for these arguments (helper for public tests)."""
    try:
        fn(*args, **kwargs)
    except NotImplementedError:
        return True
    except Exception:
        return False
    return False
