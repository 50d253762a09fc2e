"""`course build`: release/ is generated from source/ and `--check` notices when it is stale."""

from __future__ import annotations

import json

import pytest

from course.authoring.build import build
from course.notebooks import read_notebook

pytestmark = pytest.mark.integration


def test_committed_release_is_up_to_date(course):
    report = build(course, course.assignments(), check=True)
    assert not report.problems, report.problems
    assert not report.leaks, report.leaks
    assert not report.stale, f"release/ is stale, run `course build`: {report.stale}"


def test_the_fixture_courses_release_is_up_to_date(mini_template):
    report = build(mini_template, mini_template.assignments(), check=True)
    assert report.ok, f"tests/fixtures/minicourse/release is stale; rebuild it: {report}"


def test_release_has_stubs_and_no_solutions_or_hidden_tests(course):
    for module in course.assignments():
        for path in course.release_notebooks(module):
            text = path.read_text()
            assert "BEGIN SOLUTION" not in text and "BEGIN HIDDEN TESTS" not in text, path
            nb = read_notebook(path)
            assert all(not c.get("outputs") for c in nb.cells if c.cell_type == "code"), f"{path} has outputs"
            assert "raise NotImplementedError()" in text, path


def test_a_changed_source_makes_the_release_stale(mini_course):
    path = mini_course.source_notebooks("01_alpha")[0]
    data = json.loads(path.read_text())
    data["cells"][0]["source"] = ["# A new title\n", *data["cells"][0]["source"][1:]]
    path.write_text(json.dumps(data, indent=1))
    report = build(mini_course, ["01_alpha"], check=True)
    assert any(path.name in s for s in report.stale), report.stale


def test_an_orphan_release_folder_is_stale(mini_course):
    (mini_course.release_dir / "99_gone").mkdir()
    report = build(mini_course, ["01_alpha"], check=True)
    assert any("99_gone" in s for s in report.stale)


def test_lint_problems_stop_the_build(mini_course):
    path = mini_course.source_notebooks("01_alpha")[0]
    data = json.loads(path.read_text())
    test_cell = next(c for c in data["cells"] if c["metadata"].get("nbgrader", {}).get("grade")
                     and c["cell_type"] == "code")
    test_cell["source"] = ["assert True\n"] + test_cell["source"]
    path.write_text(json.dumps(data, indent=1))
    released = {p: p.read_bytes() for p in mini_course.release_notebooks("01_alpha")}
    report = build(mini_course, ["01_alpha"])
    assert not report.ok
    assert any("assert without a message" in str(p) for p in report.problems)
    assert {p: p.read_bytes() for p in mini_course.release_notebooks("01_alpha")} == released, (
        "a failed lint must leave release/ untouched"
    )
