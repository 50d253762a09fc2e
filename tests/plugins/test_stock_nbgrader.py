"""Stock `nbgrader autograde` on this course gets what `course grade` gets (the hardened Execute, the course's
kernels in the sandbox) from nbgrader_config.py, and refuses to start a kernel, saying why, without a sandbox."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from course.grading.results import read_result
from course.proof.variants import Profile, write_submission
from course.sandbox.bwrap import availability
from course.workspace import Workspace

pytestmark = pytest.mark.integration


def nbgrader(course, *args: str, **env: str) -> subprocess.CompletedProcess:
    """Stock nbgrader as an instructor runs it: its own command, the environment not activated."""
    command = [str(Path(sys.executable).with_name("nbgrader")), *args]
    path = os.pathsep.join(p for p in os.environ["PATH"].split(os.pathsep) if p != str(Path(sys.executable).parent))
    return subprocess.run(command, cwd=course.root, env={**os.environ, "PATH": path, **env}, capture_output=True,
                          text=True, timeout=600)


def autograde(course, student: str, **env: str) -> subprocess.CompletedProcess:
    made = nbgrader(course, "generate_assignment", "02_beta", "--force")
    assert made.returncode == 0, made.stdout + made.stderr
    return nbgrader(course, "autograde", "02_beta", "--student", student, "--force", **env)


def test_stock_autograde_uses_the_course_execute_and_kernels(mini_course):
    if not availability()[0]:
        pytest.skip(availability()[1])
    notebooks = {path.stem: Profile("all") for path in mini_course.source_notebooks("02_beta")}
    write_submission(mini_course, mini_course.root / "submitted", "ana", "02_beta", notebooks)
    done = autograde(mini_course, "ana")
    assert done.returncode == 0, done.stdout + done.stderr
    graded = json.loads((mini_course.root / "autograded" / "ana" / "02_beta" / "1_words.ipynb").read_text())
    assert "events" in graded["metadata"].get("course", {}), "GuardedExecute did not run"
    result = read_result(Workspace.of_course(mini_course), "02_beta", "ana")
    assert result.auto_score() == result.auto_max() > 0


def test_stock_autograde_refuses_without_a_sandbox(mini_course):
    write_submission(mini_course, mini_course.root / "submitted", "ben", "02_beta", {"1_words": Profile("all")})
    done = autograde(mini_course, "ben", COURSE_BWRAP="")
    assert done.returncode != 0
    assert "no sandbox for learner code" in done.stdout + done.stderr
