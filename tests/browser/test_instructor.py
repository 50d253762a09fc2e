"""An instructor in a real JupyterLab (`make lab-instructor`) with nbgrader's formgrader, in headless Chromium.

The course (a scratch copy) has two graded submissions of one module. The instructor opens the formgrader from
the Nbgrader menu, sees every module and the submissions, opens a learner's notebook and gives points for the
written answer; the test reads the grade back from the gradebook database.
"""

from __future__ import annotations

import time

import pytest

from course.grading.grade import grade_all
from course.nbgrader_api import open_gradebook
from course.notebooks import grade_id, is_manual, read_notebook
from course.proof.variants import Profile, write_submission
from course.workspace import Workspace
from tests.browser.conftest import start_lab

pytestmark = pytest.mark.browser

MODULE, NOTEBOOK = "01_coding", "2_strings"
LEARNERS = {"alice": Profile("all"), "bob": Profile("none")}
MANUAL_POINTS = 3


@pytest.fixture
def graded_course(course_copy):
    """The scratch course with `alice` and `bob` submitted and autograded (one notebook each, to stay quick)."""
    workspace = Workspace.of_course(course_copy)
    for student, profile in LEARNERS.items():
        write_submission(course_copy, course_copy.root / "submitted", student, MODULE, {NOTEBOOK: profile})
    outcomes = grade_all(workspace, MODULE, sorted(LEARNERS), workers=2)
    assert all(o.graded for o in outcomes), [(o.student, o.error) for o in outcomes]
    return course_copy, workspace


@pytest.fixture
def instructor_lab(graded_course, tmp_path):
    course, _ = graded_course
    server, lab = start_lab("lab-instructor", tmp_path, {"COURSE_DIR": str(course.root)}, course.root)
    with server:
        yield lab


def manual_score(workspace: Workspace, cell_id: str, student: str):
    with open_gradebook(workspace) as gradebook:
        return gradebook.find_grade(cell_id, NOTEBOOK, MODULE, student).manual_score


def test_instructor_grades_a_written_answer_in_the_formgrader(graded_course, instructor_lab, steps):
    course, workspace = graded_course
    page = steps.page
    written = next(grade_id(c) for c in read_notebook(course.source_dir / MODULE / f"{NOTEBOOK}.ipynb").cells
                   if is_manual(c))
    assert manual_score(workspace, written, "alice") is None

    page.goto(instructor_lab.open())
    page.locator("#jp-MainMenu").get_by_text("Nbgrader", exact=True).click()
    menu = page.locator(".lm-Menu:visible").last
    labels = [t.strip() for t in menu.locator(".lm-Menu-itemLabel").all_inner_texts() if t.strip()]
    steps.shot("nbgrader menu of an instructor")
    assert "Formgrader" in labels and any("Assignment List" in t for t in labels), labels
    menu.get_by_text("Formgrader", exact=True).click()

    # Manage Assignments: every module of the course, and the two submissions of the graded one
    grader = page.frame_locator(".jp-MainAreaWidget:visible iframe")
    table = grader.locator("table")
    table.get_by_text(MODULE, exact=True).wait_for()
    steps.shot("formgrader: manage assignments")
    for module in course.assignments():
        assert table.get_by_text(module, exact=True).count() == 1, f"{module} is not listed in the formgrader"
    row = grader.locator("tr", has=grader.get_by_text(MODULE, exact=True))
    row.locator("a", has_text=str(len(LEARNERS))).first.click()  # the submissions count links to them
    submissions = grader.locator("table")
    for student in LEARNERS:
        submissions.get_by_text(student).first.wait_for()
    steps.shot("formgrader: submissions of the module")

    # Manage Students -> alice -> the module -> the notebook: the grading form of her submission
    grader.get_by_role("link", name="Manage Students").click()
    grader.locator("tbody tr", has_text="alice").get_by_role("link").first.click()
    grader.locator("tbody tr", has_text=MODULE).get_by_role("link").first.click()
    grader.locator("tbody tr", has_text=NOTEBOOK).get_by_role("link").first.click()
    score = grader.locator(f"input.score#{written}")
    score.wait_for()
    score.scroll_into_view_if_needed()
    steps.shot("formgrader: alice's notebook, written answer to grade")

    score.fill(str(MANUAL_POINTS))
    score.press("Tab")  # leaving the field saves the grade
    deadline = time.monotonic() + 20
    while manual_score(workspace, written, "alice") != MANUAL_POINTS and time.monotonic() < deadline:
        time.sleep(0.25)
    steps.shot("formgrader: written answer graded")
    assert manual_score(workspace, written, "alice") == MANUAL_POINTS
    assert manual_score(workspace, written, "bob") is None
