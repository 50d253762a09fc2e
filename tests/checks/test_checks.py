"""course.checks: each helper passes correct answers and fails wrong ones with a message that helps."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from course import checks
from course.checks import CheckFailure, NotAttempted
from course.checks import forbid as forbidding


def stub(*_args):
    raise NotImplementedError()


class AlwaysEqual:
    def __eq__(self, other):
        return True

    def __array__(self, dtype=None, copy=None):
        raise TypeError("not an array")


def test_run_reports_not_attempted_instead_of_a_traceback():
    with pytest.raises(NotAttempted, match=r"stub\(\) not attempted yet"):
        checks.run(stub, 1)


def test_run_rejects_something_that_is_not_a_function():
    with pytest.raises(CheckFailure, match="should be a function"):
        checks.run(42)


def test_run_swallows_warnings_and_returns_the_value():
    def noisy():
        import warnings

        warnings.warn("careful", RuntimeWarning, stacklevel=1)
        return 7

    assert checks.run(noisy) == 7


def test_run_lets_real_learner_errors_through():
    def broken():
        return [][1]

    with pytest.raises(IndexError):
        checks.run(broken)


def test_forbid_catches_calls_into_the_library_even_through_aliases():
    from sklearn.linear_model import LinearRegression as Alias

    def cheat(X, y):
        return Alias().fit(X, y).coef_

    X, y = np.arange(6.0).reshape(3, 2), np.arange(3.0)
    with pytest.raises(CheckFailure, match=r"calls sklearn\..*from scratch"):
        checks.run(cheat, X, y, forbid=("sklearn",))
    assert checks.run(lambda a, b: np.linalg.lstsq(a, b, rcond=None)[0], X, y, forbid=("sklearn",)).shape == (2,)


def test_forbid_sees_ufuncs_and_imports_inside_the_function_but_not_builtins():
    import sklearn.neural_network  # noqa: F401  (it re-exports scipy's expit)
    from scipy.special import expit

    with pytest.raises(CheckFailure, match=r"calls scipy\.special.*expit"):
        checks.run(lambda z: expit(z), 0.0, forbid=("scipy",))
    assert checks.run(lambda z: expit(z), 0.0, forbid=("sklearn",)) == 0.5, "scipy's expit is not sklearn's"

    def imports_inside(z):
        from scipy.special import expit as hidden

        return hidden(z)

    with pytest.raises(CheckFailure, match="scipy"):
        checks.run(imports_inside, 0.0, forbid=("scipy",))

    def pure(A, B):
        return [[float(sum(a * b for a, b in zip(r, c, strict=True))) for c in zip(*B, strict=True)] for r in A]

    assert checks.run(pure, [[1, 2]], [[3], [4]], forbid=("numpy",)) == [[11.0]]


def test_forbid_catches_numpy_builtins():
    with pytest.raises(CheckFailure, match="numpy"):
        checks.run(lambda a: np.array(a).sum(), [1, 2], forbid=("numpy",))


def test_forbid_detects_a_learner_removing_the_watcher():
    import sys

    def sneaky():
        sys.setprofile(None)
        return 1

    with pytest.raises(CheckFailure, match="removed the grader's call watcher"):
        checks.run(sneaky, forbid=("sklearn",))
    assert sys.getprofile() is None


def test_assert_close_passes_within_tolerance_and_names_the_problem_otherwise():
    checks.assert_close([1.0, 2.0], np.array([1.0, 2.0 + 1e-9]), rtol=1e-7)
    with pytest.raises(CheckFailure, match=r"coef: expected shape \(3,\), got \(2,\)"):
        checks.assert_close([1.0, 2.0], [1.0, 2.0, 3.0], what="coef")
    with pytest.raises(CheckFailure, match=r"1 of 2 values differ .* rtol=1e-07"):
        checks.assert_close([1.0, 2.5], [1.0, 2.0], what="coef")
    with pytest.raises(CheckFailure, match="NaN or infinite"):
        checks.assert_close([np.nan, 1.0], [0.0, 1.0])


def test_assert_close_message_does_not_reveal_the_expected_values():
    with pytest.raises(CheckFailure) as info:
        checks.assert_close([1.0], [123.456789], what="w")
    assert "123.45" not in str(info.value)


def test_fake_numbers_and_fake_equality_are_refused():
    with pytest.raises(CheckFailure, match="expected numbers"):
        checks.assert_close(AlwaysEqual(), [1.0])
    with pytest.raises(CheckFailure, match="expected plain values"):
        checks.assert_equal(AlwaysEqual(), [1, 2])
    with pytest.raises(CheckFailure, match="expected numbers"):
        checks.assert_close("1.0", [1.0])


def test_assert_equal_compares_by_value_across_containers():
    checks.assert_equal(np.array([1, 2, 3]), [1, 2, 3])
    checks.assert_equal((1, "a"), [1, "a"])
    with pytest.raises(CheckFailure, match="1 of 3 entries differ"):
        checks.assert_equal([1, 2, 4], np.array([1, 2, 3]))
    with pytest.raises(CheckFailure, match="expected a str, got a number"):
        checks.assert_equal(1, "1")


def test_shapes_probabilities_and_partitions():
    checks.assert_shape(np.zeros((2, 3)), (2, 3))
    with pytest.raises(CheckFailure, match=r"expected shape \(3, 2\)"):
        checks.assert_shape(np.zeros((2, 3)), (3, 2))
    checks.assert_probabilities(np.array([[0.2, 0.8], [1.0, 0.0]]), shape=(2, 2))
    with pytest.raises(CheckFailure, match="sum to 1"):
        checks.assert_probabilities(np.array([[0.2, 0.7]]))
    with pytest.raises(CheckFailure, match=r"\[0, 1\]"):
        checks.assert_probabilities(np.array([1.2, -0.2]))
    checks.assert_same_partition([1, 1, 0, 2], [5, 5, 7, 9])
    with pytest.raises(CheckFailure, match="1 of 4 points"):
        checks.assert_same_partition([1, 1, 0, 0], [5, 5, 7, 9])


def test_tuples_and_scalars():
    _w, b = checks.assert_tuple((np.zeros(2), 1.0), 2, what="fit result")
    assert checks.assert_scalar(np.float64(b)) == 1.0 and checks.assert_scalar(np.array(2.5)) == 2.5
    with pytest.raises(CheckFailure, match="expected a tuple of 2 values, got a list"):
        checks.assert_tuple([1, 2], 2)
    with pytest.raises(CheckFailure, match="got a tuple of 3"):
        checks.assert_tuple((1, 2, 3), 2)
    with pytest.raises(CheckFailure, match=r"single number, got an array of shape \(2,\)"):
        checks.assert_scalar(np.zeros(2), what="b")


def test_score_bands_agreement_and_frequencies():
    checks.assert_at_least(0.90, 0.92, slack=0.03)
    with pytest.raises(CheckFailure, match=r"more than 0\.03 below the reference") as info:
        checks.assert_at_least(0.85, 0.92, slack=0.03)
    assert "0.92" not in str(info.value), "the reference score is not revealed"
    checks.assert_agreement([1, 0, 1, 1], [1, 0, 1, 0], at_least=0.75)
    with pytest.raises(CheckFailure, match=r"50.0% of points; at least 75% required"):
        checks.assert_agreement([1, 1, 1, 1], [1, 0, 1, 0], at_least=0.75)
    rng = np.random.default_rng(3)
    probs = np.array([0.5, 0.3, 0.2, 0.0])
    checks.assert_frequencies(np.bincount(rng.choice(4, size=4000, p=probs), minlength=4), probs)
    with pytest.raises(CheckFailure, match="probability 0 occurred"):
        checks.assert_frequencies([1000, 1000, 1000, 1000], probs)


def test_ints_and_write_ups():
    assert checks.assert_int(np.int64(3)) == 3
    with pytest.raises(CheckFailure, match="expected an int, got float"):
        checks.assert_int(3.0)
    with pytest.raises(CheckFailure, match="expected an int, got bool"):
        checks.assert_int(True)
    body = " ".join(["word"] * 25)
    text = f"intro\n## Requirements\n{body} 10 QPS\n## Model\n{body}\n### detail\nmore"
    assert [name for name, _ in checks.markdown_sections(text)] == ["requirements", "model"]
    checks.assert_write_up(text, ["Requirements", "Model"], numbers_in=["requirements"], total_words=(40, 100))
    with pytest.raises(CheckFailure, match="headings should be"):
        checks.assert_write_up(text, ["Model", "Requirements"], total_words=(40, 100))
    with pytest.raises(CheckFailure, match="'model' should contain at least one number"):
        checks.assert_write_up(text, ["Requirements", "Model"], numbers_in=["model"], total_words=(40, 100))
    with pytest.raises(CheckFailure, match="too short"):
        checks.assert_write_up(text, ["Requirements", "Model"], min_words=100, total_words=(40, 1000))
    with pytest.raises(CheckFailure, match="words; expected between"):
        checks.assert_write_up(text, ["Requirements", "Model"], total_words=(500, 1000))


def test_rankings_follow_scores_then_ids():
    scores = np.array([0.5, 0.9, 0.0, 0.9, 0.0, 0.2])
    checks.assert_ranking([1, 3, 0], scores, 3)
    checks.assert_ranking([3, 0, 5], scores, 3, exclude=[1])
    checks.assert_ranking([1, 3, 0, 5], scores, 10, positive_only=True)
    with pytest.raises(CheckFailure, match="positions differ"):
        checks.assert_ranking([0, 1, 3], scores, 3)
    with pytest.raises(CheckFailure, match="should not be ranked"):
        checks.assert_ranking([1, 3, 0], scores, 3, exclude=[0])
    with pytest.raises(CheckFailure, match="expected 3 ids, got 2"):
        checks.assert_ranking([1, 3], scores, 3)
    checks.assert_ranking([1, 0], np.array([0.7, 0.7 + 1e-12]), 2)  # near-ties may come in either order


def test_containers_from_collections_compare_by_value():
    from collections import Counter, defaultdict, namedtuple

    index = defaultdict(list, {"a": [1, 2]})
    checks.assert_equal(index, {"a": [1, 2]})
    checks.assert_equal(Counter("aab"), {"a": 2, "b": 1})
    Point = namedtuple("Point", "x y")
    checks.assert_equal(Point(1, 2), (1, 2))

    class Liar(list):
        def __eq__(self, other):
            return True

    with pytest.raises(CheckFailure, match="entries differ"):
        checks.assert_equal(Liar([9, 9]), [1, 2])


def test_two_sided_score_bands_and_any_of_several_references():
    checks.assert_score_band([0.90, 0.93], [0.91, 0.92], mean_slack=0.02, each_slack=0.03)
    with pytest.raises(CheckFailure, match="on dataset 2"):
        checks.assert_score_band([0.90, 0.80], [0.91, 0.92], mean_slack=0.2, each_slack=0.03)
    with pytest.raises(CheckFailure, match="on average over 2 datasets"):
        checks.assert_score_band([0.94, 0.95], [0.91, 0.92], mean_slack=0.02, each_slack=0.05)
    checks.assert_equal_any([1, 2], [[0, 0], [1, 2]])
    with pytest.raises(CheckFailure, match="entries differ"):
        checks.assert_equal_any([3, 3], [[0, 0], [1, 2]])


def test_aligned_signs_flips_rows_to_match_the_reference():
    reference = np.array([[1.0, 2.0], [3.0, -1.0]])
    flipped = reference * np.array([[-1.0], [1.0]])
    np.testing.assert_allclose(checks.aligned_signs(flipped, reference), reference)


def test_frames_are_compared_by_columns_index_dtypes_and_values():
    expected = pd.DataFrame({"a": [1, 2], "b": [0.5, 1.5]})
    checks.assert_frame_equal(expected.copy(), expected)
    with pytest.raises(CheckFailure, match="columns differ"):
        checks.assert_frame_equal(expected[["b", "a"]], expected)
    with pytest.raises(CheckFailure, match="dtype"):
        checks.assert_frame_equal(expected.astype({"a": float}), expected)
    with pytest.raises(CheckFailure, match="index differs"):
        checks.assert_frame_equal(expected.set_axis([5, 6]), expected)
    with pytest.raises(CheckFailure, match="column 'b'"):
        checks.assert_frame_equal(expected.assign(b=[0.5, 9.0]), expected)
    with pytest.raises(CheckFailure, match="expected a pandas DataFrame"):
        checks.assert_frame_equal({"a": [1, 2]}, expected)


def test_multiple_choice_answers_are_checked_by_salted_digest():
    digest = checks.answer_digest("b", "salt")
    checks.assert_answer(" B ", digest, "salt")
    with pytest.raises(CheckFailure, match="not the correct answer"):
        checks.assert_answer("c", digest, "salt")
    with pytest.raises(CheckFailure, match="answer with one of"):
        checks.assert_choice("e", ["a", "b"])
    assert checks.answer_digest("b", "salt") != checks.answer_digest("b", "pepper")
    with pytest.raises(TypeError):
        checks.answer_digest(0.5, "salt")


def test_expect_raises_returns_the_message_or_explains_what_happened():
    def strict(x):
        if x < 0:
            raise ValueError("negative input (-1)")
        return x

    assert "(-1)" in checks.expect_raises(ValueError, strict, -1)
    with pytest.raises(CheckFailure, match="nothing was raised"):
        checks.expect_raises(ValueError, strict, 1)
    with pytest.raises(CheckFailure, match="expected ValueError, got TypeError"):
        checks.expect_raises(ValueError, lambda: None + 1)
    with pytest.raises(NotAttempted):
        checks.expect_raises(ValueError, stub)


def test_failures_render_as_one_line_in_notebooks():
    lines = CheckFailure("w: expected shape (2,)")._render_traceback_()
    assert len(lines) == 1 and "w: expected shape (2,)" in lines[0]


def test_forbid_can_target_one_module_and_sees_through_symlinked_installs(tmp_path):
    from sklearn.model_selection import GridSearchCV, KFold
    from sklearn.tree import DecisionTreeClassifier

    X, y = np.random.default_rng(0).normal(size=(30, 2)), np.arange(30) % 2
    forbid = ("sklearn.model_selection._search",)
    folds = checks.run(lambda: list(KFold(3).split(X)), forbid=forbid)
    assert len(folds) == 3, "KFold stays allowed when only the search module is forbidden"
    with pytest.raises(CheckFailure, match=r"calls sklearn\.model_selection\._search"):
        checks.run(lambda: GridSearchCV(DecisionTreeClassifier(), {"max_depth": [1, 2]}, cv=3).fit(X, y),
                   forbid=forbid)
    assert forbidding.package_roots(["sklearn"])[0].endswith("/"), "sklearn must not match sklearn_extra"


def test_forbid_can_target_one_function_and_its_aliases():
    import pandas as pd
    from pandas import merge_asof as sneaky

    left = pd.DataFrame({"t": [1, 2], "k": ["a", "a"]})
    right = pd.DataFrame({"t": [1], "k": ["a"], "v": [5]})
    with pytest.raises(CheckFailure, match=r"calls pandas\.merge_asof"):
        checks.run(lambda: sneaky(left, right, on="t", by="k"), forbid=("pandas.merge_asof",))
    merged = checks.run(lambda: left.merge(right, on=["t", "k"], how="left"), forbid=("pandas.merge_asof",))
    assert len(merged) == 2, "other pandas functions stay allowed"


def test_an_unanswered_question_says_not_answered_yet():
    for check in (
        lambda: checks.assert_choice(None, ["a", "b"], what="COST"),
        lambda: checks.assert_answer(None, "0" * 64, "salt", what="COST"),
        lambda: checks.assert_write_up(None, ["summary"], what="DESIGN"),
    ):
        with pytest.raises(checks.NotAttempted, match="not answered yet"):
            check()
