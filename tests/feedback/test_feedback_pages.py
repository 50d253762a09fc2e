"""Feedback pages render offline: math is MathML written into the page, and nothing loads from the network."""

from __future__ import annotations

import re

import pytest

from course.feedback.mathml import math_to_mathml
from course.feedback.pages import write_feedback
from course.grading.grade import grade_all
from course.proof.variants import Profile, write_submission
from course.workspace import Workspace

pytestmark = pytest.mark.integration


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
    (done,) = write_feedback(workspace, "01_alpha", ["ana"], workers=1)
    assert done.ok, done.error
    page = (workspace.root / "feedback" / "ana" / "01_alpha" / "1_sums.html").read_text()
    assert "<math" in page, "the $O(1)$ of the notebook should be MathML"
    assert not re.search(r"<script[^>]+src=", page), "a feedback page must not load scripts (offline, sandboxed)"


def test_a_notebook_that_could_not_be_graded_gets_a_page_saying_why(mini_course):
    workspace = Workspace.scratch(mini_course, mini_course.root / "scratch")
    write_submission(mini_course, workspace.root / "submitted", "ben", "01_alpha", {"1_sums": Profile("all")})
    path = workspace.root / "submitted" / "ben" / "01_alpha" / "1_sums.ipynb"
    path.write_text(path.read_text()[:300])  # broken JSON
    (outcome,) = grade_all(workspace, "01_alpha", ["ben"], workers=1)
    assert outcome.graded and any("scored 0" in p for p in outcome.problems), outcome
    (done,) = write_feedback(workspace, "01_alpha", ["ben"], workers=1)
    page = workspace.root / "feedback" / "ben" / "01_alpha" / "1_sums.html"
    assert page in done.pages, done
    text = page.read_text()
    assert "0 points" in text and "broken notebook JSON" in text and "What to do" in text


def test_a_page_holding_hidden_test_text_is_deleted_and_reported(mini_course, monkeypatch):
    import course.feedback.pages as feedback_run

    workspace = Workspace.scratch(mini_course, mini_course.root / "scratch")
    write_submission(mini_course, workspace.root / "submitted", "cy", "01_alpha", {"1_sums": Profile("none")})
    grade_all(workspace, "01_alpha", ["cy"], workers=1)
    hidden = "rng_ = np.random.default_rng(101)"

    def leaky(workspace_, assignment, student):  # a broken preprocessor: the page echoes a hidden line
        folder = workspace_.path("feedback", student, assignment)
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "1_sums.html").write_text(f"<pre>{hidden}</pre>")
        return True, ""

    monkeypatch.setattr(feedback_run, "_nbgrader_feedback", leaky)
    (done,) = write_feedback(workspace, "01_alpha", ["cy"], workers=1)
    assert not done.ok and done.leaked and hidden in done.leaked[0]
    assert not (workspace.root / "feedback" / "cy" / "01_alpha" / "1_sums.html").exists()
