"""Late work: due dates, timestamp.txt, a capped per-day penalty and per-student extensions."""

from __future__ import annotations

from datetime import timedelta

import pytest

from course.cli import main
from course.errors import CourseError
from course.grading.deadlines import parse_when
from course.grading.grade import grade_all
from course.grading.results import read_result
from course.plugins.late_penalty import penalty_points
from course.proof.variants import Profile, write_submission
from course.reports.write import write_reports
from course.workspace import Workspace

pytestmark = pytest.mark.integration

MODULE = "01_alpha"
DAY = 24 * 3600


def test_each_started_day_costs_a_share_of_the_score_up_to_the_cap():
    assert penalty_points(20, 0, 10, 50) == 0
    assert penalty_points(20, 60, 10, 50) == pytest.approx(2.0), "one minute late is one started day"
    assert penalty_points(20, 2.5 * DAY, 10, 50) == pytest.approx(6.0)
    assert penalty_points(20, 30 * DAY, 10, 50) == pytest.approx(10.0), "capped at 50 %"
    assert penalty_points(20, 5 * 60, 10, 50, grace_minutes=10) == 0


def test_dates_are_parsed_as_utc_with_clear_errors():
    assert parse_when("2026-12-01T23:59+01:00").hour == 22
    assert parse_when("2026-12-01").hour == 0
    with pytest.raises(CourseError, match="not a date/time"):
        parse_when("next friday")


@pytest.mark.slow
def test_penalties_and_extensions_reach_the_gradebook_and_the_report(mini_course, capsys, monkeypatch):
    monkeypatch.setenv("COURSE_ROOT", str(mini_course.root))
    notebook = mini_course.source_notebooks(MODULE)[0].stem
    submitted = mini_course.root / "submitted"
    stamps = {
        "ontime": "2026-12-01 20:00:00.000000 UTC",
        "late": "2026-12-04 08:00:00.000000 UTC",  # 2 days 8 hours late: 3 started days, 30 %
        "extended": "2026-12-04 08:00:00.000000 UTC",  # as late, but with a 3-day extension
        "very-late": "2026-12-31 08:00:00.000000 UTC",  # capped at 50 %
    }
    for student, stamp in stamps.items():
        write_submission(mini_course, submitted, student, MODULE, {notebook: Profile("all")})
        (submitted / student / MODULE / "timestamp.txt").write_text(stamp)
    assert main(["due", MODULE, "2026-12-02T00:00"]) == 0
    assert main(["extend", MODULE, "extended", "--days", "3"]) == 0
    capsys.readouterr()

    workspace = Workspace.of_course(mini_course)
    outcomes = grade_all(workspace, MODULE, sorted(stamps), workers=2)
    assert all(o.graded for o in outcomes)
    results = {s: read_result(workspace, MODULE, s, messages=False) for s in stamps}
    full = results["ontime"].total
    assert full > 0 and results["ontime"].late_penalty == 0
    assert results["late"].late_penalty == pytest.approx(0.3 * full)
    assert results["extended"].late_penalty == 0
    assert results["very-late"].late_penalty == pytest.approx(0.5 * full)
    assert results["late"].score == pytest.approx(0.7 * full)

    # an extension granted after grading changes the content hash: the next run regrades that student
    assert main(["extend", MODULE, "late", "--days", "10"]) == 0
    again = {o.student: o for o in grade_all(workspace, MODULE, sorted(stamps), workers=1, force=False)}
    assert not again["late"].skipped and again["ontime"].skipped
    assert read_result(workspace, MODULE, "late", messages=False).late_penalty == 0

    report = write_reports(workspace, [MODULE]).assignments[MODULE]
    header, *rows = report.grades_csv.read_text().splitlines()
    assert header.startswith("assignment,duedate,timestamp,student_id,last_name,first_name,email,raw_score,"
                             "late_submission_penalty,score,max_score")
    very_late = next(r for r in rows if ",very-late," in r)
    assert f",{0.5 * full:g},{0.5 * full:g}," in very_late
    lms = report.lms_csv.read_text()
    assert "Late Penalty" in lms.splitlines()[0]


def test_extension_needs_a_known_assignment(mini_course, monkeypatch):
    from course.grading.deadlines import grant_extension

    workspace = Workspace.of_course(mini_course)
    with pytest.raises(CourseError, match="not in the gradebook yet"):
        grant_extension(workspace, MODULE, "someone", timedelta(days=1))
