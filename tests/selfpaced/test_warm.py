"""The warm harness a check leaves for the learner's next one (course.proof.warm): it scores every test as a new
harness does, serves the next `course check`, stops a job whose check went away, and ends when idle."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from course.notebooks import write_notebook
from course.proof import launch, warm
from course.proof.launch import Harness, WarmHarness, harness_environment, sandbox_for, start_harness
from course.proof.variants import Profile
from course.selfpaced.check import run_programs
from course.settings import CourseSettings
from tests.selfpaced.test_check import MODULE, answered, students
from tests.servers import eventually

pytestmark = pytest.mark.integration


def leave(sandbox, seconds: int) -> Path:
    """Start a warm harness as a check of this process would leave it: its folder."""
    folder = warm.folder_for(sandbox)
    assert folder is not None
    warm.leave(folder, sandbox, seconds, harness_environment(folder / "home"))
    return folder


@pytest.fixture
def warm_harness(monkeypatch):
    """A warm harness for this process's sandbox, ready for a job; stopped afterwards."""
    monkeypatch.setenv("COURSE_CHECK_WARM_SECONDS", "120")
    sandbox = sandbox_for(CourseSettings.load())
    folder = leave(sandbox, 120)
    assert eventually(lambda: warm.ready(folder)), (folder / "warm.log").read_text()
    yield folder, sandbox
    assert eventually(lambda: warm.stop(folder), 30), "the warm harness is free again and stops"


def outcome(report) -> tuple:
    return ([(t.test, t.score, t.status, t.message, t.hidden, t.statement, t.call, t.details) for t in report.tests],
            report.problems, report.flags, report.cell_errors, report.sandboxed)


def test_a_warm_harness_scores_every_test_as_a_new_harness_does(mini_template, tmp_path, warm_harness):
    folder, sandbox = warm_harness
    located = []
    for student, notebooks in students(mini_template).items():
        for notebook, nb in notebooks.items():
            path = tmp_path / student / MODULE / f"{notebook}.ipynb"
            write_notebook(nb, path)
            located.append((path, MODULE, notebook))
    harness = start_harness()  # before the course's configuration is read (it changes this process's PATH)
    assert isinstance(harness, WarmHarness)
    cold = run_programs(mini_template, located, jobs=2, harness=Harness(tmp_path / "cold" / "run", sandbox, light=True))
    warmed = run_programs(mini_template, located, jobs=2, harness=harness)
    assert [outcome(r) for r in warmed] == [outcome(r) for r in cold]
    assert any(t.status == "not run" for r in warmed for t in r.tests), "a dead kernel among them"
    # a job's answer comes before the harness has swept after it: both are eventual
    assert eventually(lambda: not list((folder / "checks").iterdir())), "each check's folder is removed"
    assert eventually(lambda: warm.ready(folder)), "and it waits for the next check"


def test_the_next_check_runs_in_the_warm_harness_the_first_left(mini_course, tmp_path, monkeypatch):
    monkeypatch.setenv("COURSE_CHECK_WARM_SECONDS", "120")
    folder = warm.folder_for(sandbox_for(CourseSettings.load()))
    warm.stop(folder)
    notebook = tmp_path / "me" / MODULE / "1_sums.ipynb"
    write_notebook(answered(mini_course, "1_sums", Profile("all")), notebook)

    def check() -> str:
        done = subprocess.run([sys.executable, "-m", "course", "check", str(notebook)], capture_output=True,
                              text=True, timeout=600, env={**os.environ, "COURSE_ROOT": str(mini_course.root)})
        assert done.returncode == 0, done.stdout + done.stderr
        return done.stdout

    try:
        first = check()
        assert eventually(lambda: warm.ready(folder)), "the first check left a warm harness"
        second = check()
    finally:
        assert eventually(lambda: warm.stop(folder), 30)
    log = (folder / "warm.log").read_text()  # once it is free: the job's end is logged after the check's answer
    assert log.count(": started") == 1 and log.count(": ended") == 1, log
    assert "Total: 3/3 autograded points" in first and "Total: 3/3 autograded points" in second


def test_a_job_whose_check_goes_away_is_stopped(warm_harness):
    folder, _ = warm_harness
    harness = start_harness()
    assert isinstance(harness, WarmHarness)
    workdir = harness.root / "work" / "nb"
    workdir.mkdir(parents=True)
    programs = {"nb": {"start": [["import time\ntime.sleep(120)", "t", 1.0]]}}
    done = []
    waiting = threading.Thread(target=lambda: done.append(harness.run(programs, {"nb": workdir}, "start", 300)))
    waiting.start()
    assert eventually(lambda: not warm.ready(folder), 30), "busy with the job"
    started = time.monotonic()
    harness.stop()  # as when the check ends (Ctrl-C, or the Check button's time limit)
    waiting.join(30)
    launch.discard(harness)
    assert done and eventually(lambda: warm.ready(folder), 30), "the job was stopped and the harness is free"
    assert time.monotonic() - started < 30
    ((replayed, failures),) = done
    assert "nb" not in replayed and "nb" in failures, "the stopped job's notebook is reported as not run"


def test_a_warm_harness_ends_after_its_idle_time(monkeypatch):
    sandbox = sandbox_for(CourseSettings.load())
    warm.stop(warm.folder_for(sandbox))
    folder = leave(sandbox, 2)
    assert eventually(lambda: warm.ready(folder))
    assert eventually(lambda: not (folder / warm.SOCKET).exists(), 30), "it ended and removed its socket"
    assert not warm.ready(folder)


def test_a_folder_others_may_write_to_is_not_used():
    folder = warm.folder_for(None)
    assert folder is not None and folder.stat().st_mode & 0o777 == 0o711
    os.chmod(folder, 0o777)
    try:
        assert warm.folder_for(None) is None
    finally:
        os.chmod(folder, 0o711)


def test_each_change_of_code_or_environment_has_its_own_warm_harness(monkeypatch):
    first = warm.folder_for(None)
    monkeypatch.setenv("PYTHONWARNINGS", "error")  # part of a grading kernel's environment
    assert warm.folder_for(None) != first
    assert isinstance(first, Path)
