"""A self-paced learner in a real JupyterLab (`make lab`), in headless Chromium.

The learner opens a module notebook, runs all cells and reads the public test messages, types solutions into
the cells, runs again, and nbgrader's Validate button reports success. The lab shows the learner's nbgrader tools
(assignment list, Validate) and none of the instructor's (formgrader, course list, create assignment).
"""

from __future__ import annotations

import shutil

import pytest

from course.notebooks import grade_id, is_solution, read_notebook, solution_code
from tests.browser.conftest import start_lab
from tests.conftest import ROOT

pytestmark = pytest.mark.browser

MODULE, NOTEBOOK = "01_coding", "2_strings"
FIRST = "palindrome"  # the first solution cell; its public tests come right after it
RUN_TIMEOUT = 120_000  # ms for "Run All Cells" on one core
WRITTEN_ANSWER = ("The full table costs O(mn) memory; keeping two rows gives O(min(m, n)) for the length, "
                  "but reconstructing the subsequence then needs Hirschberg's divide and conquer.")


@pytest.fixture
def learner_lab(tmp_path):
    """`make lab` on a private copy of the module (the learner's notebooks are edited and saved)."""
    root = tmp_path / "learner"
    shutil.copytree(ROOT / "release" / MODULE, root / MODULE)
    server, lab = start_lab("lab", tmp_path, {"LAB_ROOT": str(root)}, root)
    with server:
        yield lab


def cell(page, index: int):
    return page.locator(".jp-NotebookPanel:visible .jp-Notebook .jp-Cell").nth(index)


def wait_until_idle(page, timeout: float = RUN_TIMEOUT) -> None:
    """The kernel is idle and no cell is queued or running."""
    page.wait_for_function(
        """() => {
            const panel = [...document.querySelectorAll('.jp-NotebookPanel')].find(p => p.offsetParent !== null);
            if (!panel) return false;
            const busy = [...panel.querySelectorAll('.jp-InputPrompt')].some(p => p.textContent.includes('*'));
            const bar = document.querySelector('#jp-main-statusbar');
            return !busy && bar !== null && bar.textContent.includes('| Idle');
        }""",
        timeout=timeout,
        polling=250,
    )


def run_all(page) -> None:
    """Run All Cells, then wait until the run has started (the first code cell is queued or has run) and ended."""
    before = page.evaluate("() => [...document.querySelectorAll('.jp-NotebookPanel:not(.lm-mod-hidden) "
                           ".jp-InputPrompt')].map(p => p.textContent).join('|')")
    page.locator("#jp-MainMenu").get_by_text("Run", exact=True).click()
    page.locator(".lm-Menu:visible").get_by_text("Run All Cells", exact=True).click()
    page.wait_for_function(
        """(before) => [...document.querySelectorAll('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-InputPrompt')]
            .map(p => p.textContent).join('|') !== before""",
        arg=before, timeout=RUN_TIMEOUT, polling=100,
    )
    wait_until_idle(page)


def type_into(page, index: int, text: str) -> None:
    """Open a cell's editor (a rendered Markdown cell opens with Enter), select its text and type over it."""
    target = cell(page, index)
    target.scroll_into_view_if_needed()
    if "jp-MarkdownCell" in (target.get_attribute("class") or ""):
        target.click()
        page.keyboard.press("Enter")
    editor = target.locator(".cm-content")
    editor.click()
    page.keyboard.press("Control+A")
    page.keyboard.press("Delete")
    page.keyboard.insert_text(text)
    page.keyboard.press("Escape")  # back to command mode


STDERR = ".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']"


def errors(page):
    return page.locator(f".jp-NotebookPanel:visible {STDERR}")


def test_learner_runs_checks_solves_and_validates(learner_lab, steps):
    page = steps.page
    release = read_notebook(learner_lab.root / MODULE / f"{NOTEBOOK}.ipynb")
    source = read_notebook(ROOT / "source" / MODULE / f"{NOTEBOOK}.ipynb")
    answers = {grade_id(c): solution_code(c.source) if c.cell_type == "code" else WRITTEN_ANSWER
               for c in source.cells if is_solution(c)}
    solution_cells = [(i, grade_id(c)) for i, c in enumerate(release.cells) if is_solution(c)]
    assert solution_cells[0][1] == FIRST

    page.goto(learner_lab.open(f"{MODULE}/{NOTEBOOK}.ipynb"))
    page.locator(".jp-NotebookPanel:visible .jp-Cell").first.wait_for()
    wait_until_idle(page, 90_000)  # the kernel has started
    steps.shot("notebook opened")

    # the learner's nbgrader menu: the assignment list, and no instructor tools
    page.locator("#jp-MainMenu").get_by_text("Nbgrader", exact=True).click()
    menu = page.locator(".lm-Menu:visible").last
    menu.wait_for()
    labels = [t.strip() for t in menu.locator(".lm-Menu-itemLabel").all_inner_texts() if t.strip()]
    steps.shot("nbgrader menu of a learner")
    page.keyboard.press("Escape")
    assert any("Assignment List" in t for t in labels), labels
    assert not [t for t in labels if "Formgrader" in t or "Course" in t or "Create" in t], labels
    assert page.get_by_role("button", name="Validate").count() == 1

    # untouched notebook: the public tests say what is missing
    run_all(page)
    message = page.get_by_text("is_palindrome() not attempted yet").first
    message.scroll_into_view_if_needed()
    steps.shot("run all on the release notebook: public test messages")
    assert message.is_visible()

    # one correct solution: its public tests pass, the run stops at the next exercise
    first_index = solution_cells[0][0]
    type_into(page, first_index, answers[FIRST])
    steps.shot("palindrome solution typed")
    run_all(page)
    tests_after_first = [i for i in range(first_index + 1, solution_cells[1][0])
                         if release.cells[i].cell_type == "code"]
    for index in tests_after_first:
        assert cell(page, index).locator(STDERR).count() == 0, (
            f"public test in cell {index} should pass with the reference solution")
    assert page.get_by_text("is_palindrome() not attempted yet").count() == 0
    next_exercise = cell(page, solution_cells[1][0])
    next_exercise.scroll_into_view_if_needed()
    next_exercise.wait_for(state="visible")
    steps.shot("palindrome tests pass, next exercise still open")

    # every exercise answered, the written follow-up too: all public tests pass
    for index, cell_id in solution_cells[1:]:
        type_into(page, index, answers[cell_id])
    run_all(page)
    steps.shot("all exercises answered and run", full_page=False)
    assert errors(page).count() == 0, errors(page).all_inner_texts()[:3]

    # nbgrader's Validate button runs the notebook on the server and reports success
    page.get_by_role("button", name="Validate").click()
    result = page.locator(".validation-success, .validation-failed, .validation-error").first
    result.wait_for(timeout=RUN_TIMEOUT)
    steps.shot("validate result")
    assert "Success! Your notebook passes all the tests." in result.inner_text(), result.inner_text()
