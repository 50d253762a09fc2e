"""The house rules catch each kind of mistake in a source notebook."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest

from course.authoring.lint import lint_notebook
from course.notebooks import read_notebook

SOURCE = Path(__file__).resolve().parents[2] / "source"


@pytest.fixture(scope="module")
def good():
    path = sorted(SOURCE.glob("*/*.ipynb"))[0]
    return path, read_notebook(path)


def problems_after(good, change) -> list[str]:
    path, nb = good
    nb = copy.deepcopy(nb)
    change(nb)
    return [p.message for p in lint_notebook(nb, path)]


def cell(nb, cell_id):
    return next(c for c in nb.cells if c.id == cell_id)


def first_test(nb):
    return next(c for c in nb.cells if c.cell_type == "code" and c.metadata.get("nbgrader", {}).get("grade"))


def test_every_source_notebook_follows_the_house_rules(course):
    problems = [
        str(p)
        for m in course.assignments()
        for path in course.source_notebooks(m)
        for p in lint_notebook(read_notebook(path), path)
    ]
    assert not problems, "\n".join(problems)


def test_outputs_are_refused(good):
    def add_output(nb):
        c = cell(nb, "setup")
        c.execution_count = 1
        c.outputs = [{"output_type": "stream", "name": "stdout", "text": "x"}]

    assert any("without outputs" in p for p in problems_after(good, add_output))


def test_assert_without_message_is_refused(good):
    def bare_assert(nb):
        first_test(nb).source += "\nassert 1 == 1"

    assert any("assert without a message" in p for p in problems_after(good, bare_assert))


def test_graded_cell_without_assert_is_refused(good):
    def no_assert(nb):
        c = first_test(nb)
        c.source = '"""A check with nothing in it."""\nprint("checked")'

    assert any("needs an assert" in p for p in problems_after(good, no_assert))


def test_missing_docstring_is_refused(good):
    def no_doc(nb):
        c = first_test(nb)
        c.source = "\n".join(c.source.splitlines()[1:])

    assert any("starts with a docstring" in p for p in problems_after(good, no_doc))


def test_trailing_expression_is_refused(good):
    def trailing(nb):
        first_test(nb).source += "\n1.0"

    assert any("bare expression" in p for p in problems_after(good, trailing))


def test_points_must_match_the_exercise_heading(good):
    def more_points(nb):
        first_test(nb).metadata.nbgrader.points = 9

    assert any("heading promises" in p for p in problems_after(good, more_points))


def test_hidden_tests_must_not_reuse_public_seeds(good):
    def reuse(nb):
        c = first_test(nb)
        c.source = c.source.replace("### BEGIN HIDDEN TESTS", "### BEGIN HIDDEN TESTS\n_r = np.random.default_rng(0)")

    nb = good[1]
    nb_copy = copy.deepcopy(nb)
    cell(nb_copy, "setup").source += "\n_public = np.random.default_rng(0)"
    problems = [p.message for p in lint_notebook(nb_copy, good[0])]
    assert not any("reuse public seeds" in p for p in problems)

    def both(nb):
        cell(nb, "setup").source += "\n_public = np.random.default_rng(0)"
        reuse(nb)

    assert any("reuse public seeds [0]" in p for p in problems_after(good, both))


def test_cell_ids_must_be_stable_slugs_and_match_grade_ids(good):
    def random_id(nb):
        cell(nb, "setup").id = "A1b2-C3"

    assert any("stable, readable slug" in p for p in problems_after(good, random_id))

    def mismatch(nb):
        first_test(nb).metadata.nbgrader.grade_id = "other"

    assert any("must equal the cell id" in p for p in problems_after(good, mismatch))


def test_unbalanced_markers_are_refused(good):
    def unbalanced(nb):
        c = first_test(nb)
        c.source = c.source.replace("### END HIDDEN TESTS", "")

    assert any("unbalanced markers" in p for p in problems_after(good, unbalanced))


def test_structure_title_setup_summary(good):
    def no_summary(nb):
        nb.cells = [c for c in nb.cells if "## Summary" not in c.source]

    assert any("Summary" in p for p in problems_after(good, no_summary))

    def no_setup(nb):
        nb.cells = [c for c in nb.cells if c.id != "setup"]

    assert any("'setup' cell" in p for p in problems_after(good, no_setup))


def test_answer_constants_need_a_placeholder_before_the_solution_region(good):
    def drop_placeholder(nb):
        answer = next(c for c in nb.cells if "_COMPLEXITY = None" in c.source)
        answer.source = "\n".join(line for line in answer.source.splitlines() if "= None" not in line)

    assert any("needs a placeholder" in p for p in problems_after(good, drop_placeholder))
    assert not any("needs a placeholder" in p for p in problems_after(good, lambda nb: None))


def test_solution_markers_are_indented_like_the_code_they_enclose(good):
    def unindent_marker(nb):
        function = next(c for c in nb.cells if c.source.startswith("def ") and "    ### BEGIN SOLUTION" in c.source)
        function.source = function.source.replace("    ### BEGIN SOLUTION", "### BEGIN SOLUTION", 1)

    assert any("indent the marker" in p for p in problems_after(good, unindent_marker))
    assert not any("indent the marker" in p for p in problems_after(good, lambda nb: None))


def test_summary_must_not_restate_a_multiple_choice_answer(good):
    """A Summary that repeats the correct option's own words gives the answer away; a wrong option's do not."""
    from course.authoring.choices import choices

    (choice, *_) = choices(good[1])
    wrong = next(letter for letter in choice.options if letter != choice.answer)

    def say_in_summary(text):
        def change(nb):
            summary = next(c for c in nb.cells if c.cell_type == "markdown" and "## Summary" in c.source)
            summary.source = summary.source.replace("## Summary\n", f"## Summary\n\n- {text}\n", 1)
        return change

    restated = problems_after(good, say_in_summary(f"Remember: {choice.options[choice.answer]}."))
    assert any(f"restates the answer of {choice.name}" in p for p in restated), restated
    other = problems_after(good, say_in_summary(f"Remember: {choice.options[wrong]}."))
    assert not any("restates the answer" in p for p in other), other
    assert not any("restates the answer" in p for p in problems_after(good, lambda nb: None))


def test_an_option_wrapped_over_several_lines_is_read_whole():
    from course.authoring.choices import listed_options

    text = ('Set `ANSWER`.\n\n- `"a"`: Only an upper bound, set by the average\n  and the youngest age.\n'
            '- `"b"`: Nothing at all.\n\nCompared with: a reference.\n')
    assert listed_options(text) == {"a": "Only an upper bound, set by the average and the youngest age.",
                                    "b": "Nothing at all."}


def test_multiple_choice_answers_cannot_be_guessed_from_length_or_letter(course):
    """Across the course: the right letter is spread evenly, the right option is rarely the longest, and never much
    longer than its question's options on average (guessable answers cost no thinking)."""
    from collections import Counter

    from course.authoring.choices import choices

    questions = [c for m in course.assignments() for path in course.source_notebooks(m)
                 for c in choices(read_notebook(path)) if c.options]
    assert len(questions) >= 10, "the course's multiple-choice questions were not found"
    letters = Counter(q.answer for q in questions)
    assert max(letters.values()) - min(letters.values()) <= 2, f"right letters are not spread evenly: {letters}"
    longest = [q.name for q in questions if len(q.options[q.answer]) == max(map(len, q.options.values()))]
    assert len(longest) <= len(questions) // 4, f"the right option is the longest in {len(longest)}: {longest}"
    long = [q.name for q in questions
            if len(q.options[q.answer]) > 1.25 * sum(map(len, q.options.values())) / len(q.options)]
    assert not long, f"right options much longer than the others: {long}"


def test_tests_in_the_test_kernel_share_folders_module_attributes_and_threads_through_checks(good):
    def share_by_hand(nb):
        first_test(nb).source += (
            "\nwith tempfile.TemporaryDirectory() as folder_:\n    tempfile.tempdir = folder_\n"
            "    threading.Thread(target=print).start()\n"
        )

    found = problems_after(good, share_by_hand)
    for wanted in ("checks.temporary_folder()", "checks.patched(", "checks.concurrently("):
        assert any(wanted in p for p in found), f"no problem names {wanted}: {found}"

    def beside_the_learner(nb):
        share_by_hand(nb)
        nb.metadata["course"] = {"tests_in": "learner-kernel", "tests_in_why": "its tests need the learner's process"}

    assert not any("checks." in p for p in problems_after(good, beside_the_learner)), "allowed there"
