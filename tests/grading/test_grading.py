"""Grading is loud about broken submissions and never modifies them; scores match nbgrader's semantics."""

from __future__ import annotations

import hashlib
import shutil

import pytest

from course.grading.grade import grade_all
from course.grading.results import read_result
from course.notebooks import is_test, read_notebook, write_notebook
from course.proof.variants import Profile, write_submission
from course.workspace import Workspace

pytestmark = pytest.mark.integration

MODULE = "01_alpha"  # the fixture course: two notebooks


def digest_tree(folder):
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def graded(tmp_path_factory, mini_template):
    course = mini_template
    """One grading run over honest and faulty submissions (shared by the tests below)."""
    workspace = Workspace.scratch(course, tmp_path_factory.mktemp("grading"))
    submitted = workspace.root / "submitted"
    notebooks = [p.stem for p in course.source_notebooks(MODULE)]
    first = notebooks[0]
    write_submission(course, submitted, "honest", MODULE, dict.fromkeys(notebooks, Profile("all")))
    # broken JSON in the first notebook; the others are complete and must still be graded
    write_submission(course, submitted, "broken", MODULE, dict.fromkeys(notebooks, Profile("all")))
    path = submitted / "broken" / MODULE / f"{first}.ipynb"
    path.write_text(path.read_text()[:500])
    # a deleted test cell: restored from the source and graded
    write_submission(course, submitted, "deleter", MODULE, dict.fromkeys(notebooks, Profile("all")))
    path = submitted / "deleter" / MODULE / f"{first}.ipynb"
    nb = read_notebook(path)
    deleted = next(c for c in nb.cells if is_test(c))
    nb.cells.remove(deleted)
    write_notebook(nb, path)
    # a missing notebook and a stray extra one
    write_submission(course, submitted, "partial", MODULE, dict.fromkeys(notebooks[1:], Profile("all")))
    shutil.copy(course.release_dir / MODULE / f"{first}.ipynb", submitted / "partial" / MODULE / "scratch.ipynb")
    before = digest_tree(submitted)
    outcomes = {o.student: o for o in grade_all(workspace, MODULE, ["honest", "broken", "deleter", "partial"], 2)}
    results = {s: read_result(workspace, MODULE, s) for s in outcomes}
    return {"workspace": workspace, "outcomes": outcomes, "results": results, "first": first,
            "deleted": deleted.metadata.nbgrader.grade_id, "before": before, "submitted": submitted}


def test_honest_submission_gets_full_autograded_marks(graded):
    honest = graded["results"]["honest"]
    assert graded["outcomes"]["honest"].graded and not graded["outcomes"]["honest"].problems
    assert honest.auto_score() == honest.auto_max() > 0


def test_broken_json_scores_zero_for_that_notebook_with_a_reason(graded):
    outcome, result, first = graded["outcomes"]["broken"], graded["results"]["broken"], graded["first"]
    assert outcome.graded
    assert any(p.startswith(f"{first}:") and "broken notebook JSON" in p for p in outcome.problems)
    assert result.auto_score(first) == 0
    honest = graded["results"]["honest"]
    others = [t.notebook for t in honest.tests if t.notebook != first]
    for notebook in set(others):
        assert result.auto_score(notebook) == honest.auto_score(notebook), f"{notebook} must still be graded"


def test_deleted_test_cells_are_restored_graded_and_reported(graded):
    outcome, result = graded["outcomes"]["deleter"], graded["results"]["deleter"]
    assert any(graded["deleted"] in p and "restored" in p for p in outcome.problems)
    test = next(t for t in result.tests if t.test == graded["deleted"])
    assert test.passed, "a restored test runs against the learner's (correct) code"


def test_missing_and_extra_notebooks_are_reported(graded):
    outcome, result, first = graded["outcomes"]["partial"], graded["results"]["partial"], graded["first"]
    assert any(p.startswith(f"{first}:") and "missing" in p for p in outcome.problems)
    assert any("scratch.ipynb" in p and "ignored" in p for p in outcome.problems)
    assert result.auto_score(first) == 0


def test_submitted_files_are_never_modified(graded):
    assert digest_tree(graded["submitted"]) == graded["before"]


def test_an_untouched_notebook_scores_zero_and_every_test_says_not_attempted(graded, mini_template):
    workspace = Workspace.scratch(mini_template, graded["workspace"].root.parent / "blank")
    write_submission(mini_template, workspace.root / "submitted", "blank", MODULE, {graded["first"]: Profile("none")})
    (outcome,) = grade_all(workspace, MODULE, ["blank"], 1)
    result = read_result(workspace, MODULE, "blank")
    messages = [t.message for t in result.auto_tests(graded["first"])]
    assert outcome.graded and result.total == 0
    assert messages and all("not attempted yet" in m or "not answered yet" in m for m in messages), messages
