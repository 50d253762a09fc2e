"""Structured details of a failed check, in plain JSON-ready text: short views of values, the first entries
where the learner's result differs from the reference, the tolerance. Used by the assertion helpers to fill
`CheckFailure.details`; the message itself never holds the expected value."""

from __future__ import annotations

import contextlib
import functools
import inspect
import reprlib
from collections.abc import Callable
from typing import Any

import numpy as np

from course.checks.failures import CheckFailure

FIRST = 5  # differing entries shown
_repr = reprlib.Repr()
_repr.maxstring = 60
_repr.maxother = 60
_repr.maxlist = _repr.maxtuple = _repr.maxdict = _repr.maxset = 8
_repr.maxlevel = 3


def shown(value: Any, limit: int = 160) -> str:
    """A short, readable view of a value (arrays summarised by numpy, the rest by a bounded repr)."""
    try:
        if isinstance(value, np.ndarray) and value.ndim == 0:
            text = repr(value.item())
        elif isinstance(value, np.ndarray):
            text = np.array2string(value, threshold=12, edgeitems=3, precision=6, max_line_width=limit)
        elif isinstance(value, np.generic):
            text = repr(value.item())
        else:
            text = _repr.repr(value)
    except Exception:  # a learner's object whose repr fails
        text = f"<{type(value).__name__}>"
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _index(position: tuple[int, ...]) -> str:
    return "[" + ", ".join(str(i) for i in position) + "]"


def differing(got: np.ndarray, want: np.ndarray, mismatch: np.ndarray) -> list[dict[str, str]]:
    """The first entries where `mismatch` is true: position, the learner's value, the reference's."""
    if np.ndim(mismatch) == 0:  # single numbers: "got" and "expected" say it all
        return []
    rows = []
    try:
        for position in list(zip(*np.nonzero(mismatch), strict=True))[:FIRST]:
            position = tuple(int(i) for i in position)
            rows.append({"at": _index(position), "got": shown(got[position]), "expected": shown(want[position])})
    except Exception:  # details must never turn a failed check into another error
        return rows
    return rows


def differing_items(got: list, want: list) -> list[dict[str, str]]:
    """The first positions where two equally long lists differ."""
    rows: list[dict[str, str]] = []
    for i, (a, b) in enumerate(zip(got, want, strict=False)):
        if a != b:
            rows.append({"at": f"[{i}]", "got": shown(a), "expected": shown(b)})
            if len(rows) == FIRST:
                break
    return rows


def tolerance(rtol: float, atol: float) -> str:
    return f"|got - expected| <= {atol:g} + {rtol:g} * |expected| (numpy.isclose)"


def described(check: Callable[..., Any]) -> Callable[..., Any]:
    """A check helper whose failures name the helper and what it checked (`check` and `what` in the details)."""
    signature = inspect.signature(check)

    @functools.wraps(check)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return check(*args, **kwargs)
        except CheckFailure as exc:
            exc.details.setdefault("check", check.__name__)
            if "what" not in exc.details:
                with contextlib.suppress(TypeError):
                    bound = signature.bind(*args, **kwargs)
                    bound.apply_defaults()
                    exc.details["what"] = str(bound.arguments.get("what", ""))
            raise

    return wrapper
