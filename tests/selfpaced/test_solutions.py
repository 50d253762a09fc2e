"""Model answers after a real attempt: `course solution` stays locked until a recorded check ran the learner's code
for the exercise; written questions show the rubric, never the model answer; instructors release model answers of
a cohort after the due date (and every extension), never with hidden tests."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from course.cli import main
from course.errors import CourseError
from course.hidden import secret_lines
from course.notebooks import read_notebook, write_notebook
from course.proof.variants import Profile, learner_notebook
from course.selfpaced import progress
from course.selfpaced.solutions import Locked, lock_reason, release_solutions, unlock
from course.selfpaced.workspace import LearnerWorkspace, start

MODULE = "01_alpha"


@pytest.fixture
def workspace(mini_course, tmp_path, monkeypatch):
    monkeypatch.setenv("COURSE_ROOT", str(mini_course.root))
    monkeypatch.delenv("COURSE_MODEL_ANSWERS", raising=False)
    ws = LearnerWorkspace(tmp_path / "ws")
    start(mini_course, ws)
    return ws


def record(ws, test, exercise, status):
    progress.record(ws.progress_db, MODULE, "1_sums", ws.root / MODULE / "1_sums.ipynb",
                    [progress.Outcome(test, exercise, False, status, 0.0, 2.0, "")], 1.0, True)


def test_a_model_answer_stays_locked_without_an_attempt(mini_course, workspace, capsys):
    notebook = str(workspace.root / MODULE / "1_sums.ipynb")
    assert main(["solution", notebook, "add"]) == 1
    assert "locked" in capsys.readouterr().out
    record(workspace, "test-add", "add", "not attempted")
    with pytest.raises(Locked, match="until a recorded check ran your code"):
        unlock(mini_course, notebook, "add")
    record(workspace, "test-add", "add", "not run")
    with pytest.raises(Locked):
        unlock(mini_course, notebook, "add")
    assert not (workspace.root / MODULE / "solutions").exists(), "nothing of the model answer was written"


def test_a_real_attempt_unlocks_the_model_answer_and_its_explanation(mini_course, workspace, capsys):
    record(workspace, "test-add", "add", "fail")
    assert main(["solution", str(workspace.root / MODULE / "1_sums.ipynb"), "add"]) == 0
    page_path = workspace.root / MODULE / "solutions" / "1_sums" / "add.html"
    assert f"Model answer: {page_path}" in capsys.readouterr().out
    page = page_path.read_text()
    assert "return a + b" in page and "BEGIN SOLUTION" not in page
    assert "a sum grows with both arguments" in page, "the mistakes the course knows, as explanation"
    source = read_notebook(mini_course.source_dir / MODULE / "1_sums.ipynb")
    assert not [line for line in secret_lines(source) if line in page], "no hidden test text"
    assert progress.unlocked(workspace.progress_db, MODULE, "1_sums") == {"add"}
    with pytest.raises(Locked):
        unlock(mini_course, str(workspace.root / MODULE / "1_sums.ipynb"), "add-cost")


def test_unknown_exercises_and_cohorts_are_refused(mini_course, workspace, monkeypatch):
    record(workspace, "test-add", "add", "fail")
    monkeypatch.chdir(workspace.root)  # as in a terminal of the learner's JupyterLab
    with pytest.raises(CourseError, match="not an exercise of 01_alpha/1_sums; its exercises: add, add-cost"):
        unlock(mini_course, f"{MODULE}/1_sums", "nope")
    monkeypatch.setenv("COURSE_MODEL_ANSWERS", "instructor")
    with pytest.raises(Locked, match="released by your instructor"):
        unlock(mini_course, str(workspace.root / MODULE / "1_sums.ipynb"), "add")


def test_the_command_the_feedback_page_gives_works_in_a_terminal_of_the_workspace(mini_course, workspace, capsys,
                                                                                  monkeypatch):
    """JupyterLab's terminals open in the workspace's root, not beside the notebook: the page's command names the
    notebook by its path in the workspace, so that it runs there as shown (and from any folder inside)."""
    from types import SimpleNamespace

    record(workspace, "test-add", "add", "fail")
    report = SimpleNamespace(path=workspace.root / MODULE / "1_sums.ipynb", assignment=MODULE, notebook="1_sums")
    reason = lock_reason(mini_course, workspace, report, "add")
    command = reason.split("`")[1]
    assert command == f"course solution {MODULE}/1_sums.ipynb add", reason
    for folder in (workspace.root, workspace.root / MODULE):
        monkeypatch.chdir(folder)
        assert main(command.split()[1:]) == 0, capsys.readouterr()
        assert "Model answer:" in capsys.readouterr().out


@pytest.mark.integration
def test_the_feedback_page_links_to_an_unlocked_model_answer(mini_course, workspace):
    from course.selfpaced.loop import self_check

    path = workspace.root / MODULE / "1_sums.ipynb"
    release = read_notebook(path)
    source = read_notebook(mini_course.source_dir / MODULE / "1_sums.ipynb")
    write_notebook(learner_notebook(release, source, Profile("first:1")), path)
    (first,) = self_check(mini_course, [path])
    page = first.feedback.read_text()
    assert "Model answer of <code>add</code> (locked)" in page and f"course solution {MODULE}/1_sums.ipynb add" in page
    assert "Rubric criteria" in page and "arbitrary precision" not in page
    unlock(mini_course, str(path), "add")
    (second,) = self_check(mini_course, [path])
    assert "href='../solutions/1_sums/add.html'" in second.feedback.read_text()


# --------------------------------------------------------------------------------------------- cohorts
def set_due(course, due, extension=None):
    from course.grading.deadlines import grant_extension, set_due_date
    from course.grading.grade import ensure_assignment
    from course.workspace import Workspace

    workspace = Workspace.of_course(course)
    ensure_assignment(workspace, MODULE)
    set_due_date(workspace, MODULE, due)
    if extension:
        grant_extension(workspace, MODULE, "late-learner", extension)


@pytest.mark.integration
def test_release_solutions_waits_for_the_due_date_and_every_extension(mini_course, capsys, monkeypatch):
    monkeypatch.setenv("COURSE_ROOT", str(mini_course.root))
    with pytest.raises(CourseError, match="no due date is set"):
        release_solutions(mini_course, MODULE)
    due = datetime(2026, 12, 1, 23, 59)
    set_due(mini_course, due, timedelta(days=2))
    with pytest.raises(CourseError, match="with an extension of 2 days"):
        release_solutions(mini_course, MODULE, now=due + timedelta(days=1))
    released = release_solutions(mini_course, MODULE, now=due + timedelta(days=3))
    assert not released.forced and len(released.notebooks) == len(released.pages) == 2
    sums = read_notebook(mini_course.root / "solutions" / MODULE / "1_sums.ipynb")
    text = "\n".join(c.source for c in sums.cells)
    assert "return a + b" in text and "Python integers have arbitrary precision" in text
    assert "BEGIN HIDDEN TESTS" not in text and "np.random.default_rng(101)" not in text
    page = (mini_course.root / "solutions" / MODULE / "1_sums.html").read_text()
    assert "default_rng(101)" not in page and "<script" not in page


@pytest.mark.integration
def test_release_solutions_before_the_due_date_needs_force(mini_course, capsys, monkeypatch):
    monkeypatch.setenv("COURSE_ROOT", str(mini_course.root))
    set_due(mini_course, datetime.now() + timedelta(days=7))
    assert main(["release-solutions", MODULE]) == 2
    assert "not releasing model answers" in capsys.readouterr().err
    assert main(["release-solutions", MODULE, "--force"]) == 0
    assert "warning: --force" in capsys.readouterr().err
