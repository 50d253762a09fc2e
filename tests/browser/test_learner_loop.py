"""The self-paced loop walked through by a new learner, in headless Chromium: the README's "For learners".

`make lab` on a workspace that does not exist yet creates it (a copy of the release; release/ stays untouched)
and opens JupyterLab there. The learner answers one exercise with a proven wrong variant (tests/variants: its
failing tests and its diagnosis are known), clicks Check: the feedback page opens beside the notebook with, for
the failing test, what was expected and what the code returned, and the variant's diagnosis in the hint ladder.
The learner types the model answer and checks again: the test passes. `course progress` (the CLI on the same
workspace, as in a Lab terminal) writes the dashboard, opened in Lab: two checks, the exercise passed. The model
answer, unlocked by the attempt (`course solution`), opens in Lab too. Each step has a screenshot.
"""

from __future__ import annotations

import hashlib
import re
import shlex
import subprocess
from pathlib import Path

import pytest

from course.layout import Course
from course.notebooks import grade_id, is_solution, read_notebook, solution_code
from course.proof.variants import load_variants
from tests.browser.conftest import start_lab
from tests.browser.test_check_button import check_button, click_check, latest_notification
from tests.browser.test_learner import cell, type_into, wait_until_idle
from tests.conftest import ROOT

pytestmark = pytest.mark.browser

MODULE, NOTEBOOK = "01_coding", "2_strings"
EXERCISE = "palindrome"
WRONG = "palindrome-no-casefold"  # fails test-palindrome-ascii and test-palindrome-unicode
SHOWN = "test-palindrome-ascii"  # the failing test whose expected-vs-got the learner reads
LAB_TIMEOUT = 120_000  # ms for JupyterLab to load a page, or a kernel to start, on a busy 2-core machine
CLI_TIMEOUT = 300  # s for `course progress` / `course solution`
COURSE = ROOT / ".venv" / "bin" / "course"


def tree_digest(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def course_cli(*args: str, cwd: Path) -> str:
    """Run the learner's `course` command as in a JupyterLab terminal of the workspace; its output."""
    done = subprocess.run([str(COURSE), *args], cwd=cwd, capture_output=True, text=True, timeout=CLI_TIMEOUT)
    assert done.returncode == 0, f"course {' '.join(args)}: exit {done.returncode}\n{done.stdout}\n{done.stderr}"
    return done.stdout


def module_row(progress_output: str) -> list[str]:
    """The module's row of the `course progress` table, split into its columns."""
    line = next(line for line in progress_output.splitlines() if line.startswith(MODULE))
    return re.split(r"\s{2,}", line.strip())


def html_frame(page):
    """The HTML page open in the current Lab tab (Lab shows HTML files in a sandboxed frame)."""
    return page.frame_locator(".jp-HTMLViewer:visible iframe").first


def open_in_lab(page, lab, path: str) -> None:
    """Open a file of the workspace in Lab (the URL a learner gets from the file browser) and wait for it."""
    page.goto(lab.open(path))
    page.locator(".lm-TabBar-tab.lm-mod-current", has_text=Path(path).name).first.wait_for(timeout=LAB_TIMEOUT)


@pytest.fixture
def new_learner(tmp_path):
    """`make lab` with LAB_ROOT a workspace folder that does not exist yet; release/ before and after."""
    root = tmp_path / "my-workspace"
    assert not root.exists()
    release = tree_digest(ROOT / "release")
    server, lab = start_lab("lab", tmp_path, {"LAB_ROOT": str(root)}, root)
    with server:
        yield lab, release
    assert tree_digest(ROOT / "release") == release, "the learner's loop changed release/"


def test_new_learner_walks_through_the_loop(new_learner, steps):
    lab, release_before = new_learner
    page, root = steps.page, lab.root
    course = Course(ROOT)

    # the workspace: every release notebook copied, byte for byte, with the workspace's record
    released = sorted(p.relative_to(course.release_dir) for p in course.release_dir.glob("*/*.ipynb"))
    copied = sorted(p.relative_to(root) for p in root.glob("*/*.ipynb"))
    assert released and copied == released, (released, copied)
    assert all((root / p).read_bytes() == (course.release_dir / p).read_bytes() for p in released)
    assert (root / ".course" / "manifest.json").is_file()

    source = read_notebook(course.source_dir / MODULE / f"{NOTEBOOK}.ipynb")
    answer = next(solution_code(c.source) for c in source.cells if is_solution(c) and grade_id(c) == EXERCISE)
    (variant,) = [v for v in load_variants(course, MODULE, NOTEBOOK) if v.name == WRONG]
    assert SHOWN in variant.fails
    path = root / MODULE / f"{NOTEBOOK}.ipynb"
    index = next(i for i, c in enumerate(read_notebook(path).cells) if is_solution(c) and grade_id(c) == EXERCISE)

    page.goto(lab.open(f"{MODULE}/{NOTEBOOK}.ipynb"))
    page.locator(".jp-NotebookPanel:visible .jp-Cell").first.wait_for(timeout=LAB_TIMEOUT)
    wait_until_idle(page, LAB_TIMEOUT)
    assert check_button(page).inner_text().strip() == "Check"
    steps.shot("make lab: the new workspace's notebook, Check in its toolbar")

    # a wrong answer, checked: the feedback page opens beside the notebook
    type_into(page, index, variant.cells[EXERCISE] + "\n")
    steps.shot("wrong answer typed")
    click_check(page, steps, "first check running")
    message = latest_notification(page)
    assert SHOWN in message, message
    page.locator(".lm-TabBar-tab", has_text=f"{NOTEBOOK}.html").first.wait_for(timeout=LAB_TIMEOUT)
    frame = html_frame(page)
    test = frame.locator(f"[id='{SHOWN}']")
    test.wait_for(timeout=LAB_TIMEOUT)
    test.scroll_into_view_if_needed()
    steps.shot("feedback page: the failing test, expected and got")
    assert "fail" in (test.get_attribute("class") or "")
    text = test.inner_text()
    assert re.search(r"Expected\s+True", text) and re.search(r"Your code returned\s+False", text), text

    diagnosis = frame.locator("details", has_text="what your failing tests suggest").first
    diagnosis.locator("summary").click()
    diagnosis.scroll_into_view_if_needed()
    steps.shot("feedback page: the diagnosis")
    assert variant.why in diagnosis.inner_text(), diagnosis.inner_text()

    before = module_row(course_cli("progress", "--workspace", str(root), cwd=root))
    assert before[4] == "1" and before[3].startswith("0/"), before  # checks, exercises passed

    # the model answer, checked again: the same tests pass
    page.locator(".jp-NotebookPanel .jp-Cell").first.click()  # the notebook is the current widget again
    type_into(page, index, answer)
    cell(page, index).scroll_into_view_if_needed()
    steps.shot("model answer typed")
    click_check(page, steps, "second check running")
    toast = page.locator(".Toastify__toast", has_text="autograded points").filter(has_not_text=SHOWN).first
    toast.wait_for(timeout=LAB_TIMEOUT)  # the second check's notification (the first one may still show)
    assert not any(name in toast.inner_text() for name in variant.fails), toast.inner_text()
    frame = html_frame(page)
    frame.locator(f"[id='{SHOWN}'].pass").wait_for(timeout=LAB_TIMEOUT)  # the tab reloads the page from disk
    for name in variant.fails:
        assert "pass" in (frame.locator(f"[id='{name}']").get_attribute("class") or ""), name
    frame.locator(f"[id='{SHOWN}']").scroll_into_view_if_needed()
    steps.shot("feedback page: the test passes")

    # progress: two checks, the exercise passed, on the dashboard opened in Lab
    after = module_row(course_cli("progress", "--workspace", str(root), cwd=root))
    assert after[4] == "2" and after[3].startswith("1/"), after
    open_in_lab(page, lab, "progress.html")
    frame = html_frame(page)
    row = frame.locator("tr", has_text=MODULE).first
    row.wait_for(timeout=LAB_TIMEOUT)
    steps.shot("progress dashboard in Lab")
    cells = [t.strip() for t in row.locator("td").all_inner_texts()]
    assert cells[3].startswith("1/") and cells[4] == "2", cells
    assert "2 checks" in frame.locator("p.meta").first.inner_text()

    # the model answer, unlocked by the attempt with the command the feedback page gives, opened in Lab
    open_in_lab(page, lab, f"{MODULE}/feedback/{NOTEBOOK}.html")
    rung = html_frame(page).locator("details", has_text=f"Model answer of {EXERCISE}").first
    rung.wait_for(timeout=LAB_TIMEOUT)
    command = re.search(r"`(course solution [^`]+)`", rung.text_content() or "")
    assert command, rung.text_content()
    printed = course_cli(*shlex.split(command.group(1))[1:], cwd=root)  # as typed in a Lab terminal (its root)
    model = Path(printed.split("Model answer:", 1)[1].strip())
    assert model.is_file() and model.is_relative_to(root), printed
    open_in_lab(page, lab, model.relative_to(root).as_posix())
    frame = html_frame(page)
    code = frame.locator("pre", has_text="def is_palindrome").first
    code.wait_for(timeout=LAB_TIMEOUT)
    steps.shot("model answer in Lab")
    assert "casefold()" in code.inner_text() and "Model answer" in frame.locator("h2").first.inner_text()

    assert tree_digest(ROOT / "release") == release_before
