"""Structured details of failed checks: what was checked, what came back, what was expected, where they differ,
the tolerance; the message stays one line without the expected value, and nbgrader sees only the message."""

from __future__ import annotations

import numpy as np
import pytest

from course import checks
from course.checks import CheckFailure
from course.checks.calling import forget_last_call, last_call


def failure(check, *args, **kwargs) -> CheckFailure:
    with pytest.raises(CheckFailure) as info:
        check(*args, **kwargs)
    return info.value


def test_assert_close_names_the_first_differing_entries_and_the_tolerance():
    got, want = np.array([[1.0, 2.0], [3.0, 4.5]]), np.array([[1.0, 2.0], [3.25, 4.0]])
    exc = failure(checks.assert_close, got, want, rtol=1e-6, what="coef")
    d = exc.details
    assert d["what"] == "coef" and d["check"] == "assert_close"
    assert d["count"] == "2 of 4" and d["got_shape"] == "(2, 2)"
    assert d["differing"] == [{"at": "[1, 0]", "got": "3.0", "expected": "3.25"},
                              {"at": "[1, 1]", "got": "4.5", "expected": "4.0"}]
    assert "1e-06" in d["tolerance"] and "isclose" in d["tolerance"]
    assert "3.25" not in str(exc), "the message itself never holds the expected value"


def test_shape_and_kind_mismatches_say_both_shapes():
    d = failure(checks.assert_close, [1.0, 2.0], [1.0, 2.0, 3.0], what="v").details
    assert (d["got_shape"], d["expected_shape"]) == ("(2,)", "(3,)")
    d = failure(checks.assert_equal, "3", 3, what="n").details
    assert d["got_shape"] == "str" and d["expected_shape"] == "number"


def test_assert_equal_lists_show_the_differing_positions():
    d = failure(checks.assert_equal, [1, 2, 3, 9], [1, 2, 3, 4], what="order").details
    assert d["differing"] == [{"at": "[3]", "got": "9", "expected": "4"}] and d["count"] == "1 of 4"
    d = failure(checks.assert_equal, False, True, what="flag").details
    assert (d["got"], d["expected"]) == ("False", "True")


def test_every_helper_names_itself_and_what_it_checked():
    exc = failure(checks.assert_choice, "z", ["a", "b"], what="ANSWER")
    assert exc.details["check"] == "assert_choice" and exc.details["what"] == "ANSWER"
    exc = failure(checks.assert_probabilities, [[0.5, 0.6]])
    assert exc.details["what"] == "probabilities"


def test_the_last_call_through_run_is_kept_for_the_page():
    forget_last_call()
    assert last_call() == ""
    checks.run(np.add, 2, np.arange(3))
    assert last_call() == "add(2, [0 1 2])"
    checks.run(sorted, list(range(1000)))
    assert len(last_call()) < 120


def test_ipython_shows_only_the_message():
    exc = failure(checks.assert_equal, [1], [2], what="x")
    assert exc._render_traceback_() == [f"\x1b[0;31mCheckFailure\x1b[0m: {exc}"]


def test_single_numbers_fail_as_checks_with_both_values():
    d = failure(checks.assert_close, 3702, 3703.7034, rtol=1e-9, what="x").details
    assert (d["got"], d["expected"], d["differing"]) == ("3702.0", "3703.7034", [])
