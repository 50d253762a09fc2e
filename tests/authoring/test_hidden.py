"""Hidden test text never reaches learners: sources, tracebacks and echoed outputs are scrubbed."""

from __future__ import annotations

import nbformat
from nbformat.v4 import new_code_cell, new_notebook, new_output

from course.hidden import FeedbackSecrets, find_leaks, sanitise_traceback, scrub_notebook, secret_lines

HIDDEN_CELL = '''"""fit() matches the reference."""
assert callable(fit), "define fit"
### BEGIN HIDDEN TESTS
expected_weights_ = reference_model_.coef_.ravel()
assert abs(fit(data_).sum() - expected_weights_.sum()) < 1e-6, "weights differ from the reference"
### END HIDDEN TESTS'''

TRACEBACK = [
    "\x1b[31m---------------------------------------------------------------------------\x1b[39m",
    "\x1b[31mAssertionError\x1b[39m                            Traceback (most recent call last)",
    "\x1b[36mCell\x1b[39m\x1b[36m \x1b[39m\x1b[32mIn[7]\x1b[39m\x1b[32m, line 5\x1b[39m\n"
    '----> 5 assert abs(fit(data_).sum() - expected_weights_.sum()) < 1e-6, "weights differ"',
    "\x1b[36mFile \x1b[39m\x1b[32m/site-packages/course/checks.py:42\x1b[39m, in \x1b[36massert_close\x1b[39m\n"
    "  expected = array([1.5, 2.5])",
    "\x1b[36mCell\x1b[39m\x1b[36m \x1b[39m\x1b[32mIn[3]\x1b[39m\x1b[32m, line 2\x1b[39m, in \x1b[36mfit\x1b[39m\n"
    "----> 2     return X[10]",
    "\x1b[36mFile \x1b[39m\x1b[32m/site-packages/numpy/core.py:10\x1b[39m, in \x1b[36m__getitem__\x1b[39m",
    "\x1b[31mAssertionError\x1b[39m: weights differ from the reference",
]


def graded_notebook():
    test = new_code_cell(HIDDEN_CELL, execution_count=7)
    test.metadata["nbgrader"] = {"grade": True, "grade_id": "t", "locked": True, "points": 1, "solution": False}
    test.outputs = [
        new_output(
            "error", ename="AssertionError", evalue="weights differ from the reference", traceback=list(TRACEBACK)
        )
    ]
    echo = new_code_cell("print(In)", execution_count=8)
    echo.outputs = [
        new_output("stream", name="stdout", text="['', 'expected_weights_ = reference_model_.coef_.ravel()']")
    ]
    return new_notebook(cells=[new_code_cell("def fit(X):\n    return X[10]", execution_count=3), test, echo])


def test_secret_lines_are_the_hidden_region_minus_public_text():
    nb = graded_notebook()
    secrets = secret_lines(nb)
    assert "expected_weights_ = reference_model_.coef_.ravel()" in secrets
    assert 'assert callable(fit), "define fit"' not in secrets
    assert secret_lines(nb, public_texts=["expected_weights_ = reference_model_.coef_.ravel()"]) == {
        'assert abs(fit(data_).sum() - expected_weights_.sum()) < 1e-6, "weights differ from the reference"'
    }


def test_traceback_keeps_the_learner_frames_and_the_message_only():
    kept = sanitise_traceback(TRACEBACK, hidden_counts={7})
    joined = "\n".join(kept)
    assert "expected_weights_" not in joined
    assert "expected = array" not in joined, "frames of helpers called by hidden tests are dropped"
    assert "In[3]" in joined and "return X[10]" in joined, "the learner's own frame stays"
    assert "numpy/core.py" in joined, "library frames called from learner code stay"
    assert kept[-1].endswith("weights differ from the reference")
    assert sum("not shown" in k for k in kept) == 1


def test_scrub_removes_hidden_source_tracebacks_and_echoes():
    nb = scrub_notebook(graded_notebook())
    text = nbformat.writes(nb)
    assert not find_leaks(text, secret_lines(graded_notebook()))
    assert "hidden tests ran here" in nb.cells[1].source
    assert nb.cells[1].outputs[0].evalue == "weights differ from the reference"
    assert "not shown" in nb.cells[2].outputs[0].text


def test_leaks_are_found_through_html_markup():
    secrets = {"expected_weights_ = reference_model_.coef_.ravel()"}
    markup = (
        '<span class="n">expected_weights_</span> <span class="o">=</span> '
        '<span class="n">reference_model_</span><span class="o">.</span>coef_<span>.</span>ravel()'
    )
    assert find_leaks(markup, secrets) == sorted(secrets)
    assert find_leaks("<p>nothing to see</p>", secrets) == []


def test_feedback_is_checked_against_its_own_notebooks_secrets(tmp_path):
    hidden = new_code_cell('"""t"""\n### BEGIN HIDDEN TESTS\nreturn_value_of_the_reference = 1\n### END HIDDEN TESTS')
    visible = new_code_cell("return_value_of_the_reference = 1  # ordinary code in the other notebook")
    for name, cell in (("one", hidden), ("two", visible)):
        nbformat.write(new_notebook(cells=[cell]), tmp_path / f"{name}.ipynb")
    secrets = FeedbackSecrets(sorted(tmp_path.glob("*.ipynb")))
    page = "<pre>return_value_of_the_reference = 1</pre>"
    for name in ("one", "two", "unknown"):
        (tmp_path / f"{name}.html").write_text(page)
    assert secrets.leaks(tmp_path / "one.html") == ["return_value_of_the_reference = 1"], "a real leak is found"
    assert secrets.leaks(tmp_path / "two.html") == [], "visible code of another notebook is not a leak"
    assert secrets.leaks(tmp_path / "unknown.html"), "a page of no known notebook is checked against all secrets"
