"""`course check` without a gradebook: the same score as the real grader on every test, for honest, wrong, broken and
tampering learners; a failure reads as expected-vs-got on the learner's page, and a hidden check never shows its
input, code or expected values there."""

from __future__ import annotations

import copy
import os
import re
import subprocess
import sys

import pytest

from course.cli import main
from course.grading.grade import grade_all
from course.grading.results import read_result
from course.notebooks import grade_id, read_notebook, write_notebook
from course.proof.variants import Profile, learner_notebook, load_variants
from course.selfpaced.check import learner_view, run_programs
from course.selfpaced.loop import self_check
from course.workspace import Workspace

pytestmark = pytest.mark.integration

MODULE = "01_alpha"
HIDDEN_VALUES = ("3703.7034", "26296.2963", "1234.5678", "8765.4321")  # expected values and inputs, hidden


def answered(course, notebook: str, profile: Profile):
    release = read_notebook(course.release_dir / MODULE / f"{notebook}.ipynb")
    source = read_notebook(course.source_dir / MODULE / f"{notebook}.ipynb")
    return learner_notebook(release, source, profile)


def variant(course, notebook: str, name: str) -> Profile:
    return Profile("all", next(v for v in load_variants(course, MODULE, notebook) if v.name == name))


def students(course) -> dict[str, dict[str, object]]:
    """Notebooks of learners of every kind: complete, blank, each wrong variant, a deleted test cell, changed grading
    metadata, learner code that patches numpy, and a notebook whose kernel dies."""
    made: dict[str, dict[str, object]] = {
        "complete": {nb: answered(course, nb, Profile("all")) for nb in ("1_sums", "2_products")},
        "blank": {nb: answered(course, nb, Profile("none")) for nb in ("1_sums", "2_products")},
    }
    for notebook in ("1_sums", "2_products"):
        for v in load_variants(course, MODULE, notebook):
            made[f"variant-{v.name}"] = {notebook: answered(course, notebook, Profile("all", v))}
    deleted = answered(course, "1_sums", Profile("all"))
    deleted.cells = [c for c in deleted.cells if grade_id(c) != "test-add-cost"]
    made["deleted-test"] = {"1_sums": deleted}
    points = answered(course, "1_sums", variant(course, "1_sums", "add-subtracts"))
    next(c for c in points.cells if grade_id(c) == "test-add").metadata["nbgrader"]["points"] = 20
    made["changed-points"] = {"1_sums": points}
    patched = answered(course, "2_products", Profile("all"))
    cell = next(c for c in patched.cells if grade_id(c) == "multiply")
    cell.source += "\nnp.multiply = lambda a, b: a * b"
    made["patches-numpy"] = {"2_products": patched}
    dies = answered(course, "1_sums", Profile("all"))
    next(c for c in dies.cells if grade_id(c) == "add-cost").source = "import os\nos._exit(3)"
    made["kernel-dies"] = {"1_sums": dies}
    return made


@pytest.fixture(scope="module")
def graded_both_ways(mini_template, tmp_path_factory):
    """Every student graded by the real grader (a scratch gradebook) and checked by `course check`."""
    course = mini_template
    root = tmp_path_factory.mktemp("both")
    workspace = Workspace.scratch(course, root / "grader")
    located, owners = [], []
    for student, notebooks in students(course).items():
        for notebook, nb in notebooks.items():
            write_notebook(nb, workspace.path("submitted", student, MODULE) / f"{notebook}.ipynb")
            mine = root / "learners" / student / MODULE / f"{notebook}.ipynb"
            write_notebook(copy.deepcopy(nb), mine)
            located.append((mine, MODULE, notebook))
            owners.append(student)
    names = list(students(course))
    outcomes = grade_all(workspace, MODULE, names, workers=2)
    assert all(o.graded for o in outcomes), [o.error for o in outcomes if not o.graded]
    graded = {s: read_result(workspace, MODULE, s) for s in names}
    checked = run_programs(course, located, jobs=2)
    return graded, list(zip(owners, checked, strict=True))


def test_check_scores_every_test_as_the_real_grader_does(graded_both_ways):
    graded, checked = graded_both_ways
    differences = []
    for student, report in checked:
        grader = {t.test: t.score for t in graded[student].tests if t.notebook == report.notebook and not t.manual}
        mine = {t.test: t.score for t in report.tests if not t.manual}
        if grader != mine:
            differences.append(f"{student}/{report.notebook}: grader {grader}, check {mine}")
    assert not differences, "\n".join(differences)
    kinds = {student for student, _ in checked}
    assert {"deleted-test", "changed-points", "patches-numpy", "kernel-dies"} <= kinds


def test_problems_and_tampering_are_reported(graded_both_ways):
    _, checked = graded_both_ways
    by_student = {(s, r.notebook): r for s, r in checked}
    assert any("test-add-cost" in p for p in by_student[("deleted-test", "1_sums")].problems)
    assert any("changed the grading metadata" in f for f in by_student[("changed-points", "1_sums")].flags)
    assert by_student[("patches-numpy", "2_products")].flags
    died = by_student[("kernel-dies", "1_sums")]
    assert died.outcome("test-add").passed and died.outcome("test-add-cost").status == "not run"
    from course.sandbox.bwrap import availability

    assert all(r.sandboxed for _, r in checked) == availability()[0], "in the sandbox whenever bubblewrap works"


def test_a_visible_failure_shows_the_input_the_expected_value_and_what_came_back(graded_both_ways):
    _, checked = graded_both_ways
    report = next(r for s, r in checked if s == "variant-add-subtracts")
    test = report.outcome("test-add")
    assert not test.hidden and test.call == "add(2, 3)"
    assert (test.details["expected"], test.details["got"]) == ("5", "-1")
    assert "checks.assert_equal(checks.run(add, 2, 3), 5" in test.statement


def test_a_hidden_failure_keeps_its_input_code_and_expected_values_hidden(graded_both_ways):
    _, checked = graded_both_ways
    report = next(r for s, r in checked if s == "variant-multiply-truncates")
    test = report.outcome("test-multiply")
    assert test.hidden and not test.call and not test.statement
    assert "expected" not in test.details and test.details["got"] == "3702.0"
    assert "multiply on floats" in test.message
    assert not set(HIDDEN_VALUES) & set(re.findall(r"[\d.]+", repr(test))), "nothing hidden in the result"


def test_learner_view_drops_everything_hidden_of_a_failure():
    source = "'''doc'''\ncheck(1)\n### BEGIN HIDDEN TESTS\ncheck(secret_input)\n### END HIDDEN TESTS"
    failure = {"line": 4, "call": "f(secret_input)", "details": {
        "what": "f on hidden data", "got": "[1 2 3]", "expected": "[1 2 4]", "expected_shape": "(3,)",
        "got_shape": "(3,)", "count": "1 of 3", "differing": [{"at": "[2]", "got": "3", "expected": "4"}]}}
    view = learner_view(failure, source)
    assert view["hidden"] and view["call"] == "" and view["statement"] == ""
    assert view["details"] == {"what": "f on hidden data", "got_shape": "(3,)", "count": "1 of 3",
                               "differing": [{"at": "[2]", "got": "3"}]}
    visible = learner_view({**failure, "line": 2}, source)
    assert not visible["hidden"] and visible["statement"] == "check(1)" and visible["details"]["expected"] == "[1 2 4]"
    assert learner_view({"details": {"expected": "x"}}, source)["hidden"], "an unknown line counts as hidden"


def test_the_learner_page_never_shows_a_hidden_expected_value(mini_course, tmp_path):
    notebook = tmp_path / "me" / MODULE / "2_products.ipynb"
    write_notebook(answered(mini_course, "2_products", variant(mini_course, "2_products", "multiply-truncates")),
                   notebook)
    (result,) = self_check(mini_course, [notebook], learn=False)
    page = result.feedback.read_text()
    assert "multiply on floats" in page and "This check is hidden" in page
    for value in HIDDEN_VALUES:
        assert value not in page, f"{value} (hidden) reached the learner's page"
    assert "3702" in page, "the learner's own value where it differs is shown"
    assert "BEGIN HIDDEN" not in page and "<script" not in page


def test_the_page_groups_tests_by_exercise_with_docstrings_points_and_a_diagnosis(mini_course, tmp_path):
    notebook = tmp_path / "me" / MODULE / "1_sums.ipynb"
    write_notebook(answered(mini_course, "1_sums", variant(mini_course, "1_sums", "add-subtracts")), notebook)
    (result,) = self_check(mini_course, [notebook])
    page = result.feedback.read_text()
    assert page.index("id='ex-add'") < page.index("add() returns the sum of two numbers.") < page.index(
        "id='ex-add-cost'"), "tests under their exercise's heading"
    assert "0 / 2 points" in page and "Score: 1 / 3" in page
    assert "a sum grows with both arguments" in page, "the diagnosis of the matching wrong variant"
    assert (mini_course.root / ".cache" / "signatures" / MODULE / "1_sums.json").exists(), \
        "two variants fail the same test: their messages were learned (once) to tell them apart"
    assert "the function answers the visible example only" not in page, "the other variant's why does not fit"
    assert "Rubric criteria" in page and "arbitrary precision" not in page, "rubric criteria, never the model answer"
    assert "<math" in page, "math as MathML"
    assert not re.search(r"<script|src=['\"]http", page)


def test_check_an_assignment_prints_every_notebook_and_the_total(mini_course, tmp_path, capsys, monkeypatch):
    from course.selfpaced.workspace import LearnerWorkspace, start

    workspace = LearnerWorkspace(tmp_path / "ws")
    start(mini_course, workspace)
    write_notebook(answered(mini_course, "1_sums", Profile("all")), workspace.root / MODULE / "1_sums.ipynb")
    monkeypatch.setenv("COURSE_ROOT", str(mini_course.root))
    monkeypatch.chdir(workspace.root)
    code = main(["check", MODULE])
    out = capsys.readouterr().out
    assert code == 1, out  # 2_products is untouched
    assert "01_alpha/1_sums.ipynb" in out and "01_alpha/2_products.ipynb" in out
    assert "01_alpha total: 3/5 autograded points in 2 notebooks" in out
    assert (workspace.root / MODULE / "feedback" / "1_sums.html").exists()


def test_check_runs_from_anywhere_on_a_renamed_copy(mini_course, tmp_path):
    copy_path = tmp_path / "anywhere" / "1_sums-Copy1.ipynb"
    write_notebook(answered(mini_course, "1_sums", Profile("all")), copy_path)
    done = subprocess.run([sys.executable, "-m", "course", "check", copy_path.name], cwd=copy_path.parent,
                          capture_output=True, text=True, timeout=600,
                          env={**os.environ, "COURSE_ROOT": str(mini_course.root)})
    assert done.returncode == 0, done.stdout + done.stderr
    assert f"Feedback: {copy_path.parent / 'feedback' / '1_sums-Copy1.html'}" in done.stdout


def test_what_a_check_imports_later_than_the_grader_imports_silently():
    """A check imports only what setup cells need before the notebook runs (the grading template imports more): a
    cell that imports the rest first must not score differently, so none of it may write to stderr."""
    code = ("import warnings, importlib\n"
            "from course.proof.harness import LIGHT\n"
            "from course.sandbox.forkserver import PRELOAD, preload\n"
            "preload(LIGHT)\n"
            "warnings.simplefilter('default')\n"
            "for name in PRELOAD:\n"
            "    importlib.import_module(name)\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300,
                          env={k: v for k, v in os.environ.items() if k != "PYTHONWARNINGS"})
    assert done.returncode == 0 and done.stderr == "", done.stderr


def test_without_bubblewrap_the_check_runs_unsandboxed_and_says_why(mini_course, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("COURSE_BWRAP", "none")
    monkeypatch.setenv("COURSE_ROOT", str(mini_course.root))
    notebook = tmp_path / "me" / MODULE / "1_sums.ipynb"
    write_notebook(answered(mini_course, "1_sums", Profile("all")), notebook)
    assert main(["check", str(notebook)]) == 0
    out = capsys.readouterr().out
    assert "Total: 3/3 autograded points" in out and "note: ran without a sandbox (bubblewrap (bwrap) is not" in out
