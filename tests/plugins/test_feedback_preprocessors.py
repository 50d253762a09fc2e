"""The feedback preprocessors on a fixture notebook: hidden tests leave no trace (source, traceback, echoed
output), and markdown math becomes MathML."""

from __future__ import annotations

from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from course.plugins.feedback_preprocessors import HideHiddenTests, MathToMathML

HIDDEN = "secret_reference_value_ = 41 + 1"


def graded_notebook():
    test = new_code_cell(f'"""add() works."""\nassert add(1, 2) == 3, "add(1, 2)"\n### BEGIN HIDDEN TESTS\n{HIDDEN}\n'
                         'assert add(40, 2) == secret_reference_value_, "add on hidden numbers"\n### END HIDDEN TESTS',
                         execution_count=3)
    test.outputs = [
        new_output("stream", name="stdout", text=f"echo: {HIDDEN}\nvisible line\n"),
        new_output("error", ename="AssertionError", evalue="add on hidden numbers", traceback=[
            "Traceback (most recent call last)",
            f"Cell In[3], line 5\n----> 5 {HIDDEN}",
            "AssertionError: add on hidden numbers"]),
    ]
    learner = new_code_cell("def add(a, b):\n    return a - b", execution_count=2)
    return new_notebook(cells=[new_markdown_cell("Time is $O(1)$."), learner, test])


def test_hidden_tests_leave_no_trace():
    nb, _ = HideHiddenTests().preprocess(graded_notebook(), {})
    text = str(nb)
    assert HIDDEN not in text, "hidden test code reached the feedback notebook"
    test = nb.cells[2]
    assert "hidden tests ran here" in test.source and 'assert add(1, 2) == 3' in test.source
    assert "visible line" in test.outputs[0].text
    assert test.outputs[1].evalue == "add on hidden numbers", "the failing assert's message stays"


def test_markdown_math_becomes_mathml_and_code_is_untouched():
    nb, _ = MathToMathML().preprocess(graded_notebook(), {})
    assert "<math" in nb.cells[0].source and "$" not in nb.cells[0].source
    assert nb.cells[1].source == "def add(a, b):\n    return a - b"
