"""The Check button of a learner's JupyterLab (`make lab`), in headless Chromium.

A learner opens a notebook of the real course, types a wrong answer into its first exercise (a proven wrong
variant from tests/variants, so which tests fail is known), and clicks Check in the notebook's toolbar: the button
says the check is running, the notebook is saved, and the feedback page opens in a Lab tab beside the notebook
with the failing test. The learner types the model answer and clicks again: the same tests pass, on the page that
was reloaded in the same tab. A notebook that is not one of the course's gets a dialog with the one-line reason.
"""

from __future__ import annotations

import re
import shutil
import time

import nbformat
import pytest

from course.layout import Course
from course.notebooks import grade_id, is_solution, read_notebook, solution_code
from course.proof.variants import load_variants
from tests.browser.conftest import start_lab
from tests.browser.test_learner import cell, type_into, wait_until_idle
from tests.conftest import ROOT

pytestmark = pytest.mark.browser

MODULE, NOTEBOOK = "01_coding", "2_strings"
EXERCISE = "palindrome"
WRONG = "palindrome-no-casefold"  # fails exactly test-palindrome-ascii and test-palindrome-unicode
CHECK_TIMEOUT = 300_000  # ms for one `course check` of the notebook on a busy 2-core machine
COMMAND_LABEL = "Check Notebook (every test, with feedback)"
SCORE = re.compile(r"([\d.]+)\s*/\s*([\d.]+) points?")  # a test's line on the learner's feedback page


@pytest.fixture
def learner_lab(tmp_path):
    """`make lab` on a private copy of the module, and a notebook that is not one of the course's."""
    root = tmp_path / "learner"
    shutil.copytree(ROOT / "release" / MODULE, root / MODULE)
    kernel = read_notebook(root / MODULE / f"{NOTEBOOK}.ipynb").metadata.kernelspec  # no kernel dialog on open
    nbformat.write(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("print('hello')")],
                                            metadata={"kernelspec": kernel}), root / "scratch.ipynb")
    server, lab = start_lab("lab", tmp_path, {"LAB_ROOT": str(root)}, root)
    with server:
        yield lab


def check_button(page):
    return page.locator(".jp-NotebookPanel:visible .course-CheckButton button")


def click_check(page, steps, name: str) -> None:
    """Click Check; the button says the check runs (disabled, "Checking… N s") until it ends."""
    button = check_button(page)
    button.click()
    page.wait_for_function(
        "() => [...document.querySelectorAll('.course-CheckButton button')].some(b => b.disabled && "
        "b.textContent.startsWith('Checking'))", timeout=30_000, polling=100)
    steps.shot(name)
    page.wait_for_function(
        "() => [...document.querySelectorAll('.course-CheckButton button')].every(b => !b.disabled)",
        timeout=CHECK_TIMEOUT, polling=500)
    assert button.inner_text().strip() == "Check"


def feedback_scores(page, tests: list[str]) -> dict[str, tuple[float, float]]:
    """Score and maximum of each test on the feedback page open in Lab (the test's block on the page)."""
    frame = page.frame_locator(".jp-HTMLViewer:visible iframe").first
    scores = {}
    for test in tests:
        panel = frame.locator(f"[id='{test}']")
        panel.wait_for(timeout=30_000)
        found = SCORE.search(panel.inner_text())
        assert found, f"no score for {test} on the feedback page: {panel.inner_text()[:300]}"
        scores[test] = (float(found.group(1)), float(found.group(2)))
    return scores


def latest_notification(page) -> str:
    """The text of the check's notification (the newest toast) once the check has ended."""
    toast = page.locator(".Toastify__toast", has_text="autograded points").first
    toast.wait_for(timeout=30_000)
    return toast.inner_text()


def test_check_button_opens_feedback_then_passes_after_the_fix(learner_lab, steps):
    page = steps.page
    path = learner_lab.root / MODULE / f"{NOTEBOOK}.ipynb"
    release = read_notebook(path)
    source = read_notebook(ROOT / "source" / MODULE / f"{NOTEBOOK}.ipynb")
    index = next(i for i, c in enumerate(release.cells) if is_solution(c) and grade_id(c) == EXERCISE)
    answer = next(solution_code(c.source) for c in source.cells if is_solution(c) and grade_id(c) == EXERCISE)
    (variant,) = [v for v in load_variants(Course(ROOT), MODULE, NOTEBOOK) if v.name == WRONG]
    wrong = variant.cells[EXERCISE] + "\n"
    failing = sorted(variant.fails)

    page.goto(learner_lab.open(f"{MODULE}/{NOTEBOOK}.ipynb"))
    page.locator(".jp-NotebookPanel:visible .jp-Cell").first.wait_for()
    wait_until_idle(page, 90_000)
    assert check_button(page).inner_text().strip() == "Check"
    steps.shot("notebook opened, Check in its toolbar")

    # the same command in the notebook's context menu and in the command palette
    cell(page, index).click(button="right")
    page.locator(".lm-Menu:visible").get_by_text(COMMAND_LABEL, exact=True).wait_for(timeout=10_000)
    steps.shot("check in the notebook's context menu")
    page.keyboard.press("Escape")
    page.keyboard.press("Control+Shift+C")
    page.locator(".lm-CommandPalette-input:visible").fill("Check Notebook")
    palette_item = page.locator(".lm-CommandPalette-item:visible", has_text=COMMAND_LABEL)
    palette_item.first.wait_for(timeout=10_000)
    steps.shot("check in the command palette")
    page.keyboard.press("Escape")

    # a wrong answer, not saved: Check saves it, checks it and opens the feedback page in a tab
    type_into(page, index, wrong)
    steps.shot("wrong answer typed")
    click_check(page, steps, "check running")
    message = latest_notification(page)
    assert "kept == kept[::-1]" in path.read_text(), "Check did not save the notebook first"
    tab = page.locator(".lm-TabBar-tab", has_text=f"{NOTEBOOK}.html")
    tab.first.wait_for(timeout=30_000)
    steps.shot("feedback page open beside the notebook, failing test")
    assert failing[0] in message, message
    scores = feedback_scores(page, failing)
    assert all(score < maximum for score, maximum in scores.values()), scores

    # the model answer: the same tests pass on the page reloaded in the same tab
    page.locator(".jp-NotebookPanel .jp-Cell").first.click()  # the notebook is the current widget again
    type_into(page, index, answer)
    cell(page, index).scroll_into_view_if_needed()
    steps.shot("answer fixed")
    click_check(page, steps, "second check running")
    message = latest_notification(page)
    assert not any(test in message for test in failing), message
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        scores = feedback_scores(page, failing)
        if all(score == maximum for score, maximum in scores.values()):
            break
        page.wait_for_timeout(500)  # the tab reloads the page from disk
    steps.shot("feedback page reloaded, the tests pass")
    assert all(score == maximum for score, maximum in scores.values()), scores
    assert tab.count() == 1, "the second check should reuse the feedback tab"


def test_check_button_gives_the_reason_when_the_check_cannot_run(learner_lab, steps):
    page = steps.page
    page.goto(learner_lab.open("scratch.ipynb"))
    page.locator(".jp-NotebookPanel:visible .jp-Cell").first.wait_for()
    wait_until_idle(page, 90_000)
    check_button(page).click()
    dialog = page.locator(".jp-Dialog")
    dialog.wait_for(timeout=CHECK_TIMEOUT)
    steps.shot("the reason the check could not run")
    text = dialog.inner_text()
    assert "could not run" in text and "not a notebook of this course" in text, text
