"""The worker pool: every student handled exactly once, by one worker; a task that raises or a worker that dies
costs only that student."""

from __future__ import annotations

import os

import pytest

from course.grading.pool import run_per_student, worker_count
from course.workspace import Workspace

pytestmark = pytest.mark.integration


def whoami(workspace, assignment, student):
    if student == "raises":
        raise ValueError("bad submission")
    if student == "dies":
        os._exit(7)
    return (student, assignment, os.getpid())


def crashed(student, exc):
    return (student, "crashed", type(exc).__name__)


def test_each_student_once_and_a_crash_costs_only_that_student(mini_course):
    workspace = Workspace.scratch(mini_course, mini_course.root / "scratch")
    students = ["ana", "ben", "raises", "cy", "dee"]
    done = []
    results = run_per_student(workspace, whoami, "01_alpha", students, 2, crashed, done.append)
    assert sorted(results) == sorted(students) and len(done) == len(students)
    assert results["raises"] == ("raises", "crashed", "ValueError")
    pids = {results[s][2] for s in ("ana", "ben", "cy", "dee")}
    assert os.getpid() not in pids, "the tasks ran in worker processes"


def test_a_worker_that_dies_is_reported_for_its_student(mini_course):
    workspace = Workspace.scratch(mini_course, mini_course.root / "scratch")
    results = run_per_student(workspace, whoami, "01_alpha", ["dies", "ana"], 2, crashed)  # two: worker processes
    assert results["dies"][1] == "crashed"
    assert results["ana"][0] == "ana" or results["ana"][1] == "crashed"  # it may have shared the dead worker


def test_one_worker_runs_in_this_process(mini_course):
    workspace = Workspace.scratch(mini_course, mini_course.root / "scratch")
    results = run_per_student(workspace, whoami, "01_alpha", ["ana", "raises"], 1, crashed)
    assert results["ana"][2] == os.getpid() and results["raises"][1] == "crashed"


def test_worker_count_is_bounded_by_the_tasks_and_at_least_one():
    assert worker_count(8, 3) == 3
    assert worker_count(None, 0) == 1
    assert worker_count(2, 10) == 2
