"""The `course` command: meaningful exit codes and one-line errors; `course check` prints a per-test table."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time

import pytest

from course.cli import main
from course.notebooks import read_notebook, write_notebook
from course.proof.variants import Profile, learner_notebook

pytestmark = pytest.mark.integration


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["build", "nope"], "unknown assignment 'nope'; valid assignments: 01_coding"),
        (["validate", "42"], "unknown assignment '42'"),
        (["check", "missing.ipynb"], "notebook not found"),
        (["grade", "nope"], "unknown assignment 'nope'"),
        (["demo", "nope"], "unknown assignment 'nope'; valid assignments: 01_coding"),
    ],
)
def test_usage_errors_are_one_line_with_exit_status_2(capsys, argv, message):
    code, out, err = run(capsys, *argv)
    assert code == 2
    assert message in err
    assert len(err.strip().splitlines()) == 1, err
    assert "Traceback" not in err + out


def test_broken_notebook_json_is_a_clear_error(capsys, tmp_path):
    broken = tmp_path / "1_ml_coding.ipynb"
    broken.write_text("{ not json")
    code, _, err = run(capsys, "check", str(broken))
    assert code == 2 and "broken notebook JSON" in err


def test_outside_the_course_the_command_says_so(tmp_path, monkeypatch):
    monkeypatch.delenv("COURSE_ROOT", raising=False)
    done = subprocess.run([sys.executable, "-m", "course", "build"], cwd=tmp_path, capture_output=True, text=True)
    assert done.returncode == 2
    assert "not inside the course" in done.stderr and "Traceback" not in done.stderr


def test_check_prints_the_table_total_and_feedback_of_a_half_finished_notebook(capsys, course, tmp_path):
    source_path = course.source_notebooks("01_coding")[0]
    release = read_notebook(course.release_dir / "01_coding" / source_path.name)
    half = learner_notebook(release, read_notebook(source_path), Profile("first:2"))
    copy = tmp_path / "my-work" / source_path.name
    write_notebook(half, copy)
    code, out, _ = run(capsys, "check", str(copy), "--feedback-dir", str(tmp_path / "fb"))
    assert code == 1, "a notebook with failing tests exits 1"
    header = next(line for line in out.splitlines() if line.startswith("test "))
    assert "points" in header and "message" in header
    assert "pass" in out and "FAIL" in out and "not attempted yet" in out
    assert "Total: " in out and "autograded points" in out
    feedback = tmp_path / "fb" / f"{source_path.stem}.html"
    assert f"Feedback: {feedback}" in out and feedback.exists()
    assert "BEGIN HIDDEN TESTS" not in feedback.read_text()


def test_check_of_a_complete_notebook_exits_0(capsys, course, tmp_path):
    source_path = course.source_notebooks("01_coding")[0]
    release = read_notebook(course.release_dir / "01_coding" / source_path.name)
    copy = tmp_path / source_path.name
    write_notebook(learner_notebook(release, read_notebook(source_path), Profile("all")), copy)
    code, out, _ = run(capsys, "check", str(copy), "--feedback-dir", str(tmp_path))
    assert code == 0, out
    assert "FAIL" not in out


def test_check_works_from_anywhere_on_a_duplicated_notebook(course, tmp_path, monkeypatch):
    """JupyterLab's Duplicate names the copy `NAME-Copy1.ipynb`; the learner runs the check outside the repository."""
    monkeypatch.delenv("COURSE_ROOT", raising=False)
    release = course.release_notebooks("01_coding")[-1]
    copy = tmp_path / "anywhere" / f"{release.stem}-Copy1.ipynb"
    copy.parent.mkdir()
    copy.write_bytes(release.read_bytes())
    done = subprocess.run([sys.executable, "-m", "course", "check", copy.name], cwd=copy.parent,
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 1, done.stdout + done.stderr  # an untouched notebook fails its tests
    feedback = copy.parent / "feedback" / f"{copy.stem}.html"
    assert f"Feedback: {feedback}" in done.stdout, done.stdout
    assert feedback.exists() and ("not attempted yet" in done.stdout or "not answered yet" in done.stdout)


def test_check_json_is_one_object_with_the_tests_summary_and_feedback_page(capsys, mini_course, monkeypatch):
    """`course check --json` is what JupyterLab's Check button reads: the same exit status, one JSON object."""
    monkeypatch.setenv("COURSE_ROOT", str(mini_course.root))
    notebook = mini_course.release_dir / "01_alpha" / "1_sums.ipynb"
    code, out, _ = run(capsys, "check", "--json", str(notebook))
    assert code == 1, out  # the release's tests fail
    result = json.loads(out)
    assert result["assignment"] == "01_alpha" and result["notebook"] == "1_sums"
    assert result["passed"] is False and result["score"] < result["max_score"]
    assert {t["result"] for t in result["tests"]} >= {"FAIL"}
    assert all(set(t) == {"test", "points", "result", "message"} for t in result["tests"])
    assert any(line.startswith("Total: ") for line in result["summary"])
    assert result["feedback"] == str(notebook.parent / "feedback" / "1_sums.html")


def test_sigterm_ends_a_command_like_an_interrupt_so_its_cleanups_run():
    """`course …` stopped with SIGTERM runs its `finally` blocks (a harness ends the programs it forked)."""
    import signal as signals

    from course.cli import Terminated, terminate_as_interrupt

    before = signals.getsignal(signals.SIGTERM)
    cleaned = []
    with pytest.raises(Terminated), terminate_as_interrupt():
        try:
            os.kill(os.getpid(), signals.SIGTERM)
            time.sleep(5)
        finally:
            cleaned.append(True)
    assert cleaned == [True], "the command's cleanup did not run"
    assert signals.getsignal(signals.SIGTERM) == before, "the previous SIGTERM handler is restored"
