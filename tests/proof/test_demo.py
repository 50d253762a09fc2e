"""`course demo` runs the whole loop and meets its own expectations."""

from __future__ import annotations

import csv

import pytest

from course.demo import demo_assignments, run_demo
from course.proof.simulated import ROSTER


@pytest.mark.slow
def test_demo_grades_a_varied_cohort_and_writes_everything(course):
    lines: list[str] = []
    assert run_demo(course, say=lines.append) == 0, "\n".join(lines)
    demo = course.root / "demo"
    with (demo / "reports" / "grades.csv").open() as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == len(ROSTER) * len(demo_assignments(course))
    scores = {float(r["autograded_score"]) for r in rows}
    assert len(scores) >= 5, "learners of varied quality get varied scores"
    kinds = {student.kind for student in ROSTER}
    assert {"complete", "partial", "blank", "bug", "faulty"} <= kinds, f"the demo's cohort lacks a kind: {kinds}"
    html = (demo / "reports" / "report.html").read_text()
    assert html.count("<img") >= 3
    assert any((demo / "feedback").rglob("*.html"))
    summary = "\n".join(lines)
    assert "student" in summary and "Where everything is" in summary
