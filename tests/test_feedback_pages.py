"""Feedback pages render offline: math is MathML written into the page, and nothing loads from the network."""

from __future__ import annotations

import re

from course.feedback_run import generate_feedback
from course.grading import grade_all
from course.learners import Profile, write_submission
from course.mathml import math_to_mathml
from course.workspace import Workspace


def test_math_becomes_mathml_and_prices_stay_prose():
    text = math_to_mathml("cost $O(n)$, sum $$\\sum_i x_i$$, pay $130,000–$150,000, code `$x$`, literal \\$5")
    assert text.count("<math") == 2 and 'display="block"' in text
    assert "$130,000–$150,000" in text, "a price range is not math"
    assert "`$x$`" in text and "\\$5" in text


def test_unknown_tex_is_kept_readable():
    assert "<code>" in math_to_mathml("$\\notacommand{x}$") or "<math" in math_to_mathml("$\\notacommand{x}$")


def test_feedback_html_has_mathml_and_loads_nothing(mini_course):
    workspace = Workspace.scratch(mini_course, mini_course.root / "scratch")
    write_submission(mini_course, workspace.root / "submitted", "ana", "01_alpha", {"1_sums": Profile("none")})
    (outcome,) = grade_all(workspace, "01_alpha", ["ana"], workers=1)
    assert outcome.graded, outcome.error
    (done,) = generate_feedback(workspace, "01_alpha", ["ana"], workers=1)
    assert done.ok, done.error
    page = (workspace.root / "feedback" / "ana" / "01_alpha" / "1_sums.html").read_text()
    assert "<math" in page, "the $O(1)$ of the notebook should be MathML"
    assert not re.search(r"<script[^>]+src=", page), "a feedback page must not load scripts (offline, sandboxed)"
