"""The first try, as a new learner and a new instructor meet it: a fresh folder, the README's commands, the course's
own JupyterLab settings (no test-only settings) and a shell whose PATH lacks the course environment.

- A learner opens a notebook: it is not marked modified, no news pop-up appears; `course` runs in Lab's terminal,
  and the feedback page it writes opens in Lab, with its math rendered.
- An instructor opens the formgrader on a course that has no gradebook yet: it loads (no endless "Loading").
- After the demo, one command opens the demo cohort in the formgrader, with submissions and written answers.
"""

from __future__ import annotations

import shutil
import time

import pytest

from course.demo import run_demo
from course.proof.simulated import ROSTER
from tests.browser.conftest import start_lab
from tests.browser.test_learner import wait_until_idle

pytestmark = pytest.mark.browser

MODULE, NOTEBOOK = "01_alpha", "1_sums"  # the fixture course (instructor tests)
LEARNER_MODULE, LEARNER_NOTEBOOK = "01_coding", "3_data_structures"  # `course check` checks the installed course


@pytest.fixture
def learner_lab(course, tmp_path):
    root = tmp_path / "learner"
    shutil.copytree(course.release_dir / LEARNER_MODULE, root / LEARNER_MODULE)
    server, lab = start_lab("lab", tmp_path, {"LAB_ROOT": str(root)}, root, as_shipped=True)
    with server:
        yield lab


def test_a_new_learner_checks_a_notebook_in_lab_and_opens_its_feedback(learner_lab, steps, monkeypatch):
    page = steps.page
    page.goto(learner_lab.open(f"{LEARNER_MODULE}/{LEARNER_NOTEBOOK}.ipynb"))
    page.locator(".jp-NotebookPanel:visible .jp-Cell").first.wait_for()
    wait_until_idle(page, 90_000)  # the kernel has started and sent its language_info
    steps.shot("notebook opened")
    assert page.locator(".lm-TabBar-tab.jp-mod-dirty").count() == 0, "an untouched notebook shows as modified"
    assert page.locator(".Toastify__toast").count() == 0, page.locator(".Toastify__toast").all_inner_texts()

    page.locator("#jp-MainMenu").get_by_text("File", exact=True).click()
    page.locator(".lm-Menu:visible").get_by_text("New", exact=True).click()
    page.locator(".lm-Menu:visible").get_by_text("Terminal", exact=True).last.click()
    screen = page.locator(".jp-Terminal:visible").first
    screen.wait_for()
    screen.click()
    page.keyboard.type(f"course check {LEARNER_MODULE}/{LEARNER_NOTEBOOK}.ipynb; echo $? > .exit-status\n")
    status = learner_lab.root / ".exit-status"
    feedback = learner_lab.root / LEARNER_MODULE / "feedback" / f"{LEARNER_NOTEBOOK}.html"
    deadline = time.monotonic() + 240
    while not status.exists() and time.monotonic() < deadline:
        page.wait_for_timeout(250)  # polls a file the terminal's command writes
    steps.shot("course check in Lab's terminal")
    assert status.exists(), "course check did not finish in Lab's terminal"
    code = status.read_text().strip()
    assert code != "127", "`course` is not on the PATH of Lab's terminal"
    assert code == "1", f"an untouched notebook fails its tests (exit 1), got exit {code}"
    assert feedback.exists(), "course check did not write its feedback page beside the notebook"

    page.goto(learner_lab.open(f"{LEARNER_MODULE}/feedback/{LEARNER_NOTEBOOK}.html"))
    frame = page.frame_locator("iframe").first
    frame.locator("text=Score").first.wait_for(timeout=30_000)
    steps.shot("feedback page opened in Lab")
    assert frame.locator("math").count() > 0, "the feedback page's math should be MathML"


@pytest.fixture
def fresh_course(mini_course):
    assert not (mini_course.root / "gradebook.db").exists()
    return mini_course


def open_formgrader(page, lab) -> None:
    page.goto(f"{lab.url}/formgrader?token={lab.token}")


def test_the_formgrader_loads_on_a_course_without_a_gradebook(fresh_course, tmp_path, steps):
    server, lab = start_lab("formgrader", tmp_path, {"COURSE_DIR": str(fresh_course.root)}, fresh_course.root,
                            as_shipped=True)
    with server:
        page = steps.page
        open_formgrader(page, lab)
        page.get_by_text(MODULE, exact=True).first.wait_for(timeout=60_000)
        steps.shot("formgrader on a fresh course")
        assert page.get_by_text("Loading, please wait").count() == 0 or not page.get_by_text(
            "Loading, please wait").first.is_visible()
    assert "alembic" not in lab.log.read_text().lower() or "FileNotFoundError" not in lab.log.read_text()


def test_after_the_demo_one_command_opens_its_cohort_in_the_formgrader(mini_course, tmp_path, steps):
    assert run_demo(mini_course, workers=2, say=lambda _: None, assignments=[MODULE]) == 0
    demo = mini_course.root / "demo"
    server, lab = start_lab("formgrader", tmp_path, {"COURSE_DIR": str(demo)}, demo, as_shipped=True)
    with server:
        page = steps.page
        open_formgrader(page, lab)
        page.get_by_text(MODULE, exact=True).first.wait_for(timeout=60_000)
        steps.shot("demo cohort in the formgrader")
        page.goto(f"{lab.url}/formgrader/gradebook/{MODULE}/{NOTEBOOK}?token={lab.token}")
        page.get_by_text("Submission #1", exact=True).first.wait_for(timeout=30_000)
        steps.shot("demo submissions of a notebook, written answers waiting for a grade")
        rows = page.locator("table tbody tr")
        assert rows.count() >= len(ROSTER) - 1, rows.all_inner_texts()  # one learner's notebook is broken JSON
        waiting = page.evaluate("""() => {
            const headers = [...document.querySelectorAll('table thead th')].map(h => h.innerText.trim());
            const column = headers.findIndex(h => h.startsWith('Needs Manual Grade'));
            return [...document.querySelectorAll('table tbody tr')]
                .filter(r => r.children[column] && r.children[column].innerHTML.trim() !== '').length;
        }""")
        assert waiting > 0, "the demo's written answers should wait for a manual grade"
