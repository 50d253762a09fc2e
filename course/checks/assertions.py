"""Comparisons with messages that say what was expected and what came back, never the expected value itself."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import numpy as np

from course.checks.details import described, differing, differing_items, shown, tolerance
from course.checks.failures import CheckFailure


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


@described
def assert_shape(actual: Any, shape: tuple[int, ...], what: str = "result") -> None:
    """`actual` is an array-like of numbers with exactly this shape."""
    array = _as_numbers(actual, what)
    if array.shape != tuple(shape):
        raise CheckFailure(f"{what}: expected shape {tuple(shape)}, got {array.shape}",
                           details={"got_shape": str(array.shape), "expected_shape": str(tuple(shape))})


@described
def assert_scalar(value: Any, what: str = "value") -> float:
    """A single number (Python or numpy scalar, or a 0-d array); returns it as a float."""
    array = _as_numbers(value, what)
    if array.ndim != 0:
        raise CheckFailure(f"{what}: expected a single number, got an array of shape {array.shape}",
                           details={"got_shape": str(array.shape), "got": shown(value)})
    return float(array)


@described
def assert_int(value: Any, what: str = "value") -> int:
    """A whole number of type int (Python or numpy integer, not bool or float); returns it as an int."""
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)):
        raise CheckFailure(f"{what}: expected an int, got {type(value).__name__}", details={"got": shown(value)})
    return int(value)


@described
def assert_tuple(result: Any, length: int, what: str = "result") -> tuple:
    """The learner returned a tuple of exactly `length` values, e.g. (w, b); returns it."""
    if not isinstance(result, tuple) or len(result) != length:
        got = f"a tuple of {len(result)}" if isinstance(result, tuple) else f"a {type(result).__name__}"
        raise CheckFailure(f"{what}: expected a tuple of {length} values, got {got}", details={"got": shown(result)})
    return result


@described
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
        raise CheckFailure(f"{what}: expected shape {want.shape}, got {got.shape}",
                           details={"got_shape": str(got.shape), "expected_shape": str(want.shape), "got": shown(got)})

    def details(wrong: np.ndarray) -> dict:
        return {"got_shape": str(got.shape), "got": shown(got), "expected": shown(want),
                "tolerance": tolerance(rtol, atol), "differing": differing(got, want, wrong),
                "count": f"{int(wrong.sum())} of {got.size}"}

    bad_finite = ~np.isfinite(got) & np.isfinite(want)
    if bad_finite.any():
        raise CheckFailure(
            f"{what}: {int(bad_finite.sum())} of {got.size} values are NaN or infinite (overflow or division by zero?)",
            details=details(bad_finite),
        )
    mismatch = ~np.isclose(got, want, rtol=rtol, atol=atol, equal_nan=True)
    if mismatch.any():
        diff = np.abs(got - want)[mismatch]
        raise CheckFailure(
            f"{what}: {int(mismatch.sum())} of {got.size} values differ from the reference beyond "
            f"rtol={rtol:g}, atol={atol:g} (largest absolute difference {float(np.nanmax(diff)):.3g})",
            details=details(mismatch),
        )


@described
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


@described
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


@described
def assert_equal(actual: Any, expected: Any, what: str = "result") -> None:
    """Exactly equal (integers, labels, counts, strings, nested lists/arrays); arrays compare by value."""
    got, want = _plain(actual, what), _plain(expected, what)
    if _kind(got) != _kind(want):
        raise CheckFailure(f"{what}: expected a {_kind(want)}, got a {_kind(got)}",
                           details={"got": shown(actual), "expected": shown(expected), "got_shape": _kind(got),
                                    "expected_shape": _kind(want)})
    if got != want:
        details = {"got": shown(actual), "expected": shown(expected)}
        if isinstance(want, list) and isinstance(got, list):
            wrong = sum(1 for a, b in zip(got, want, strict=True) if a != b)
            raise CheckFailure(f"{what}: {wrong} of {len(want)} entries differ from the expected result",
                               details={**details, "differing": differing_items(got, want),
                                        "count": f"{wrong} of {len(want)}"})
        raise CheckFailure(f"{what}: not the expected value", details=details)


@described
def assert_at_least(actual: Any, reference: Any, *, slack: float, what: str = "score") -> None:
    """A score (accuracy, R², AUC) at most `slack` below the reference score (score bands for random models)."""
    got = _as_numbers(actual, what)
    if got.shape != ():
        raise CheckFailure(f"{what}: expected a single number, got shape {got.shape}")
    if not np.isfinite(got) or float(got) < float(reference) - slack:
        raise CheckFailure(f"{what}: {float(got):.3f} is more than {slack:g} below the reference score",
                           details={"got": shown(float(got)), "expected": f"at least {float(reference) - slack:.3f}",
                                    "tolerance": f"{slack:g} below the reference score"})


@described
def assert_agreement(actual: Any, expected: Any, *, at_least: float, what: str = "predictions") -> None:
    """Labels equal to the reference's on at least a share `at_least` of the points (iterative solvers)."""
    got, want = _plain(actual, what), _plain(expected, what)
    if not isinstance(got, list) or len(got) != len(want):
        raise CheckFailure(f"{what}: expected {len(want)} labels, got a {_kind(got)}")
    share = sum(1 for a, b in zip(got, want, strict=True) if a == b) / max(len(want), 1)
    if share < at_least:
        raise CheckFailure(
            f"{what}: agree with the reference on {100 * share:.1f}% of points; at least {100 * at_least:g}% required",
            details={"got": shown(actual), "expected": shown(expected), "differing": differing_items(got, want),
                     "tolerance": f"at least {100 * at_least:g}% of labels equal"},
        )


@described
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


@described
def assert_equal_any(actual: Any, candidates: Sequence[Any], what: str = "result") -> None:
    """Exactly equal to at least one of several equally valid references (e.g. trees fitted with several
    random_states, whose tie-breaking differs); the message describes the first."""
    got = _plain(actual, what)
    if any(_kind(got) == _kind(w) and got == w for w in (_plain(c, what) for c in candidates)):
        return
    assert_equal(actual, candidates[0], what=what)


@described
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


@described
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
            "(scores descending, equal scores by increasing id)",
            details={"got": shown(got), "expected": shown(expected.tolist()),
                     "differing": differing(got_ids, expected, wrong),
                     "count": f"{int(wrong.sum())} of {len(expected)}"},
        )


@described
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
        raise CheckFailure(f"{what}: {wrong} of {len(want)} points are grouped differently from the reference",
                           details={"got": shown(actual), "expected": shown(expected),
                                    "count": f"{wrong} of {len(want)}"})


@described
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
