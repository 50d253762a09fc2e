"""Answer-free helpers for the public and hidden tests of the course notebooks.

Every helper raises `CheckFailure` (an AssertionError) with a message that says what was expected
(shape, dtype, property, tolerance) and what came back, without giving the expected value away.
In a notebook a failure prints as one line, not as a traceback into this module.

    from course import checks
    coef = checks.run(fit, X, y, forbid=("sklearn",))      # call learner code: "not attempted yet" if stubbed
    checks.assert_close(coef, reference.coef_, rtol=1e-3, what="coefficients")
"""

from course.checks.answers import (
    answer_digest,
    assert_answer,
    assert_answered,
    assert_choice,
    assert_write_up,
    markdown_sections,
)
from course.checks.assertions import (
    aligned_signs,
    assert_agreement,
    assert_at_least,
    assert_close,
    assert_equal,
    assert_equal_any,
    assert_frame_equal,
    assert_frequencies,
    assert_int,
    assert_probabilities,
    assert_ranking,
    assert_same_partition,
    assert_scalar,
    assert_score_band,
    assert_shape,
    assert_tuple,
)
from course.checks.calling import expect_raises, in_learner_process, is_instance, not_attempted, replaced, run
from course.checks.failures import CheckFailure, NotAttempted
from course.checks.sharing import concurrently, patched, temporary_folder
from course.checks.standins import StandInModel

__all__ = [
    "CheckFailure",
    "NotAttempted",
    "StandInModel",
    "aligned_signs",
    "answer_digest",
    "assert_agreement",
    "assert_answer",
    "assert_answered",
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
    "concurrently",
    "expect_raises",
    "in_learner_process",
    "is_instance",
    "markdown_sections",
    "not_attempted",
    "patched",
    "replaced",
    "run",
    "temporary_folder",
]
