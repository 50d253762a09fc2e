"""`course grade` is resumable and idempotent: SIGKILL at any moment, run again, same gradebook."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest

from course.grading import ledger
from course.layout import Course
from course.proof.variants import Profile, load_variants, write_submission
from course.workspace import Workspace
from tests.support.gradebooks import gradebook_snapshot

pytestmark = pytest.mark.integration

MODULE = "01_coding"


def make_cohort(course: Course) -> list[str]:
    notebooks = [p.stem for p in course.source_notebooks(MODULE)]
    bug = load_variants(course, MODULE, notebooks[0])[0]
    cohort = {
        "ada": dict.fromkeys(notebooks, Profile("all")),
        "alan": {notebooks[0]: Profile("all", bug), **dict.fromkeys(notebooks[1:], Profile("all"))},
        "barbara": dict.fromkeys(notebooks, Profile("first:2")),
        "margaret": dict.fromkeys(notebooks, Profile("none")),
        "linus": dict.fromkeys(notebooks, Profile("all")),
    }
    for student, profiles in cohort.items():
        write_submission(course, course.root / "submitted", student, MODULE, profiles)
        (course.root / "submitted" / student / MODULE / "timestamp.txt").write_text("2026-11-20 10:00:00.000000 UTC")
    broken = course.root / "submitted" / "linus" / MODULE / f"{notebooks[1]}.ipynb"
    broken.write_text(broken.read_text()[:300])
    return sorted(cohort)


def grade_command(root: Path, *extra: str) -> list[str]:
    return [sys.executable, "-m", "course", "grade", MODULE, "--workers", "2", *extra]


def env_for(root: Path) -> dict[str, str]:
    return {**os.environ, "COURSE_ROOT": str(root)}


def run_grade(root: Path, *extra: str) -> subprocess.CompletedProcess:
    return subprocess.run(grade_command(root, *extra), env=env_for(root), capture_output=True, text=True,
                          timeout=900)


def ledger_rows(workspace: Workspace) -> int:
    """Rows of the grading ledger; 0 before the grader created its table (any other error is an error)."""
    import sqlalchemy as sa

    if not sa.inspect(sa.create_engine(workspace.db_url)).has_table(ledger.LEDGER.name):
        return 0
    return len(ledger.entries(workspace, MODULE))


def digest(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def cohort_courses(tmp_path_factory, course):
    """Two identical copies of the course with the same five submissions: one to grade straight through
    (the reference), one to interrupt."""
    base = tmp_path_factory.mktemp("resume")
    first = base / "interrupted"
    first.mkdir()
    for name in ("nbgrader_config.py", "pyproject.toml"):
        shutil.copy(course.root / name, first / name)
    for name in ("source", "release"):
        shutil.copytree(course.root / name, first / name)
    shutil.copytree(course.root / "tests" / "variants", first / "tests" / "variants")
    students = make_cohort(Course(first))
    reference = base / "reference"
    shutil.copytree(first, reference)
    done = run_grade(reference)
    assert done.returncode == 0, done.stdout + done.stderr
    return Course(first), Course(reference), students


@pytest.mark.slow
def test_killed_runs_resume_to_the_gradebook_of_an_uninterrupted_run(cohort_courses):
    interrupted, reference, students = cohort_courses
    workspace = Workspace.of_course(interrupted)
    submitted_before = digest(interrupted.root / "submitted")
    for kill_after_rows in (0, 1, 3):
        process = subprocess.Popen(grade_command(interrupted.root), env=env_for(interrupted.root),
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 300
        while time.monotonic() < deadline and process.poll() is None:
            if kill_after_rows == 0:
                time.sleep(1.5)  # killed while starting up
                break
            if ledger_rows(workspace) >= kill_after_rows:
                break
            time.sleep(0.05)
        assert process.poll() is None, f"the run finished before it could be killed (after {kill_after_rows} rows)"
        graded_at_kill = ledger_rows(workspace)
        assert graded_at_kill < len(students), "the kill must interrupt a run that has work left"
        descendants = psutil.Process(process.pid).children(recursive=True)
        process.send_signal(signal.SIGKILL)
        process.wait()
        _gone, alive = psutil.wait_procs(descendants, timeout=15)
        assert not alive, f"processes outlived the killed grader: {[p.cmdline()[:3] for p in alive]}"
    done = run_grade(interrupted.root)
    assert done.returncode == 0, done.stdout + done.stderr
    assert gradebook_snapshot(workspace, MODULE) == gradebook_snapshot(Workspace.of_course(reference), MODULE)
    assert digest(interrupted.root / "submitted") == submitted_before, "submitted/ must never be modified"


@pytest.mark.slow
def test_unchanged_submissions_are_skipped_and_force_regrades(cohort_courses):
    _, reference, students = cohort_courses
    workspace = Workspace.of_course(reference)
    before = gradebook_snapshot(workspace, MODULE)
    again = run_grade(reference.root)
    assert again.returncode == 0, again.stdout + again.stderr
    assert f"{len(students)} unchanged since their last grading, skipped" in again.stdout
    assert gradebook_snapshot(workspace, MODULE) == before

    # a resubmission is graded again, the others are not
    notebook = sorted((reference.root / "submitted" / "margaret" / MODULE).glob("*.ipynb"))[0]
    shutil.copy(reference.root / "source" / MODULE / notebook.name, notebook)
    changed = run_grade(reference.root)
    assert f"{len(students) - 1} unchanged since their last grading, skipped" in changed.stdout, changed.stdout
    assert gradebook_snapshot(workspace, MODULE)["margaret"] != before["margaret"]

    forced = run_grade(reference.root, "--force")
    assert forced.returncode == 0 and "skipped" not in forced.stdout.split("\n")[-2]


def test_a_second_grading_run_is_refused_while_one_is_running(course_copy):
    from course.errors import CourseError
    from course.grading.lock import grading_lock

    workspace = Workspace.of_course(course_copy)
    with grading_lock(workspace), pytest.raises(CourseError, match="another grading run"), grading_lock(workspace):
        pass
    with grading_lock(workspace):
        pass  # released after the first run ends
