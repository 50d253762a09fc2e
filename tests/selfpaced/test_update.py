"""`course update` never loses an answer: cells matched by id, the course's cells replaced, solution cells kept, a new
exercise added where it belongs, a removed one kept and flagged, a backup of every changed notebook first; on the
fixture course for every rule, and on a real change of `01_coding/1_ml_coding` between two commits."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_output

from course.cli import main
from course.layout import Course
from course.notebooks import grade_id, is_solution, read_notebook, solution_code, write_notebook
from course.selfpaced.update import REMOVED_NOTE, update
from course.selfpaced.workspace import LearnerWorkspace, start
from tests.conftest import ROOT

MODULE = "01_alpha"
OLD_COMMIT = "94b4582"  # release/01_coding/1_ml_coding.ipynb before the commits that added two exercises
OLD_NOTEBOOK = ROOT / "tests" / "fixtures" / "updates" / f"01_coding-1_ml_coding-{OLD_COMMIT}.ipynb"


def cell(nb, cell_id):
    return next(c for c in nb.cells if c.get("id") == cell_id)


def edit(path: Path, change) -> None:
    nb = read_notebook(path)
    change(nb)
    write_notebook(nb, path)


@pytest.fixture
def workspace(mini_course, tmp_path) -> LearnerWorkspace:
    """A started workspace on the fixture course, with answers typed into 1_sums."""
    ws = LearnerWorkspace(tmp_path / "ws")
    start(mini_course, ws)

    def answer(nb):
        cell(nb, "add").source = "def add(a, b):\n    return a + b  # mine"
        cell(nb, "add-cost").source = 'ADD_COST = "a"  # mine'
        cell(nb, "followup-add").source = "It is linear in the number of digits (mine)."
        cell(nb, "setup").outputs = [new_output("stream", name="stdout", text="numpy 2\n")]
        nb.cells.insert(3, new_code_cell("print('my scratch cell')", id="my-scratch"))

    edit(ws.root / MODULE / "1_sums.ipynb", answer)
    return ws


def new_release(course: Course, change) -> None:
    """What `course build` would write after an author's change: the release notebook, edited."""
    edit(course.release_dir / MODULE / "1_sums.ipynb", change)


def test_an_unchanged_release_changes_nothing(mini_course, workspace):
    before = (workspace.root / MODULE / "1_sums.ipynb").read_bytes()
    report = update(mini_course, workspace)
    assert not report.changed and not report.files and report.backup is None
    assert (workspace.root / MODULE / "1_sums.ipynb").read_bytes() == before


def test_answers_stay_and_the_courses_cells_are_replaced(mini_course, workspace):
    def change(nb):
        cell(nb, "ex1-task").source += "\n\nNew: integers of any size."
        cell(nb, "test-add").source = cell(nb, "test-add").source.replace('what="add(2, 3)"', 'what="add 2 and 3"')
        cell(nb, "add").source = "def add(a, b):\n    # sum of two numbers\n    raise NotImplementedError()"

    new_release(mini_course, change)
    report = update(mini_course, workspace)
    nb = read_notebook(workspace.root / MODULE / "1_sums.ipynb")
    assert cell(nb, "add").source.endswith("# mine") and cell(nb, "add-cost").source.endswith("# mine")
    assert "(mine)" in cell(nb, "followup-add").source
    assert "New: integers of any size." in cell(nb, "ex1-task").source
    assert 'what="add 2 and 3"' in cell(nb, "test-add").source
    assert cell(nb, "setup").outputs, "a cell the course did not change keeps the learner's outputs"
    ids = [c.get("id") for c in nb.cells]
    assert ids.index("my-scratch") == ids.index("ex1-task") + 1, "the learner's own cell stays where it was"
    (changes,) = report.changed
    assert set(changes.replaced) == {"ex1-task", "test-add"} and changes.starter_changed == ["add"]
    assert changes.answers == 3 and changes.own_cells == 1
    backup = report.backup / MODULE / "1_sums.ipynb"
    assert cell(read_notebook(backup), "add").source.endswith("# mine"), "the backup is the notebook before"


def test_a_new_exercise_is_added_where_the_release_has_it(mini_course, workspace):
    def change(nb):
        at = [c.get("id") for c in nb.cells].index("test-add") + 1
        nb.cells[at:at] = [
            new_markdown_cell("### Exercise 1.3: `double(a)` (1 point)", id="ex-double"),
            new_code_cell("def double(a):\n    raise NotImplementedError()", id="double",
                          metadata={"nbgrader": {"grade": False, "grade_id": "double", "locked": False,
                                                 "schema_version": 3, "solution": True, "task": False}}),
        ]

    new_release(mini_course, change)
    (changes,) = update(mini_course, workspace).changed
    nb = read_notebook(workspace.root / MODULE / "1_sums.ipynb")
    ids = [c.get("id") for c in nb.cells]
    assert ids.index("test-add") < ids.index("ex-double") < ids.index("double") < ids.index("ex2-task")
    assert changes.added == ["double"] and changes.added_cells == 1


def test_a_removed_exercise_is_kept_and_flagged_when_answered_and_dropped_when_not(mini_course, workspace):
    new_release(mini_course, lambda nb: setattr(nb, "cells", [c for c in nb.cells if c.get("id") not in (
        "ex2-task", "add-cost", "test-add-cost", "followup-add")]))
    edit(workspace.root / MODULE / "1_sums.ipynb",
         lambda nb: setattr(cell(nb, "followup-add"), "source", "YOUR ANSWER HERE"))
    (changes,) = update(mini_course, workspace).changed
    nb = read_notebook(workspace.root / MODULE / "1_sums.ipynb")
    kept = cell(nb, "add-cost")
    assert kept.source.endswith("# mine"), "an answered exercise the course removed is kept"
    assert kept.metadata["course"]["removed"] and "nbgrader" not in kept.metadata, "no longer graded"
    assert kept.metadata["course"]["nbgrader"]["grade_id"] == "add-cost"
    note = nb.cells[nb.cells.index(kept) - 1]
    assert note.cell_type == "markdown" and "Removed from the course" in note.source and "`add-cost`" in note.source
    assert REMOVED_NOTE.split("{")[0] in note.source
    assert "followup-add" not in [c.get("id") for c in nb.cells], "an unanswered removed question goes away"
    assert "test-add-cost" not in [c.get("id") for c in nb.cells], "tests of a removed exercise go away"
    assert changes.kept_removed == ["add-cost"] and set(changes.dropped) == {"ex2-task", "test-add-cost",
                                                                              "followup-add"}


def test_an_edited_cell_of_the_course_that_changed_is_kept_below_its_new_version(mini_course, workspace):
    edit(workspace.root / MODULE / "1_sums.ipynb",
         lambda nb: setattr(cell(nb, "summary"), "source", cell(nb, "summary").source + "\n\nMy notes."))
    new_release(mini_course, lambda nb: setattr(cell(nb, "summary"), "source", "## Summary\n\nRewritten."))
    (changes,) = update(mini_course, workspace).changed
    nb = read_notebook(workspace.root / MODULE / "1_sums.ipynb")
    ids = [c.get("id") for c in nb.cells]
    assert cell(nb, "summary").source == "## Summary\n\nRewritten."
    mine = nb.cells[ids.index("summary") + 1]
    assert mine.source.endswith("My notes.") and mine.metadata["course"]["edited_copy_of"] == "summary"
    assert changes.kept_edits == ["summary"]


def test_new_notebooks_data_files_and_removed_notebooks(mini_course, workspace):
    (mini_course.release_dir / MODULE / "data").mkdir()
    (mini_course.release_dir / MODULE / "data" / "numbers.csv").write_text("a,b\n1,2\n")
    shutil.copy(mini_course.release_dir / MODULE / "2_products.ipynb", mini_course.release_dir / MODULE / "3_new.ipynb")
    (mini_course.source_dir / "02_beta" / "1_words.ipynb").unlink()
    shutil.rmtree(mini_course.release_dir / "02_beta")
    shutil.rmtree(mini_course.source_dir / "02_beta")
    report = update(mini_course, workspace)
    status = {c.path: c.status for c in report.changed}
    removed = {f"02_beta/{p.name}": "removed" for p in workspace.root.glob("02_beta/*.ipynb")}
    assert status == {f"{MODULE}/3_new.ipynb": "added", **removed} and "02_beta/1_words.ipynb" in removed
    assert report.files == [f"{MODULE}/data/numbers.csv"]
    assert (workspace.root / MODULE / "data" / "numbers.csv").read_text() == "a,b\n1,2\n"
    words = read_notebook(workspace.root / "02_beta" / "1_words.ipynb")
    assert "no longer part of the course" in words.cells[0].source, "a removed notebook is kept, with a note"
    assert not update(mini_course, workspace).changed, "a second update has nothing left to do"


def test_an_unreadable_notebook_is_left_alone_and_reported(mini_course, workspace, capsys, monkeypatch):
    path = workspace.root / MODULE / "1_sums.ipynb"
    path.write_text("{ broken")
    new_release(mini_course, lambda nb: setattr(cell(nb, "summary"), "source", "## Summary\n\nRewritten."))
    monkeypatch.setenv("COURSE_ROOT", str(mini_course.root))
    assert main(["update", "--workspace", str(workspace.root)]) == 1
    assert "unreadable" in capsys.readouterr().out and path.read_text() == "{ broken"
    assert update(mini_course, workspace).changed[0].status == "unreadable", "it is tried again next time"


def test_update_cli_prints_a_summary(mini_course, workspace, capsys, monkeypatch):
    new_release(mini_course, lambda nb: setattr(cell(nb, "ex1-task"), "source", "### Exercise 1.1: `add(a, b)` "
                                                                               "(2 points)\n\nReworded."))
    monkeypatch.setenv("COURSE_ROOT", str(mini_course.root))
    monkeypatch.chdir(workspace.root / MODULE)
    assert main(["update"]) == 0
    out = capsys.readouterr().out
    assert f"{MODULE}/1_sums.ipynb: updated: 1 instruction/test cells updated" in out and "answers kept" in out
    assert "backups of everything changed" in out


# --------------------------------------------------------------------------------------------- a real change
def one_notebook_course(root: Path, release_notebook: Path) -> Course:
    """A course whose release is one version of 01_coding/1_ml_coding (what `course update` reads)."""
    (root / "source" / "01_coding").mkdir(parents=True)
    (root / "release" / "01_coding").mkdir(parents=True)
    shutil.copy(release_notebook, root / "release" / "01_coding" / "1_ml_coding.ipynb")
    return Course(root)


def test_the_old_notebook_is_the_one_in_git_history():
    done = subprocess.run(["git", "-C", str(ROOT), "show", f"{OLD_COMMIT}:release/01_coding/1_ml_coding.ipynb"],
                          capture_output=True)
    if done.returncode != 0:
        pytest.skip(f"git history without {OLD_COMMIT} (a shallow clone)")
    assert done.stdout == OLD_NOTEBOOK.read_bytes()


@pytest.fixture
def updated_real_notebook(course, tmp_path):
    """A learner who answered every exercise of the old 1_ml_coding (with the reference code of today's source),
    then ran `course update` to today's release."""
    old = one_notebook_course(tmp_path / "old", OLD_NOTEBOOK)
    ws = LearnerWorkspace(tmp_path / "ws")
    start(old, ws)
    path = ws.root / "01_coding" / "1_ml_coding.ipynb"
    source = {grade_id(c): c for c in read_notebook(course.source_dir / "01_coding" / "1_ml_coding.ipynb").cells}
    answers = {}

    def answer(nb):
        for c in nb.cells:
            if is_solution(c) and grade_id(c) in source:
                reference = source[grade_id(c)]
                text = solution_code(reference.source) if reference.cell_type == "code" else reference.source
                c.source = answers[grade_id(c)] = text + ("\n# my answer" if c.cell_type == "code" else "")

    edit(path, answer)
    new = one_notebook_course(tmp_path / "new", course.release_dir / "01_coding" / "1_ml_coding.ipynb")
    report = update(new, ws)
    return path, answers, report


def test_a_real_change_between_two_commits_keeps_every_answer(course, updated_real_notebook):
    path, answers, report = updated_real_notebook
    (changes,) = report.changed
    nb = read_notebook(path)
    merged = {grade_id(c): c.source for c in nb.cells if is_solution(c)}
    assert answers and all(merged[k] == v for k, v in answers.items()), "an answer was lost"
    assert changes.added == ["fit-logreg-l2", "sklearn-c"]
    today = read_notebook(course.release_dir / "01_coding" / "1_ml_coding.ipynb")
    assert [c.get("id") for c in nb.cells] == [c.get("id") for c in today.cells], "today's cells, in today's order"
    for mine, theirs in zip(nb.cells, today.cells, strict=True):
        if not is_solution(theirs):
            assert mine.source == theirs.source, f"{theirs.get('id')} is not today's version"
    assert "test-knn-far-from-origin" not in json.dumps(read_notebook(report.backup / "01_coding" /
                                                                      "1_ml_coding.ipynb"))


@pytest.mark.integration
def test_the_updated_real_notebook_checks_like_a_fresh_one(course, updated_real_notebook):
    from course.selfpaced.check import run_programs

    path, _, _ = updated_real_notebook
    (report,) = run_programs(course, [(path, "01_coding", "1_ml_coding")])
    new = {"test-fit-logreg-l2", "test-sklearn-c"}
    assert {t.test for t in report.tests if t.status == "not attempted"} == new, report.tests
    assert all(t.passed for t in report.tests if not t.manual and t.test not in new), report.tests
