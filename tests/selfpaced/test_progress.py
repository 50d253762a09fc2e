"""Every check is recorded in the workspace (SQLite); `course progress` prints a table per assignment and writes a
dashboard page with the score over time, a heat map of exercises by status, the time spent and what to do next."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from course.cli import main
from course.selfpaced import progress
from course.selfpaced.dashboard import figures, next_step, progress_of, time_spent, write_dashboard
from course.selfpaced.workspace import LearnerWorkspace, start

T0 = datetime(2026, 12, 1, 9, 0)


def outcome(test, exercise, status, score, top=2.0, manual=False):
    return progress.Outcome(test, exercise, manual, status, score, top, "")


@pytest.fixture
def workspace(mini_course, tmp_path):
    ws = LearnerWorkspace(tmp_path / "ws")
    start(mini_course, ws)
    db = ws.progress_db
    progress.record(db, "01_alpha", "1_sums", ws.root / "01_alpha/1_sums.ipynb",
                    [outcome("test-add", "add", "fail", 0.0), outcome("test-add-cost", "add-cost", "not attempted",
                                                                      0.0, 1.0),
                     outcome("followup-add", "followup-add", "not answered", None, 1.0, True)], 3.0, True, T0)
    progress.record(db, "01_alpha", "1_sums", ws.root / "01_alpha/1_sums.ipynb",
                    [outcome("test-add", "add", "pass", 2.0), outcome("test-add-cost", "add-cost", "pass", 1.0, 1.0),
                     outcome("followup-add", "followup-add", "answered", None, 1.0, True)], 3.0, True,
                    T0 + timedelta(minutes=20))
    progress.record(db, "02_beta", "1_words", ws.root / "02_beta/1_words.ipynb",
                    [outcome("test-count-words", "count-words", "fail", 0.0)], 2.0, True, T0 + timedelta(hours=3))
    return ws


def test_every_check_is_recorded_with_each_test(workspace):
    checks = progress.checks(workspace.progress_db)
    assert [(c.assignment, c.notebook, c.score, c.max_score) for c in checks] == [
        ("01_alpha", "1_sums", 0.0, 3.0), ("01_alpha", "1_sums", 3.0, 3.0), ("02_beta", "1_words", 0.0, 2.0)]
    assert [o.status for o in checks[1].outcomes] == ["pass", "pass", "answered"]
    assert progress.attempted(workspace.progress_db, "01_alpha", "1_sums", "add")
    assert not progress.attempted(workspace.progress_db, "01_alpha", "2_products", "multiply")


def test_progress_per_assignment_and_the_weakest_area(mini_course, workspace):
    rows = {r.assignment: r for r in progress_of(mini_course, workspace)}
    alpha, beta = rows["01_alpha"], rows["02_beta"]
    assert (alpha.score, alpha.max_score, alpha.checks) == (3.0, 5.0, 2)
    assert {e.exercise.key: e.status for e in alpha.exercises} == {
        "add": "passed", "add-cost": "passed", "followup-add": "passed", "multiply": "never checked"}
    assert beta.category == "ML theory" and beta.share == 0.0
    advice = next_step(list(rows.values()))
    assert advice.startswith("ML theory is your weakest area") and "02_beta/1_words" in advice
    assert "(failing)" in advice


def test_time_spent_counts_sessions_from_check_times():
    times = [T0, T0 + timedelta(minutes=20), T0 + timedelta(hours=3), T0 + timedelta(hours=3, minutes=10)]
    assert time_spent(times) == timedelta(minutes=5 + 20 + 5 + 10)
    assert time_spent([]) == timedelta()


def test_the_dashboards_plots_show_the_record(mini_course, workspace):
    import matplotlib.pyplot as plt

    shown = dict(figures(mini_course, workspace, progress_of(mini_course, workspace)))
    try:
        line = shown["Score per assignment over time"].axes[0]
        series = {curve.get_label(): list(curve.get_ydata()) for curve in line.get_lines()}
        assert series["01_alpha"] == [0.0, 60.0] and series["02_beta"] == [0.0]
        heat = shown["Exercises by status"].axes[0]
        assert [t.get_text() for t in heat.get_yticklabels()][:3] == ["01_alpha/1_sums", "01_alpha/2_products",
                                                                      "02_beta/1_words"]
        grid = heat.get_images()[0].get_array()
        assert list(grid[0][:3]) == [3, 3, 3] and grid[1][0] == 0 and grid[2][0] == 2
        bars = shown["Time spent"].axes[0].patches
        assert [round(b.get_width() * 60) for b in bars] == [25, 5]
        assert shown["By category"].axes[0].get_xlabel() == "autograded points earned (%)"
    finally:
        for fig in shown.values():
            plt.close(fig)


def test_course_progress_prints_a_table_and_writes_the_dashboard(mini_course, workspace, capsys, monkeypatch):
    monkeypatch.setenv("COURSE_ROOT", str(mini_course.root))
    assert main(["progress", "--workspace", str(workspace.root)]) == 0
    out = capsys.readouterr().out
    assert "01_alpha    coding" in out and "3/5 (60%)" in out and "next: ML theory is your weakest area" in out
    page = (workspace.root / "progress.html").read_text()
    assert page.count("data:image/png;base64,") == 4 and "<script" not in page
    assert write_dashboard(mini_course, workspace)[0] == workspace.root / "progress.html"
