"""`course report`: one set of files per module plus a course-wide set; nothing graded is an error that leaves
existing reports as they are; the report's tables and plots read well."""

from __future__ import annotations

import csv

import pytest

from course.cli import main
from course.grading import results as graded
from course.grading.grade import grade_all
from course.proof.variants import Profile, write_submission
from course.reports.plots import report_figures
from course.workspace import Workspace

pytestmark = pytest.mark.integration


def grade(course, module, students):
    notebooks = [p.stem for p in course.source_notebooks(module)]
    for student, solved in students.items():
        write_submission(course, course.root / "submitted", student, module, dict.fromkeys(notebooks, Profile(solved)))
    outcomes = grade_all(Workspace.of_course(course), module, list(students), workers=1)
    assert all(o.graded for o in outcomes), [o.error for o in outcomes]


def rows(path):
    with path.open() as handle:
        return list(csv.DictReader(handle))


def test_reports_per_module_never_lose_another_modules_rows(mini_course, monkeypatch, capsys):
    monkeypatch.chdir(mini_course.root)
    reports = mini_course.root / "reports"
    grade(mini_course, "01_alpha", {"ana": "all", "ben": "none"})

    # nothing graded for 02_beta yet: exit 1, one line, and no file is written or replaced
    assert main(["report", "01_alpha"]) == 0
    before = {p: p.read_bytes() for p in reports.rglob("*") if p.is_file()}
    capsys.readouterr()
    assert main(["report", "02_beta"]) == 1
    err = capsys.readouterr().err
    assert "nothing graded for 02_beta" in err and len(err.strip().splitlines()) == 1, err
    assert {p: p.read_bytes() for p in reports.rglob("*") if p.is_file()} == before

    grade(mini_course, "02_beta", {"ana": "all"})
    assert main(["report", "02_beta"]) == 0
    assert {r["assignment"] for r in rows(reports / "02_beta" / "grades.csv")} == {"02_beta"}
    assert len(rows(reports / "01_alpha" / "grades.csv")) == 2, "the 01_alpha report was lost"
    whole = rows(reports / "grades.csv")
    assert sorted((r["assignment"], r["student_id"]) for r in whole) == [
        ("01_alpha", "ana"), ("01_alpha", "ben"), ("02_beta", "ana")]
    assert {r["Assignment"] for r in rows(reports / "grades_lms.csv")} == {"01_alpha", "02_beta"}
    html = (reports / "report.html").read_text()
    assert "01_alpha" in html and "02_beta" in html and html.count("<img") >= 4
    assert "white-space:nowrap" in html, "score cells such as '49 / 61' must not wrap"


def test_score_cells_do_not_wrap_and_counts_have_whole_ticks():
    outcome = graded.TestResult
    results = [graded.SubmissionResult(f"s{i}", "01_alpha", [outcome("1_sums", "test-add", False, float(i % 3), 2.0)])
               for i in range(7)]
    figures = dict(report_figures("01_alpha", results, [1.0, 1.2, 1.3, 2.5, 2.6, 4.0, 9.0]))
    for title in ("Score distribution", "Grading time"):
        ticks = figures[title].axes[0].get_yticks()
        assert all(float(t).is_integer() for t in ticks), f"{title}: fractional count ticks {ticks}"
    import matplotlib.pyplot as plt

    for fig in figures.values():
        plt.close(fig)


@pytest.mark.parametrize("argv", [["report", "nope"]])
def test_unknown_module_is_a_usage_error(mini_course, monkeypatch, capsys, argv):
    monkeypatch.chdir(mini_course.root)
    assert main(argv) == 2
